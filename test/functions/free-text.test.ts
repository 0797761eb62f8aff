import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { practiceRoutes } from '../../functions/http/routes/practice.ts';
import { invitationBody } from '../../functions/http/schemas/invitations.ts';
import { learnerBody, profileImportBody, teamBody } from '../../functions/http/schemas/learning.ts';
import { groupBody, groupPatchBody, purchaseBody } from '../../functions/http/schemas/practice.ts';
import { httpHandler } from '../../functions/shared/http/handler.ts';
import { httpEvent, lambdaContext } from '../support/http-events.ts';

/**
 * Free text (names, descriptions, references, messages, labels) ends up in PDFs, emails and file
 * names: NUL and the other control characters, and lone surrogates (not text at all), are refused
 * with 400 VALIDATION_FAILED naming the field. Only multi-line fields take tab and line breaks.
 */
const refused = {
  NUL: 'a\u0000b',
  'a C0 control (ESC)': 'a\u001b[31mred',
  'a bell': 'ring\u0007',
  DEL: 'a\u007fb',
  'a C1 control (NEL)': 'a\u0085b',
  'a lone high surrogate': 'a\ud83db',
  'a lone low surrogate': 'a\ude00b',
  'a high surrogate at the end': 'abc\ud800',
};
const breaks = { 'a line feed': 'a\nb', CRLF: 'a\r\nb', 'a tab': 'a\tb' };
const fine = ['Łukasz Żółć', 'Ελένη', 'Иван', '山田太郎', 'Zoë 👩🏽‍🔬 & co', "O'Brien-Smith (Jr.)"];

const score = { key: 'drive', label: 'Drive', value: 50 };
const importBody = (results: object) => ({
  product: 'discovery',
  completedAt: '2026-01-01T00:00:00Z',
  format: 'pdf',
  results: { scores: [score], ...results },
});
/** Each free-text field: the body with `text` in it, and where a 400 names it. */
const singleLine: [string, z.ZodType, (text: string) => unknown, string][] = [
  [
    'a learner’s name',
    learnerBody,
    (name) => ({ name, email: 'a@example.com', preferredLanguage: 'en' }),
    'name',
  ],
  ['a team’s name', teamBody, (name) => ({ name }), 'name'],
  ['a group’s name', groupBody, (name) => ({ name }), 'name'],
  ['a renamed group’s name', groupPatchBody, (name) => ({ name }), 'name'],
  [
    'a purchase reference',
    purchaseBody,
    (reference) => ({ product: 'expert', quantity: 1, reference }),
    'reference',
  ],
  [
    'a new group named in an invitation',
    invitationBody,
    (newGroupName) => ({ email: 'a@example.com', product: 'expert', newGroupName }),
    'newGroupName',
  ],
  [
    'a score’s label',
    profileImportBody,
    (label) => importBody({ scores: [{ ...score, label }] }),
    'results.scores.0.label',
  ],
  [
    'a score’s key',
    profileImportBody,
    (key) => importBody({ scores: [{ ...score, key }] }),
    'results.scores.0.key',
  ],
];
const multiLine: typeof singleLine = [
  [
    'a personal message',
    invitationBody,
    (message) => ({ email: 'a@example.com', product: 'expert', message }),
    'message',
  ],
  ['a group’s description', groupBody, (description) => ({ name: 'G', description }), 'description'],
  ['a profile’s summary', profileImportBody, (summary) => importBody({ summary }), 'results.summary'],
];

const problemsOf = (schema: z.ZodType, body: unknown) => {
  const parsed = schema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('free text', () => {
  describe.each([...singleLine, ...multiLine])('%s', (_what, schema, body, path) => {
    it.each(Object.entries(refused))('refuses %s', (_kind, text) => {
      expect(problemsOf(schema, body(text))).toEqual([path]);
    });
    it('takes names and words of any script, emoji included', () => {
      for (const text of fine) expect(problemsOf(schema, body(text)), text).toEqual([]);
    });
  });

  describe.each(singleLine)('%s, a single line,', (_what, schema, body, path) => {
    it.each(Object.entries(breaks))('refuses %s', (_kind, text) => {
      expect(problemsOf(schema, body(text))).toEqual([path]);
    });
  });

  describe.each(multiLine)('%s, written as paragraphs,', (_what, schema, body) => {
    it.each(Object.entries(breaks))('takes %s', (_kind, text) => {
      expect(problemsOf(schema, body(text))).toEqual([]);
    });
  });

  it('is refused through the API with 400 VALIDATION_FAILED, a detail naming the field, before anything runs', async () => {
    let ran = false;
    const handler = httpHandler(practiceRoutes, {
      'POST /v1/groups': async () => {
        ran = true;
        return { status: 201 };
      },
    });
    const answer = await handler(
      httpEvent('POST /v1/groups', {
        claims: { sub: 'u', email: 'a@example.com', org: 'o', roles: '[practitioner]' },
        // As a client sends them: JSON escapes for NUL and a lone surrogate.
        body: '{"name":"Cohort\\u0000\\ud800"}',
      }),
      lambdaContext,
    );
    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body!).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'name', message: expect.stringContaining('control characters') }],
    });
    expect(ran).toBe(false);
  });
});
