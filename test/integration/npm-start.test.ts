import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { portVariables, type LocalPorts } from '../../infra/local/config.ts';
import { freeLocalPorts } from '../support/free-ports.ts';

/**
 * `npm start` (infra/local/start.ts) as a developer runs it: up and healthy, then stopped cleanly by
 * SIGTERM/Ctrl-C; and on a machine that cannot run the stack, a clear message and exit 1.
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Process groups of every `npm start` a test began, so none can outlive its test. */
const runningGroups = new Set<number>();
const killGroup = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
};
afterEach(() => {
  for (const pid of runningGroups) killGroup(pid, 'SIGKILL');
  runningGroups.clear();
});

/**
 * Runs `npm start` in a process group of its own. With `whenUp`, once it says it is up, runs the
 * check and then sends SIGTERM to the start process alone, as Ctrl-C would, so its own shutdown is
 * what is tested. Past `deadlineMs` the whole group is stopped (SIGTERM, then SIGKILL).
 */
function npmStart(
  ports: LocalPorts,
  options: { path?: string; whenUp?: () => Promise<void>; deadlineMs: number },
) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: options.path ?? process.env.PATH ?? '',
    LOCAL_DATA_DIR: dataDir,
  };
  for (const [key, { variable }] of Object.entries(portVariables))
    env[variable] = String(ports[key as keyof LocalPorts]);
  return new Promise<{ code: number | null; output: string }>((resolveRun) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'infra/local/start.ts')], {
      cwd: root,
      env,
      detached: true,
    });
    runningGroups.add(child.pid!);
    let output = '';
    let up = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!up && options.whenUp && output.includes('Press Ctrl-C to stop.')) {
        up = true;
        void options.whenUp().finally(() => child.kill('SIGTERM'));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const guard = setTimeout(() => {
      killGroup(child.pid!, 'SIGTERM');
      setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 5_000).unref();
    }, options.deadlineMs);
    child.once('exit', (code) => {
      clearTimeout(guard);
      resolveRun({ code, output });
    });
  });
}

describe('npm start', { timeout: 120_000 }, () => {
  it('brings the stack up healthy within 60 s and stops every part of it on SIGTERM', async () => {
    const ports = await freeLocalPorts();
    let health: { status: number; body: unknown } | undefined;
    const started = Date.now();
    const { code, output } = await npmStart(ports, {
      deadlineMs: 90_000,
      whenUp: async () => {
        const answer = await fetch(`http://127.0.0.1:${ports.api}/v1/health`);
        health = { status: answer.status, body: await answer.json() };
      },
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

describe('npm start on a machine that cannot run the stack', { timeout: 60_000 }, () => {
  it('says a port is taken, which one and the variable that moves it, and exits 1', async () => {
    const ports = await freeLocalPorts();
    const squatter: Server = createServer();
    await new Promise<void>((listening) => squatter.listen(ports.sqs, '127.0.0.1', listening));
    try {
      const { code, output } = await npmStart(ports, { deadlineMs: 40_000 });
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
      const { code, output } = await npmStart(await freeLocalPorts(), {
        path: emptyPath,
        deadlineMs: 40_000,
      });
      expect(code).toBe(1);
      expect(output).toContain('Cannot start: Java was not found');
      expect(output).toContain('Java 17');
    } finally {
      rmSync(emptyPath, { recursive: true, force: true });
    }
  });
});
