import { describe, expect, it } from 'vitest';
import { courseAssignmentEmail } from '../../domain/documents/emails/course-assignment-email.ts';
import { courseAssignmentStrings } from '../../domain/documents/emails/translations/course-assignment.ts';
import { documentLanguages } from '../../domain/documents/languages.ts';
import { courseEmailTags } from '../../domain/sharing/courses.ts';
import { emailSubjectFromTags } from '../../events/email-subject.ts';

const input = {
  name: 'Zoé <b>D</b>',
  clientName: 'Acme & <Co>',
  course: { title: '<img src=x onerror=alert(1)> "Safety"', kind: 'onboarding' as const },
  dueAt: '2026-12-24T12:00:00.000Z',
  support: 'help@example.com',
};

describe('the course assignment email', () => {
  it.each(documentLanguages)('is written in %s, both parts saying the same', (language) => {
    const email = courseAssignmentEmail({ ...input, language });
    const words = courseAssignmentStrings[language];
    expect(email.subject).toBe(words.subject(input.course.title));
    expect(email.text).toContain(words.intro(input.clientName, words.kinds.onboarding, input.course.title));
    expect(email.text).toContain(words.start);
    expect(email.html).toContain(`<html lang="${language}">`);
  });

  it('differs between languages (no language falls back to English)', () => {
    const subjects = documentLanguages.map((language) => courseAssignmentEmail({ ...input, language }).text);
    expect(new Set(subjects).size).toBe(documentLanguages.length);
  });

  it('resolves a regional tag to its language and says the due date in it', () => {
    const email = courseAssignmentEmail({ ...input, language: 'de-AT' });
    expect(email.text).toContain('24. Dezember 2026');
    expect(email.text).toContain('Onboarding-Kurs');
  });

  it('escapes every piece of client and supplier text in the HTML', () => {
    const { html } = courseAssignmentEmail({ ...input, language: 'en' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>D');
    expect(html).not.toContain('<Co>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;Safety&quot;');
    expect(html).toContain('Acme &amp; &lt;Co&gt;');
  });

  it('keeps bidi controls out of the subject', () => {
    const email = courseAssignmentEmail({
      ...input,
      language: 'en',
      course: { title: 'Report\u202Efdp.exe', kind: 'learn' },
    });
    expect(email.subject).toBe('New course: Reportfdp.exe');
  });

  it('is tagged for delivery tracking with its kind, the client, the staff member and the assignment', () => {
    const tags = courseEmailTags('client-1', 'staff.1', 'assignment-1');
    expect(tags).toEqual({ kind: 'course', org: 'client-1', staff: 'staff.2E1', assignment: 'assignment-1' });
    expect(emailSubjectFromTags(tags)).toEqual({
      kind: 'course',
      org: 'client-1',
      staff: 'staff.1',
      assignment: 'assignment-1',
    });
  });
});
