import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProfileRenderer } from '../../domain/documents/profile-pdf.ts';
import { bundleLambda, bundledFontPath, type BundledFile } from '../../infra/bundling.ts';
import { pdfText } from '../support/pdf-text.ts';

/**
 * The Lambda bundles as CDK builds them (infra/bundling.ts): what a cold start loads, what waits
 * for a request that needs it, and that the PDF renderer still works with the bundle's stand-ins.
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const workDir = mkdtempSync(join(tmpdir(), 'bundles-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const bundle = (entry: string) => {
  const outdir = join(workDir, entry.replace(/[/.]/g, '_'));
  return { outdir, files: bundleLambda(root, entry, outdir) };
};
const modulesOf = (files: BundledFile[]) => files.flatMap((file) => file.modules);
const fromPackage = (files: BundledFile[], name: string) =>
  modulesOf(files).some((module) => module.startsWith(`node_modules/${name}/`));

describe('the downloads bundle', () => {
  const { outdir, files } = bundle('functions/http/downloads.ts');
  const loaded = files.filter((file) => file.eager);
  const later = files.filter((file) => !file.eager);

  it('loads no PDF code on a cold start: pdf-lib and the renderer come with the first render', () => {
    expect(fromPackage(loaded, 'pdf-lib')).toBe(false);
    expect(modulesOf(loaded)).not.toContain('domain/documents/profile-pdf.ts');
    expect(fromPackage(later, 'pdf-lib')).toBe(true);
    expect(modulesOf(later)).toContain('domain/documents/profile-pdf.ts');
  });

  it('leaves the SDK credential providers Lambda never uses out of a cold start', () => {
    for (const provider of ['credential-provider-sso', 'credential-provider-ini', 'nested-clients'])
      expect([provider, fromPackage(loaded, `@aws-sdk/${provider}`)]).toEqual([provider, false]);
  });

  it('carries pdf-lib without its standard fonts, PNG decoder or JavaScript deflate', () => {
    for (const replaced of ['@pdf-lib/standard-fonts', '@pdf-lib/upng', 'pako'])
      expect([replaced, fromPackage(files, replaced)]).toEqual([replaced, false]);
  });

  it('ships the profile fonts beside the code, where the renderer resolves them', () => {
    expect(existsSync(join(outdir, bundledFontPath('regular')))).toBe(true);
    expect(existsSync(join(outdir, bundledFontPath('bold')))).toBe(true);
  });
});

describe('bundles that render nothing', () => {
  it.each([
    'functions/http/balance.ts',
    'functions/workers/send-email.ts',
    // Sharing staff and issuing courses (seed 002): the client's PDF download is the downloads bundle's.
    'functions/http/clients.ts',
    'functions/http/courses.ts',
    'functions/http/links.ts',
    'functions/workers/share-staff.ts',
    // Giving up on dead export messages only writes the table.
    'functions/workers/export-dead-letters.ts',
  ])('%s carries neither pdf-lib nor the fonts', (entry) => {
    const { outdir, files } = bundle(entry);
    expect(fromPackage(files, 'pdf-lib')).toBe(false);
    expect(existsSync(join(outdir, 'node_modules'))).toBe(false);
  });

  it('the mail worker loads the S3 client only for an email with attachments', () => {
    const { files } = bundle('functions/workers/send-email.ts');
    expect(
      fromPackage(
        files.filter((file) => file.eager),
        '@aws-sdk/client-s3',
      ),
    ).toBe(false);
    expect(fromPackage(files, '@aws-sdk/client-s3')).toBe(true);
  });
});

describe('the profile renderer as the downloads bundle loads it', () => {
  it('renders a readable profile from its lazily loaded chunk, with the stand-ins and the fonts', async () => {
    const { outdir, files } = bundle('functions/http/downloads.ts');
    // The chunk the handler's import() loads on a cache miss: it finds the fonts from chunks/.
    const chunk = files.find((file) => file.modules.includes('functions/adapters/documents/fonts.ts'))!;
    expect(chunk.eager).toBe(false);
    const bundled = (await import(pathToFileURL(join(outdir, chunk.path)).href)) as {
      profileRenderer(): ProfileRenderer;
    };
    const pdf = await bundled.profileRenderer().render({
      personName: 'Łukasz Żółć',
      product: 'expert',
      completedAt: '2025-03-12T10:00:00Z',
      language: 'de',
      scores: [{ key: 'drive', label: 'Antrieb', value: 61 }],
      summary: 'Ruhig unter Druck.',
    });
    const { pages, text } = await pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Łukasz Żółć');
    expect(text).toContain('Ruhig unter Druck.');
    expect(text).toContain('Antrieb');
  });
});
