import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.ts';

/**
 * The test projects (vitest.config.ts) keep the inner loop fast: `npm run test:unit` starts no
 * emulator (so it needs no Java), and `npm test` still runs every test file, each in one project.
 */
type Project = { test: { name: string; include: string[]; globalSetup?: string[]; setupFiles?: string[] } };
const projects = config.test!.projects as Project[];
const project = (name: string) => projects.find((p) => p.test.name === name)!.test;

/** The folder a project's include pattern (`test/unit/**\/*.test.ts`) covers. */
const folderOf = (pattern: string) => pattern.slice(0, pattern.indexOf('**'));
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

  it('keeps the unit tests off the local stack: none reads its endpoints or starts it', () => {
    const unitFiles = testFiles.filter((file) =>
      project('unit')
        .include.map(folderOf)
        .some((f) => file.startsWith(f)),
    );
    expect(unitFiles.length).toBeGreaterThan(10);
    // The stack's endpoints come from the global setup (inject), and the support modules that call them.
    const stackBound = new RegExp(
      [
        'support/(api|global-setup|stack-environment|mail|people|contract)\\.ts',
        'startLocalStack',
        'inject\\(',
      ].join('|'),
    );
    const self = 'test/unit/test-projects.test.ts';
    expect(unitFiles.filter((file) => file !== self && stackBound.test(readFileSync(file, 'utf8')))).toEqual(
      [],
    );
  });

  it('starts the local stack for the integration tests only', () => {
    expect(project('integration').globalSetup).toEqual(['test/support/global-setup.ts']);
    expect(project('integration').setupFiles).toEqual(['test/support/stack-environment.ts']);
    expect(project('infra').globalSetup).toBeUndefined();
  });

  it('runs every test file in exactly one project, so npm test runs them all', () => {
    const owners = (file: string) =>
      projects.filter((p) => p.test.include.map(folderOf).some((folder) => file.startsWith(folder)));
    expect(testFiles.filter((file) => owners(file).length !== 1)).toEqual([]);
  });
});
