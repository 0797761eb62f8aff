import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMime } from '../../functions/adapters/ses/mailer.ts';
import { contentDisposition } from '../../functions/adapters/s3/download-urls.ts';
import { practiceRoutes } from '../../functions/http/routes/practice.ts';
import { callerFromClaims } from '../../functions/shared/http/caller.ts';
import { httpHandler } from '../../functions/shared/http/handler.ts';
import { noContent, ok } from '../../functions/shared/http/responses.ts';
import { httpEvent, lambdaContext as context } from '../support/http-events.ts';

const claims = { sub: 'u', email: 'pat@example.com', org: 'o', roles: '[practitioner]' };

const event = (routeKey: string, options: Omit<Parameters<typeof httpEvent>[1], 'claims'>) =>
  httpEvent(routeKey, { claims, ...options });

async function call(handler: ReturnType<typeof httpHandler>, e: APIGatewayProxyEventV2WithJWTAuthorizer) {
  const answer = await handler(e, context);
  return { status: answer.statusCode, body: answer.body ? JSON.parse(answer.body) : undefined };
}

describe('path parameters API Gateway decoded into odd characters', () => {
  const ran: string[] = [];
  const handler = httpHandler(practiceRoutes, {
    'DELETE /v1/groups/{groupId}': async ({ params }) => (ran.push(params.groupId), noContent()),
  });

  it.each([
    ['a NUL', 'g\u0000'],
    ['an escape character', '\u001b[31m'],
    ['DEL', 'g\u007f'],
    ['a C1 control', 'g\u0085'],
    ['a lone high surrogate', 'g\ud800'],
    ['a lone low surrogate', '\udc00g'],
  ])('refuses %s in a path parameter with 400 VALIDATION_FAILED naming it', async (_what, groupId) => {
    const answer = await call(handler, event('DELETE /v1/groups/{groupId}', { pathParameters: { groupId } }));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'groupId', message: expect.any(String) }],
    });
    expect(ran).toEqual([]);
  });

  it('still serves ids with any other character, emoji included', async () => {
    const answer = await call(
      handler,
      event('DELETE /v1/groups/{groupId}', { pathParameters: { groupId: 'Grüße 😀 01J' } }),
    );
    expect(answer.status).toBe(204);
    expect(ran).toEqual(['Grüße 😀 01J']);
  });
});

describe('Idempotency-Key', () => {
  const ran: string[] = [];
  const handler = httpHandler(practiceRoutes, {
    'POST /v1/balance/purchases': async () => (ran.push('purchase'), ok({})),
  });
  const purchase = (key: string) =>
    call(
      handler,
      event('POST /v1/balance/purchases', {
        headers: { 'idempotency-key': key },
        body: JSON.stringify({ product: 'expert', quantity: 1 }),
      }),
    );

  it.each([
    ['a tab', 'key\tone'],
    ['a NUL', 'key\u0000'],
    ['DEL', 'key\u007f'],
    ['a byte above ASCII as Node reads it (Latin-1)', 'key\u0080'],
    ['a non-ASCII letter', 'clé'],
  ])('refuses a key holding %s with 400 VALIDATION_FAILED, before any work', async (_what, key) => {
    const answer = await purchase(key);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'Idempotency-Key', message: expect.stringMatching(/printable ASCII/) }],
    });
    expect(ran).toEqual([]);
  });

  it('keeps refusing keys that are empty or longer than 128 characters', async () => {
    for (const key of ['', 'k'.repeat(129)]) {
      const answer = await purchase(key);
      expect(answer.status).toBe(400);
      expect(answer.body.error.details).toEqual([
        { path: 'Idempotency-Key', message: 'must be 1 to 128 characters' },
      ]);
    }
    expect(ran).toEqual([]);
  });
});

describe('the signed-in email', () => {
  it('is lower-cased in ASCII only, so a Kelvin sign in it never turns into k', () => {
    const caller = callerFromClaims({ sub: 'u', email: '\u212Aate@Uni.ac.u\u212A', org: 'o' });
    expect(caller?.email).toBe('\u212Aate@uni.ac.u\u212A');
    expect(callerFromClaims({ sub: 'u', email: 'Kate@Uni.AC.uk', org: 'o' })?.email).toBe('kate@uni.ac.uk');
  });
});

describe('headers built from names people chose', () => {
  it('puts no bidi control into a download’s Content-Disposition', () => {
    const header = contentDisposition('Profile - Mallory\u202Efdp.exe - 2026-03-01 (en).pdf');
    expect(header).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    expect(header).not.toContain('%E2%80%AE'); // U+202E, percent-encoded in filename*
    expect(header).toContain("filename*=UTF-8''Profile%20-%20Malloryfdp.exe%20-%202026-03-01%20(en).pdf");
  });

  it('puts no bidi control into an email subject or an attachment name', async () => {
    const mime = await composeMime({
      from: 'no-reply@profiles.test',
      to: ['learner@example.com'],
      subject: 'Pat\u202Egnihsihp invited you',
      html: '<p>Hi</p>',
      text: 'Hi',
      attachments: [
        {
          filename: 'Profile - Mallory\u202Efdp.exe.pdf',
          contentType: 'application/pdf',
          content: Buffer.from('%PDF'),
        },
      ],
      tags: {},
    });
    const parsed = await simpleParser(mime);
    expect(parsed.subject).toBe('Patgnihsihp invited you');
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['Profile - Malloryfdp.exe.pdf']);
  });
});
