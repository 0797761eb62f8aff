import { resolveLanguage } from '../languages.ts';
import { withoutBidiControls } from '../safe-text.ts';
import { emailHtml, emailText, html as h, longDate, type RenderedEmail } from './layout.ts';
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
  const lines = [
    s.intro(input.clientName, s.kinds[input.course.kind], input.course.title),
    ...(input.dueAt ? [s.due(longDate(language, input.dueAt))] : []),
    s.start,
  ];
  return {
    subject: withoutBidiControls(s.subject(input.course.title)),
    html: emailHtml(language, [
      h.paragraph(t.greeting(input.name)),
      ...lines.map(h.paragraph),
      h.paragraph(t.signOff),
      h.footer(t.help(input.support)),
    ]),
    text: emailText([t.greeting(input.name), lines, t.signOff, t.help(input.support)]),
  };
}
