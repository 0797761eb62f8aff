import { describe, expect, it } from 'vitest';
import { exportReadyEmail, shareSummaryEmail } from '../../domain/documents/emails/profile-export-emails.ts';
import { profileExportStrings } from '../../domain/documents/emails/translations/profile-export.ts';
import { documentLanguages } from '../../domain/documents/languages.ts';
import { shareSummary } from '../../domain/exports/share-summary.ts';

const summary = () => {
  const built = shareSummary(1);
  const person = (n: number) => ({ learnerId: `l${n}`, name: `<b>Zoé ${n}</b>`, email: `z${n}@example.com` });
  built.add([
    { ...person(1), status: 'delivered', requested: 'attachment', channel: 'attachment' },
    { ...person(2), status: 'delivered', requested: 'attachment', channel: 'download-link' },
    { ...person(3), status: 'delivered', requested: 'attachment', channel: 'download-link' },
    { ...person(4), status: 'delivered', requested: 'attachment', channel: 'digital-link' },
    { ...person(5), status: 'failed', reason: 'render-failed' },
  ]);
  return built.result();
};

describe('the bulk export emails to the requester', () => {
  it.each(documentLanguages)('say in %s that the zip is ready, with its link, in both parts', (language) => {
    const url = 'https://api.example.com/v1/links/abc';
    const email = exportReadyEmail({
      name: 'Rita',
      language,
      count: 10,
      url,
      expiresAt: '2026-12-08T00:00:00.000Z',
      support: 'help@example.com',
    });
    const words = profileExportStrings[language].ready;
    expect(email.subject).toBe(words.subject);
    expect(email.text).toContain(words.intro(10));
    expect(email.text).toContain(url);
    expect(email.html).toContain(`href="${url}"`);
    expect(email.html).toContain(`<html lang="${language}">`);
  });

  it.each(documentLanguages)(
    'summarise a share in %s: counts by channel, who fell back to a link, who failed and why (escaped in HTML)',
    (language) => {
      const email = shareSummaryEmail({
        name: 'Rita',
        language,
        summary: summary(),
        support: 'help@example.com',
      });
      const words = profileExportStrings[language];
      expect(email.subject).toBe(words.summary.subject);
      expect(email.text).toContain(words.summary.shared(4, 5));
      expect(email.text).toContain(words.summary.byChannel(1, 2, 1));
      expect(email.text).toContain(
        `${words.summary.fellBack(2)}\n• <b>Zoé 2</b> <z2@example.com>\n${words.summary.more(1)}`,
      );
      expect(email.text).toContain(
        `${words.summary.failed(1)}\n• <b>Zoé 5</b> <z5@example.com>: ${words.reasons['render-failed']}`,
      );
      expect(email.html).not.toContain('<b>Zoé');
      expect(email.html).toContain('&lt;b&gt;Zoé 5&lt;/b&gt;');
    },
  );

  it('differ between languages (no language falls back to English)', () => {
    const texts = documentLanguages.map(
      (language) =>
        shareSummaryEmail({ name: 'Rita', language, summary: summary(), support: 'h@example.com' }).text,
    );
    expect(new Set(texts).size).toBe(documentLanguages.length);
  });
});
