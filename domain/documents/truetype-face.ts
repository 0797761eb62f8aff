/**
 * The TrueType side of the profile PDF: reading a font's tables, cmap lookups, metrics and subsets,
 * and the font object pdf-lib's embedders see.
 *
 * Written here rather than taken from fontkit: the renderer needs a cmap lookup, a few metrics and a
 * glyf subset, while fontkit (with its shaping engine, WOFF/WOFF2/CFF support and data tables) is
 * ~280 KB minified and ~40 ms of every cold start of the two PDF-rendering Lambdas. The unit tests
 * check this reader against fontkit glyph by glyph (test/unit/profile-pdf.test.ts).
 */

export interface GlyphRef {
  readonly id: number;
  readonly codePoints: number[];
  readonly advanceWidth: number;
}

/** A subset as pdf-lib 1.17's CustomFontSubsetEmbedder drives it. */
export interface FontSubset {
  includeGlyph(glyph: number | { id: number }): number;
  encode(): Uint8Array;
  /** pdf-lib reads the encoded subset as a stream of chunks ('data'... then 'end', or 'error'). */
  encodeStream(): StreamOfChunks;
}

interface StreamOfChunks {
  on(event: 'data' | 'end' | 'error', handler: (value?: unknown) => void): StreamOfChunks;
}

/**
 * What pdf-lib's custom-font embedders read of a font (pdf-lib 1.17: CustomFontEmbedder,
 * CustomFontSubsetEmbedder, FontFlags). `cff` is absent: these are TrueType (glyf) fonts.
 */
export interface EmbeddableFont {
  postscriptName: string | undefined;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  italicAngle: number;
  capHeight: number;
  xHeight: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  'OS/2': { sFamilyClass: number };
  head: { macStyle: { italic: boolean } };
  post: { isFixedPitch: boolean };
  glyphForCodePoint(codePoint: number): GlyphRef;
  layout(text: string): { glyphs: GlyphRef[] };
  createSubset(): FontSubset;
}

/** A glyph's outline ready to copy into any subset: hinting removed, component ids located. */
interface SubsetGlyph {
  bytes: Uint8Array;
  /** Byte offsets of the component glyph ids of a composite glyph, with the ids they hold. */
  components: { at: number; id: number }[];
  advanceWidth: number;
  leftSideBearing: number;
}

interface TableRecord {
  offset: number;
  length: number;
}

/**
 * A TrueType font read once: the metrics a PDF font descriptor needs (OpenType spec tables head,
 * hhea, OS/2, post, name), a cmap lookup (formats 4 and 12, the Unicode subtables every TrueType
 * font for Latin, Greek and Cyrillic has), and subsetting.
 *
 * Subsetting does the per-glyph work once per font instead of once per document: each glyph is
 * read from `glyf` once, stripped of its hinting instructions (PDF viewers rasterise without the
 * font's own hinting), and cached, so a subset is a concatenation. The output holds the tables a PDF
 * TrueType font needs (glyf, head, hhea, hmtx, loca, maxp): the PDF maps codes to glyphs itself
 * (Identity CIDToGIDMap) and carries the metrics in the font dict.
 */
export class TrueTypeFont {
  readonly unitsPerEm: number;
  readonly bbox: { minX: number; minY: number; maxX: number; maxY: number };
  readonly italic: boolean;
  readonly ascent: number;
  readonly descent: number;
  readonly italicAngle: number;
  readonly fixedPitch: boolean;
  readonly familyClass: number;
  /** When the font does not say (OS/2 before version 2): the ascent, and an x-height of 0. */
  readonly capHeight: number;
  readonly xHeight: number;
  readonly postscriptName: string | undefined;

  private readonly view: DataView;
  private readonly tables = new Map<string, TableRecord>();
  private readonly glyphs = new Map<number, SubsetGlyph>();
  private readonly longLoca: boolean;
  private readonly numberOfHMetrics: number;
  private readonly numGlyphs: number;
  private readonly lookup: (codePoint: number) => number;

  constructor(private readonly bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = view;
    if (bytes.byteLength < 12 || ![0x00010000, 0x74727565].includes(view.getUint32(0)))
      throw new Error('Profile fonts must be TrueType fonts (.ttf).');
    const numTables = view.getUint16(4);
    for (let i = 0; i < numTables; i += 1) {
      const record = 12 + 16 * i;
      const tag = String.fromCharCode(...bytes.subarray(record, record + 4));
      this.tables.set(tag, { offset: view.getUint32(record + 8), length: view.getUint32(record + 12) });
    }
    for (const tag of ['cmap', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp'])
      if (!this.tables.has(tag)) throw new Error(`Profile fonts must be TrueType fonts (no '${tag}' table).`);

    const head = this.table('head').offset;
    this.unitsPerEm = view.getUint16(head + 18);
    this.bbox = {
      minX: view.getInt16(head + 36),
      minY: view.getInt16(head + 38),
      maxX: view.getInt16(head + 40),
      maxY: view.getInt16(head + 42),
    };
    this.italic = (view.getUint16(head + 44) & 0x0002) !== 0;
    this.longLoca = view.getInt16(head + 50) === 1;
    const hhea = this.table('hhea').offset;
    this.ascent = view.getInt16(hhea + 4);
    this.descent = view.getInt16(hhea + 6);
    this.numberOfHMetrics = view.getUint16(hhea + 34);
    this.numGlyphs = view.getUint16(this.table('maxp').offset + 4);

    const post = this.tables.get('post');
    this.italicAngle = post ? view.getInt32(post.offset + 4) / 65536 : 0;
    this.fixedPitch = post ? view.getUint32(post.offset + 12) !== 0 : false;
    const os2 = this.tables.get('OS/2');
    this.familyClass = os2 ? view.getInt16(os2.offset + 30) : 0;
    const hasHeights = os2 !== undefined && view.getUint16(os2.offset) >= 2 && os2.length >= 90;
    this.xHeight = hasHeights ? view.getInt16(os2.offset + 86) : 0;
    this.capHeight = hasHeights ? view.getInt16(os2.offset + 88) : this.ascent;
    this.postscriptName = this.readPostscriptName();
    this.lookup = this.readCmap();
  }

  private table(tag: string): TableRecord {
    return this.tables.get(tag) as TableRecord;
  }

  /** The glyph for a code point, 0 (.notdef) when the font has none. */
  glyphId(codePoint: number): number {
    const id = this.lookup(codePoint);
    return id < this.numGlyphs ? id : 0;
  }

  hasGlyphFor(codePoint: number): boolean {
    return this.glyphId(codePoint) !== 0;
  }

  advanceWidth(glyphId: number): number {
    const metric = Math.min(glyphId, this.numberOfHMetrics - 1);
    return this.view.getUint16(this.table('hmtx').offset + 4 * metric);
  }

  /** nameID 6 from the Windows (UTF-16BE) or Macintosh (8-bit) records of the `name` table. */
  private readPostscriptName(): string | undefined {
    const name = this.tables.get('name');
    if (!name) return undefined;
    const { view } = this;
    const count = view.getUint16(name.offset + 2);
    const strings = name.offset + view.getUint16(name.offset + 4);
    for (let i = 0; i < count; i += 1) {
      const record = name.offset + 6 + 12 * i;
      if (view.getUint16(record + 6) !== 6) continue;
      const platform = view.getUint16(record);
      const length = view.getUint16(record + 8);
      const at = strings + view.getUint16(record + 10);
      if (platform === 3 || platform === 0) {
        let text = '';
        for (let c = 0; c < length; c += 2) text += String.fromCharCode(view.getUint16(at + c));
        return text;
      }
      if (platform === 1) return String.fromCharCode(...this.bytes.subarray(at, at + length));
    }
    return undefined;
  }

  /**
   * The best Unicode subtable of `cmap`: full-repertoire format 12 (Windows 3/10, Unicode 0/4, 0/6)
   * before BMP-only format 4 (Windows 3/1, Unicode 0/3).
   */
  private readCmap(): (codePoint: number) => number {
    const { view } = this;
    const cmap = this.table('cmap').offset;
    const subtables = new Map<string, number>();
    for (let i = 0; i < view.getUint16(cmap + 2); i += 1) {
      const record = cmap + 4 + 8 * i;
      const at = cmap + view.getUint32(record + 4);
      subtables.set(`${view.getUint16(record)}/${view.getUint16(record + 2)}/${view.getUint16(at)}`, at);
    }
    for (const key of ['3/10/12', '0/6/12', '0/4/12']) {
      const at = subtables.get(key);
      if (at !== undefined) return segmentedCoverage(view, at);
    }
    for (const key of ['3/1/4', '0/3/4']) {
      const at = subtables.get(key);
      if (at !== undefined) return segmentMapping(view, at);
    }
    throw new Error('Profile fonts need a Unicode cmap (format 4 or 12).');
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
    glyph = {
      bytes,
      components,
      advanceWidth: this.advanceWidth(id),
      leftSideBearing:
        id < this.numberOfHMetrics
          ? view.getInt16(hmtx + 4 * id + 2)
          : view.getInt16(hmtx + 4 * this.numberOfHMetrics + 2 * (id - this.numberOfHMetrics)),
    };
    this.glyphs.set(id, glyph);
    return glyph;
  }

  /** A subset in the shape pdf-lib's embedder drives: glyph 0 (.notdef) first, then as included. */
  createSubset(): FontSubset {
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
    const encode = (): Uint8Array => {
      // Components of composite glyphs join the subset as they are met (the list grows as we go).
      for (let i = 0; i < ids.length; i += 1)
        for (const component of this.glyph(ids[i] as number).components) include(component.id);
      return this.encode(ids, newIds);
    };
    return {
      includeGlyph: (glyph) => include(typeof glyph === 'number' ? glyph : glyph.id),
      encode,
      encodeStream() {
        const handlers: Partial<Record<'data' | 'end' | 'error', (value?: unknown) => void>> = {};
        const stream: StreamOfChunks = {
          on(event, handler) {
            handlers[event] = handler;
            return stream;
          },
        };
        // Emitted once the caller has attached its handlers (it does so synchronously).
        queueMicrotask(() => {
          let bytes: Uint8Array;
          try {
            bytes = encode();
          } catch (error) {
            handlers.error?.(error);
            return;
          }
          handlers.data?.(bytes);
          handlers.end?.();
        });
        return stream;
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

/** cmap format 4 (OpenType spec, "Format 4: Segment mapping to delta values"), binary search. */
function segmentMapping(view: DataView, at: number): (codePoint: number) => number {
  const segCount = view.getUint16(at + 6) / 2;
  const endCodes = at + 14;
  const startCodes = endCodes + 2 * segCount + 2;
  const idDeltas = startCodes + 2 * segCount;
  const idRangeOffsets = idDeltas + 2 * segCount;
  return (codePoint) => {
    if (codePoint > 0xffff) return 0;
    let low = 0;
    let high = segCount - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (view.getUint16(endCodes + 2 * mid) < codePoint) low = mid + 1;
      else high = mid - 1;
    }
    if (low >= segCount) return 0;
    const start = view.getUint16(startCodes + 2 * low);
    if (codePoint < start) return 0;
    const delta = view.getUint16(idDeltas + 2 * low);
    const rangeOffset = view.getUint16(idRangeOffsets + 2 * low);
    if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
    const glyph = view.getUint16(idRangeOffsets + 2 * low + rangeOffset + 2 * (codePoint - start));
    return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
  };
}

/** cmap format 12 (OpenType spec, "Format 12: Segmented coverage"), binary search over the groups. */
function segmentedCoverage(view: DataView, at: number): (codePoint: number) => number {
  const groups = view.getUint32(at + 12);
  return (codePoint) => {
    let low = 0;
    let high = groups - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const group = at + 16 + 12 * mid;
      if (codePoint < view.getUint32(group)) high = mid - 1;
      else if (codePoint > view.getUint32(group + 4)) low = mid + 1;
      else return view.getUint32(group + 8) + codePoint - view.getUint32(group);
    }
    return 0;
  };
}

/**
 * One font parsed once and shared by every document of the renderer, and the font pdf-lib sees.
 *
 * pdf-lib draws and measures text through `font.layout` (with fontkit, OpenType shaping) and writes
 * the ToUnicode map from each glyph's `codePoints`. Here `layout` maps each code point through the
 * cmap to a small immutable glyph record made once per code point, so every document maps each
 * glyph back to its own character ("Z" stays "Z" even after a render drew "Ż", whose outline is
 * built from it). Without shaping there are no ligatures or contextual forms, which Latin, Greek and
 * Cyrillic text does not need (and pdf-lib ignores a shaper's positions, so kerning would not reach
 * the page anyway).
 */
export class Face {
  readonly font: TrueTypeFont;
  readonly pdfFont: EmbeddableFont;
  private readonly glyphRefs = new Map<number, GlyphRef>();
  private readonly replacement: string;

  constructor(bytes: Uint8Array) {
    const font = new TrueTypeFont(bytes);
    this.font = font;
    this.replacement = font.hasGlyphFor(0xfffd) ? '\ufffd' : '?';
    this.pdfFont = {
      postscriptName: font.postscriptName,
      unitsPerEm: font.unitsPerEm,
      ascent: font.ascent,
      descent: font.descent,
      italicAngle: font.italicAngle,
      capHeight: font.capHeight,
      xHeight: font.xHeight,
      bbox: font.bbox,
      'OS/2': { sFamilyClass: font.familyClass },
      head: { macStyle: { italic: font.italic } },
      post: { isFixedPitch: font.fixedPitch },
      glyphForCodePoint: (codePoint) => this.glyph(codePoint),
      layout: (text) => ({ glyphs: this.glyphs(text) }),
      createSubset: () => font.createSubset(),
    };
  }

  private glyph(codePoint: number): GlyphRef {
    let ref = this.glyphRefs.get(codePoint);
    if (!ref) {
      const id = this.font.glyphId(codePoint);
      ref = Object.freeze({ id, codePoints: [codePoint], advanceWidth: this.font.advanceWidth(id) });
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
      else out += this.font.hasGlyphFor(codePoint) ? char : this.replacement;
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
    const ellipsis = this.font.hasGlyphFor(0x2026) ? '…' : '...';
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
