import { afterEach } from 'vitest';

/** Forgets the stubs and calls of these SDK client mocks (aws-sdk-client-mock) after every test. */
export function resetAfterEach(...mocks: { reset(): unknown }[]): void {
  afterEach(() => {
    for (const mock of mocks) mock.reset();
  });
}
