import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { portsFromEnvironment } from './config.ts';
import { LocalStackError, startLocalStack } from './stack.ts';

/**
 * `npm start`: brings the whole system up locally and keeps it until Ctrl-C, which stops every
 * emulator and child process cleanly. Data lives under `.local/` so a restart keeps it.
 */
// This machine may run an older Node than Lambda's 22: the SDK's reminder about it is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const log = (line: string) => console.log(line);

try {
  const stack = await startLocalStack({
    ports: portsFromEnvironment(process.env),
    host: process.env.LOCAL_HOST ?? '127.0.0.1',
    dataDir: process.env.LOCAL_DATA_DIR ?? join(root, '.local'),
    log,
  });
  console.log(`
Profile sharing API is up.
  API          ${stack.apiUrl}   (GET ${stack.apiUrl}/v1/health, ${stack.apiUrl}/v1/openapi.json)
  Mailbox      ${stack.mailboxUrl}   (sent mail; JSON at ${stack.mailboxUrl}/store)
  Get a token  curl -s -X POST ${stack.apiUrl}/_local/token -H 'content-type: application/json' \\
                 -d '{"email":"pat@example.com","org":"org-1","roles":["practitioner"]}'
Press Ctrl-C to stop.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (error) {
  console.error(error instanceof LocalStackError ? `Cannot start: ${error.message}` : error);
  process.exit(1);
}
