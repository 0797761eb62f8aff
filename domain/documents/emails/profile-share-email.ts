import { escapeHtml } from '../html.ts';
import { resolveLanguage } from '../languages.ts';
import { emailStrings } from './translations/index.ts';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export type ProfileShareDelivery =
  | { kind: 'attachment' }
  | { kind: 'link'; url: string; expiresAt: string; fellBackFromAttachment: boolean }
  | { kind: 'digital'; url: string };

/**
 * The email that hands a learner their profile, in their language: HTML and plain text carry the
 * same words; every piece of user text is escaped in the HTML.
 */
export function profileShareEmail(input: {
  name: string;
  language: string;
  delivery: ProfileShareDelivery;
  support: string;
}): RenderedEmail {
  const language = resolveLanguage(input.language);
  const t = emailStrings[language];
  const s = t.profileShare;
  const lines: string[] = [s.intro];
  let action: { label: string; url: string } | undefined;
  switch (input.delivery.kind) {
    case 'attachment':
      lines.push(s.attached);
      break;
    case 'link': {
      const expiresOn = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(input.delivery.expiresAt),
      );
      if (input.delivery.fellBackFromAttachment) lines.push(s.tooLargeForAttachment);
      lines.push(s.link(expiresOn));
      action = { label: s.linkAction, url: input.delivery.url };
      break;
    }
    case 'digital':
      lines.push(s.digital);
      action = { label: s.digitalAction, url: input.delivery.url };
      break;
  }
  const text = [
    t.greeting(input.name),
    '',
    ...lines,
    ...(action ? ['', `${action.label}: ${action.url}`] : []),
    '',
    t.signOff,
    '',
    t.help(input.support),
  ].join('\n');
  const paragraph = (p: string) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`;
  const html = `<!doctype html><html lang="${language}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1f2937;line-height:1.5">
${paragraph(t.greeting(input.name))}
${lines.map(paragraph).join('\n')}
${action ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action.label)}</a></p>` : ''}
${paragraph(t.signOff)}
<p style="margin:24px 0 0;font-size:12px;color:#6b7280">${escapeHtml(t.help(input.support))}</p>
</body></html>`;
  return { subject: s.subject, html, text };
}
