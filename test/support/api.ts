import { inject } from 'vitest';
import type { Role } from '../../functions/http/route-definition.ts';

export const stack = () => inject('stack');

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the local gateway as the front end would. */
export async function api<T = any>(
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    rawBody?: string | Buffer;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${stack().apiUrl}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

let counter = 0;
/** A fresh organisation id per call, so tests never see each other's data. */
export const newOrg = (label = 'org') =>
  `${label}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export async function tokenFor(claims: {
  email: string;
  org?: string;
  roles?: Role[];
  sub?: string;
  name?: string;
  expiresInSeconds?: number;
  audience?: string;
}): Promise<string> {
  const answer = await api<{ token: string }>('POST', '/_local/token', { body: claims });
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}

export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
  at: number;
}

export async function mailbox(): Promise<SentEmail[]> {
  const response = await fetch(`${stack().mailboxUrl}/store`);
  return ((await response.json()) as { emails: SentEmail[] }).emails;
}

export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
