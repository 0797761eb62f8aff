import { resolveLanguage } from '../languages.ts';
import { withoutBidiControls } from '../safe-text.ts';
import { inviteEmail } from './invitation-emails.ts';
import type { RenderedEmail } from './layout.ts';
import { emailStrings } from './translations/index.ts';

/**
 * A reminder of an invitation not yet accepted, in the invitee's language, carrying the very accept
 * link of the invitation email.
 */
export function invitationReminderEmail(input: {
  inviterName: string;
  language: string | undefined;
  acceptUrl: string;
  expiresAt?: string | undefined;
  support: string;
}): RenderedEmail {
  const t = emailStrings[resolveLanguage(input.language)];
  const r = t.invitationReminder;
  return inviteEmail({
    // The inviter's name is theirs to choose; in a header it must not reorder what the reader sees.
    subject: r.subject(withoutBidiControls(input.inviterName)),
    lines: [
      r.intro(input.inviterName),
      ...(input.expiresAt ? [r.expires(input.expiresAt.slice(0, 10))] : []),
    ],
    action: { label: r.action, url: input.acceptUrl },
    help: t.help(input.support),
  });
}

/** A reminder to a group member whose profile is not finished, in their language (English by default). */
export function assignmentReminderEmail(input: {
  groupName: string;
  language: string | undefined;
  url: string;
  support: string;
}): RenderedEmail {
  const t = emailStrings[resolveLanguage(input.language)];
  const r = t.assignmentReminder;
  return inviteEmail({
    subject: r.subject,
    lines: [r.intro(input.groupName)],
    action: { label: r.action, url: input.url },
    help: t.help(input.support),
  });
}
