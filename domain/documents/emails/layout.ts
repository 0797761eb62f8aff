import { escapeHtml } from '../html.ts';

/** An email as sent: the subject, and an HTML and a plain-text part carrying the same words. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** A link the reader is asked to follow: a button (or a plain link) in the HTML, `label: url` in the text. */
export interface EmailAction {
  label: string;
  url: string;
}

/**
 * The pieces every email's HTML is made of, written once. Each piece escapes what it is given: user
 * text (names, messages, titles) never becomes markup. Styles are inline, as mail clients want.
 */
export const html = {
  paragraph: (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text).replace(/\n/g, '<br>')}</p>`,
  /** The one call to action of an email, as a button; nothing when there is none. */
  button: (action: EmailAction | undefined) =>
    action
      ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action.label)}</a></p>`
      : '',
  /** A call to action as a plain link (the requester's export emails). */
  link: (action: EmailAction | undefined) =>
    action
      ? `<p style="margin:0 0 16px"><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>`
      : '',
  /** A personal message, quoted as written (plain text, kept on its lines); nothing when there is none. */
  quote: (text: string | undefined) =>
    text === undefined
      ? ''
      : `<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #93c5fd;white-space:pre-wrap">${escapeHtml(text)}</blockquote>`,
  /** The help line at the foot of a letter, set apart from the sign-off. */
  footer: (text: string) => `<p style="margin:24px 0 0;font-size:12px;color:#6b7280">${escapeHtml(text)}</p>`,
  /** The help line of the invitation family of emails, right above the end of the body. */
  smallPrint: (text: string) => `<p style="font-size:12px;color:#6b7280">${escapeHtml(text)}</p>`,
};

/**
 * The HTML document of an email: each row of the body on its own line (an empty row keeps its empty
 * line), then the small print, if any, just before the body closes.
 */
export const emailHtml = (language: string, rows: string[], smallPrint = ''): string =>
  `<!doctype html><html lang="${language}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1f2937;line-height:1.5">
${rows.join('\n')}
${smallPrint}</body></html>`;

/**
 * The plain-text part: sections apart by one blank line, the lines of a section one under the other;
 * an absent section (undefined) leaves no trace.
 */
export const emailText = (sections: (string | string[] | undefined)[]): string =>
  sections
    .filter((section) => section !== undefined)
    .map((section) => (typeof section === 'string' ? section : section.join('\n')))
    .join('\n\n');

/** The text form of a call to action: `Accept the invitation: https://…`. */
export const actionLine = (action: EmailAction): string => `${action.label}: ${action.url}`;

/** A date as the reader's language writes it in full (`1 March 2026`), on the UTC calendar. */
export const longDate = (language: string, iso: string): string =>
  new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
