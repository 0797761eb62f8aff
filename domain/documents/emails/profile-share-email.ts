import { resolveLanguage } from '../languages.ts';
import { actionLine, emailHtml, emailText, html as h, longDate } from './layout.ts';
import type { EmailAction, RenderedEmail } from './layout.ts';
import { emailStrings } from './translations/index.ts';

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
  let action: EmailAction | undefined;
  switch (input.delivery.kind) {
    case 'attachment':
      lines.push(s.attached);
      break;
    case 'link': {
      const expiresOn = longDate(language, input.delivery.expiresAt);
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
  const text = emailText([
    t.greeting(input.name),
    lines,
    action && actionLine(action),
    t.signOff,
    t.help(input.support),
  ]);
  const html = emailHtml(language, [
    h.paragraph(t.greeting(input.name)),
    ...lines.map(h.paragraph),
    h.button(action),
    h.paragraph(t.signOff),
    h.footer(t.help(input.support)),
  ]);
  return { subject: s.subject, html, text };
}
