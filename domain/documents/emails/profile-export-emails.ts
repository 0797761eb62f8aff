import type { ShareSummary } from '../../exports/share-summary.ts';
import { resolveLanguage, type DocumentLanguage } from '../languages.ts';
import { actionLine, emailHtml, emailText, html as h, longDate } from './layout.ts';
import type { EmailAction, RenderedEmail } from './layout.ts';
import { emailStrings } from './translations/index.ts';
import { profileExportStrings, type ProfileExportStrings } from './translations/profile-export.ts';

/** Whom the export emails go to: the user who asked for the export, in their language. */
interface Requester {
  name: string;
  language: string;
  support: string;
}

/** What one of the requester's emails says between its greeting and its sign-off. */
interface RequesterLetter {
  subject: string;
  lines: string[];
  action?: EmailAction;
}

/**
 * The requester's emails are letters of paragraphs, each its own section of the text part: the
 * greeting, the body, the call to action if any (a plain link), the sign-off and the help line.
 */
function requesterEmail(
  to: Requester,
  compose: (language: DocumentLanguage, s: ProfileExportStrings) => RequesterLetter,
): RenderedEmail {
  const language = resolveLanguage(to.language);
  const t = emailStrings[language];
  const { subject, lines, action } = compose(language, profileExportStrings[language]);
  const paragraphs = [t.greeting(to.name), ...lines];
  const help = t.help(to.support);
  return {
    subject,
    text: emailText([...paragraphs, action && actionLine(action), t.signOff, help]),
    html: emailHtml(language, [
      ...[...paragraphs, t.signOff].map(h.paragraph),
      h.link(action),
      h.footer(help),
    ]),
  };
}

/** The requester's email when a download export's zip is ready: the `/v1/links/` link and its expiry. */
export function exportReadyEmail(
  input: Requester & { count: number; url: string; expiresAt: string },
): RenderedEmail {
  return requesterEmail(input, (language, { ready }) => ({
    subject: ready.subject,
    lines: [ready.intro(input.count), ready.link(longDate(language, input.expiresAt)), ready.index],
    action: { label: ready.action, url: input.url },
  }));
}

/**
 * The requester's one summary of a share export: how many were shared, by which channel, who got a
 * link because their PDF was too large to attach, who failed and why (named up to the summary's
 * list limit; the counts cover everyone).
 */
export function shareSummaryEmail(input: Requester & { summary: ShareSummary }): RenderedEmail {
  const { summary } = input;
  return requesterEmail(input, (_, s) => {
    const listed = (names: string[], count: number) =>
      names.join('\n') + (count > names.length ? `\n${s.summary.more(count - names.length)}` : '');
    const lines = [
      s.summary.shared(summary.shared, summary.total),
      s.summary.byChannel(
        summary.byChannel.attachment,
        summary.byChannel['download-link'],
        summary.byChannel['digital-link'],
      ),
    ];
    if (summary.fellBackToLink.count > 0)
      lines.push(
        `${s.summary.fellBack(summary.fellBackToLink.count)}\n${listed(
          summary.fellBackToLink.learners.map((l) => `• ${l.name} <${l.email}>`),
          summary.fellBackToLink.count,
        )}`,
      );
    if (summary.failed.count > 0)
      lines.push(
        `${s.summary.failed(summary.failed.count)}\n${listed(
          summary.failed.learners.map((l) => `• ${l.name} <${l.email}>: ${s.reasons[l.reason]}`),
          summary.failed.count,
        )}`,
      );
    lines.push(s.summary.deliveryTracked);
    return { subject: s.summary.subject, lines };
  });
}
