import { escapeHtml } from '../html.ts';
import { withoutBidiControls } from '../safe-text.ts';
import type { RenderedEmail } from './profile-share-email.ts';

const productNames = { introductory: 'Introductory Profile', expert: 'Expert Profile' } as const;

export const layout = (
  paragraphs: string[],
  action: { label: string; url: string } | undefined,
  quote?: string,
) =>
  `<!doctype html><html lang="en"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1f2937;line-height:1.5">
${paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n')}
${quote === undefined ? '' : `<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #93c5fd;white-space:pre-wrap">${escapeHtml(quote)}</blockquote>`}
${action ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action.label)}</a></p>` : ''}
</body></html>`;

/**
 * The invitation email, exactly as sent and as previewed. The personal message is plain text: it is
 * escaped in the HTML (never markup) and kept as written in the text part.
 */
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
  // The inviter's name is theirs to choose; in a header it must not reorder what the reader sees.
  const subject = `${withoutBidiControls(input.inviterName)} invited you to complete your ${product}`;
  const lines = [
    'Hello,',
    `${input.inviterName} has invited you to complete an ${product}.`,
    `Sign in or create an account with this exact email address: ${input.invitedEmail}. Then accept the invitation with the link below.`,
    ...(input.withhold
      ? ['Your results will be shared with you 30 days after this invitation was sent.']
      : []),
  ];
  const closing = [`Questions? Write to ${input.support}.`];
  const text = [
    ...lines,
    ...(input.message !== undefined ? ['', `Message from ${input.inviterName}:`, input.message] : []),
    '',
    `Accept the invitation: ${input.acceptUrl}`,
    '',
    ...closing,
  ].join('\n');
  const html = layout(
    [...lines, ...(input.message !== undefined ? [`Message from ${input.inviterName}:`] : [])],
    { label: 'Accept the invitation', url: input.acceptUrl },
    input.message,
  ).replace('</body>', `<p style="font-size:12px;color:#6b7280">${escapeHtml(closing[0]!)}</p></body>`);
  return { subject, html, text };
}

/** Sent when a withheld profile is released: the results are now the invitee's to see. */
export function profileReadyEmail(input: {
  name: string;
  profilesUrl: string;
  support: string;
}): RenderedEmail {
  const lines = [`Hello ${input.name},`, 'Your profile results are now available to you.'];
  return {
    subject: 'Your profile results are ready',
    text: [
      ...lines,
      '',
      `See your profile: ${input.profilesUrl}`,
      '',
      `Questions? Write to ${input.support}.`,
    ].join('\n'),
    html: layout([...lines], { label: 'See your profile', url: input.profilesUrl }),
  };
}
