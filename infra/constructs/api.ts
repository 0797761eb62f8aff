import { Duration, Validations } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  LogGroupLogDestination,
  type HttpStage,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpJwtAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolOperation,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { needsOfEntry } from '../../functions/http/needs.ts';
import { routes } from '../../functions/http/routes.ts';
import { roles, routeKey, type RouteSpec } from '../../functions/http/route-definition.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import {
  AppFunction,
  entryId,
  pascalCase,
  type AppResources,
  type SchedulingBinding,
} from './app-function.ts';

/** An external OpenID Connect provider whose tokens the API accepts. */
export interface JwtIssuer {
  readonly issuer: string;
  readonly audience: string;
}

export interface ApiProps {
  /** External token issuer; undefined: a Cognito user pool and app client are created and trusted. */
  readonly jwt?: JwtIssuer;
  readonly appUrl: string;
  readonly supportEmail: string;
  /** What the functions may be granted; each gets only what its family declares (functions/http/needs.ts). */
  readonly resources: AppResources & { readonly scheduling: SchedulingBinding };
}

/** The routes CDK deploys: the route table minus what only the local stack serves. */
export const deployedRoutes: readonly RouteSpec[] = routes.filter(
  (route: RouteSpec) => route.localOnly !== true,
);

/**
 * API Gateway's default account quota is 10,000 requests/s; this caps one client gone wrong far
 * below it. Per-route limits can be added on the stage if a route needs its own.
 */
const throttle = { rateLimit: 50, burstLimit: 100 };

/** HTTP API integrations give up after 30 s; handlers answer well within 10 s or fail. */
const httpFunctionTimeout = Duration.seconds(10);

/**
 * The HTTP API of the route table (functions/http/routes.ts): one Lambda per resource family
 * (`entry`), one API route per row, the JWT authorizer on every route that is not public.
 *
 * Each function is granted exactly what its family declares beside its routes (`<family>Needs`,
 * functions/http/needs.ts): the OpenAPI function touches no data, read-only families cannot write,
 * and only the invitations may schedule or pass the scheduler's role. Plain settings (support
 * address, app and API URLs) are no grants and go to every HTTP function: error answers and links
 * are made from them.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly functions: readonly AppFunction[];
  /** Created when no external issuer is configured. */
  readonly userPool?: UserPool;
  /** Cognito's pre-token-generation trigger (none with an external issuer). */
  readonly tokenTrigger?: AppFunction;
  readonly userPoolClient?: UserPoolClient;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const allowOrigin = new URL(props.appUrl).origin;

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Profile sharing API (functions/http/routes.ts)',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [allowOrigin],
        allowMethods: [...new Set(deployedRoutes.map((route) => CorsHttpMethod[route.method]))],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        maxAge: Duration.days(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // HTTP API context variables (the REST API's standard formats name variables HTTP APIs lack).
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    let authorizer: IHttpRouteAuthorizer;
    let tokenTrigger: AppFunction | undefined;
    if (props.jwt) {
      authorizer = new HttpJwtAuthorizer('JwtAuthorizer', props.jwt.issuer, {
        jwtAudience: [props.jwt.audience],
      });
    } else {
      ({ userPool: this.userPool, userPoolClient: this.userPoolClient, tokenTrigger } = createUserPool(this));
      authorizer = new HttpUserPoolAuthorizer('UserPoolAuthorizer', this.userPool, {
        userPoolClients: [this.userPoolClient],
      });
    }

    const byEntry = new Map<string, AppFunction>();
    for (const entry of new Set(deployedRoutes.map((route) => route.entry))) {
      const fn = new AppFunction(this, `${entryId(entry)}Function`, {
        entry,
        timeout: httpFunctionTimeout,
        environment: {
          [envNames.supportEmail]: props.supportEmail,
          [envNames.appUrl]: props.appUrl,
          [envNames.apiUrl]: this.httpApi.apiEndpoint,
        },
      });
      fn.grantNeeds(needsOfEntry(entry), props.resources);
      byEntry.set(entry, fn);
    }
    this.functions = [...byEntry.values()];
    this.tokenTrigger = tokenTrigger;

    const integrations = new Map(
      [...byEntry].map(([entry, fn]) => [
        entry,
        new HttpLambdaIntegration(`${entryId(entry)}Integration`, fn),
      ]),
    );
    for (const route of deployedRoutes) {
      const httpRoute = new HttpRoute(this, `Route${pascalCase(routeKey(route))}`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrations.get(route.entry)!,
        ...(route.access === 'public' ? {} : { authorizer }),
      });
      if (route.access === 'public') {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${routeKey(route)} is public by design (access: 'public' in the route table).`,
        });
      }
    }

    // A path no route matches: API Gateway would answer its own `{"message":"Not Found"}`. The
    // $default route hands it to the OpenAPI document's function instead, whose wrapper serves no
    // such route and answers 404 NOT_FOUND in the contract's error shape. CORS preflights never
    // get here: with `corsPreflight` set, API Gateway answers OPTIONS before matching any route.
    const unknownPaths = new HttpRoute(this, 'RouteDefault', {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.DEFAULT,
      integration: integrations.get(openApiEntry)!,
    });
    Validations.of(unknownPaths).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The $default route only answers 404 NOT_FOUND for paths the API does not have; it reads no data.',
    });
  }
}

/** The entry serving the OpenAPI document, from the route table (it also answers unknown paths). */
const openApiEntry = routes.find((route) => route.operationId === 'getOpenApi')!.entry;

/**
 * The default identity provider. The handlers authorise by the tokens' `org` and `roles` claims
 * (functions/shared/http/caller.ts): an external issuer puts them in its tokens; here a
 * pre-token-generation trigger adds them from the user's `custom:org` attribute and role groups,
 * both of which only administrators can change.
 */
function createUserPool(scope: Construct): {
  userPool: UserPool;
  userPoolClient: UserPoolClient;
  tokenTrigger: AppFunction;
} {
  const userPool = new UserPool(scope, 'UserPool', {
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    autoVerify: { email: true },
    // A changed email only takes effect once verified: invitations and domain-restricted codes
    // trust the token's email, so it must never be an address the user does not own.
    keepOriginal: { email: true },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
    },
    mfa: Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
    featurePlan: FeaturePlan.ESSENTIALS,
    deletionProtection: true,
    // The tenant of each user, set by administrators (the web client may not write it).
    customAttributes: { org: new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }) },
  });
  // One group per role; the pre-token trigger turns a user's groups into the `roles` claim.
  for (const role of roles) {
    new CfnUserPoolGroup(scope, `${pascalCase(role)}Group`, {
      userPoolId: userPool.userPoolId,
      groupName: role,
    });
  }
  const tokenTrigger = new AppFunction(scope, 'PreTokenGenerationTrigger', {
    entry: 'functions/triggers/pre-token-generation.ts',
    description: 'Adds org and roles claims to Cognito tokens',
  });
  userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, tokenTrigger, LambdaVersion.V2_0);
  Validations.of(userPool).acknowledge(
    {
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional: clients sign in once to redeem a code; practitioners can turn TOTP on for themselves.',
    },
    {
      id: 'AwsSolutions-COG8',
      reason:
        'Essentials, not Plus: Plus is priced per monthly active user and its threat protection is not needed for code redemption and practitioner sign-in yet.',
    },
  );
  const userPoolClient = userPool.addClient('WebClient', {
    authFlows: { userSrp: true },
    generateSecret: false,
    preventUserExistenceErrors: true,
    disableOAuth: true,
    // Users may change their name, never their organisation (custom:org is an administrator's call).
    writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
  });
  return { userPool, userPoolClient, tokenTrigger };
}
