import { Arn, ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import {
  CfnConfigurationSetEventDestination,
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { configurationSetTag, sesDetailTypes, trackedSesEventTypes } from '../../events/ses-events.ts';
import type { MailBinding } from './app-function.ts';

export interface EmailProps {
  /** The sender, `Name <address>` or a bare address. */
  readonly mailFrom: string;
  /**
   * Create the SES domain identity for the sender's domain. Off when the sender is only a default:
   * an identity for a domain nobody owns would wait for DNS records forever.
   */
  readonly createIdentity: boolean;
}

/** `Profiles <no-reply@example.com>` → `example.com`. */
export function senderDomain(mailFrom: string): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  const domain = address.trim().split('@')[1];
  if (!domain) throw new Error(`mailFrom "${mailFrom}" has no domain`);
  return domain.toLowerCase();
}

/**
 * Outgoing mail through SES: the configuration set every send names (TLS required, account-level
 * bounce and complaint suppression, reputation metrics) and, when a real sender is configured, the
 * domain identity (its DKIM records are in the identity's outputs and go into the domain's DNS).
 *
 * Delivery, bounce and complaint events are the configuration set's business: {@link DeliveryTracking}
 * publishes them to the ses-events queue once that queue exists.
 */
export class Email extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly identity?: EmailIdentity;
  /** Everything `AppFunction.bindMail` needs. */
  readonly binding: MailBinding;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    const domain = senderDomain(props.mailFrom);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    if (props.createIdentity) {
      this.identity = new EmailIdentity(this, 'Identity', {
        identity: Identity.domain(domain),
        configurationSet: this.configurationSet,
      });
    }
    const stack = Stack.of(this);
    this.binding = {
      from: props.mailFrom,
      identityArn: Arn.format({ service: 'ses', resource: 'identity', resourceName: domain }, stack),
      configurationSetName: this.configurationSet.configurationSetName,
      configurationSetArn: Arn.format(
        {
          service: 'ses',
          resource: 'configuration-set',
          resourceName: this.configurationSet.configurationSetName,
        },
        stack,
      ),
    };
  }
}

export interface DeliveryTrackingProps {
  readonly configurationSet: ConfigurationSet;
  /** The ses-events queue, which the ses-events worker consumes. */
  readonly queue: IQueue;
  /** Where EventBridge leaves an event it could not put on `queue` (the queue's own DLQ, alarmed). */
  readonly deadLetterQueue: IQueue;
}

/**
 * How long, and how often, EventBridge keeps trying to put one SES event on the queue before it
 * gives up and leaves it in the dead-letter queue: a day of SQS trouble loses no delivery status.
 */
export const deliveryEventRetry = { maxEventAgeHours: 24, retryAttempts: 185 } as const;

/**
 * Delivery tracking in AWS (issue 11): the configuration set publishes the tracked SES events
 * (events/ses-events.ts) to the default event bus, the only bus SES publishes to, and a rule there
 * puts this configuration set's events, and no other sender's in the account, on the ses-events
 * queue. The local stack's SES event publisher puts the same events on the same queue.
 */
export class DeliveryTracking extends Construct {
  readonly eventDestination: CfnConfigurationSetEventDestination;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: DeliveryTrackingProps) {
    super(scope, id);
    const defaultBus = Arn.format(
      {
        service: 'events',
        resource: 'event-bus',
        resourceName: 'default',
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      },
      Stack.of(this),
    );
    const configurationSetName = props.configurationSet.configurationSetName;
    // The L1 resource, because the L2's event list is typed by CDK's lower-case names and the tracked
    // types are written once, in events/ (SES accepts the API v2 upper-case names in CloudFormation).
    this.eventDestination = new CfnConfigurationSetEventDestination(this, 'EventDestination', {
      configurationSetName,
      eventDestination: {
        enabled: true,
        matchingEventTypes: [...trackedSesEventTypes],
        eventBridgeDestination: { eventBusArn: defaultBus },
      },
    });

    this.rule = new Rule(this, 'Rule', {
      description:
        'SES delivery, bounce, complaint, reject and delay events of this stack to the ses-events queue',
      eventPattern: {
        source: ['aws.ses'],
        detailType: Object.values(sesDetailTypes),
        // SES tags every event of a send with the configuration set it named: another application
        // sending from this account (its own configuration set) never reaches this queue.
        detail: { mail: { tags: { [configurationSetTag]: [configurationSetName] } } },
      },
    });
    // Grants events.amazonaws.com SendMessage on the queue, and on the dead-letter queue, each only
    // for this rule (aws:SourceArn); the queues use SQS-managed keys, which EventBridge can write to.
    this.rule.addTarget(
      new SqsQueue(props.queue, {
        deadLetterQueue: props.deadLetterQueue,
        maxEventAge: Duration.hours(deliveryEventRetry.maxEventAgeHours),
        retryAttempts: deliveryEventRetry.retryAttempts,
      }),
    );
  }
}
