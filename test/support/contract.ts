import { expect } from 'vitest';
import { envNames } from '../../functions/shared/env-names.ts';
import { stack } from './api.ts';

/**
 * An error answer in the contract's shape (api.md "Errors"): the status and code asked for, a
 * message, the request id, the support address (the same whether the gateway or a function
 * answers), and nothing of the inside (no stack frames, no AWS exception names).
 */
export function expectError(answer: { status: number; body: any }, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.body.error.code).toBe(code);
  expect(typeof answer.body.error.message).toBe('string');
  expect(answer.body.error.requestId).toEqual(expect.any(String));
  expect(answer.body.error.support).toBe(stack().env[envNames.supportEmail]);
  expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.ts:\d+|Exception|DynamoDB/);
}
