import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { containerPool, type ContainerPool } from '../../infra/local/lambda-containers.ts';

/**
 * The local stack's Lambda containers (infra/local/lambda-containers.ts): each concurrent
 * invocation runs in a worker thread of its own, with its own module state, as in AWS.
 */
const root = new URL('../..', import.meta.url).pathname;
const entry = 'test/fixtures/lambda/container-probe.ts';
const context = { functionName: 'probe' };
type Probe = { threadId: number; invocations: number; table?: string };

let pool: ContainerPool | undefined;
afterEach(async () => {
  delete process.env.PROBE_TABLE;
  await pool?.stop();
});

describe('local Lambda containers', () => {
  it('runs an invocation off this thread, keeping the container warm for the next one', async () => {
    pool = containerPool({ root, entry });
    const first = (await pool.invoke({}, context, 30)) as Probe;
    // The handlers see the environment the stack sets on this process, even once they are running.
    process.env.PROBE_TABLE = 'set after the container started';
    const second = (await pool.invoke({}, context, 30)) as Probe;
    expect(first.threadId).not.toBe(threadId);
    expect(second).toEqual({
      threadId: first.threadId,
      invocations: 2,
      table: 'set after the container started',
    });
  });

  it('gives concurrent invocations containers of their own, each with its own module state', async () => {
    pool = containerPool({ root, entry });
    const answers = (await Promise.all(
      [1, 2, 3].map(() => pool!.invoke({ sleepMs: 300 }, context, 30)),
    )) as Probe[];
    expect(new Set(answers.map((a) => a.threadId)).size).toBe(3);
    expect(answers.map((a) => a.invocations)).toEqual([1, 1, 1]);
  });

  it("fails an invocation with the handler's error, and the container serves the next one", async () => {
    pool = containerPool({ root, entry });
    await expect(pool.invoke({ fail: 'no such learner' }, context, 30)).rejects.toMatchObject({
      name: 'RangeError',
      message: 'no such learner',
    });
    expect(((await pool.invoke({}, context, 30)) as Probe).invocations).toBe(2);
  });

  it('stops a container whose invocation outlives the timeout, as Lambda does, and starts a fresh one', async () => {
    pool = containerPool({ root, entry });
    const before = (await pool.invoke({}, context, 30)) as Probe;
    await expect(pool.invoke({ sleepMs: 5_000 }, context, 1)).rejects.toThrow('probe: timed out after 1 s');
    const after = (await pool.invoke({}, context, 30)) as Probe;
    expect(after.threadId).not.toBe(before.threadId);
    expect(after.invocations).toBe(1);
  });
});
