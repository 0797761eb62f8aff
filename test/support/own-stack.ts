import { expect } from 'vitest';

/**
 * For the test files that start a local stack of their own (to inject faults, or to shorten the
 * idempotency lease) instead of using the shared one of the global setup: calling its API, and the
 * learner with a profile their bursts share.
 */

/** An answer of the API: its status and JSON body (tests read answers of many shapes). */
export interface Answer {
  status: number;
  body: any;
}

export type Call = (
  token: string,
  method: string,
  path: string,
  body?: unknown,
  key?: string,
) => Promise<Answer>;

/**
 * Calls the API at `apiUrl()` (read at each call: the stack may start after the caller is made) with
 * a bearer token, a JSON body and, where given, an Idempotency-Key.
 */
export function callerOf(apiUrl: () => string, options: { timeoutMs?: number } = {}): Call {
  return async (token, method, path, body, key) => {
    const response = await fetch(`${apiUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(options.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(options.timeoutMs) }),
    });
    return { status: response.status, body: await response.json() };
  };
}

/** Adds a learner and imports one discovery profile of theirs; answers the path to share it. */
export async function learnerWithProfile(
  call: Call,
  token: string,
  learner: { name: string; email: string },
  profile: { format: 'pdf' | 'digital'; results: unknown },
): Promise<{ sharePath: string }> {
  const added = await call(token, 'POST', '/v1/learners', { ...learner, preferredLanguage: 'en' });
  expect(added.status).toBe(201);
  const imported = await call(token, 'POST', `/v1/learners/${added.body.id}/profiles`, {
    product: 'discovery',
    completedAt: '2026-03-01T10:00:00Z',
    ...profile,
  });
  expect(imported.status).toBe(201);
  return { sharePath: `/v1/learners/${added.body.id}/profiles/${imported.body.id}/shares` };
}
