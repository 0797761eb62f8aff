import { keys } from './keys.ts';
import { onceLedger, runClaimed } from './once.ts';

/**
 * Sends each email at most once per `dedupeKey`, however often its queue message arrives: the
 * "do once" mechanism of once.ts, as `Idempotency-Key` uses it. A claim (a lease with a random
 * token) before sending; the message id stored once sent; a failed send releases the claim — only
 * while it is still unfinished and ours, so a worker whose lease ran out cannot drop the marker of
 * the one that took over and sent. A worker that dies between sending and storing leaves a lease
 * that expires: that one email may go twice, the narrowest window an outside system (SES) allows.
 */
const leaseSeconds = 120;
const keepSentForSeconds = 30 * 24 * 60 * 60;

export function sentEmails(tableName: string) {
  const ledger = onceLedger(tableName, { leaseSeconds, keepSeconds: keepSentForSeconds });
  return {
    /** Runs `send` (answering the message id) unless this email was sent; throws while another worker sends it. */
    async sendOnce(dedupeKey: string, send: () => Promise<string>): Promise<'sent' | 'already-sent'> {
      const claim = await ledger.claim(keys.sentEmail(dedupeKey));
      if (claim.kind === 'done') return 'already-sent';
      if (claim.kind !== 'run') throw new Error(`Email ${dedupeKey} is being sent by another worker`);
      await runClaimed(ledger, claim, send, (messageId) => messageId);
      return 'sent';
    },
  };
}
