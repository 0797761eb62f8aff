import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { deadLetteredQueueIds } from '../events/queues.ts';
import { Api, type JwtIssuer } from './constructs/api.ts';
import { Data } from './constructs/data.ts';
import { DeliveryTracking, Email } from './constructs/email.ts';
import { Observability } from './constructs/observability.ts';
import { OutboxRelay } from './constructs/outbox-relay.ts';
import { Scheduling } from './constructs/scheduling.ts';
import { Workers } from './constructs/workers.ts';

export interface ProfileSharingStackProps extends StackProps {
  /** External OIDC issuer and audience; undefined: a Cognito user pool is created. */
  readonly jwt?: JwtIssuer;
  /** The sender of every email; given, its domain gets an SES identity. */
  readonly mailFrom?: string;
  /** The web front end: links in emails point there, and it is the one CORS origin. */
  readonly appUrl?: string;
  readonly supportEmail?: string;
}

/** What an undeployable-by-accident default looks like: example.com is reserved (RFC 2606). */
export const stackDefaults = {
  mailFrom: 'Profiles <no-reply@example.com>',
  appUrl: 'https://app.example.com',
  supportEmail: 'help@example.com',
} as const;

/**
 * The whole backend in one stack: data, mail, work queues and workers, schedules, the HTTP API and
 * the alarms over all of it. Environment-agnostic (no lookups), so `cdk synth` runs offline.
 */
export class ProfileSharingStack extends Stack {
  readonly data: Data;
  readonly email: Email;
  readonly workers: Workers;
  readonly deliveryTracking: DeliveryTracking;
  readonly outboxRelay: OutboxRelay;
  readonly scheduling: Scheduling;
  readonly api: Api;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: ProfileSharingStackProps = {}) {
    super(scope, id, props);
    const mailFrom = props.mailFrom ?? stackDefaults.mailFrom;

    this.data = new Data(this, 'Data');
    this.email = new Email(this, 'Email', { mailFrom, createIdentity: props.mailFrom !== undefined });
    this.workers = new Workers(this, 'Workers', {
      table: this.data.table,
      buckets: this.data.buckets,
      mail: this.email.binding,
      appUrl: props.appUrl ?? stackDefaults.appUrl,
      supportEmail: props.supportEmail ?? stackDefaults.supportEmail,
    });
    const { queues, deadLetterQueues } = this.workers;
    // SES's delivery events for every email sent through the configuration set, to the ses-events worker.
    this.deliveryTracking = new DeliveryTracking(this, 'DeliveryTracking', {
      configurationSet: this.email.configurationSet,
      queue: queues['ses-events'],
      deadLetterQueue: deadLetterQueues['ses-events'],
    });
    // Sends what requests recorded in the outbox (with their work) to these queues.
    this.outboxRelay = new OutboxRelay(this, 'Outbox', { table: this.data.table, queues });
    // Every work queue is a schedule target for now; their DLQs too, where Scheduler drops undeliverable runs.
    this.scheduling = new Scheduling(this, 'Scheduling', {
      // Schedules only ever release invitations: the role may send to the release queue and its DLQ.
      targetQueues: [queues.release, deadLetterQueues.release],
    });
    this.api = new Api(this, 'Api', {
      jwt: props.jwt,
      appUrl: props.appUrl ?? stackDefaults.appUrl,
      supportEmail: props.supportEmail ?? stackDefaults.supportEmail,
      resources: {
        table: this.data.table,
        buckets: this.data.buckets,
        queues,
        mail: this.email.binding,
        scheduling: {
          group: this.scheduling.group,
          role: this.scheduling.role,
          target: { queue: queues.release, deadLetterQueue: deadLetterQueues.release },
        },
      },
    });
    this.workers.useApiUrl(this.api.httpApi.apiEndpoint);
    this.observability = new Observability(this, 'Observability', {
      deadLetterQueues: { ...deadLetterQueues, 'outbox-relay': this.outboxRelay.failures },
      consumedDeadLetterQueues: deadLetteredQueueIds,
      functions: [
        ...this.api.functions,
        ...this.workers.functions,
        this.outboxRelay.function,
        ...(this.api.tokenTrigger ? [this.api.tokenTrigger] : []),
      ],
    });

    const { api, observability } = this;
    new CfnOutput(this, 'ApiUrl', { value: api.httpApi.apiEndpoint });
    new CfnOutput(this, 'AlarmTopicArn', { value: observability.alarmTopic.topicArn });
    if (api.userPool && api.userPoolClient) {
      new CfnOutput(this, 'UserPoolId', { value: api.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: api.userPoolClient.userPoolClientId });
    }
  }
}
