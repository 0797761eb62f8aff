import { createServer } from 'node:net';
import type { LocalPorts } from '../../infra/local/config.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Distinct free ports, so tests never collide with a running `npm start`. */
export async function freeLocalPorts(): Promise<LocalPorts> {
  const ports = new Set<number>();
  while (ports.size < 6) ports.add(await freePort());
  const [api, dynamodb, s3, sqs, ses, scheduler] = [...ports] as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { api, dynamodb, s3, sqs, ses, scheduler };
}
