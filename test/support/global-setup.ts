import type { TestProject } from 'vitest/node';
import { queueIds } from '../../events/queues.ts';
import { startLocalStack } from '../../infra/local/stack.ts';
import { freeLocalPorts } from './free-ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: {
      apiUrl: string;
      mailboxUrl: string;
      env: Record<string, string>;
      dlqUrls: Record<string, string>;
    };
  }
}

/**
 * Starts the local stack once for the whole run: real emulators, in-memory data, queue visibility
 * shortened to 1 s so retry-then-DLQ behaviour shows in seconds, and the scheduler's real-clock
 * timer off (tests move time with run-due).
 */
export default async function setup(project: TestProject) {
  const stack = await startLocalStack({
    ports: await freeLocalPorts(),
    visibilityTimeoutSeconds: 1,
    schedulerTickMs: 0,
    handlerLogLevel: process.env.STACK_LOG ? 'INFO' : 'SILENT',
    log: (line) => {
      if (process.env.STACK_LOG) console.log(line);
    },
  });
  project.provide('stack', {
    apiUrl: stack.apiUrl,
    mailboxUrl: stack.mailboxUrl,
    env: stack.env,
    dlqUrls: Object.fromEntries(queueIds.map((id) => [id, stack.dlqUrl(id)])),
  });
  return () => stack.stop();
}
