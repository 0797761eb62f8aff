import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { ValidationError, type FieldProblem } from '../errors.ts';
import { Face, type EmbeddableFont } from './truetype-face.ts';
import { fillTemplate, profileTranslationsFor, type ProfileTranslations } from './translations/index.ts';

/**
 * The profile PDF: data in, bytes out. A cover (product, name, completion date), "About this
 * profile", the scores as labelled bars, the optional summary, next steps and the career guide
 * add-on, with a running header and "Page n of N" footers, in any supported language.
 *
 * Speed. A naive pdf-lib renderer re-parses the TTF and re-shapes every string for every document,
 * which makes a Unicode profile ~10× slower than the same page in Helvetica. Here the expensive
 * work happens once per renderer (so once per Lambda container):
 * - both fonts are read once (truetype-face.ts); pdf-lib gets them through a fontkit stand-in that
 *   hands back the prepared font instead of parsing the bytes again (`registerFontkit` takes any
 *   `{ create }`);
 * - text is mapped to glyphs through the cmap with one cached record per code point instead of
 *   OpenType shaping (see {@link Face} for why this is also what keeps text extractable);
 * - each document still embeds only the glyphs it uses, but the subset is assembled from glyphs
 *   read and stripped of hinting once per container ({@link TrueTypeFont}) instead of being
 *   re-decoded for every document;
 * - per language, the translated boilerplate is cleaned, measured and wrapped into lines once, and
 *   the `Intl` formats are built once.
 * A profile is ~17 KB, and the same input gives the same bytes (fixed subset tags, no dates in the
 * metadata). `npm run bench:render` measures it against plain pdf-lib with Helvetica.
 *
 * Characters no font covers (emoji, CJK with the default DejaVu fonts) become U+FFFD (or '?'),
 * checked with `hasGlyphForCodePoint` before anything is drawn, so a name never crashes a render.
 * No shaping for right-to-left scripts: those render in logical order.
 */

export const profileProducts = ['introductory', 'expert', 'discovery'] as const;
export type ProfileProduct = (typeof profileProducts)[number];

export interface ProfileScore {
  key: string;
  label: string;
  /** 0–100; values outside are drawn clamped. */
  value: number;
}

export interface ProfilePdfInput {
  personName: string;
  product: ProfileProduct;
  includeCareerGuide?: boolean;
  /** ISO 8601; the date is shown in UTC. */
  completedAt: string;
  /** Any BCP-47 tag: `fr-CA` uses French, an unsupported language falls back to English. */
  language: string;
  scores: ProfileScore[];
  summary?: string;
}

/** TrueType font files (glyf outlines), passed in by the caller: the domain reads no files. */
export interface ProfileFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface ProfileRenderer {
  render(input: ProfilePdfInput): Promise<Uint8Array>;
}

// A4 in points, and the grid every page is laid out on.
const pageWidth = 595.28;
const pageHeight = 841.89;
const margin = 56;
const contentWidth = pageWidth - 2 * margin;
const contentTop = pageHeight - 78;
const contentBottom = 72;

const colour = {
  ink: rgb(0.13, 0.16, 0.2),
  muted: rgb(0.39, 0.43, 0.49),
  rule: rgb(0.85, 0.87, 0.9),
  navy: rgb(0.11, 0.23, 0.37),
  navyLight: rgb(0.15, 0.29, 0.45),
  navyLighter: rgb(0.19, 0.34, 0.51),
  teal: rgb(0.16, 0.62, 0.56),
  coverLabel: rgb(0.67, 0.78, 0.89),
  coverText: rgb(0.86, 0.91, 0.96),
  white: rgb(1, 1, 1),
  track: rgb(0.91, 0.93, 0.95),
};
/** Bar fills, cycled per score: distinct hues of one muted palette (no good/bad traffic lights). */
const barColours: RGB[] = [
  rgb(0.12, 0.31, 0.47),
  rgb(0.16, 0.62, 0.56),
  rgb(0.91, 0.64, 0.23),
  rgb(0.91, 0.44, 0.32),
  rgb(0.43, 0.35, 0.48),
];

const body = { size: 10.5, leading: 15.5 };
const headingSize = 17;
/** A score row: its label wrapped in the label column, then the bar, then the value right of the bar. */
const scoreRow = { labelSize: 10, labelLeading: 13, labelColumn: 178, valueColumn: 40, barHeight: 11 };

const languageCacheSize = 32;

/** Everything about a language that does not depend on the person: built once, then reused. */
interface LanguageKit {
  locale: string;
  t: ProfileTranslations;
  date: Intl.DateTimeFormat;
  number: Intl.NumberFormat;
  documentTitle: string;
  coverLabel: string;
  products: Record<ProfileProduct | 'careerGuide', string>;
  taglines: Record<ProfileProduct, string>;
  addOnLabel: string;
  preparedFor: string;
  headings: ProfileTranslations['headings'];
  about: string[][];
  resultsIntro: string[];
  noScores: string[];
  nextSteps: string[][];
  careerGuide: string[][];
  ticks: { label: string; width: number }[];
}

const bulletIndent = 16;

export function createProfileRenderer(fonts: ProfileFonts): ProfileRenderer {
  const regular = new Face(fonts.regular);
  const bold = new Face(fonts.bold);
  const faces = new Map<Uint8Array, Face>([
    [fonts.regular, regular],
    [fonts.bold, bold],
  ]);
  // pdf-lib asks its fontkit to parse the bytes of every font it embeds: answer with the parsed font.
  const preparedFontkit = {
    create(bytes: Uint8Array): EmbeddableFont {
      const face = faces.get(bytes);
      if (!face) throw new Error('Only the renderer’s own fonts can be embedded.');
      return face.pdfFont;
    },
  };
  // Subset fonts are named TAG+PostScriptName (PDF 32000 §9.6.4); fixed tags keep the output deterministic.
  const regularName = `PRFREG+${regular.font.postscriptName ?? 'Regular'}`;
  const boldName = `PRFBLD+${bold.font.postscriptName ?? 'Bold'}`;

  const kits = new Map<string, LanguageKit>();
  const kitFor = (tag: string): LanguageKit => {
    const { locale, translations: t } = profileTranslationsFor(tag);
    let kit = kits.get(locale);
    if (!kit) {
      kit = prepareLanguage(locale, t, regular, bold);
      if (kits.size >= languageCacheSize) kits.delete(kits.keys().next().value as string);
      kits.set(locale, kit);
    }
    return kit;
  };

  return {
    async render(input) {
      validate(input);
      const kit = kitFor(input.language);
      const doc = await PDFDocument.create({ updateMetadata: false });
      // pdf-lib types its fontkit as the whole of fontkit's API; its embedders read only what
      // EmbeddableFont lists (checked against pdf-lib's CustomFontEmbedder/CustomFontSubsetEmbedder).
      doc.registerFontkit(preparedFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
      const [regularFont, boldFont] = await Promise.all([
        doc.embedFont(fonts.regular, { subset: true, customName: regularName }),
        doc.embedFont(fonts.bold, { subset: true, customName: boldName }),
      ]);
      const layout = new Layout(doc, kit, { regular, bold }, { regular: regularFont, bold: boldFont }, input);
      layout.draw();

      const product = kit.products[input.product];
      doc.setTitle(`${kit.documentTitle} – ${regular.clean(input.personName)}`);
      doc.setSubject(input.includeCareerGuide ? `${product} + ${kit.products.careerGuide}` : product);
      doc.setLanguage(kit.locale);
      doc.setCreator('Profile sharing');
      doc.setProducer('Profile sharing (pdf-lib)');
      return doc.save({ objectsPerTick: Infinity });
    },
  };
}

function validate(input: ProfilePdfInput): void {
  const problems: FieldProblem[] = [];
  if (typeof input.personName !== 'string' || input.personName.trim() === '')
    problems.push({ path: 'personName', message: 'A name is required.' });
  if (!profileProducts.includes(input.product))
    problems.push({ path: 'product', message: `Expected one of ${profileProducts.join(', ')}.` });
  if (Number.isNaN(Date.parse(input.completedAt)))
    problems.push({ path: 'completedAt', message: 'Expected an ISO 8601 date-time.' });
  input.scores.forEach((score, index) => {
    if (!Number.isFinite(score.value))
      problems.push({ path: `scores.${index}.value`, message: 'Expected a number from 0 to 100.' });
  });
  if (problems.length > 0) throw new ValidationError('The profile cannot be rendered.', problems);
}

function prepareLanguage(locale: string, t: ProfileTranslations, regular: Face, bold: Face): LanguageKit {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const paragraphs = (texts: string[], width: number) =>
    texts.map((text) => regular.wrap(regular.clean(text), body.size, width));
  const clean = (record: Record<string, string>, face: Face) =>
    Object.fromEntries(Object.entries(record).map(([key, text]) => [key, face.clean(text)]));
  return {
    locale,
    t,
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
    number,
    documentTitle: regular.clean(t.documentTitle),
    coverLabel: bold.clean(t.documentTitle.toLocaleUpperCase(locale)),
    products: clean(t.products, bold) as LanguageKit['products'],
    taglines: clean(t.productTaglines, regular) as LanguageKit['taglines'],
    addOnLabel: bold.clean(t.cover.addOn),
    preparedFor: regular.clean(t.cover.preparedFor),
    headings: clean(t.headings, bold) as LanguageKit['headings'],
    about: paragraphs(t.about, contentWidth),
    resultsIntro: regular.wrap(regular.clean(t.resultsIntro), body.size, contentWidth),
    noScores: regular.wrap(regular.clean(t.noScores), body.size, contentWidth),
    nextSteps: paragraphs(t.nextSteps, contentWidth - bulletIndent),
    careerGuide: paragraphs(t.careerGuide, contentWidth),
    ticks: [0, 25, 50, 75, 100].map((value) => {
      const label = regular.clean(number.format(value));
      return { label, width: regular.width(label, 7.5) };
    }),
  };
}

/** Lays one profile out top to bottom, opening pages as content needs them. */
class Layout {
  private readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  private readonly name: { regular: string; bold: string };

  constructor(
    private readonly doc: PDFDocument,
    private readonly kit: LanguageKit,
    private readonly faces: { regular: Face; bold: Face },
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
    private readonly input: ProfilePdfInput,
  ) {
    this.name = { regular: faces.regular.clean(input.personName), bold: faces.bold.clean(input.personName) };
  }

  draw(): void {
    const { kit, input } = this;
    this.cover();
    this.newPage();
    this.heading(kit.headings.about);
    kit.about.forEach((lines, index) => this.paragraph(lines, index > 0));
    this.heading(kit.headings.results);
    this.paragraph(kit.resultsIntro, false);
    if (input.scores.length === 0) this.paragraph(kit.noScores, true);
    else this.scores();
    const summary = (input.summary ?? '').split(/\n\s*\n/).map((text) => this.faces.regular.clean(text));
    if (summary.some((text) => text !== '')) {
      this.heading(kit.headings.summary);
      summary
        .filter((text) => text !== '')
        .forEach((text, index) =>
          this.paragraph(this.faces.regular.wrap(text, body.size, contentWidth), index > 0),
        );
    }
    this.heading(kit.headings.nextSteps);
    for (const lines of kit.nextSteps) this.bullet(lines);
    if (input.includeCareerGuide) {
      this.heading(kit.headings.careerGuide);
      kit.careerGuide.forEach((lines, index) => this.paragraph(lines, index > 0));
    }
    this.footers();
  }

  private cover(): void {
    const { kit, input, faces } = this;
    const page = this.doc.addPage([pageWidth, pageHeight]);
    this.pages.push(page);
    const bandBottom = pageHeight * 0.42;
    page.drawRectangle({
      x: 0,
      y: bandBottom,
      width: pageWidth,
      height: pageHeight - bandBottom,
      color: colour.navy,
    });
    page.drawCircle({ x: pageWidth - 40, y: pageHeight - 60, size: 210, color: colour.navyLight });
    page.drawCircle({ x: pageWidth - 10, y: pageHeight - 150, size: 120, color: colour.navyLighter });
    page.drawRectangle({ x: 0, y: bandBottom, width: pageWidth, height: 6, color: colour.teal });

    const product = kit.products[input.product];
    const productSize = faces.bold.fit(product, 34, 20, contentWidth);
    let y = bandBottom + 150;
    this.text(page, kit.coverLabel, margin, y, 10, 'bold', colour.coverLabel);
    y -= 44;
    this.text(page, product, margin, y, productSize, 'bold', colour.white);
    y -= 26;
    this.text(page, kit.taglines[input.product], margin, y, 13, 'regular', colour.coverText);
    if (input.includeCareerGuide) {
      const pill = `${kit.addOnLabel}: ${kit.products.careerGuide}`;
      const width = faces.bold.width(pill, 9.5) + 20;
      page.drawRectangle({ x: margin, y: y - 38, width, height: 20, color: colour.teal });
      this.text(page, pill, margin + 10, y - 31.5, 9.5, 'bold', colour.white);
    }

    y = bandBottom - 64;
    this.text(page, kit.preparedFor, margin, y, 11, 'regular', colour.muted);
    y -= 36;
    const nameSize = faces.bold.fit(this.name.bold, 30, 20, contentWidth);
    for (const line of faces.bold.wrap(this.name.bold, nameSize, contentWidth)) {
      this.text(page, line, margin, y, nameSize, 'bold', colour.ink);
      y -= nameSize * 1.2;
    }
    page.drawRectangle({ x: margin, y: y + 4, width: 48, height: 4, color: colour.teal });
    y -= 24;
    const date = kit.date.format(new Date(input.completedAt));
    const completed = faces.regular.clean(fillTemplate(kit.t.cover.completedOn, { date }));
    this.text(page, completed, margin, y, 12, 'regular', colour.muted);
  }

  private newPage(): void {
    const { kit, input } = this;
    this.page = this.doc.addPage([pageWidth, pageHeight]);
    this.pages.push(this.page);
    const top = pageHeight - 40;
    this.text(this.page, kit.products[input.product], margin, top, 8.5, 'bold', colour.navy);
    const name = this.faces.regular.truncate(this.name.regular, 8.5, contentWidth / 2);
    const nameWidth = this.faces.regular.width(name, 8.5);
    this.text(this.page, name, pageWidth - margin - nameWidth, top, 8.5, 'regular', colour.muted);
    this.rule(this.page, top - 9);
    this.y = contentTop;
  }

  /** Opens a new page unless `height` more points fit above the footer. */
  private ensure(height: number): void {
    if (this.y - height < contentBottom) this.newPage();
  }

  private heading(text: string): void {
    const atTop = this.y === contentTop;
    // Keep the heading with at least two lines of what follows it.
    this.ensure((atTop ? 0 : 26) + headingSize + 16 + 2 * body.leading);
    if (this.y !== contentTop) this.y -= 26;
    this.y -= headingSize;
    this.text(this.page, text, margin, this.y, headingSize, 'bold', colour.navy);
    this.page.drawRectangle({ x: margin, y: this.y - 8, width: 28, height: 2.5, color: colour.teal });
    this.y -= 20;
  }

  private paragraph(lines: string[], spaced: boolean): void {
    if (spaced) this.y -= 7;
    for (const line of lines) {
      this.ensure(body.leading);
      this.y -= body.leading;
      this.text(this.page, line, margin, this.y + 4, body.size, 'regular', colour.ink);
    }
  }

  private bullet(lines: string[]): void {
    this.y -= 5;
    this.ensure(Math.min(lines.length, 2) * body.leading);
    lines.forEach((line, index) => {
      this.ensure(body.leading);
      this.y -= body.leading;
      if (index === 0)
        this.page.drawCircle({ x: margin + 4, y: this.y + 7.5, size: 2.2, color: colour.teal });
      this.text(this.page, line, margin + bulletIndent, this.y + 4, body.size, 'regular', colour.ink);
    });
  }

  private scores(): void {
    const { kit, faces } = this;
    const { labelSize, labelLeading, labelColumn, valueColumn, barHeight } = scoreRow;
    const barX = margin + labelColumn + 12;
    const barWidth = contentWidth - labelColumn - 12 - valueColumn;
    const scaleHeight = 22;
    let scaleDrawn = false;
    this.y -= 6;
    this.input.scores.forEach((score, index) => {
      const lines = faces.regular.wrap(faces.regular.clean(score.label), labelSize, labelColumn);
      const rowHeight = Math.max(lines.length * labelLeading, barHeight) + 14;
      if (this.y - rowHeight - (scaleDrawn ? 0 : scaleHeight) < contentBottom) {
        this.newPage();
        scaleDrawn = false;
      }
      if (!scaleDrawn) {
        // The 0–100 scale above the first bar of each page.
        this.y -= 12;
        for (const [i, tick] of kit.ticks.entries()) {
          const x = barX + (barWidth * i) / (kit.ticks.length - 1) - tick.width / 2;
          this.text(this.page, tick.label, x, this.y, 7.5, 'regular', colour.muted);
        }
        this.y -= 10;
        scaleDrawn = true;
      }
      const top = this.y - 7;
      lines.forEach((line, i) =>
        this.text(
          this.page,
          line,
          margin,
          top - labelSize - i * labelLeading + 1.5,
          labelSize,
          'regular',
          colour.ink,
        ),
      );
      const value = Math.min(100, Math.max(0, score.value));
      const barY = top - barHeight - 1;
      this.page.drawRectangle({ x: barX, y: barY, width: barWidth, height: barHeight, color: colour.track });
      const fill = (barWidth * value) / 100;
      if (fill > 0)
        this.page.drawRectangle({
          x: barX,
          y: barY,
          width: fill,
          height: barHeight,
          color: barColours[index % barColours.length],
        });
      for (const quarter of [0.25, 0.5, 0.75])
        this.page.drawRectangle({
          x: barX + barWidth * quarter - 0.5,
          y: barY,
          width: 1,
          height: barHeight,
          color: colour.white,
        });
      const label = faces.bold.clean(kit.number.format(value));
      const labelWidth = faces.bold.width(label, 10.5);
      this.text(this.page, label, pageWidth - margin - labelWidth, barY + 1.5, 10.5, 'bold', colour.ink);
      this.y -= rowHeight;
    });
  }

  private footers(): void {
    const { kit } = this;
    const pages = kit.number.format(this.pages.length);
    this.pages.forEach((page, index) => {
      this.rule(page, 50);
      this.text(page, kit.documentTitle, margin, 36, 8.5, 'regular', colour.muted);
      const label = this.faces.regular.clean(
        fillTemplate(kit.t.pageOf, { page: kit.number.format(index + 1), pages }),
      );
      const width = this.faces.regular.width(label, 8.5);
      this.text(page, label, pageWidth - margin - width, 36, 8.5, 'regular', colour.muted);
    });
  }

  private rule(page: PDFPage, y: number): void {
    page.drawRectangle({ x: margin, y, width: contentWidth, height: 0.6, color: colour.rule });
  }

  private text(
    page: PDFPage,
    text: string,
    x: number,
    y: number,
    size: number,
    weight: 'regular' | 'bold',
    color: RGB,
  ): void {
    page.drawText(text, { x, y, size, font: this.fonts[weight], color });
  }
}
