import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { portVariables, type LocalPorts } from '../../infra/local/config.ts';
import { freeLocalPorts } from '../support/free-ports.ts';

/** `npm start` (infra/local/start.ts) when the machine cannot run the stack: a clear message, exit 1. */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dataDir = mkdtempSync(join(tmpdir(), 'start-refusals-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function npmStart(ports: LocalPorts, path = process.env.PATH ?? '') {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: path, LOCAL_DATA_DIR: dataDir };
  for (const [key, { variable }] of Object.entries(portVariables))
    env[variable] = String(ports[key as keyof LocalPorts]);
  return new Promise<{ code: number | null; output: string }>((resolveRun) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'infra/local/start.ts')], {
      cwd: root,
      env,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Should it start after all, stop it: the test then fails on the exit code.
    const guard = setTimeout(() => child.kill('SIGTERM'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(guard);
      resolveRun({ code, output });
    });
  });
}

describe('npm start on a machine that cannot run the stack', () => {
  it('says a port is taken, which one and the variable that moves it, and exits 1', async () => {
    const ports = await freeLocalPorts();
    const squatter: Server = createServer();
    await new Promise<void>((listening) => squatter.listen(ports.sqs, '127.0.0.1', listening));
    try {
      const { code, output } = await npmStart(ports);
      expect(code).toBe(1);
      expect(output).toContain(
        `Cannot start: Port ${ports.sqs} for the SQS emulator (local-aws-sqs) is taken`,
      );
      expect(output).toContain('LOCAL_SQS_PORT');
    } finally {
      await new Promise((closed) => squatter.close(closed));
    }
  });

  it('says Java is missing and how to get it, and exits 1', async () => {
    // A PATH with no java on it (node itself is started by its full path).
    const emptyPath = mkdtempSync(join(tmpdir(), 'no-java-'));
    try {
      const { code, output } = await npmStart(await freeLocalPorts(), emptyPath);
      expect(code).toBe(1);
      expect(output).toContain('Cannot start: Java was not found');
      expect(output).toContain('Java 17');
    } finally {
      rmSync(emptyPath, { recursive: true, force: true });
    }
  });
});
