import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateScheduleCommand, GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, describe, expect, it } from 'vitest';
import { envNames } from '../../functions/shared/env-names.ts';
import { localNames } from '../../infra/local/config.ts';
import { startLocalStack, type LocalStack } from '../../infra/local/stack.ts';
import { freeLocalPorts } from '../support/free-ports.ts';

/**
 * `npm start` keeps its data under one directory (.local/ by default): a restart finds the table's
 * items, the buckets' objects, pending schedules and the token issuer's key (so tokens minted before
 * the restart still work). This file runs a stack of its own on a data directory.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'restart-'));
let running: LocalStack | undefined;
afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// The same ports both times, as `npm start` uses: handler modules (and their SDK clients) stay loaded
// in this process across the restart.
const ports = freeLocalPorts();
const start = async () =>
  (running = await startLocalStack({ ports: await ports, dataDir, schedulerTickMs: 0 }));
const stop = async () => {
  await running?.stop();
  running = undefined;
};

async function call(stack: LocalStack, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

// The SDK reads the endpoints from the environment the stack sets on this process.
const s3 = () => new S3Client({ forcePathStyle: true });
const scheduler = () => new SchedulerClient({});

describe('the local stack on a data directory', { timeout: 120_000 }, () => {
  it('keeps table items, objects, schedules and the issuer key across a restart', async () => {
    let stack = await start();
    const token = await stack.mintToken({
      sub: 'admin-1',
      email: 'ada@example.com',
      org: 'org-restart',
      roles: ['admin'],
    });
    const created = await call(stack, token, 'POST', '/v1/learners', {
      name: 'Zoë Ægir',
      email: 'zoe@example.com',
      preferredLanguage: 'nl',
    });
    expect(created.status).toBe(201);
    await s3().send(
      new PutObjectCommand({
        Bucket: localNames.bucket('exports'),
        Key: 'kept/file.txt',
        Body: 'still here',
      }),
    );
    await scheduler().send(
      new CreateScheduleCommand({
        Name: 'kept-schedule',
        ScheduleExpression: 'at(2030-01-01T00:00:00)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: stack.env[envNames.schedulerTargetArn]!,
          RoleArn: stack.env[envNames.schedulerRoleArn]!,
          Input: '{}',
        },
      }),
    );
    await stop();

    stack = await start();
    const found = await call(stack, token, 'GET', `/v1/learners/${created.body.id}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ name: 'Zoë Ægir', preferredLanguage: 'nl' });
    const object = await s3().send(
      new GetObjectCommand({ Bucket: localNames.bucket('exports'), Key: 'kept/file.txt' }),
    );
    expect(await object.Body!.transformToString()).toBe('still here');
    const schedule = await scheduler().send(new GetScheduleCommand({ Name: 'kept-schedule' }));
    expect(schedule.ScheduleExpression).toBe('at(2030-01-01T00:00:00)');
  });
});
