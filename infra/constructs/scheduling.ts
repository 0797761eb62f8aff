import { Arn, ArnFormat, Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface SchedulingProps {
  /** Queues schedules deliver to, and the dead-letter queues of those schedules' targets. */
  readonly targetQueues: readonly IQueue[];
}

/**
 * One-time schedules (design.md, EventBridge Scheduler): the functions create them at run time in
 * this group, named deterministically, and each runs as `role`, which may do nothing but put a
 * message on one of the target queues (or their DLQs, where Scheduler drops what it cannot deliver).
 */
export class Scheduling extends Construct {
  readonly group: ScheduleGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: SchedulingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Named after the stack so the functions' grants (scoped to `schedule/<group>/*`) are readable
    // ARNs and a second stack in the same account gets its own group.
    this.group = new ScheduleGroup(this, 'Group', {
      scheduleGroupName: stack.stackName,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const schedulesOfThisGroup = Arn.format(
      {
        service: 'scheduler',
        resource: 'schedule',
        resourceName: `${this.group.scheduleGroupName}/*`,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      },
      stack,
    );
    this.role = new Role(this, 'Role', {
      description: 'Assumed by EventBridge Scheduler to deliver one-time schedules to the work queues',
      // Confused-deputy guard: only this account's schedules in this group may assume the role.
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': schedulesOfThisGroup },
        },
      }),
    });
    if (props.targetQueues.length > 0) {
      this.role.addToPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['sqs:SendMessage'],
          resources: props.targetQueues.map((queue) => queue.queueArn),
        }),
      );
    }
  }
}
