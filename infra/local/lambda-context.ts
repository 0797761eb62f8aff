import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** A Lambda context for handlers the local stack invokes in-process (timeouts are not enforced). */
export function lambdaContext(functionName: string, timeoutSeconds: number): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Loads a Lambda entry's `handler` once, as Lambda loads a bundle once per container. */
const loaded = new Map<string, Promise<(event: unknown, context: Context) => Promise<unknown>>>();

export function loadHandler(root: string, entry: string) {
  let handler = loaded.get(entry);
  if (!handler) {
    handler = import(new URL(entry, `file://${root.endsWith('/') ? root : `${root}/`}`).href).then(
      (module: { handler?: (event: unknown, context: Context) => Promise<unknown> }) => {
        if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
        return module.handler;
      },
    );
    // A module that failed to load is loaded afresh next time, as Lambda replaces a container whose
    // initialisation failed, instead of failing every later invocation.
    handler.catch(() => loaded.delete(entry));
    loaded.set(entry, handler);
  }
  return handler;
}
