import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { envNames } from '../../functions/shared/env-names.ts';
import { routes } from '../../functions/http/routes.ts';
import { queues } from '../../events/queues.ts';
import { startQueuePoller } from '../../infra/local/queue-poller.ts';
import { api, eventually, mailbox, stack } from '../support/api.ts';
import { runDue } from '../support/scheduler.ts';

const sqs = new SQSClient({});
const scheduler = new SchedulerClient({});

describe('the local stack', () => {
  it('answers health 200 once every emulated service answers', async () => {
    const answer = await api('GET', '/v1/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok' });
  });

  it('publishes OpenAPI 3.1 generated from the route table, without local-only routes', async () => {
    const answer = await api('GET', '/v1/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    for (const route of routes) {
      const operation = answer.body.paths[route.path]?.[route.method.toLowerCase()];
      if ('localOnly' in route && route.localOnly) expect(operation).toBeUndefined();
      else expect(operation?.operationId).toBe(route.operationId);
    }
    // Every error answer carries the contract's shape, its code an enum of what that route can answer.
    const conflict = answer.body.paths['/v1/groups/{groupId}/uses'].post.responses['409'];
    const error = conflict.content['application/json'].schema.properties.error;
    expect(error.required).toEqual(expect.arrayContaining(['code', 'message', 'requestId', 'support']));
    expect(error.properties.code.enum).toContain('INSUFFICIENT_BALANCE');
  });

  it('answers an unknown route 404 in the contract error shape', async () => {
    const answer = await api('GET', '/v1/no-such-thing');
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('NOT_FOUND');
  });

  it('answers a CORS preflight', async () => {
    const answer = await api('OPTIONS', '/v1/health', {
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-allow-headers')).toContain('idempotency-key');
  });
});

describe('the email worker behind the queue poller', () => {
  const emailQueueUrl = () => stack().env[envNames.queueUrl('email')]!;

  it('sends a queued email through SES exactly once, even when the message is delivered twice', async () => {
    const dedupeKey = `once-${Date.now()}`;
    const message = {
      v: 1,
      type: 'email.send',
      dedupeKey,
      to: ['learner@example.com'],
      subject: `Hello ${dedupeKey}`,
      html: '<p>Hello</p>',
      text: 'Hello',
    };
    await sqs.send(
      new SendMessageCommand({ QueueUrl: emailQueueUrl(), MessageBody: JSON.stringify(message) }),
    );
    await sqs.send(
      new SendMessageCommand({ QueueUrl: emailQueueUrl(), MessageBody: JSON.stringify(message) }),
    );
    const sent = await eventually(async () => {
      const mails = (await mailbox()).filter((m) => m.subject === message.subject);
      return mails.length > 0 ? mails : undefined;
    });
    // Give the second delivery time to be processed, then check it sent nothing.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await mailbox()).filter((m) => m.subject === message.subject)).toHaveLength(1);
    expect(sent[0]!.destination.to).toEqual(['learner@example.com']);
    expect(sent[0]!.body.text?.trim()).toBe('Hello');
  });

  it('retries a message whose worker throws and, after maxReceiveCount, leaves it in the DLQ', async () => {
    const poison = JSON.stringify({
      v: 1,
      type: 'email.send',
      dedupeKey: `poison-${Date.now()}`,
      to: ['not-an-email'],
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: emailQueueUrl(), MessageBody: poison }));
    const dlqUrl = stack().dlqUrls.email!;
    const inDlq = await eventually(async () => {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: dlqUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          AttributeNames: ['All'],
        }),
      );
      return Messages?.find((m) => m.Body === poison);
    }, 40_000);
    expect(inDlq.Body).toBe(poison);
  }, 60_000);
});

describe('the queue poller (Lambda SQS event source semantics)', () => {
  it('retries only the failed record of a batch, maxReceiveCount times, then SQS moves it to the DLQ', async () => {
    const suffix = Date.now();
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `poller-dlq-${suffix}` }));
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    const source = await sqs.send(
      new CreateQueueCommand({
        QueueName: `poller-${suffix}`,
        Attributes: {
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }),
        },
      }),
    );
    const attempts = new Map<string, number>();
    const poller = startQueuePoller({
      sqs,
      queueUrl: source.QueueUrl!,
      queueArn: 'arn:aws:sqs:eu-west-1:123456789012:poller',
      region: 'eu-west-1',
      definition: { ...queues.email, batchSize: 10 },
      functionName: 'counting-worker',
      timeoutSeconds: 5,
      concurrency: 1,
      log: () => undefined,
      loadHandler: async () => async (event) => {
        for (const record of event.Records) attempts.set(record.body, (attempts.get(record.body) ?? 0) + 1);
        return {
          batchItemFailures: event.Records.filter((r) => r.body === 'bad').map((r) => ({
            itemIdentifier: r.messageId,
          })),
        };
      },
    });
    try {
      await sqs.send(new SendMessageCommand({ QueueUrl: source.QueueUrl, MessageBody: 'good' }));
      await sqs.send(new SendMessageCommand({ QueueUrl: source.QueueUrl, MessageBody: 'bad' }));
      const dead = await eventually(async () => {
        const { Messages } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, WaitTimeSeconds: 1 }),
        );
        return Messages?.[0];
      }, 30_000);
      expect(dead.Body).toBe('bad');
      expect(attempts.get('bad')).toBe(3);
      expect(attempts.get('good')).toBe(1);
    } finally {
      await poller.stop();
    }
  }, 45_000);
});

describe('the queue poller scaling with the backlog', () => {
  it('works a backlog with every consumer at once, and polls a drained queue with one', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `poller-scale-${Date.now()}` }));
    const polling = new SQSClient({});
    let receives = 0;
    polling.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'ReceiveMessageCommand') receives += 1;
        return next(args);
      },
      { step: 'initialize' },
    );
    let running = 0;
    let mostAtOnce = 0;
    let handled = 0;
    const poller = startQueuePoller({
      sqs: polling,
      queueUrl: QueueUrl!,
      queueArn: 'arn:aws:sqs:eu-west-1:123456789012:poller-scale',
      region: 'eu-west-1',
      definition: { batchSize: 1 },
      functionName: 'slow-worker',
      timeoutSeconds: 5,
      concurrency: 3,
      log: () => undefined,
      loadHandler: async () => async (event) => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((r) => setTimeout(r, 300));
        running -= 1;
        handled += event.Records.length;
      },
    });
    try {
      // The extra consumers are asleep on the empty queue by now; the first batch wakes them, so the
      // three messages are worked at once (not the first alone, then the other two).
      await new Promise((r) => setTimeout(r, 500));
      for (let i = 0; i < 3; i++)
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `job ${i}` }));
      await eventually(async () => (handled === 3 ? true : undefined), 20_000);
      expect(mostAtOnce).toBe(3);
      // Drained: the extra consumers stop asking; the first asks about once per 200 ms pause.
      await new Promise((r) => setTimeout(r, 500));
      const before = receives;
      await new Promise((r) => setTimeout(r, 2_000));
      expect(receives - before).toBeLessThanOrEqual(12);
    } finally {
      await poller.stop();
      polling.destroy();
    }
  });
});

describe('the EventBridge Scheduler stand-in', () => {
  // The default group, so run-due here never fires the application's own release schedules.
  const group = () => 'default';

  async function targetQueue() {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: `schedule-target-${Date.now()}` }),
    );
    const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] })))
      .Attributes!.QueueArn!;
    return { url: QueueUrl!, arn };
  }

  const oneTime = (name: string, at: string, targetArn: string, input: string, timeZone = 'UTC') =>
    new CreateScheduleCommand({
      Name: name,
      GroupName: group(),
      ScheduleExpression: `at(${at})`,
      ScheduleExpressionTimezone: timeZone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: targetArn,
        RoleArn: stack().env[envNames.schedulerRoleArn]!,
        Input: input,
        RetryPolicy: { MaximumRetryAttempts: 3 },
      },
    });

  /** A one-time schedule of a fresh name (`label-…`) created to fire `input` into a fresh queue. */
  async function scheduledOnce(label: string, at: string, input: string, timeZone?: string) {
    const target = await targetQueue();
    const name = `${label}-${Date.now()}`;
    await scheduler.send(oneTime(name, at, target.arn, input, timeZone));
    return { target, name };
  }

  it('fires a one-time schedule into its queue on run-due and deletes it afterwards', async () => {
    const { target, name } = await scheduledOnce('release', '2031-01-15T09:00:00', '{"hello":"world"}');
    expect(
      (await scheduler.send(new GetScheduleCommand({ Name: name, GroupName: group() }))).ScheduleExpression,
    ).toBe('at(2031-01-15T09:00:00)');

    expect(await runDue('2031-01-15T08:59:59Z', 'default', [name])).toBe(0);
    expect(await runDue('2031-01-15T09:00:00Z', 'default', [name])).toBe(1);

    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: target.url, WaitTimeSeconds: 1 }),
    );
    expect(Messages?.map((m) => m.Body)).toEqual(['{"hello":"world"}']);
    await expect(
      scheduler.send(new GetScheduleCommand({ Name: name, GroupName: group() })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers ConflictException for a second schedule of the same name, and deletes like AWS', async () => {
    const { target, name } = await scheduledOnce('release-dup', '2031-02-01T00:00:00', '{}');
    await expect(
      scheduler.send(oneTime(name, '2031-02-01T00:00:00', target.arn, '{}')),
    ).rejects.toBeInstanceOf(ConflictException);
    await scheduler.send(new DeleteScheduleCommand({ Name: name, GroupName: group() }));
    await expect(
      scheduler.send(new DeleteScheduleCommand({ Name: name, GroupName: group() })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('honours the schedule time zone', async () => {
    const { name } = await scheduledOnce('release-tz', '2032-07-01T12:00:00', '"tz"', 'Europe/Paris');
    // 12:00 in Paris in summer is 10:00 UTC.
    expect(await runDue('2032-07-01T09:59:59Z', 'default', [name])).toBe(0);
    expect(await runDue('2032-07-01T10:00:00Z', 'default', [name])).toBe(1);
  });

  it('fires only the named schedules when run-due is given names, leaving another due one alone', async () => {
    const target = await targetQueue();
    const [mine, theirs] = [`release-mine-${Date.now()}`, `release-theirs-${Date.now()}`];
    await scheduler.send(oneTime(mine, '2033-03-01T00:00:00', target.arn, '"mine"'));
    await scheduler.send(oneTime(theirs, '2033-02-01T00:00:00', target.arn, '"theirs"'));

    expect(await runDue('2033-04-01T00:00:00Z', 'default', [mine])).toBe(1);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: target.url, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }),
    );
    expect(Messages?.map((m) => m.Body)).toEqual(['"mine"']);
    // The other file's schedule, due earlier, is still there, unfired.
    expect((await scheduler.send(new GetScheduleCommand({ Name: theirs, GroupName: group() }))).Name).toBe(
      theirs,
    );
    expect(await runDue('2033-04-01T00:00:00Z', 'default', [theirs])).toBe(1);
  });

  it('refuses a run-due whose names are not a non-empty list of names', async () => {
    for (const names of [[], 'release-x', [''], [1]]) {
      const answer = await api('POST', '/_local/scheduler/run-due', {
        body: { asOf: '2033-04-01T00:00:00Z', groupName: 'default', names },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});
