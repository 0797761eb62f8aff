import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.ts';

/**
 * The test projects (vitest.config.ts) keep the inner loop fast: `npm run test:unit` starts no
 * emulator (so it needs no Java) and runs no compiler, and `npm test` still runs every test file,
 * each in exactly one project.
 */
interface ProjectTest {
  name: string;
  include: string[];
  exclude?: string[];
  globalSetup?: string[];
  setupFiles?: string[];
}
const projects = (config.test!.projects as { test: ProjectTest }[]).map((p) => p.test);
const project = (name: string) => projects.find((p) => p.name === name)!;

/** `test/unit/**\/*.test.ts` covers a folder; any other pattern here names one file. */
const matches = (pattern: string, file: string) =>
  pattern.endsWith('**/*.test.ts')
    ? file.startsWith(pattern.slice(0, -'**/*.test.ts'.length))
    : file === pattern;
const runs = (p: ProjectTest, file: string) =>
  p.include.some((pattern) => matches(pattern, file)) &&
  !(p.exclude ?? []).some((pattern) => matches(pattern, file));

const testFiles = (readdirSync('test', { recursive: true }) as string[])
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => `test/${file.replaceAll('\\', '/')}`);

describe('the test projects', () => {
  it('gives the unit project no global setup and no setup file: nothing starts the local stack', () => {
    expect(project('unit').globalSetup).toBeUndefined();
    expect(project('unit').setupFiles).toBeUndefined();
    expect(config.test!.globalSetup).toBeUndefined();
    expect(config.test!.setupFiles).toBeUndefined();
  });

  it('keeps the unit tests off the local stack and the compiler: none starts, reads or compiles', () => {
    const unitFiles = testFiles.filter((file) => runs(project('unit'), file));
    expect(unitFiles.length).toBeGreaterThan(10);
    // The stack's endpoints come from the global setup (inject), and the support modules that call
    // them; the compiler is `typescript` itself.
    const slow = new RegExp(
      [
        'support/(api|global-setup|stack-environment|mail|people|contract)\\.ts',
        'startLocalStack',
        'inject\\(',
        "from 'typescript'",
      ].join('|'),
    );
    const self = 'test/unit/test-projects.test.ts';
    expect(unitFiles.filter((file) => file !== self && slow.test(readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('starts the local stack for the integration tests only', () => {
    expect(project('integration').globalSetup).toEqual(['test/support/global-setup.ts']);
    expect(project('integration').setupFiles).toEqual(['test/support/stack-environment.ts']);
    expect(project('build').globalSetup).toBeUndefined();
  });

  it('runs every test file in exactly one project, so npm test runs them all', () => {
    const owners = (file: string) => projects.filter((p) => runs(p, file)).map((p) => p.name);
    expect(testFiles.map((file) => [file, owners(file)]).filter(([, names]) => names!.length !== 1)).toEqual(
      [],
    );
  });
});
