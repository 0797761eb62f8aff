import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { LocalPorts } from '../../infra/local/config.ts';
import { callerOf, learnerWithProfile } from '../support/own-stack.ts';
import { freeLocalPorts } from '../support/free-ports.ts';

/**
 * Fault injection (bounded, localhost only): a local stack of this file's own, in a child process
 * on a data directory, as `npm start` runs it. Shares and invitations are accepted while SQS is
 * unreachable (so nothing accepted can have reached a queue), the stack is killed with SIGKILL right
 * after their answers, and started again on the same data directory: every accepted share and
 * invitation must then be emailed exactly once, and the balance invariant hold.
 *
 * Without the outbox, the requests themselves fail (the request path sent to SQS), or, had they
 * been answered, their messages would have died with the process.
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dataDir = mkdtempSync(join(tmpdir(), 'fault-outbox-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Process groups this file started, so none outlives its test (DynamoDB Local's java included). */
const groups = new Set<number>();
const killGroup = (pid: number) => {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
};
afterEach(() => {
  for (const pid of groups) killGroup(pid);
  groups.clear();
});

async function startStack(ports: LocalPorts, options: { unreachableQueues: boolean; closedPort: number }) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'test/support/outbox-fault-stack.ts')],
    {
      cwd: root,
      detached: true,
      env: {
        ...process.env,
        FAULT_PORTS: JSON.stringify(ports),
        FAULT_DATA_DIR: dataDir,
        UNREACHABLE_QUEUES: options.unreachableQueues ? '1' : '0',
        CLOSED_PORT: String(options.closedPort),
      },
    },
  );
  groups.add(child.pid!);
  let output = '';
  await new Promise<void>((ready, failed) => {
    const guard = setTimeout(() => failed(new Error(`stack did not start:\n${output}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('STACK READY')) {
        clearTimeout(guard);
        ready();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(guard);
      failed(new Error(`stack exited (${code}):\n${output}`));
    });
  });
  const exited = new Promise<void>((gone) => child.once('exit', () => gone()));
  return {
    output: () => output,
    /** A crash: the whole process group, emulators included, at once. */
    async kill() {
      killGroup(child.pid!);
      await exited;
      groups.delete(child.pid!);
    },
  };
}

describe('the stack killed right after accepting shares and invitations', { timeout: 300_000 }, () => {
  it('emails every accepted share and invitation exactly once after a restart, and keeps the balance', async () => {
    const ports = await freeLocalPorts();
    // A port that was free a moment ago and that nothing listens on: "SQS is unreachable".
    const { api: closedPort } = await freeLocalPorts();
    const apiUrl = `http://127.0.0.1:${ports.api}`;
    const mailbox = async () =>
      (
        (await (await fetch(`http://127.0.0.1:${ports.ses}/store`)).json()) as {
          emails: { destination: { to: string[] }; subject: string }[];
        }
      ).emails;
    const call = callerOf(() => apiUrl);

    let stack = await startStack(ports, { unreachableQueues: true, closedPort });
    const minted = await fetch(`${apiUrl}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sub: 'pat-outbox',
        email: 'pat@outbox.example',
        name: 'Pat',
        org: 'org-outbox',
        roles: ['practitioner', 'admin'],
      }),
    });
    const { token } = (await minted.json()) as { token: string };
    const purchased = 10;
    expect(
      (await call(token, 'POST', '/v1/balance/purchases', { product: 'introductory', quantity: purchased }))
        .status,
    ).toBe(201);
    const learners = [];
    for (let i = 0; i < 4; i += 1) {
      const email = `learner${i}@outbox.example`;
      const { sharePath } = await learnerWithProfile(
        call,
        token,
        { name: `Learner ${i}`, email },
        { format: 'digital', results: { scores: [{ key: 'red', label: 'Fiery Red', value: 72 }] } },
      );
      learners.push({ email, path: sharePath });
    }

    // Accepted while no queue can be reached: the answers say so, and each is owed an email.
    const invitees = Array.from({ length: 5 }, (_, i) => `invitee${i}@outbox.example`);
    const answers = await Promise.all([
      ...learners.map((learner) => call(token, 'POST', learner.path, { delivery: 'link' })),
      ...invitees.map((email) => call(token, 'POST', '/v1/invitations', { email, product: 'introductory' })),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([
      ...learners.map(() => 202),
      ...invitees.map(() => 201),
    ]);
    // Nothing could go out meanwhile: the relay tried and found the queues unreachable too.
    const relayFailed = /outbox-relay\.ts: batch of \d+ failed/;
    const tried = Date.now() + 20_000;
    while (!relayFailed.test(stack.output()) && Date.now() < tried)
      await new Promise((r) => setTimeout(r, 200));
    expect(stack.output()).toMatch(relayFailed);
    expect(await mailbox()).toEqual([]);
    await stack.kill();

    // Restarted on the same data directory, with the queues back.
    stack = await startStack(ports, { unreachableQueues: false, closedPort });
    const expected = [...learners.map((learner) => learner.email), ...invitees].sort();
    const delivered = async () => (await mailbox()).flatMap((email) => email.destination.to).sort();
    const deadline = Date.now() + 90_000;
    while ((await delivered()).length < expected.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
    }
    // Exactly once each: nothing missing, and nothing more arrives a while later.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await delivered(), stack.output()).toEqual(expected);

    const balance = await call(token, 'GET', '/v1/balance');
    const { available, inGroups, used } = balance.body.products.introductory;
    expect(available + inGroups + used).toBe(purchased);
    expect(used).toBe(invitees.length);
    const shares = await Promise.all(
      learners.map(
        async (learner, i) =>
          (await call(token, 'GET', `${learner.path}/${answers[i]!.body.id}`)).body.status,
      ),
    );
    expect(shares).toEqual(learners.map(() => 'emailed'));
    await stack.kill();
  });
});
