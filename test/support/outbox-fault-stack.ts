import { queueIds } from '../../events/queues.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import type { LocalPorts } from '../../infra/local/config.ts';
import { startLocalStack } from '../../infra/local/stack.ts';

/**
 * The local stack as `npm start` runs it (a data directory, the workers and the outbox relay), in a
 * process of its own, for test/integration/fault-outbox.test.ts, which kills it with SIGKILL.
 *
 * With `UNREACHABLE_QUEUES=1`, every handler this process loads finds SQS on a closed port (the
 * endpoint and every queue URL), as if the queues were unreachable: a request path that sent to SQS
 * would fail, and the outbox relay cannot deliver either, so what was accepted stays in the outbox.
 * (The handlers are loaded on first use, after this is set; the stack's own pollers keep their
 * emulator client and simply find nothing to do.)
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const ports = JSON.parse(process.env.FAULT_PORTS!) as LocalPorts;
await startLocalStack({
  ports,
  dataDir: process.env.FAULT_DATA_DIR!,
  schedulerTickMs: 0,
  handlerLogLevel: 'SILENT',
  log: (line) => console.log(line),
});
if (process.env.UNREACHABLE_QUEUES === '1') {
  const closed = `http://127.0.0.1:${process.env.CLOSED_PORT}`;
  process.env.AWS_ENDPOINT_URL_SQS = closed;
  for (const id of queueIds) process.env[envNames.queueUrl(id)] = `${closed}/000000000000/${id}`;
}
console.log('STACK READY');
