/**
 * Stands in for `@pdf-lib/standard-fonts` in Lambda bundles (infra/bundling.ts): the metrics of the
 * 14 standard PDF fonts (~127 KB), which pdf-lib needs only to draw in Helvetica, Times and the like.
 * Profile PDFs embed their own Unicode fonts. pdf-lib still checks names against {@link FontNames}
 * to tell a standard font from font bytes, so the names stay; loading one fails loudly.
 */
export enum FontNames {
  Courier = 'Courier',
  CourierBold = 'Courier-Bold',
  CourierOblique = 'Courier-Oblique',
  CourierBoldOblique = 'Courier-BoldOblique',
  Helvetica = 'Helvetica',
  HelveticaBold = 'Helvetica-Bold',
  HelveticaOblique = 'Helvetica-Oblique',
  HelveticaBoldOblique = 'Helvetica-BoldOblique',
  TimesRoman = 'Times-Roman',
  TimesRomanBold = 'Times-Bold',
  TimesRomanItalic = 'Times-Italic',
  TimesRomanBoldItalic = 'Times-BoldItalic',
  Symbol = 'Symbol',
  ZapfDingbats = 'ZapfDingbats',
}

export const Encodings = {};

export const Font = {
  load(name: string): never {
    throw new Error(`The standard PDF font ${name} is not bundled: embed a font file instead.`);
  },
};
