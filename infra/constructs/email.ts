import { Arn, Stack } from 'aws-cdk-lib';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
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
 * Delivery, bounce and complaint events are the configuration set's business: the ses-events worker
 * (design.md) subscribes by adding an event destination to `configurationSet` once its queue exists.
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
