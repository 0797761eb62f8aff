import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generateApiTypes, generatedTypesFile, writeApiTypes } from '../support/api-types.ts';

/**
 * A front-end team generates its types from GET /v1/openapi.json with openapi-typescript and calls
 * the API through openapi-fetch. These tests do the same: the practitioner flow's client
 * (test/support/practitioner-client.ts) must compile against types generated from the document as
 * it is now, and types that are not really typed (`any` somewhere) would let wrong calls through.
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const clientFile = join(root, 'test/support/practitioner-client.ts');
const misuseFile = join(root, 'test/support/practitioner-client-misuse.ts');

/** Wrong calls a typed client must refuse: each line is an error, or @ts-expect-error is unused. */
const misuse = `
import type { paths } from './generated/api-types.ts';
import { apiClient } from './practitioner-client.ts';

export async function misuse(client: ReturnType<typeof apiClient>) {
  // @ts-expect-error a product the API does not sell
  await client.POST('/v1/balance/purchases', { body: { product: 'platinum', quantity: 1 } });
  // @ts-expect-error a quantity is a number
  await client.POST('/v1/balance/purchases', { body: { product: 'expert', quantity: '3' } });
  // @ts-expect-error a group needs its name
  await client.POST('/v1/groups', { body: { description: 'no name' } });
  // @ts-expect-error the path names the group
  await client.POST('/v1/groups/{groupId}/uses', { body: { product: 'expert', quantity: 1 } });
  // @ts-expect-error no such route
  await client.GET('/v1/groupz');
  const balance = await client.GET('/v1/balance');
  // @ts-expect-error a count is a number
  const count: string | undefined = balance.data?.products.expert.available;
  const redemption = await client.POST('/v1/codes/{code}/redemptions', { params: { path: { code: 'X' } } });
  if (redemption.error) {
    // @ts-expect-error not a code this route can answer
    if (redemption.error.error.code === 'INSUFFICIENT_BALANCE') return count;
  }
  type Group = paths['/v1/groups/{groupId}']['get']['responses'][200]['content']['application/json'];
  // @ts-expect-error a group's uses are per product
  const uses: Group['uses'] = { platinum: { allocated: 0, redeemed: 0, remaining: 0 } };
  return uses;
}
`;

/** Compiles the client (and the misuse file) with the project's options, `types` served from memory. */
function diagnostics(types: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  // The project's strictness, with a browser's globals instead of Node's: a front end's setting
  // (and no @types/node to load).
  const options = { ...config.options, lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'], types: [] };
  const host = ts.createCompilerHost(options);
  const memory = new Map([
    [resolve(generatedTypesFile), types],
    [resolve(misuseFile), misuse],
  ]);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => memory.get(resolve(file)) ?? readFile(file);
  host.fileExists = (file) => memory.has(resolve(file)) || fileExists(file);
  host.getSourceFile = (file, language, onError, shouldCreate) => {
    const text = memory.get(resolve(file));
    return text === undefined
      ? getSourceFile(file, language, onError, shouldCreate)
      : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram({ rootNames: [clientFile, misuseFile], options, host });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

describe('the typed client of the practitioner flow', () => {
  const generated = generateApiTypes();

  // A whole TypeScript program: seconds on a quiet machine, far more beside a busy test run.
  it(
    'compiles against types generated from the OpenAPI document, which refuse wrong calls',
    { timeout: 180_000 },
    async () => {
      // Were the types loose (`any` somewhere), the misuse file's @ts-expect-error lines would be
      // unused, which is an error too: the check bites.
      const types = await generated;
      expect(types).toContain('export interface paths');
      expect(diagnostics(types)).toEqual([]);
    },
  );

  it('writes the fresh types where the client imports them, in a folder git ignores (no stale copy to commit)', async () => {
    const types = await generated;
    writeApiTypes(types);
    expect(readFileSync(generatedTypesFile, 'utf8')).toBe(types);
    expect(dirname(generatedTypesFile)).toBe(join(root, 'test/support/generated'));
    // `git check-ignore` answers with the path when git ignores it, and fails when it does not.
    expect(
      execFileSync('git', ['check-ignore', generatedTypesFile], { cwd: root, encoding: 'utf8' }).trim(),
    ).toBe(generatedTypesFile);
    expect(execFileSync('git', ['ls-files', generatedTypesFile], { cwd: root, encoding: 'utf8' })).toBe('');
  });
});
