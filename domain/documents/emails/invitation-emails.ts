import { withoutBidiControls } from '../safe-text.ts';
import { actionLine, emailHtml, emailText, html, type EmailAction, type RenderedEmail } from './layout.ts';

export const productNames = { introductory: 'Introductory Profile', expert: 'Expert Profile' } as const;

/**
 * An email of the invitation family (invitations, transfers, reminders): paragraphs, the sender's
 * personal message if any (plain text: escaped in the HTML, kept as written in the text part), one
 * call to action, and the help line when there is one.
 */
export function inviteEmail(input: {
  subject: string;
  lines: string[];
  message?: { from: string; text: string } | undefined;
  action: EmailAction;
  help?: string | undefined;
}): RenderedEmail {
  const { lines, message, action, help } = input;
  const introduced = message ? `Message from ${message.from}:` : undefined;
  return {
    subject: input.subject,
    text: emailText([lines, message && [introduced!, message.text], actionLine(action), help]),
    html: emailHtml(
      'en',
      [...lines.concat(introduced ?? []).map(html.paragraph), html.quote(message?.text), html.button(action)],
      help === undefined ? '' : html.smallPrint(help),
    ),
  };
}

/** The invitation email, exactly as sent and as previewed. */
export function invitationEmail(input: {
  inviterName: string;
  product: 'introductory' | 'expert';
  includeCareerGuide: boolean;
  withhold: boolean;
  message?: string | undefined;
  acceptUrl: string;
  invitedEmail: string;
  support: string;
}): RenderedEmail {
  const product = `${productNames[input.product]}${input.includeCareerGuide ? ' with the Career Guide' : ''}`;
  return inviteEmail({
    // The inviter's name is theirs to choose; in a header it must not reorder what the reader sees.
    subject: `${withoutBidiControls(input.inviterName)} invited you to complete your ${product}`,
    lines: [
      'Hello,',
      `${input.inviterName} has invited you to complete an ${product}.`,
      `Sign in or create an account with this exact email address: ${input.invitedEmail}. Then accept the invitation with the link below.`,
      ...(input.withhold
        ? ['Your results will be shared with you 30 days after this invitation was sent.']
        : []),
    ],
    message: input.message === undefined ? undefined : { from: input.inviterName, text: input.message },
    action: { label: 'Accept the invitation', url: input.acceptUrl },
    help: `Questions? Write to ${input.support}.`,
  });
}

/** Sent when a withheld profile is released: the results are now the invitee's to see. */
export function profileReadyEmail(input: {
  name: string;
  profilesUrl: string;
  support: string;
}): RenderedEmail {
  const lines = [`Hello ${input.name},`, 'Your profile results are now available to you.'];
  const action = { label: 'See your profile', url: input.profilesUrl };
  const email = inviteEmail({ subject: 'Your profile results are ready', lines, action });
  // Its help line is in the text part only, as this email has always been sent.
  return { ...email, text: emailText([lines, actionLine(action), `Questions? Write to ${input.support}.`]) };
}
