import { parentPort, workerData } from 'node:worker_threads';
import { lambdaContext, loadHandler } from './lambda-context.ts';

/** One invocation asked of a container (lambda-containers.ts). */
export interface ContainerRequest {
  id: number;
  event: unknown;
  functionName: string;
  timeoutSeconds: number;
}

/** What the container answers: the handler's result, or what it threw (name and message only). */
export type ContainerReply =
  { id: number; ok: true; answer: unknown } | { id: number; ok: false; name: string; message: string };

/**
 * A local Lambda container: a worker thread that loads one entry's handler (once, on first use) and
 * runs the invocations its pool sends it, one at a time.
 */
const { root, entry } = workerData as { root: string; entry: string };

parentPort!.on('message', async (request: ContainerRequest) => {
  let reply: ContainerReply;
  try {
    const handler = await loadHandler(root, entry);
    const answer = await handler(request.event, lambdaContext(request.functionName, request.timeoutSeconds));
    reply = { id: request.id, ok: true, answer: answer ?? null };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    reply = { id: request.id, ok: false, name: failure.name, message: failure.message };
  }
  parentPort!.postMessage(reply);
});
