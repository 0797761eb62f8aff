import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { secureRandom } from '../../shared/runtime.ts';
import { signingSecret } from './secrets.ts';

/**
 * Accept tokens are looked up by their hash only; reminders must still carry the very link of the
 * first email, so the token is also kept sealed: AES-256-GCM under a key derived (HKDF) from the
 * table's own secret, with what it belongs to as associated data, so a sealed token copied onto
 * another item does not open. A reader of the table alone learns no token.
 */
const keyOf = async (tableName: string) =>
  Buffer.from(hkdfSync('sha256', await signingSecret(tableName, 'token-seal'), '', 'accept-token-seal', 32));

export async function sealToken(tableName: string, token: string, belongsTo: string): Promise<string> {
  // From the runtime's random source, which a do-once replay reproduces: the sealed token is part
  // of the invitation's item, and a replay must write (that is, skip) exactly what was committed.
  const iv = Buffer.from(secureRandom(12));
  const cipher = createCipheriv('aes-256-gcm', await keyOf(tableName), iv);
  cipher.setAAD(Buffer.from(belongsTo));
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

export async function openToken(tableName: string, sealed: string, belongsTo: string): Promise<string> {
  const bytes = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', await keyOf(tableName), bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(belongsTo));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}
