import { describe, expect, it } from 'vitest';
import { api, eventually, stack } from '../support/api.ts';
import { expectError } from '../support/contract.ts';
import { emailTo } from '../support/mail.ts';
import { practitioner, unique } from '../support/people.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { scheduleNames } from '../../events/schedules.ts';
import type { CountedProduct } from '../../domain/products.ts';

const day = 24 * 60 * 60 * 1000;
const group = () => stack().env[envNames.schedulerGroup]!;
const expertOf = async (token: string) => (await api('GET', '/v1/balance', { token })).body.products.expert;

/** The token of a transfer email's accept link (`<appUrl>/transfers/accept?token=…`). */
const transferToken = (text: string | undefined) =>
  new URL(/https?:\/\/\S+\/transfers\/accept\?token=\S+/.exec(text ?? '')![0]).searchParams.get('token')!;

/** A practitioner of an organisation new to the system (no balance yet), signed in as `email`. */
const recipient = (email = `${unique('colleague')}@clinic.example`) =>
  practitioner({}, { label: 'clinic', email, name: 'Cleo Colleague' }).then((who) => ({ ...who, email }));

async function sent(token: string, body: Record<string, unknown>) {
  const answer = await api('POST', '/v1/transfers', { token, body });
  expect(answer.status).toBe(201);
  return answer.body;
}

/** A practitioner who bought `bought` uses of `product`, and `quantity` of them sent to a recipient: pending. */
async function pendingTransfer(product: CountedProduct, bought: number, quantity: number) {
  const pat = await practitioner({ [product]: bought });
  const cleo = await recipient();
  const transfer = await sent(pat.token, { product, quantity, email: cleo.email });
  const token = transferToken((await emailTo(cleo.email)).body.text);
  return { pat, cleo, transfer, token };
}

describe('Transfers of uses', () => {
  it('hold the uses, email a link, refuse another email and move the uses to the right practitioner once', async () => {
    const pat = await practitioner({ expert: 5 });
    const cleo = await recipient();
    const transfer = await sent(pat.token, {
      product: 'expert',
      quantity: 2,
      email: cleo.email.toUpperCase(),
      message: 'For your <b>team</b>',
    });
    expect(transfer).toMatchObject({ status: 'pending', product: 'expert', quantity: 2, email: cleo.email });
    expect(Date.parse(transfer.expiresAt) - Date.parse(transfer.createdAt)).toBe(30 * day);
    expect(await expertOf(pat.token)).toEqual({ available: 3, inGroups: 0, inTransfers: 2, used: 0 });

    const mail = await emailTo(cleo.email);
    expect(mail.body.text).toContain(`${stack().env[envNames.appUrl]}/transfers/accept?token=`);
    expect(mail.body.text).toContain('For your <b>team</b>');
    expect(mail.body.html).toContain('For your &lt;b&gt;team&lt;/b&gt;');
    const token = transferToken(mail.body.text);

    const stranger = await recipient();
    expectError(
      await api('POST', '/v1/transfers/accept', { token: stranger.token, body: { token } }),
      403,
      'EMAIL_MISMATCH',
    );
    expect(await expertOf(stranger.token)).toEqual({ available: 0, inGroups: 0, inTransfers: 0, used: 0 });

    const accepted = await api('POST', '/v1/transfers/accept', { token: cleo.token, body: { token } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.transfer).toMatchObject({ id: transfer.id, status: 'accepted', quantity: 2 });
    expect(accepted.body.balance.products.expert).toEqual({
      available: 2,
      inGroups: 0,
      inTransfers: 0,
      used: 0,
    });
    expect(await expertOf(pat.token)).toEqual({ available: 3, inGroups: 0, inTransfers: 0, used: 0 });

    // Again by the same recipient: the same answer, nothing moves twice.
    const again = await api('POST', '/v1/transfers/accept', { token: cleo.token, body: { token } });
    expect(again.status).toBe(200);
    expect(again.body.transfer).toMatchObject({ id: transfer.id, status: 'accepted' });
    expect(await expertOf(cleo.token)).toEqual({ available: 2, inGroups: 0, inTransfers: 0, used: 0 });
    expect(await expertOf(pat.token)).toEqual({ available: 3, inGroups: 0, inTransfers: 0, used: 0 });

    expectError(
      await api('DELETE', `/v1/transfers/${transfer.id}`, { token: pat.token }),
      409,
      'ALREADY_ACCEPTED',
    );
    // Both sides see it and audit it; neither list names any result or the other side's ids.
    const sentList = await api('GET', '/v1/transfers?direction=sent', { token: pat.token });
    expect(sentList.body.items.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([
      [transfer.id, 'accepted'],
    ]);
    const received = await api('GET', '/v1/transfers?direction=received', { token: cleo.token });
    expect(received.body.items).toHaveLength(1);
    // Nothing of the sender's: no internal ids, nor what became of the email (delivery tracking).
    expect(Object.keys(received.body.items[0]).sort()).toEqual(
      [
        'acceptedAt',
        'createdAt',
        'email',
        'expiresAt',
        'id',
        'message',
        'product',
        'quantity',
        'senderName',
        'status',
      ].sort(),
    );
    const actions = async (token: string) =>
      (await api('GET', '/v1/audit', { token })).body.items.map((e: { action: string }) => e.action);
    expect(await actions(pat.token)).toEqual(expect.arrayContaining(['transfer.send', 'transfer.accepted']));
    expect(await actions(cleo.token)).toContain('transfer.receive');
    expect(JSON.stringify((await api('GET', '/v1/audit', { token: pat.token })).body)).not.toContain(token);
  }, 60_000);

  it('returns the uses when cancelled while pending, and the link then answers 410 TRANSFER_CANCELLED', async () => {
    const { pat, cleo, transfer, token } = await pendingTransfer('introductory', 4, 3);
    const cancelled = await api('DELETE', `/v1/transfers/${transfer.id}`, { token: pat.token });
    expect(cancelled.status).toBe(204);
    const intro = async (t: string) =>
      (await api('GET', '/v1/balance', { token: t })).body.products.introductory;
    expect(await intro(pat.token)).toEqual({ available: 4, inGroups: 0, inTransfers: 0, used: 0 });
    // Cancelling again moves nothing.
    expect((await api('DELETE', `/v1/transfers/${transfer.id}`, { token: pat.token })).status).toBe(204);
    expect(await intro(pat.token)).toEqual({ available: 4, inGroups: 0, inTransfers: 0, used: 0 });
    expectError(
      await api('POST', '/v1/transfers/accept', { token: cleo.token, body: { token } }),
      410,
      'TRANSFER_CANCELLED',
    );
    expect(await intro(cleo.token)).toEqual({ available: 0, inGroups: 0, inTransfers: 0, used: 0 });
    // Another organisation's transfer id is unknown to it.
    expectError(await api('DELETE', `/v1/transfers/${transfer.id}`, { token: cleo.token }), 404, 'NOT_FOUND');
  }, 60_000);

  it('expires a pending transfer when run-due passes its 30 days: the uses return and accepting is 410 TRANSFER_EXPIRED', async () => {
    const { pat, cleo, transfer, token } = await pendingTransfer('expert', 2, 2);
    const createdAt = Date.parse(transfer.createdAt);
    // Only this transfer's own schedule: the other files' pending transfers share the stack.
    const names = [scheduleNames.transferExpiry(transfer.id)];
    const day29 = await api('POST', '/_local/scheduler/run-due', {
      body: { asOf: new Date(createdAt + 29 * day).toISOString(), groupName: group(), names },
    });
    expect(day29.body).toEqual({ fired: 0 });
    expect(await expertOf(pat.token)).toEqual({ available: 0, inGroups: 0, inTransfers: 2, used: 0 });
    const fired = await api('POST', '/_local/scheduler/run-due', {
      body: { asOf: new Date(createdAt + 31 * day).toISOString(), groupName: group(), names },
    });
    expect(fired.body).toEqual({ fired: 1 });
    await eventually(async () => ((await expertOf(pat.token)).available === 2 ? true : undefined));
    expect(await expertOf(pat.token)).toEqual({ available: 2, inGroups: 0, inTransfers: 0, used: 0 });
    expectError(
      await api('POST', '/v1/transfers/accept', { token: cleo.token, body: { token } }),
      410,
      'TRANSFER_EXPIRED',
    );
    expect((await api('GET', '/v1/transfers', { token: pat.token })).body.items[0]).toMatchObject({
      id: transfer.id,
      status: 'expired',
    });
    expectError(
      await api('DELETE', `/v1/transfers/${transfer.id}`, { token: pat.token }),
      410,
      'TRANSFER_EXPIRED',
    );
  }, 60_000);

  it('lets exactly 3 of 10 concurrent transfers through against a balance of 3', async () => {
    const pat = await practitioner({ expert: 3 });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api('POST', '/v1/transfers', {
          token: pat.token,
          body: { product: 'expert', quantity: 1, email: `${unique(`many${i}`)}@clinic.example` },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    for (const refused of answers.filter((a) => a.status !== 201))
      expectError(refused, 409, 'INSUFFICIENT_BALANCE');
    expect(await expertOf(pat.token)).toEqual({ available: 0, inGroups: 0, inTransfers: 3, used: 0 });
  }, 60_000);

  it('does the work once for one Idempotency-Key, and a preview is the email itself, holding nothing', async () => {
    const pat = await practitioner({ expert: 3 });
    const email = `${unique('once')}@clinic.example`;
    const body = { product: 'expert', quantity: 2, email, message: 'Hello' };
    const headers = { 'Idempotency-Key': unique('key') };
    const preview = await api('POST', '/v1/transfers/preview', { token: pat.token, body });
    expect(preview.status).toBe(200);
    expect(await expertOf(pat.token)).toMatchObject({ available: 3, inTransfers: 0 });
    const first = await api('POST', '/v1/transfers', { token: pat.token, body, headers });
    const second = await api('POST', '/v1/transfers', { token: pat.token, body, headers });
    expect(first.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await expertOf(pat.token)).toMatchObject({ available: 1, inTransfers: 2 });
    const mail = await emailTo(email);
    expect(mail.subject).toBe(preview.body.subject);
    // The same email but for its own token.
    expect(mail.body.text!.replace(/token=\S+/, '')).toBe(preview.body.text.replace(/token=\S+/, ''));
    expectError(
      await api('POST', '/v1/transfers', { token: pat.token, body: { ...body, quantity: 1 }, headers }),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
  }, 60_000);
});
