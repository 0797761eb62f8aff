import { create as parseFont } from '@cantoo/fontkit';
import { describe, expect, it } from 'vitest';
import { TrueTypeFont } from '../../domain/documents/truetype-face.ts';
import { profileFonts } from '../../functions/adapters/documents/fonts.ts';

// fontkit, a complete font engine, is the reference this small reader is checked against.
describe.each(Object.entries(profileFonts()))(
  'the TrueType reader on the %s profile font',
  (_style, bytes) => {
    const reference = parseFont(bytes) as any;
    const font = new TrueTypeFont(bytes);

    it('reads the metrics a PDF font descriptor needs as fontkit reads them', () => {
      const sameNamed = [
        'postscriptName',
        'unitsPerEm',
        'ascent',
        'descent',
        'italicAngle',
        'capHeight',
        'xHeight',
      ] as const;
      for (const metric of sameNamed) expect([metric, font[metric]]).toEqual([metric, reference[metric]]);
      const { minX, minY, maxX, maxY } = reference.bbox;
      expect(font.bbox).toEqual({ minX, minY, maxX, maxY });
      expect([font.familyClass, font.fixedPitch, font.italic]).toEqual([
        reference['OS/2'].sFamilyClass,
        Boolean(reference.post.isFixedPitch),
        Boolean(reference.head.macStyle.italic),
      ]);
    });

    it('maps every character of the font to the glyph and advance width fontkit finds', () => {
      const characters: number[] = reference.characterSet;
      expect(characters.length).toBeGreaterThan(3000);
      for (const codePoint of characters) {
        const expected = reference.glyphForCodePoint(codePoint);
        expect([codePoint, font.glyphId(codePoint)]).toEqual([codePoint, expected.id]);
        expect([codePoint, font.advanceWidth(font.glyphId(codePoint))]).toEqual([
          codePoint,
          expected.advanceWidth,
        ]);
      }
    });

    it('finds no glyph wherever fontkit finds none, in and beyond the Basic Multilingual Plane', () => {
      const lacking: number[] = [];
      for (const [from, to] of [
        [0x0000, 0x3000],
        [0x4e00, 0x4f00],
        [0xfff0, 0x10000],
        [0x1f000, 0x1fb00],
      ] as const)
        for (let codePoint = from; codePoint < to; codePoint += 1) {
          const has = font.hasGlyphFor(codePoint);
          expect([codePoint, has]).toEqual([codePoint, reference.hasGlyphForCodePoint(codePoint)]);
          if (!has) lacking.push(codePoint);
        }
      expect(lacking).toContain(0x4e2d);
      expect(font.glyphId(0x4e2d)).toBe(0);
      expect(font.glyphId(0x10ffff)).toBe(0);
    });
  },
);

describe('the TrueType reader', () => {
  it('refuses bytes that are not a TrueType font', () => {
    expect(() => new TrueTypeFont(new TextEncoder().encode('%PDF-1.7 not a font at all'))).toThrow(
      /TrueType/,
    );
  });
});
