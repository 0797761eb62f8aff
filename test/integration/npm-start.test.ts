import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { portVariables, type LocalPorts } from '../../infra/local/config.ts';
import { freeLocalPorts } from '../support/free-ports.ts';

/**
 * `npm start` (infra/local/start.ts) as a developer runs it: up and healthy, then stopped cleanly by
 * SIGTERM/Ctrl-C; and on a machine that cannot run the stack, a clear message and exit 1.
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dataDir = mkdtempSync(join(tmpdir(), 'start-refusals-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function npmStart(ports: LocalPorts, path = process.env.PATH ?? '', whenUp?: () => Promise<void>) {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: path, LOCAL_DATA_DIR: dataDir };
  for (const [key, { variable }] of Object.entries(portVariables))
    env[variable] = String(ports[key as keyof LocalPorts]);
  return new Promise<{ code: number | null; output: string }>((resolveRun) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'infra/local/start.ts')], {
      cwd: root,
      env,
    });
    let output = '';
    let up = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!up && whenUp && output.includes('Press Ctrl-C to stop.')) {
        up = true;
        void whenUp().finally(() => child.kill('SIGTERM'));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Never left running: a start that hangs is stopped, and the test fails on what it printed.
    const guard = setTimeout(() => child.kill('SIGTERM'), 60_000);
    child.once('exit', (code) => {
      clearTimeout(guard);
      resolveRun({ code, output });
    });
  });
}

describe('npm start', { timeout: 90_000 }, () => {
  it('brings the stack up healthy within 60 s and stops every part of it on SIGTERM', async () => {
    const ports = await freeLocalPorts();
    let health: { status: number; body: unknown } | undefined;
    const started = Date.now();
    const { code, output } = await npmStart(ports, process.env.PATH, async () => {
      const answer = await fetch(`http://127.0.0.1:${ports.api}/v1/health`);
      health = { status: answer.status, body: await answer.json() };
    });
    expect(health).toEqual({ status: 200, body: { status: 'ok' } });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(output).toContain(`http://127.0.0.1:${ports.api}`);
    expect(output).toContain('/_local/token');
    expect(code).toBe(0);
    // Everything it started is gone: every port is free again.
    for (const port of Object.values(ports)) {
      const probe: Server = createServer();
      await new Promise<void>((free, taken) => {
        probe.once('error', taken);
        probe.listen(port, '127.0.0.1', () => probe.close(() => free()));
      });
    }
  });
});

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
