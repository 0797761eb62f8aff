import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { GetQueueUrlCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/**
 * A small stand-in for EventBridge Scheduler, speaking the part of its REST-JSON protocol this
 * project uses, so handlers reach it through `@aws-sdk/client-scheduler` with only an endpoint
 * override: CreateSchedule, GetSchedule, DeleteSchedule and GetScheduleGroup for one-time `at()`
 * schedules with SQS targets. It answers ConflictException / ResourceNotFoundException /
 * ValidationException as AWS does, fires due schedules into their target queue (a timer on the real
 * clock, or `runDue(asOf)` to travel in time), honours ActionAfterCompletion DELETE, retries a
 * failed delivery up to the target's RetryPolicy and then sends the input to its DLQ.
 * No such emulator exists on the npm registry, hence this one.
 */
interface Schedule {
  Name: string;
  GroupName: string;
  Arn: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone: string;
  State: 'ENABLED' | 'DISABLED';
  ActionAfterCompletion: 'NONE' | 'DELETE';
  FlexibleTimeWindow: { Mode: string; MaximumWindowInMinutes?: number };
  Target: {
    Arn: string;
    RoleArn: string;
    Input?: string;
    RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
    DeadLetterConfig?: { Arn?: string };
  };
  CreationDate: number;
  LastModificationDate: number;
  /** When it fires, epoch ms (derived from the at() expression and its time zone). */
  dueAtMs: number;
  fired: boolean;
  failedAttempts: number;
}

/**
 * Limits a run-due: test files share one stack, so a file moving time fires only its own schedules
 * (by exact name) and never another file's expiries or releases mid-test.
 */
export interface RunDueFilter {
  groupName?: string;
  names?: readonly string[];
}

export interface SchedulerStandIn {
  server: Server;
  /**
   * Fires every enabled schedule due at or before `asOf` (of one group if named, of only the named
   * schedules if `names` is given); answers how many fired.
   */
  runDue(asOf: Date, only?: RunDueFilter): Promise<number>;
  stop(): Promise<void>;
}

const accountId = '123456789012';

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** `at(2026-12-24T09:30:00)` in `timeZone` → epoch ms. */
export function parseAtExpression(expression: string, timeZone: string): number {
  const match = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression);
  if (!match) throw new ApiError(400, 'ValidationException', `Invalid Schedule Expression ${expression}.`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const wallClockAsUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  let offsetMs: number;
  try {
    offsetMs = zoneOffsetMs(wallClockAsUtc, timeZone);
  } catch {
    throw new ApiError(400, 'ValidationException', `Invalid time zone ${timeZone}.`);
  }
  return wallClockAsUtc - offsetMs;
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return (
    Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - instant
  );
}

export async function startSchedulerStandIn(options: {
  port: number;
  host: string;
  region: string;
  sqs: SQSClient;
  groups: string[];
  stateFile?: string;
  /** How often the real-clock timer looks for due schedules (0: never; tests use runDue). */
  tickMs: number;
  log?: (line: string) => void;
}): Promise<SchedulerStandIn> {
  const schedules = new Map<string, Schedule>();
  const groups = new Set(['default', ...options.groups]);
  const id = (group: string, name: string) => `${group}/${name}`;
  if (options.stateFile) {
    try {
      for (const s of JSON.parse(readFileSync(options.stateFile, 'utf8')) as Schedule[])
        schedules.set(id(s.GroupName, s.Name), s);
    } catch {
      // No saved state yet.
    }
  }
  const save = () => {
    if (options.stateFile) writeFileSync(options.stateFile, JSON.stringify([...schedules.values()], null, 2));
  };

  async function deliver(schedule: Schedule): Promise<void> {
    const queueName = schedule.Target.Arn.split(':').pop()!;
    const { QueueUrl } = await options.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
    await options.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: schedule.Target.Input ?? '{}' }));
  }

  async function fire(schedule: Schedule): Promise<boolean> {
    try {
      await deliver(schedule);
      options.log?.(`scheduler: fired ${schedule.GroupName}/${schedule.Name} into ${schedule.Target.Arn}`);
    } catch (error) {
      schedule.failedAttempts += 1;
      const maxAttempts = schedule.Target.RetryPolicy?.MaximumRetryAttempts ?? 185;
      if (schedule.failedAttempts <= maxAttempts) {
        save();
        return false;
      }
      const dlq = schedule.Target.DeadLetterConfig?.Arn;
      options.log?.(
        `scheduler: ${schedule.Name} failed (${(error as Error).message}); to DLQ ${dlq ?? '(none)'}`,
      );
      if (dlq) {
        const { QueueUrl } = await options.sqs.send(
          new GetQueueUrlCommand({ QueueName: dlq.split(':').pop()! }),
        );
        await options.sqs.send(
          new SendMessageCommand({ QueueUrl, MessageBody: schedule.Target.Input ?? '{}' }),
        );
      }
    }
    if (schedule.ActionAfterCompletion === 'DELETE') schedules.delete(id(schedule.GroupName, schedule.Name));
    else schedule.fired = true;
    save();
    return true;
  }

  let firing: Promise<unknown> = Promise.resolve();
  /** Serialised, so the timer and a run-due request never fire one schedule twice. */
  function runDue(asOf: Date, only: RunDueFilter = {}): Promise<number> {
    const names = only.names && new Set(only.names);
    const run = firing.then(async () => {
      let fired = 0;
      const due = [...schedules.values()]
        .filter((s) => s.State === 'ENABLED' && !s.fired && s.dueAtMs <= asOf.getTime())
        .filter((s) => only.groupName === undefined || s.GroupName === only.groupName)
        .filter((s) => names === undefined || names.has(s.Name))
        .sort((a, b) => a.dueAtMs - b.dueAtMs);
      for (const schedule of due) if (await fire(schedule)) fired += 1;
      return fired;
    });
    firing = run.catch(() => undefined);
    return run;
  }

  function create(name: string, body: Record<string, unknown>): Schedule {
    const group = (body.GroupName as string | undefined) ?? 'default';
    if (!groups.has(group))
      throw new ApiError(404, 'ResourceNotFoundException', `Schedule group ${group} does not exist.`);
    if (schedules.has(id(group, name)))
      throw new ApiError(409, 'ConflictException', `Schedule ${name} already exists.`);
    const target = body.Target as Schedule['Target'] | undefined;
    if (!target?.Arn || !target.RoleArn)
      throw new ApiError(400, 'ValidationException', 'Target Arn and RoleArn are required.');
    if (!(body.FlexibleTimeWindow as { Mode?: string } | undefined)?.Mode) {
      throw new ApiError(400, 'ValidationException', 'FlexibleTimeWindow is required.');
    }
    const expression = String(body.ScheduleExpression ?? '');
    const timeZone = (body.ScheduleExpressionTimezone as string | undefined) ?? 'UTC';
    const now = Date.now() / 1000;
    return {
      Name: name,
      GroupName: group,
      Arn: `arn:aws:scheduler:${options.region}:${accountId}:schedule/${group}/${name}`,
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: timeZone,
      State: (body.State as Schedule['State'] | undefined) ?? 'ENABLED',
      ActionAfterCompletion:
        (body.ActionAfterCompletion as Schedule['ActionAfterCompletion'] | undefined) ?? 'NONE',
      FlexibleTimeWindow: body.FlexibleTimeWindow as Schedule['FlexibleTimeWindow'],
      Target: target,
      CreationDate: now,
      LastModificationDate: now,
      dueAtMs: parseAtExpression(expression, timeZone),
      fired: false,
      failedAttempts: 0,
    };
  }

  async function route(req: IncomingMessage, url: URL, body: Record<string, unknown>): Promise<unknown> {
    const scheduleMatch = /^\/schedules\/([^/]+)$/.exec(url.pathname);
    const groupMatch = /^\/schedule-groups\/([^/]+)$/.exec(url.pathname);
    if (scheduleMatch) {
      const name = decodeURIComponent(scheduleMatch[1]!);
      const group = url.searchParams.get('groupName') ?? 'default';
      if (req.method === 'POST') {
        const schedule = create(name, body);
        schedules.set(id(schedule.GroupName, name), schedule);
        save();
        return { ScheduleArn: schedule.Arn };
      }
      const existing = schedules.get(id(group, name));
      if (!existing) throw new ApiError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
      if (req.method === 'GET') {
        const { dueAtMs: _due, fired: _fired, failedAttempts: _attempts, ...visible } = existing;
        return visible;
      }
      if (req.method === 'DELETE') {
        schedules.delete(id(group, name));
        save();
        return {};
      }
    }
    if (groupMatch && req.method === 'GET') {
      const name = decodeURIComponent(groupMatch[1]!);
      if (!groups.has(name))
        throw new ApiError(404, 'ResourceNotFoundException', `Schedule group ${name} does not exist.`);
      return {
        Arn: `arn:aws:scheduler:${options.region}:${accountId}:schedule-group/${name}`,
        Name: name,
        State: 'ACTIVE',
      };
    }
    throw new ApiError(400, 'ValidationException', `Unsupported operation ${req.method} ${url.pathname}`);
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://scheduler.local');
      let body: Record<string, unknown>;
      try {
        body = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
          : {};
      } catch {
        body = {};
      }
      route(req, url, body).then(
        (answer) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer));
        },
        (error: unknown) => {
          const apiError =
            error instanceof ApiError ? error : new ApiError(500, 'InternalServerException', String(error));
          res.writeHead(apiError.status, {
            'content-type': 'application/json',
            'x-amzn-errortype': apiError.type,
          });
          res.end(JSON.stringify({ Message: apiError.message }));
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const timer =
    options.tickMs > 0
      ? setInterval(() => void runDue(new Date()).catch(() => undefined), options.tickMs)
      : undefined;
  return {
    server,
    runDue,
    async stop() {
      if (timer) clearInterval(timer);
      await firing;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
