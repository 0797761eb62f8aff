import { escapeHtml } from '../html.ts';
import { resolveLanguage } from '../languages.ts';
import { withoutBidiControls } from '../safe-text.ts';
import type { RenderedEmail } from './profile-share-email.ts';
import { emailStrings } from './translations/index.ts';
import { courseAssignmentStrings } from './translations/course-assignment.ts';

/**
 * The email telling a staff member a client issued them a course (seed 002), in their language. The
 * course title and the client's name are the client's to choose: escaped in the HTML (never
 * markup), and stripped of bidi controls in the subject, a header that must not reorder what the
 * reader sees.
 */
export function courseAssignmentEmail(input: {
  name: string;
  language: string;
  clientName: string;
  course: { title: string; kind: 'onboarding' | 'learn' };
  dueAt?: string | undefined;
  support: string;
}): RenderedEmail {
  const language = resolveLanguage(input.language);
  const t = emailStrings[language];
  const s = courseAssignmentStrings[language];
  const lines = [s.intro(input.clientName, s.kinds[input.course.kind], input.course.title)];
  if (input.dueAt) {
    lines.push(
      s.due(
        new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(input.dueAt),
        ),
      ),
    );
  }
  lines.push(s.start);
  const text = [t.greeting(input.name), '', ...lines, '', t.signOff, '', t.help(input.support)].join('\n');
  const paragraph = (p: string) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`;
  const html = `<!doctype html><html lang="${language}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1f2937;line-height:1.5">
${paragraph(t.greeting(input.name))}
${lines.map(paragraph).join('\n')}
${paragraph(t.signOff)}
<p style="margin:24px 0 0;font-size:12px;color:#6b7280">${escapeHtml(t.help(input.support))}</p>
</body></html>`;
  return { subject: withoutBidiControls(s.subject(input.course.title)), html, text };
}
