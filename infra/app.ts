import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ProfileSharingStack } from './stack.ts';

/**
 * CDK entry (cdk.json). Context, all optional (`npx cdk synth -c key=value`):
 * - `jwtIssuer` + `jwtAudience`: trust that OIDC provider; without both, a Cognito user pool is made;
 * - `mailFrom`: the sender (its domain gets an SES identity); `appUrl`; `supportEmail`.
 * cdk-nag's AwsSolutions pack runs on every synth as a policy validation plugin (cdk-nag 3 uses CDK's
 * native validations): any finding not acknowledged with `Validations.of(...).acknowledge` fails it.
 */
const app = new App();

const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context ${key} must be a string`);
  return value;
};

const jwtIssuer = context('jwtIssuer');
const jwtAudience = context('jwtAudience');
if ((jwtIssuer === undefined) !== (jwtAudience === undefined)) {
  throw new Error('Give both jwtIssuer and jwtAudience, or neither (a Cognito user pool is then created)');
}

new ProfileSharingStack(app, 'ProfileSharing', {
  description: 'Profile sharing backend: HTTP API, workers, table, buckets, queues, mail, schedules',
  jwt: jwtIssuer && jwtAudience ? { issuer: jwtIssuer, audience: jwtAudience } : undefined,
  mailFrom: context('mailFrom'),
  appUrl: context('appUrl'),
  supportEmail: context('supportEmail'),
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
