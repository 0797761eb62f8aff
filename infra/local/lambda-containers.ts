import { SHARE_ENV, Worker } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import type { ContainerReply, ContainerRequest } from './lambda-container-thread.ts';

/**
 * Lambda runs each concurrent invocation of a function in a container of its own: its own module
 * state, its own CPU. The local stack plays a container with a worker thread that loads the entry's
 * `handler` once and runs one invocation at a time, so the workers' CPU-bound steps (PDF rendering,
 * zipping) run beside the emulators and each other instead of taking turns on one event loop, and
 * a module's state is shared only by the invocations one container serves, as in AWS.
 *
 * Containers start on first use (a function never invoked costs nothing) and stay warm; one whose
 * invocation outlives the function's timeout is stopped, as Lambda stops it, and the invocation
 * fails (its batch is retried by the queue, then dead-lettered).
 */
export interface ContainerPool {
  /** Runs one invocation in an idle container (started if none is idle): the handler's answer, or its error. */
  invoke(event: unknown, context: Pick<Context, 'functionName'>, timeoutSeconds: number): Promise<unknown>;
  stop(): Promise<void>;
}

/** Registers the TypeScript loader the stack runs under (tsx) in the thread, then loads lambda-container-thread.ts. */
const threadEntry = new URL('./lambda-container-boot.mjs', import.meta.url);

interface Container {
  worker: Worker;
  /** The invocation it runs, if any. */
  running?: { id: number; done: (reply: ContainerReply | Error) => void };
}

export function containerPool(options: { root: string; entry: string }): ContainerPool {
  const idle: Container[] = [];
  const all = new Set<Container>();
  let stopped = false;
  let ids = 0;

  function start(): Container {
    const worker = new Worker(threadEntry, {
      // The handlers read the environment the stack sets on this process after the threads exist.
      env: SHARE_ENV,
      workerData: { root: options.root, entry: options.entry },
    });
    const container: Container = { worker };
    all.add(container);
    worker.on('message', (reply: ContainerReply) => {
      const running = container.running;
      if (!running || running.id !== reply.id) return;
      container.running = undefined;
      running.done(reply);
    });
    const lost = (error: Error) => {
      all.delete(container);
      const at = idle.indexOf(container);
      if (at >= 0) idle.splice(at, 1);
      const running = container.running;
      container.running = undefined;
      running?.done(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`${options.entry}: container exited with code ${code}`)));
    return container;
  }

  return {
    async invoke(event, context, timeoutSeconds) {
      if (stopped) throw new Error(`${options.entry}: the local stack is stopping`);
      const container = idle.pop() ?? start();
      const id = ++ids;
      const reply = await new Promise<ContainerReply | Error>((done) => {
        const timer = setTimeout(() => {
          // Lambda ends a container that runs past its timeout; so does the stand-in.
          container.running = undefined;
          all.delete(container);
          void container.worker.terminate();
          done(new Error(`${context.functionName}: timed out after ${timeoutSeconds} s`));
        }, timeoutSeconds * 1000);
        container.running = {
          id,
          done: (answer) => {
            clearTimeout(timer);
            done(answer);
          },
        };
        container.worker.postMessage({
          id,
          event,
          functionName: context.functionName,
          timeoutSeconds,
        } satisfies ContainerRequest);
      });
      if (all.has(container) && !stopped) idle.push(container);
      if (reply instanceof Error) throw reply;
      if (!reply.ok) throw Object.assign(new Error(reply.message), { name: reply.name });
      return reply.answer;
    },
    async stop() {
      stopped = true;
      idle.length = 0;
      await Promise.all([...all].map((container) => container.worker.terminate()));
      all.clear();
    },
  };
}
