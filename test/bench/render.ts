import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import {
  createProfileRenderer,
  type ProfilePdfInput,
  type ProfileScore,
} from '../../domain/documents/profile-pdf.ts';
import { en } from '../../domain/documents/translations/en.ts';
import { profileFonts } from '../../functions/adapters/documents/fonts.ts';

/**
 * `npm run bench:render`: milliseconds per profile PDF (median of BENCH_RENDERS renders, default
 * 300, after a warm-up) and its size, with the embedded Unicode font, beside the floor measured in
 * the same run: a bare pdf-lib document of the same text and bars in the built-in Helvetica, drawn
 * with no project code. The two are interleaved so background noise hits both alike. Goal: the
 * ratio of the medians ≤ 2.
 *
 * The profiles rotate through six languages and eight names (Polish, Greek, Cyrillic, …), so no
 * render reuses the previous one's name or language. Also printed: a cold render (new renderer:
 * fonts parsed, language prepared, then one PDF), which a Lambda container pays once.
 */
const renders = Number(process.env.BENCH_RENDERS ?? 300);
const warmUp = 60;

const labels = [
  'Openness to new ideas',
  'Attention to detail',
  'Sociability',
  'Cooperation',
  'Emotional stability',
  'Drive for results',
  'Collaboration in diverse teams',
  'Analytical thinking',
  'Adaptability',
  'Persuasion',
  'Planning and organising',
  'Resilience under pressure',
];
const scores: ProfileScore[] = labels.map((label, i) => ({
  key: `s${i}`,
  label,
  value: (i * 37 + 23) % 101,
}));
const summary =
  'You approach work with energy and curiosity. You like to understand the reasons behind decisions and prefer to work with people who share ideas openly.\n\nUnder pressure you stay calm, although you may sometimes take on too much yourself.';
const names = [
  'Łukasz Żółć',
  'Αλέξανδρος Παπαδόπουλος',
  'Анна Кузнецова',
  'Zoë Ñúñez-Ørsted',
  'Jürgen Müller-Weiß',
  'Şükrü Çelik',
  'Małgorzata Brzęczyszczykiewicz',
  'Dvořák Jiří',
];
const languages = ['en', 'fr', 'de', 'es', 'nl', 'pl'];
const inputFor = (i: number): ProfilePdfInput => ({
  personName: names[i % names.length]!,
  product: (['introductory', 'expert', 'discovery'] as const)[i % 3]!,
  includeCareerGuide: i % 2 === 0,
  completedAt: '2025-03-12T10:00:00Z',
  language: languages[i % languages.length]!,
  scores,
  summary,
});

/**
 * The floor: the same three pages with pdf-lib alone, in Helvetica (WinAnsi-safe text): the same
 * cover shapes, headings, wrapped paragraphs (pdf-lib's own `maxWidth` wrapping), 0–100 scale,
 * bars with quarter marks, bullets, running headers and footers.
 */
async function floorPdf(i: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const [navy, teal, ink, muted, track, white] = [
    rgb(0.11, 0.23, 0.37),
    rgb(0.16, 0.62, 0.56),
    rgb(0.13, 0.16, 0.2),
    rgb(0.39, 0.43, 0.49),
    rgb(0.91, 0.93, 0.95),
    rgb(1, 1, 1),
  ];
  const [width, height] = [595.28, 841.89];
  const pages = [doc.addPage([width, height]), doc.addPage([width, height]), doc.addPage([width, height])];
  const [cover, results, closing] = pages as [(typeof pages)[0], (typeof pages)[0], (typeof pages)[0]];
  const name = `Lukasz Zolc ${i % 8}`;

  cover.drawRectangle({ x: 0, y: 354, width, height: 488, color: navy });
  cover.drawCircle({ x: 555, y: 782, size: 210, color: rgb(0.15, 0.29, 0.45) });
  cover.drawCircle({ x: 585, y: 692, size: 120, color: rgb(0.19, 0.34, 0.51) });
  cover.drawRectangle({ x: 0, y: 354, width, height: 6, color: teal });
  cover.drawText('PERSONAL PROFILE', { x: 56, y: 504, size: 10, font: bold, color: rgb(0.7, 0.8, 0.9) });
  cover.drawText(en.products.expert, { x: 56, y: 460, size: 34, font: bold, color: white });
  cover.drawText(en.productTaglines.expert, { x: 56, y: 434, size: 13, font: regular, color: white });
  cover.drawRectangle({ x: 56, y: 396, width: 130, height: 20, color: teal });
  cover.drawText(`${en.cover.addOn}: ${en.products.careerGuide}`, { x: 66, y: 402, size: 9.5, font: bold });
  cover.drawText(en.cover.preparedFor, { x: 56, y: 290, size: 11, font: regular, color: muted });
  cover.drawText(name, { x: 56, y: 254, size: 30, font: bold, color: ink });
  cover.drawRectangle({ x: 56, y: 222, width: 48, height: 4, color: teal });
  cover.drawText('Questionnaire completed on March 12, 2025', { x: 56, y: 194, size: 12, font: regular });

  const heading = (page: typeof cover, text: string, y: number) => {
    page.drawText(text, { x: 56, y, size: 17, font: bold, color: navy });
    page.drawRectangle({ x: 56, y: y - 8, width: 28, height: 2.5, color: teal });
  };
  const paragraph = (page: typeof cover, text: string, y: number) =>
    page.drawText(text, { x: 56, y, size: 10.5, font: regular, color: ink, maxWidth: 483, lineHeight: 15.5 });
  heading(results, en.headings.about, 746);
  en.about.forEach((text, p) => paragraph(results, text, 716 - p * 60));
  heading(results, en.headings.results, 520);
  paragraph(results, en.resultsIntro, 496);
  [0, 25, 50, 75, 100].forEach((tick, t) =>
    results.drawText(String(tick), { x: 246 + t * 63, y: 452, size: 7.5, font: regular, color: muted }),
  );
  scores.forEach((score, s) => {
    const y = 430 - s * 25;
    results.drawText(score.label, { x: 56, y, size: 10, font: regular, color: ink });
    results.drawRectangle({ x: 246, y, width: 253, height: 11, color: track });
    results.drawRectangle({ x: 246, y, width: 2.53 * score.value, height: 11, color: navy });
    for (const quarter of [0.25, 0.5, 0.75])
      results.drawRectangle({ x: 246 + 253 * quarter, y, width: 1, height: 11, color: white });
    results.drawText(String(score.value), { x: 515, y, size: 10.5, font: bold, color: ink });
  });
  heading(closing, en.headings.summary, 746);
  summary.split('\n\n').forEach((text, p) => paragraph(closing, text, 716 - p * 40));
  heading(closing, en.headings.nextSteps, 620);
  en.nextSteps.forEach((text, s) => {
    closing.drawCircle({ x: 60, y: 597 - s * 36, size: 2.2, color: teal });
    paragraph(closing, text, 590 - s * 36);
  });
  heading(closing, en.headings.careerGuide, 420);
  paragraph(closing, en.careerGuide[0]!, 390);
  pages.forEach((page, p) => {
    if (p > 0) {
      page.drawText(en.products.expert, { x: 56, y: 802, size: 8.5, font: bold, color: navy });
      page.drawText(name, { x: 480, y: 802, size: 8.5, font: regular, color: muted });
      page.drawRectangle({ x: 56, y: 793, width: 483, height: 0.6, color: track });
    }
    page.drawRectangle({ x: 56, y: 50, width: 483, height: 0.6, color: track });
    page.drawText(en.documentTitle, { x: 56, y: 36, size: 8.5, font: regular, color: muted });
    page.drawText(`Page ${p + 1} of 3`, { x: 490, y: 36, size: 8.5, font: regular, color: muted });
  });
  return doc.save();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

const fonts = profileFonts();

// Cold: what a container's first profile costs (parse both fonts, prepare one language, render).
const cold: number[] = [];
for (let i = 0; i < 10; i += 1) {
  const started = performance.now();
  await createProfileRenderer(fonts).render(inputFor(i));
  cold.push(performance.now() - started);
}

const renderer = createProfileRenderer(fonts);
for (let i = 0; i < warmUp; i += 1) {
  await renderer.render(inputFor(i));
  await floorPdf(i);
}
const timed = { profile: [] as number[], floor: [] as number[] };
const sizes = { profile: [] as number[], floor: [] as number[] };
for (let i = 0; i < renders; i += 1) {
  let started = performance.now();
  const profile = await renderer.render(inputFor(i));
  timed.profile.push(performance.now() - started);
  sizes.profile.push(profile.byteLength);
  started = performance.now();
  const floor = await floorPdf(i);
  timed.floor.push(performance.now() - started);
  sizes.floor.push(floor.byteLength);
}

const row = (name: string, ms: number[], bytes: number[]) =>
  `${name.padEnd(44)} ${median(ms).toFixed(2).padStart(9)} ${percentile(ms, 0.9).toFixed(2).padStart(9)} ${(median(bytes) / 1024).toFixed(1).padStart(9)}`;
console.log(`${renders} renders each, after ${warmUp} warm-up renders; 6 languages × 8 names, 12 scores\n`);
console.log(
  `${'document'.padEnd(44)} ${'p50 ms'.padStart(9)} ${'p90 ms'.padStart(9)} ${'p50 KiB'.padStart(9)}`,
);
console.log(row('profile PDF (DejaVu Sans subsets, Unicode)', timed.profile, sizes.profile));
console.log(row('floor: bare pdf-lib, Helvetica (WinAnsi)', timed.floor, sizes.floor));
console.log(
  `${'cold: new renderer + first PDF (10 runs)'.padEnd(44)} ${median(cold).toFixed(2).padStart(9)}`,
);
const ratio = median(timed.profile) / median(timed.floor);
console.log(
  `\nratio profile / floor (p50): ${ratio.toFixed(2)}  (goal ≤ 2${ratio <= 2 ? ', met' : ', NOT met'})`,
);
