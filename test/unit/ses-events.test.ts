import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sesDetailTypes, sesEvent, type SesEventType } from '../../events/ses-events.ts';

/**
 * events/ses-events.ts against SES's events as AWS documents them: one sample per tracked event
 * type (test/fixtures/ses-events/), written to the field names and nesting of the SES developer
 * guide's "Examples of event data that Amazon SES publishes" and the EventBridge reference's
 * "Amazon SES events" (envelope with `detail-type`, `source: aws.ses`, the configuration set as the
 * resource, SES's record as `detail`); the values are made up.
 */
const sample = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(`../fixtures/ses-events/${name}.json`, import.meta.url), 'utf8'));

const samples: Record<SesEventType, string> = {
  Delivery: 'delivery',
  Bounce: 'bounce',
  Complaint: 'complaint',
  Reject: 'reject',
  DeliveryDelay: 'delivery-delay',
};

/** A sample with one change, made on a copy. */
function changed(name: string, change: (event: Record<string, any>) => void) {
  const event = structuredClone(sample(name));
  change(event);
  return event;
}

describe('the SES event schema', () => {
  it.each(Object.entries(samples))('reads AWS’s %s event as EventBridge delivers it', (eventType, file) => {
    const parsed = sesEvent.parse(sample(file));
    expect(parsed.source).toBe('aws.ses');
    expect(parsed['detail-type']).toBe(sesDetailTypes[eventType as SesEventType]);
    expect(parsed.detail.eventType).toBe(eventType);
    expect(parsed.resources[0]).toMatch(/:configuration-set\/profiles-mail$/);
    expect(parsed.detail.mail.messageId).toMatch(/-000000$/);
    expect(parsed.detail.mail.tags['ses:configuration-set']).toEqual(['profiles-mail']);
  });

  it('keeps what the worker reads of each event: the recipients, the outcome and the send’s own tags', () => {
    const bounce = sesEvent.parse(sample('bounce'));
    if (bounce.detail.eventType !== 'Bounce') throw new Error('not a bounce');
    expect(bounce.detail.bounce).toMatchObject({ bounceType: 'Permanent', bounceSubType: 'General' });
    expect(bounce.detail.bounce.bouncedRecipients[0]).toMatchObject({
      emailAddress: 'left.the.company@client.example.net',
      status: '5.1.1',
    });
    expect(bounce.detail.mail.tags).toMatchObject({ kind: ['export'], job: ['01HQA0C3D4E5F6G7H8J9K0M1N2'] });

    const delivery = sesEvent.parse(sample('delivery'));
    if (delivery.detail.eventType !== 'Delivery') throw new Error('not a delivery');
    expect(delivery.detail.delivery.recipients).toEqual(['hiring@client.example.net']);

    const complaint = sesEvent.parse(sample('complaint'));
    if (complaint.detail.eventType !== 'Complaint') throw new Error('not a complaint');
    expect(complaint.detail.complaint.complainedRecipients).toEqual([
      { emailAddress: 'annoyed@client.example.net' },
    ]);
    expect(complaint.detail.complaint.complaintSubType).toBeNull();

    const delay = sesEvent.parse(sample('delivery-delay'));
    if (delay.detail.eventType !== 'DeliveryDelay') throw new Error('not a delay');
    expect(delay.detail.deliveryDelay.delayType).toBe('MailboxFull');
  });

  it('reads an event with fields it does not know (AWS adds fields over time)', () => {
    const event = changed('delivery', (e) => {
      e.detail.mail.somethingNew = { nested: true };
      e.detail.delivery.remoteMtaIpv6 = '2001:db8::1';
      e['replay-name'] = 'archive-1';
    });
    expect(sesEvent.safeParse(event).success).toBe(true);
  });

  it('reads a send without tags as one with none', () => {
    const event = changed('reject', (e) => delete e.detail.mail.tags);
    expect(sesEvent.parse(event).detail.mail.tags).toEqual({});
  });

  it('refuses an event from another source than SES', () => {
    expect(sesEvent.safeParse(changed('delivery', (e) => (e.source = 'aws.sns'))).success).toBe(false);
  });

  it('refuses a detail-type the rule does not route (an open, a click)', () => {
    expect(sesEvent.safeParse(changed('delivery', (e) => (e['detail-type'] = 'Email Opened'))).success).toBe(
      false,
    );
  });

  it('refuses an event whose mail has no messageId (it could find no record)', () => {
    expect(sesEvent.safeParse(changed('bounce', (e) => delete e.detail.mail.messageId)).success).toBe(false);
    expect(sesEvent.safeParse(changed('bounce', (e) => (e.detail.mail.messageId = ''))).success).toBe(false);
  });

  it('refuses a record without the object its eventType names', () => {
    expect(sesEvent.safeParse(changed('bounce', (e) => delete e.detail.bounce)).success).toBe(false);
    expect(sesEvent.safeParse(changed('complaint', (e) => (e.detail.eventType = 'Delivery'))).success).toBe(
      false,
    );
  });

  it('refuses a tag whose values are not a list (SES sends every tag as one)', () => {
    expect(sesEvent.safeParse(changed('delivery', (e) => (e.detail.mail.tags.kind = 'share'))).success).toBe(
      false,
    );
  });
});
