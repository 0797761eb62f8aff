import { create as parseFont } from '@cantoo/fontkit';
import { type PDFArray, PDFDict, PDFDocument, PDFName, type PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.ts';
import { createProfileRenderer, type ProfilePdfInput } from '../../domain/documents/profile-pdf.ts';
import {
  fillTemplate,
  profileTranslationsFor,
  supportedLanguages,
} from '../../domain/documents/translations/index.ts';
import { profileFonts } from '../../functions/adapters/documents/fonts.ts';

const fonts = profileFonts();
const renderer = createProfileRenderer(fonts);

/** Six scores, from 0 to 100 with a fraction between: key, label and value of each. */
const scores = (
  [
    ['openness', 'Openness to new ideas', 72],
    ['detail', 'Attention to detail', 45],
    ['sociability', 'Sociability', 88],
    ['cooperation', 'Cooperation', 0],
    ['stability', 'Emotional stability', 100],
    ['drive', 'Drive for results', 61.4],
  ] as const
).map(([key, label, value]) => ({ key, label, value }));

const profile = (overrides: Partial<ProfilePdfInput> = {}): ProfilePdfInput => ({
  personName: 'Łukasz Żółć',
  product: 'expert',
  includeCareerGuide: true,
  completedAt: '2025-03-12T10:00:00Z',
  language: 'en',
  scores,
  summary: 'You approach work with energy and curiosity.\n\nUnder pressure you stay calm.',
  ...overrides,
});

/** The text of each page, as a real PDF reader (pdf.js) extracts it, whitespace collapsed. */
async function pagesOf(pdf: Uint8Array): Promise<string[]> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: false });
  return text.map((page) => page.replace(/\s+/g, ' ').trim());
}

const render = async (overrides: Partial<ProfilePdfInput> = {}) =>
  pagesOf(await renderer.render(profile(overrides)));

describe('the profile PDF', () => {
  it('renders the name Łukasz Żółć on the cover', async () => {
    const [cover] = await render();
    expect(cover).toContain('Łukasz Żółć');
  });

  it.each([
    ['Greek', 'Αλέξανδρος Παπαδόπουλος'],
    ['Cyrillic', 'Анна Кузнецова'],
    ['Latin Extended', 'Zoë Ñúñez-Ørsted Şükrü Dvořák'],
  ])('renders a %s name (%s) on the cover and in the running header', async (_script, name) => {
    const pages = await render({ personName: name });
    expect(pages[0]).toContain(name);
    expect(pages[1]).toContain(name);
  });

  it.each(supportedLanguages)('writes the headings, product and footer in %s', async (language) => {
    const t = profileTranslationsFor(language).translations;
    const pages = await render({ language });
    const all = pages.join(' ');
    for (const heading of Object.values(t.headings)) expect(all).toContain(heading);
    expect(pages[0]).toContain(t.products.expert);
    expect(pages[0]).toContain(t.products.careerGuide);
    pages.forEach((page, index) =>
      expect(page).toContain(fillTemplate(t.pageOf, { page: `${index + 1}`, pages: `${pages.length}` })),
    );
  });

  it('lists every score label with its value rounded to a whole number', async () => {
    const all = (await render()).join(' ');
    for (const score of scores) expect(all).toContain(score.label);
    expect(all).toMatch(/Drive for results 61\b/);
    expect(all).toMatch(/Emotional stability 100\b/);
  });

  it('runs to at least two pages, each numbered "Page n of N" in the footer', async () => {
    const pages = await render();
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pages.length}`));
  });

  it('flows many scores onto further pages without losing any', async () => {
    const many = Array.from({ length: 45 }, (_, i) => ({
      key: `k${i}`,
      label: `Scale number ${i}`,
      value: i * 2,
    }));
    const pages = await render({ scores: many });
    const all = pages.join(' ');
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const score of many) expect(all).toContain(`${score.label} ${score.value}`);
  });

  it('writes the completion date with German month names', async () => {
    const [cover] = await render({ language: 'de' });
    expect(cover).toContain('Fragebogen ausgefüllt am 12. März 2025');
  });

  it('follows the regional date order of the language tag', async () => {
    expect((await render({ language: 'en-US' }))[0]).toContain('March 12, 2025');
    expect((await render({ language: 'en-GB' }))[0]).toContain('12 March 2025');
    expect((await render({ language: 'pl' }))[0]).toContain('12 marca 2025');
  });

  it('uses French for fr-CA and English for a language it has no translation for', async () => {
    expect((await render({ language: 'fr-CA' }))[0]).toContain('Profil Expert');
    expect((await render({ language: 'ja-JP' }))[0]).toContain('Expert Profile');
    expect((await render({ language: 'not a language tag' }))[0]).toContain('Expert Profile');
  });

  it.each([
    ['an emoji', 'Zoë 🙂 Smith'],
    ['a CJK character', 'Zoë 李 Smith'],
    ['an emoji sequence with joiners', 'Zoë 👩‍👩‍👧 Smith'],
  ])('replaces %s no font covers and keeps the rest of the name', async (_what, name) => {
    const [cover] = await render({ personName: name });
    expect(cover).toMatch(/Zoë \uFFFD+ Smith/);
  });

  it('survives control characters, line breaks and lone surrogates in a name', async () => {
    const [cover] = await render({ personName: 'Ada\u0000\nLovelace\uD800' });
    expect(cover).toContain('Ada Lovelace\uFFFD');
  });

  it('composes a decomposed name (NFD) before drawing it', async () => {
    const [cover] = await render({ personName: 'Łukasz Żółć'.normalize('NFD') });
    expect(cover).toContain('Łukasz Żółć');
  });

  it('shows the summary when there is one and leaves the section out when there is none', async () => {
    const withSummary = (await render()).join(' ');
    expect(withSummary).toContain('Summary');
    expect(withSummary).toContain('You approach work with energy and curiosity.');
    const without = (await render({ summary: undefined, includeCareerGuide: false })).join(' ');
    expect(without).not.toContain('Summary');
    expect(without).not.toContain('Career guide');
  });

  it('names every product in the language of the document', async () => {
    for (const product of ['introductory', 'expert', 'discovery'] as const) {
      const [cover] = await render({ product, language: 'nl' });
      expect(cover).toContain(profileTranslationsFor('nl').translations.products[product]);
    }
  });

  it('keeps every character extractable when a render reuses glyphs met in an earlier one', async () => {
    // "Ż" and "ć" are built from "Z" and "c": an earlier render must not spoil those glyphs' text.
    await render({ personName: 'Żaneta Ćwikła', language: 'pl' });
    const all = (await render({ personName: 'Zacharias Czech', language: 'de' })).join(' ');
    expect(all).toContain('Zacharias Czech');
    expect(all).toContain('Zusammenfassung');
    expect(all).toContain('Nächste Schritte');
  });

  it('embeds font subsets whose glyphs are the font’s own outlines and widths', async () => {
    const pdf = await renderer.render(profile({ personName: 'Żółć Αλέξανδρος Анна Ǆemal' }));
    const doc = await PDFDocument.load(pdf);
    const originals = new Map([
      ['DejaVuSans', parseFont(fonts.regular)],
      ['DejaVuSans-Bold', parseFont(fonts.bold)],
    ]);
    let checked = 0;
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict) || object.get(PDFName.of('Subtype'))?.toString() !== '/Type0')
        continue;
      const original = originals.get(object.get(PDFName.of('BaseFont'))!.toString().split('+')[1]!) as any;
      const cidFont = doc.context.lookup(
        (object.get(PDFName.of('DescendantFonts')) as PDFArray).get(0),
      ) as PDFDict;
      const descriptor = doc.context.lookup(cidFont.get(PDFName.of('FontDescriptor'))) as PDFDict;
      const file = doc.context.lookup(descriptor.get(PDFName.of('FontFile2'))) as PDFRawStream;
      const subset = parseFont(decodePDFRawStream(file).decode()) as any;
      const toUnicode = doc.context.lookup(object.get(PDFName.of('ToUnicode'))) as PDFRawStream;
      const cmap = new TextDecoder('latin1').decode(decodePDFRawStream(toUnicode).decode());
      for (const [, glyphId, unicode] of cmap.matchAll(/<([0-9A-F]{4})> <([0-9A-F]{4})>/g)) {
        const drawn = subset.getGlyph(parseInt(glyphId!, 16));
        const expected = original.glyphForCodePoint(parseInt(unicode!, 16));
        expect(drawn.path.toSVG()).toBe(expected.path.toSVG());
        expect(drawn.advanceWidth).toBe(expected.advanceWidth);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('renders the same bytes for the same input', async () => {
    const [first, second] = [await renderer.render(profile()), await renderer.render(profile())];
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('stays small: the fonts are embedded as subsets', async () => {
    expect((await renderer.render(profile())).byteLength).toBeLessThan(40_000);
  });

  it.each([
    ['an unparseable completion date', { completedAt: 'yesterday' }, 'completedAt'],
    ['an empty name', { personName: '  ' }, 'personName'],
    [
      'a score that is not a number',
      { scores: [{ key: 'x', label: 'X', value: Number.NaN }] },
      'scores.0.value',
    ],
  ])('rejects %s with a validation error naming the field', async (_what, overrides, path) => {
    const error = await renderer.render(profile(overrides)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details.map((d) => d.path)).toEqual([path]);
  });
});

describe('profile translations', () => {
  it('maps a regional tag to its language and anything unknown to English', () => {
    expect(profileTranslationsFor('fr-CA')).toMatchObject({ language: 'fr', locale: 'fr-CA' });
    expect(profileTranslationsFor('PL')).toMatchObject({ language: 'pl', locale: 'pl' });
    expect(profileTranslationsFor('pt-BR')).toMatchObject({ language: 'en', locale: 'en' });
    expect(profileTranslationsFor('!!')).toMatchObject({ language: 'en', locale: 'en' });
  });

  it.each(supportedLanguages)('has every text of %s filled in', (language) => {
    const texts = JSON.stringify(profileTranslationsFor(language).translations).match(/"[^"]*"/g) ?? [];
    expect(texts).not.toContain('""');
    expect(profileTranslationsFor(language).translations.pageOf).toMatch(/\{page\}.*\{pages\}/);
  });
});
