import { expect } from 'vitest';
import { api } from './api.ts';

/**
 * Moves the local scheduler's clock (its real-clock timer is off in tests): fires every schedule of
 * `groupName` due by `asOf`, as EventBridge Scheduler would at that time, and answers how many fired.
 */
export async function runDue(asOf: Date | string, groupName: string): Promise<number> {
  const answer = await api('POST', '/_local/scheduler/run-due', {
    body: { asOf: new Date(asOf).toISOString(), groupName },
  });
  expect(answer.status).toBe(200);
  return answer.body.fired as number;
}
