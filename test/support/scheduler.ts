import { expect } from 'vitest';
import { api } from './api.ts';

/**
 * Moves the local scheduler's clock (its real-clock timer is off in tests): fires the schedules of
 * `groupName` named in `names` that are due by `asOf`, as EventBridge Scheduler would at that time,
 * and answers how many fired. Only the named ones: the test files share one stack, and firing
 * everything due would expire or release another file's invitations and transfers mid-test.
 */
export async function runDue(
  asOf: Date | string,
  groupName: string,
  names: readonly string[],
): Promise<number> {
  const answer = await api('POST', '/_local/scheduler/run-due', {
    body: { asOf: new Date(asOf).toISOString(), groupName, names },
  });
  expect(answer.status).toBe(200);
  return answer.body.fired as number;
}
