import { envNames } from './env-names.ts';

/**
 * Configuration, read from the environment once per container. A function only gets the variables
 * its bind helpers gave it, so each adapter asks for what it needs when it is created (at cold
 * start, outside the handler); a missing variable fails that cold start loudly, not a request later.
 */
const snapshot: Readonly<Record<string, string | undefined>> = { ...process.env };

export class ConfigurationError extends Error {}

export function requiredEnv(name: string): string {
  const value = snapshot[name];
  if (value === undefined || value === '') {
    throw new ConfigurationError(`Missing configuration: environment variable ${name} is not set`);
  }
  return value;
}

export function optionalEnv(name: string): string | undefined {
  const value = snapshot[name];
  return value === '' ? undefined : value;
}

export const supportEmail = (): string => optionalEnv(envNames.supportEmail) ?? 'help@example.com';
