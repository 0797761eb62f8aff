import { escapeHtml } from '../html.ts';
import { withoutBidiControls } from '../safe-text.ts';
import { layout } from './invitation-emails.ts';
import type { RenderedEmail } from './profile-share-email.ts';

const productNames = { introductory: 'Introductory Profile', expert: 'Expert Profile' } as const;

/**
 * The transfer email, exactly as sent and as previewed: who gives how many uses of what, the
 * personal message (plain text: escaped in the HTML, kept as written in the text part) and the
 * accept link. It names uses only; a transfer never carries results.
 */
export function transferEmail(input: {
  senderName: string;
  product: 'introductory' | 'expert';
  quantity: number;
  message?: string | undefined;
  acceptUrl: string;
  recipientEmail: string;
  expiresOn: string;
  support: string;
}): RenderedEmail {
  const uses = `${input.quantity} ${productNames[input.product]} use${input.quantity === 1 ? '' : 's'}`;
  // The sender's name is theirs to choose; in a header it must not reorder what the reader sees.
  const subject = `${withoutBidiControls(input.senderName)} transferred ${uses} to you`;
  const lines = [
    'Hello,',
    `${input.senderName} has transferred ${uses} to you, to send to the people you work with.`,
    `Sign in as a practitioner with this exact email address: ${input.recipientEmail}. Then accept the transfer with the link below before ${input.expiresOn}; after that the uses go back to ${input.senderName}.`,
  ];
  const closing = `Questions? Write to ${input.support}.`;
  const text = [
    ...lines,
    ...(input.message !== undefined ? ['', `Message from ${input.senderName}:`, input.message] : []),
    '',
    `Accept the transfer: ${input.acceptUrl}`,
    '',
    closing,
  ].join('\n');
  const html = layout(
    [...lines, ...(input.message !== undefined ? [`Message from ${input.senderName}:`] : [])],
    { label: 'Accept the transfer', url: input.acceptUrl },
    input.message,
  ).replace('</body>', `<p style="font-size:12px;color:#6b7280">${escapeHtml(closing)}</p></body>`);
  return { subject, html, text };
}
