import { GetObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { RenderableProfile } from '../../domain/learning/ports.ts';
import { renderedProfileKey, s3ProfileDocuments } from '../../functions/adapters/s3/profile-documents.ts';
import { s3 } from '../../functions/shared/clients/s3.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { pdfText } from '../support/pdf-text.ts';

const profilesBucket = () => process.env[envNames.bucketName('profiles')]!;
const org = `documents-${Date.now()}`;

const profile = (id: string, score: unknown = 72): RenderableProfile => ({
  id,
  product: 'discovery',
  completedAt: '2026-03-01T10:00:00Z',
  results: { scores: [{ key: 'red', label: 'Fiery Red', value: score as number }] },
});

async function bytesOf(key: string, range?: { offset: number; bytes: number }) {
  const answer = await s3.send(
    new GetObjectCommand({
      Bucket: profilesBucket(),
      Key: key,
      ...(range ? { Range: `bytes=${range.offset}-${range.offset + range.bytes - 1}` } : {}),
    }),
  );
  return Buffer.from(await answer.Body!.transformToByteArray());
}

describe('PDFs rendered together (a bulk export chunk)', () => {
  it('are stored end to end in one object, each answered with the bytes that are its PDF', async () => {
    const answers = await s3ProfileDocuments().renderTogether(org, [
      { profile: profile('p1'), personName: 'Łukasz Wójcik', language: 'pl' },
      { profile: profile('p2'), personName: 'Zoë Ångström', language: 'nl' },
      { profile: profile('p3'), personName: 'Jürgen Weiß', language: 'de' },
    ]);

    const stored = answers.map((answer) => {
      if ('error' in answer) throw answer.error;
      return answer;
    });
    expect(new Set(stored.map((pdf) => pdf.key)).size).toBe(1);
    expect(stored.map((pdf) => pdf.offset)).toEqual([
      0,
      stored[0]!.bytes,
      stored[0]!.bytes + stored[1]!.bytes,
    ]);
    const whole = await bytesOf(stored[0]!.key);
    expect(whole.byteLength).toBe(stored.reduce((sum, pdf) => sum + pdf.bytes, 0));
    const names = ['Łukasz Wójcik', 'Zoë Ångström', 'Jürgen Weiß'];
    for (const [i, pdf] of stored.entries()) {
      const own = await bytesOf(pdf.key, { offset: pdf.offset!, bytes: pdf.bytes });
      expect(own.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await pdfText(own)).text).toContain(names[i]);
    }
  });

  it('answer a PDF that cannot be rendered with its error, and store the others all the same', async () => {
    const answers = await s3ProfileDocuments().renderTogether(org, [
      { profile: profile('p4'), personName: 'Anna Müller', language: 'de' },
      { profile: profile('p5', 'seventy-two'), personName: 'Rémi Poisson', language: 'fr' },
      { profile: profile('p6'), personName: 'Begoña Núñez', language: 'es' },
    ]);

    expect(answers[1]).toHaveProperty('error');
    const [first, , third] = answers as { key: string; offset: number; bytes: number }[];
    expect(third!.offset).toBe(first!.bytes);
    const own = await bytesOf(third!.key, third!);
    expect((await pdfText(own)).text).toContain('Begoña Núñez');
  });

  it('can each be given an object of its own where a single share looks for it, byte for byte', async () => {
    const documents = s3ProfileDocuments();
    const [, second] = (await documents.renderTogether(org, [
      { profile: profile('p8'), personName: 'Anna Müller', language: 'de' },
      { profile: profile('p9'), personName: 'Daniël van Dijk', language: 'nl' },
    ])) as { key: string; offset: number; bytes: number }[];

    const alone = await documents.storeAlone(org, { profileId: 'p9', language: 'nl', ...second! });

    expect(alone).toEqual({ key: renderedProfileKey(org, 'p9', 'nl'), bytes: second!.bytes });
    const copy = await bytesOf(alone.key);
    expect(copy.equals(await bytesOf(second!.key, second))).toBe(true);
    expect((await pdfText(copy)).text).toContain('Daniël van Dijk');
    // Found where ensureRendered looks: nothing is rendered again.
    expect(await documents.ensureRendered(org, profile('p9'), 'Daniël van Dijk', 'nl')).toEqual(alone);
  });

  it('write nothing when none of them renders', async () => {
    const written: string[] = [];
    s3.middlewareStack.add(
      (next, context) => (args) => {
        written.push(context.commandName as string);
        return next(args);
      },
      { step: 'initialize', name: 'watchWritesForTest' },
    );
    try {
      const answers = await s3ProfileDocuments().renderTogether(org, [
        { profile: profile('p7', 'none'), personName: 'Nobody', language: 'en' },
      ]);
      expect(answers).toEqual([{ error: expect.any(Error) }]);
      expect(written).toEqual([]);
    } finally {
      s3.middlewareStack.remove('watchWritesForTest');
    }
  });
});
