import type { ShareSummary } from '../../exports/share-summary.ts';
import { escapeHtml } from '../html.ts';
import { resolveLanguage } from '../languages.ts';
import type { RenderedEmail } from './profile-share-email.ts';
import { emailStrings } from './translations/index.ts';
import { profileExportStrings } from './translations/profile-export.ts';

const paragraph = (p: string) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`;

function layout(language: string, lines: string[], action?: { label: string; url: string }, footer?: string) {
  return `<!doctype html><html lang="${language}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1f2937;line-height:1.5">
${lines.map(paragraph).join('\n')}
${action ? `<p style="margin:0 0 16px"><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>` : ''}
${footer ? `<p style="margin:24px 0 0;font-size:12px;color:#6b7280">${escapeHtml(footer)}</p>` : ''}
</body></html>`;
}

/** The requester's email when a download export's zip is ready: the `/v1/links/` link and its expiry. */
export function exportReadyEmail(input: {
  name: string;
  language: string;
  count: number;
  url: string;
  expiresAt: string;
  support: string;
}): RenderedEmail {
  const language = resolveLanguage(input.language);
  const t = emailStrings[language];
  const s = profileExportStrings[language].ready;
  const expiresOn = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(input.expiresAt),
  );
  const lines = [t.greeting(input.name), s.intro(input.count), s.link(expiresOn), s.index];
  const text = [
    ...lines.flatMap((l) => [l, '']),
    `${s.action}: ${input.url}`,
    '',
    t.signOff,
    '',
    t.help(input.support),
  ].join('\n');
  return {
    subject: s.subject,
    text,
    html: layout(
      language,
      lines.concat(t.signOff),
      { label: s.action, url: input.url },
      t.help(input.support),
    ),
  };
}

/**
 * The requester's one summary of a share export: how many were shared, by which channel, who got a
 * link because their PDF was too large to attach, who failed and why (named up to the summary's
 * list limit; the counts cover everyone).
 */
export function shareSummaryEmail(input: {
  name: string;
  language: string;
  summary: ShareSummary;
  support: string;
}): RenderedEmail {
  const language = resolveLanguage(input.language);
  const t = emailStrings[language];
  const s = profileExportStrings[language];
  const { summary } = input;
  const lines = [
    t.greeting(input.name),
    s.summary.shared(summary.shared, summary.total),
    s.summary.byChannel(
      summary.byChannel.attachment,
      summary.byChannel['download-link'],
      summary.byChannel['digital-link'],
    ),
  ];
  const listed = (names: string[], count: number) =>
    names.join('\n') + (count > names.length ? `\n${s.summary.more(count - names.length)}` : '');
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
  lines.push(s.summary.noBounces);
  const text = [...lines.flatMap((l) => [l, '']), t.signOff, '', t.help(input.support)].join('\n');
  return {
    subject: s.summary.subject,
    text,
    html: layout(language, lines.concat(t.signOff), undefined, t.help(input.support)),
  };
}
