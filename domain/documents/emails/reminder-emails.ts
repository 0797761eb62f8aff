import { escapeHtml } from '../html.ts';
import { resolveLanguage } from '../languages.ts';
import { withoutBidiControls } from '../safe-text.ts';
import { layout } from './invitation-emails.ts';
import type { RenderedEmail } from './profile-share-email.ts';
import { emailStrings } from './translations/index.ts';

const render = (
  subject: string,
  lines: string[],
  action: { label: string; url: string },
  help: string,
): RenderedEmail => ({
  subject,
  text: [...lines, '', `${action.label}: ${action.url}`, '', help].join('\n'),
  html: layout(lines, action).replace(
    '</body>',
    `<p style="font-size:12px;color:#6b7280">${escapeHtml(help)}</p></body>`,
  ),
});

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
  return render(
    // The inviter's name is theirs to choose; in a header it must not reorder what the reader sees.
    r.subject(withoutBidiControls(input.inviterName)),
    [r.intro(input.inviterName), ...(input.expiresAt ? [r.expires(input.expiresAt.slice(0, 10))] : [])],
    { label: r.action, url: input.acceptUrl },
    t.help(input.support),
  );
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
  return render(
    r.subject,
    [r.intro(input.groupName)],
    { label: r.action, url: input.url },
    t.help(input.support),
  );
}
