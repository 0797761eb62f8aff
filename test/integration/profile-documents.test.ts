import { GetObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { PdfPart, RenderableProfile } from '../../domain/learning/ports.ts';
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

  it('can be given objects of their own where a single share looks for them, one read per object', async () => {
    const documents = s3ProfileDocuments();
    const wanted = (id: string, name: string) => ({ profile: profile(id), personName: name, language: 'nl' });
    const first = (await documents.renderTogether(org, [
      wanted('q1', 'Anna Müller'),
      wanted('q2', 'Daniël van Dijk'),
      wanted('q3', 'Eline de Vries'),
    ])) as PdfPart[];
    const second = (await documents.renderTogether(org, [wanted('q4', 'Zoë Ångström')])) as PdfPart[];
    const indexed = (id: string, pdf: PdfPart) => ({ profileId: id, language: 'nl', ...pdf });
    const reads: string[] = [];
    s3.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === 'GetObjectCommand') reads.push(context.commandName);
        return next(args);
      },
      { step: 'initialize', name: 'countReadsForTest' },
    );
    let copies: Awaited<ReturnType<typeof documents.storeAlone>>;
    try {
      copies = await documents.storeAlone(org, [
        indexed('q3', first[2]!),
        indexed('q4', second[0]!),
        indexed('q1', first[0]!),
        // An object that is gone: that one fails, the others are copied all the same.
        indexed('q5', { ...first[1]!, key: `${first[1]!.key}.gone` }),
      ]);
    } finally {
      s3.middlewareStack.remove('countReadsForTest');
    }

    expect(reads).toHaveLength(3);
    expect(copies[3]).toHaveProperty('error');
    expect(copies.slice(0, 3)).toEqual([
      { key: renderedProfileKey(org, 'q3', 'nl'), bytes: first[2]!.bytes },
      { key: renderedProfileKey(org, 'q4', 'nl'), bytes: second[0]!.bytes },
      { key: renderedProfileKey(org, 'q1', 'nl'), bytes: first[0]!.bytes },
    ]);
    const copy = await bytesOf(renderedProfileKey(org, 'q3', 'nl'));
    expect(
      copy.equals(await bytesOf(first[2]!.key, { offset: first[2]!.offset, bytes: first[2]!.bytes })),
    ).toBe(true);
    expect((await pdfText(copy)).text).toContain('Eline de Vries');
    // Found where ensureRendered looks: nothing is rendered again.
    expect(await documents.ensureRendered(org, profile('q4'), 'Zoë Ångström', 'nl')).toEqual(copies[1]);
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
