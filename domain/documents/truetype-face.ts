import { create as parseFont, type Font } from '@cantoo/fontkit';
import type { PDFDocument } from '@cantoo/pdf-lib';

/**
 * A TrueType face prepared once per container for pdf-lib: cmap lookups cached per code point, and
 * subsets assembled from glyphs read once (see profile-pdf.ts for why this is fast and correct).
 */
export type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];
/** The font interface pdf-lib's embedders read (structural; fontkit's own font is a superset). */
export type PdfLibFont = Extract<Awaited<ReturnType<PdfLibFontkit['create']>>, { createSubset: unknown }>;
export interface GlyphRef {
  readonly id: number;
  readonly codePoints: number[];
  readonly advanceWidth: number;
}

/** A glyph's outline ready to copy into any subset: hinting removed, component ids located. */
interface SubsetGlyph {
  bytes: Uint8Array;
  /** Byte offsets of the component glyph ids of a composite glyph, with the ids they hold. */
  components: { at: number; id: number }[];
  advanceWidth: number;
  leftSideBearing: number;
}

/**
 * TrueType subsetting with the per-glyph work done once per font instead of once per document.
 * fontkit's subsetter decodes every glyph again for each document, and copies the hinting programs
 * with it; here each glyph is read from `glyf` once, stripped of its hinting instructions (PDF
 * viewers rasterise without the font's own hinting), and cached, so a subset is a concatenation.
 * The output holds the tables a PDF TrueType font needs (glyf, head, hhea, hmtx, loca, maxp): the
 * PDF maps codes to glyphs itself (Identity CIDToGIDMap) and carries the metrics in the font dict.
 */
export class TrueTypeSubsetter {
  private readonly view: DataView;
  private readonly tables = new Map<string, { offset: number; length: number }>();
  private readonly glyphs = new Map<number, SubsetGlyph>();
  private readonly longLoca: boolean;
  private readonly numberOfHMetrics: number;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const numTables = this.view.getUint16(4);
    for (let i = 0; i < numTables; i += 1) {
      const record = 12 + 16 * i;
      const tag = String.fromCharCode(...bytes.subarray(record, record + 4));
      this.tables.set(tag, {
        offset: this.view.getUint32(record + 8),
        length: this.view.getUint32(record + 12),
      });
    }
    for (const tag of ['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp'])
      if (!this.tables.has(tag)) throw new Error(`Profile fonts must be TrueType fonts (no '${tag}' table).`);
    this.longLoca = this.view.getInt16(this.table('head').offset + 50) === 1;
    this.numberOfHMetrics = this.view.getUint16(this.table('hhea').offset + 34);
  }

  private table(tag: string): { offset: number; length: number } {
    return this.tables.get(tag) as { offset: number; length: number };
  }

  private glyph(id: number): SubsetGlyph {
    let glyph = this.glyphs.get(id);
    if (glyph) return glyph;
    const { view } = this;
    const loca = this.table('loca').offset;
    const [start, end] = this.longLoca
      ? [view.getUint32(loca + 4 * id), view.getUint32(loca + 4 * id + 4)]
      : [view.getUint16(loca + 2 * id) * 2, view.getUint16(loca + 2 * id + 2) * 2];
    const at = this.table('glyf').offset + start;
    const source = this.bytes.subarray(at, this.table('glyf').offset + end);
    const components: SubsetGlyph['components'] = [];
    let bytes: Uint8Array;
    if (source.length === 0) bytes = source;
    else if (view.getInt16(at) >= 0) {
      // Simple glyph: header, end points of contours, instructions (dropped), flags and points.
      const instructionsAt = 10 + 2 * view.getInt16(at);
      const instructionLength = view.getUint16(at + instructionsAt);
      bytes = new Uint8Array(source.length - instructionLength);
      bytes.set(source.subarray(0, instructionsAt + 2));
      bytes[instructionsAt] = 0;
      bytes[instructionsAt + 1] = 0;
      bytes.set(source.subarray(instructionsAt + 2 + instructionLength), instructionsAt + 2);
    } else {
      // Composite glyph: component records; instructions, if any, follow the last one (dropped).
      bytes = source.slice();
      const glyph = new DataView(bytes.buffer);
      let offset = 10;
      let flags: number;
      do {
        flags = glyph.getUint16(offset);
        glyph.setUint16(offset, flags & ~0x0100);
        components.push({ at: offset + 2, id: glyph.getUint16(offset + 2) });
        offset +=
          4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
      } while (flags & 0x0020);
      bytes = bytes.subarray(0, offset);
    }
    const hmtx = this.table('hmtx').offset;
    const metric = Math.min(id, this.numberOfHMetrics - 1);
    glyph = {
      bytes,
      components,
      advanceWidth: view.getUint16(hmtx + 4 * metric),
      leftSideBearing:
        id < this.numberOfHMetrics
          ? view.getInt16(hmtx + 4 * id + 2)
          : view.getInt16(hmtx + 4 * this.numberOfHMetrics + 2 * (id - this.numberOfHMetrics)),
    };
    this.glyphs.set(id, glyph);
    return glyph;
  }

  /** A subset in the shape pdf-lib's embedder drives: glyph 0 (.notdef) first, then as included. */
  createSubset(): { includeGlyph(glyph: number | { id: number }): number; encode(): Uint8Array } {
    const ids: number[] = [0];
    const newIds = new Map<number, number>([[0, 0]]);
    const include = (id: number): number => {
      let newId = newIds.get(id);
      if (newId === undefined) {
        newId = ids.length;
        ids.push(id);
        newIds.set(id, newId);
      }
      return newId;
    };
    return {
      includeGlyph: (glyph) => include(typeof glyph === 'number' ? glyph : glyph.id),
      encode: () => {
        // Components of composite glyphs join the subset as they are met (the list grows as we go).
        for (let i = 0; i < ids.length; i += 1)
          for (const component of this.glyph(ids[i] as number).components) include(component.id);
        return this.encode(ids, newIds);
      },
    };
  }

  private encode(ids: number[], newIds: Map<number, number>): Uint8Array {
    const glyphs = ids.map((id) => this.glyph(id));
    const padded = (length: number) => (length + 3) & ~3;
    const glyfLength = glyphs.reduce((sum, glyph) => sum + padded(glyph.bytes.length), 0);
    const copy = (tag: string) =>
      this.bytes.slice(this.table(tag).offset, this.table(tag).offset + this.table(tag).length);

    const glyf = new Uint8Array(glyfLength);
    const loca = new DataView(new ArrayBuffer(4 * (ids.length + 1)));
    const hmtx = new DataView(new ArrayBuffer(4 * ids.length));
    let offset = 0;
    glyphs.forEach((glyph, index) => {
      loca.setUint32(4 * index, offset);
      hmtx.setUint16(4 * index, glyph.advanceWidth);
      hmtx.setInt16(4 * index + 2, glyph.leftSideBearing);
      glyf.set(glyph.bytes, offset);
      for (const component of glyph.components) {
        const newId = newIds.get(component.id) as number;
        glyf[offset + component.at] = newId >> 8;
        glyf[offset + component.at + 1] = newId & 0xff;
      }
      offset += padded(glyph.bytes.length);
    });
    loca.setUint32(4 * ids.length, offset);
    const head = copy('head');
    const headView = new DataView(head.buffer);
    headView.setUint32(8, 0); // checkSumAdjustment, set below
    headView.setInt16(50, 1); // long loca offsets
    const hhea = copy('hhea');
    new DataView(hhea.buffer).setUint16(34, ids.length);
    const maxp = copy('maxp');
    new DataView(maxp.buffer).setUint16(4, ids.length);

    // Table directory, tables in tag order, each 4-byte aligned (OpenType spec, "Font file").
    const tables: [string, Uint8Array][] = [
      ['glyf', glyf],
      ['head', head],
      ['hhea', hhea],
      ['hmtx', new Uint8Array(hmtx.buffer)],
      ['loca', new Uint8Array(loca.buffer)],
      ['maxp', maxp],
    ];
    const headerLength = 12 + 16 * tables.length;
    const out = new Uint8Array(headerLength + tables.reduce((sum, [, data]) => sum + padded(data.length), 0));
    const view = new DataView(out.buffer);
    view.setUint32(0, 0x00010000);
    view.setUint16(4, tables.length);
    view.setUint16(6, 64); // searchRange: 16 × the largest power of two ≤ 6
    view.setUint16(8, 2); // entrySelector: log2(4)
    view.setUint16(10, 16 * tables.length - 64); // rangeShift
    let at = headerLength;
    let fontSum = 0;
    tables.forEach(([tag, data], index) => {
      const record = 12 + 16 * index;
      for (let i = 0; i < 4; i += 1) out[record + i] = tag.charCodeAt(i);
      out.set(data, at);
      const sum = checksum(out, at, padded(data.length));
      view.setUint32(record + 4, sum);
      view.setUint32(record + 8, at);
      view.setUint32(record + 12, data.length);
      fontSum = (fontSum + sum) >>> 0;
      at += padded(data.length);
    });
    const headAt = view.getUint32(12 + 16 * 1 + 8);
    view.setUint32(headAt + 8, (0xb1b0afba - ((fontSum + checksum(out, 0, headerLength)) >>> 0)) >>> 0);
    return out;
  }
}

function checksum(bytes: Uint8Array, offset: number, length: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, length);
  let sum = 0;
  for (let i = 0; i < length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

/**
 * One font parsed once and shared by every document of the renderer, and the font pdf-lib sees.
 *
 * pdf-lib draws and measures text through `font.layout` (fontkit's OpenType shaping, most of its
 * time per `drawText`) and writes the ToUnicode map from each glyph's `codePoints`. Here `layout`
 * maps each code point through the cmap to a small immutable glyph record made once per code
 * point. Besides the speed, this keeps text extraction right across documents: fontkit caches
 * glyph objects per font and records the code points of whoever created one first, and encoding a
 * subset creates the components of composite glyphs ("Z" inside "Ż") with none, so a shared,
 * shaped "Z" in the next document would map to nothing. Without shaping there are no ligatures or
 * contextual forms, which Latin, Greek and Cyrillic text does not need (and pdf-lib ignores the
 * shaper's positions, so kerning never reached the page anyway).
 */
export class Face {
  readonly font: Font;
  readonly pdfFont: PdfLibFont;
  private readonly glyphRefs = new Map<number, GlyphRef>();
  private readonly replacement: string;

  constructor(bytes: Uint8Array) {
    const parsed = parseFont(bytes);
    if (!('layout' in parsed)) throw new Error('Profile fonts must be single TrueType/OpenType faces.');
    this.font = parsed;
    this.replacement = parsed.hasGlyphForCodePoint(0xfffd) ? '\ufffd' : '?';
    const subsetter = new TrueTypeSubsetter(bytes);
    const tables = parsed as unknown as Pick<PdfLibFont, 'OS/2' | 'head' | 'post'>;
    this.pdfFont = {
      postscriptName: parsed.postscriptName,
      unitsPerEm: parsed.unitsPerEm,
      ascent: parsed.ascent,
      descent: parsed.descent,
      italicAngle: parsed.italicAngle,
      capHeight: parsed.capHeight,
      xHeight: parsed.xHeight,
      bbox: parsed.bbox,
      // Read only when a whole font is embedded, which this renderer never does.
      get characterSet() {
        return parsed.characterSet;
      },
      'OS/2': tables['OS/2'],
      head: tables.head,
      post: tables.post,
      glyphForCodePoint: (codePoint) => this.glyph(codePoint),
      layout: (text) => ({ glyphs: this.glyphs(text) }),
      createSubset: () => subsetter.createSubset(),
    };
  }

  private glyph(codePoint: number): GlyphRef {
    let ref = this.glyphRefs.get(codePoint);
    if (!ref) {
      const glyph = this.font.glyphForCodePoint(codePoint);
      ref = Object.freeze({
        id: glyph?.id ?? 0,
        codePoints: [codePoint],
        advanceWidth: glyph?.advanceWidth ?? 0,
      });
      this.glyphRefs.set(codePoint, ref);
    }
    return ref;
  }

  private glyphs(text: string): GlyphRef[] {
    const glyphs: GlyphRef[] = [];
    for (const char of text) glyphs.push(this.glyph(char.codePointAt(0) as number));
    return glyphs;
  }

  /**
   * Text this font can draw: NFC (so a decomposed "Z + ◌̇" becomes "Ż"), control characters and line
   * breaks as spaces, invisible format characters dropped (soft hyphens, variation selectors,
   * zero-width joiners of emoji sequences: they only matter to shaping), and every other character
   * the font lacks replaced, so nothing reaches pdf-lib that would draw as an empty box or throw.
   */
  clean(text: string): string {
    let out = '';
    for (const char of text.normalize('NFC')) {
      const codePoint = char.codePointAt(0) as number;
      if (
        codePoint < 0x20 ||
        (codePoint >= 0x7f && codePoint < 0xa0) ||
        codePoint === 0x2028 ||
        codePoint === 0x2029
      )
        out += ' ';
      else if (/\p{Default_Ignorable_Code_Point}/u.test(char)) continue;
      else out += this.font.hasGlyphForCodePoint(codePoint) ? char : this.replacement;
    }
    return out.replace(/ {2,}/g, ' ').trim();
  }

  /** Width in points, computed as pdf-lib does (sum of the glyphs' advance widths). */
  width(text: string, size: number): number {
    let units = 0;
    for (const char of text) units += this.glyph(char.codePointAt(0) as number).advanceWidth;
    return (units * size) / this.font.unitsPerEm;
  }

  /** Greedy line breaking at spaces; a word wider than the line is broken between characters. */
  wrap(text: string, size: number, maxWidth: number): string[] {
    const lines: string[] = [];
    const space = this.width(' ', size);
    let line = '';
    let lineWidth = 0;
    for (const word of text.split(' ')) {
      if (word === '') continue;
      const wordWidth = this.width(word, size);
      if (line !== '' && lineWidth + space + wordWidth <= maxWidth) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line !== '') lines.push(line);
      if (wordWidth <= maxWidth) {
        line = word;
        lineWidth = wordWidth;
        continue;
      }
      line = '';
      lineWidth = 0;
      for (const char of word) {
        const charWidth = this.width(char, size);
        if (line !== '' && lineWidth + charWidth > maxWidth) {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        line += char;
        lineWidth += charWidth;
      }
    }
    if (line !== '') lines.push(line);
    return lines;
  }

  /** The text cut to `maxWidth` with an ellipsis (when the font has one) if it is wider. */
  truncate(text: string, size: number, maxWidth: number): string {
    if (this.width(text, size) <= maxWidth) return text;
    const ellipsis = this.font.hasGlyphForCodePoint(0x2026) ? '…' : '...';
    const chars = [...text];
    while (chars.length > 0 && this.width(`${chars.join('').trimEnd()}${ellipsis}`, size) > maxWidth)
      chars.pop();
    return `${chars.join('').trimEnd()}${ellipsis}`;
  }

  /** The largest size from `max` down to `min` at which the text fits on one line. */
  fit(text: string, max: number, min: number, maxWidth: number): number {
    const atMax = this.width(text, max);
    return atMax <= maxWidth ? max : Math.max(min, Math.floor((max * maxWidth) / atMax));
  }
}
