import { withMissingGlyphsAsCodePoints } from './missing-glyphs';

/**
 * Text layout shortcut for simple scripts. PDFKit shapes every distinct word through fontkit's full OpenType
 * engine; with DejaVu's large GSUB/GPOS tables that is most of a pack's render time. Latin, Greek and
 * Cyrillic text made of precomposed characters needs no shaping, so for such words we map characters to
 * glyphs and use their advance widths directly. Everything else (Hebrew, Arabic, combining marks) keeps
 * the full engine. Same input, same glyphs: determinism is unaffected.
 */

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

interface FontkitFont {
  glyphsForString(text: string): FontkitGlyph[];
  hasGlyphForCodePoint(codePoint: number): boolean;
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface PdfkitEmbeddedFont {
  font: FontkitFont;
  scale: number;
  layoutRun(text: string, features?: unknown): unknown;
  __attestFast?: boolean;
}

// Below Hebrew (U+0590) minus combining marks, plus general punctuation, arrows and maths operators.
const SIMPLE = /^(?:[\u0020-\u02FF\u0370-\u058F\u2000-\u22FF])*$/u;

function simpleRun(font: PdfkitEmbeddedFont, text: string) {
  const glyphs = font.font.glyphsForString(text);
  const positions: Position[] = glyphs.map((g) => {
    const w = g.advanceWidth * font.scale;
    return { xAdvance: w, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: w };
  });
  const advanceWidth = positions.reduce((sum, p) => sum + p.xAdvance, 0);
  return { glyphs, positions, advanceWidth };
}

/**
 * Install the shortcut on the font PDFKit currently uses (call after each `doc.font(name)` of an embedded font),
 * together with the code-point labels for characters the font has no glyph for (missing-glyphs.ts). Every
 * measurement and every drawing of text goes through layoutRun, so widths always match what is drawn.
 */
export function useFastLayout(doc: PDFKit.PDFDocument): void {
  const font = (doc as unknown as { _font?: PdfkitEmbeddedFont })._font;
  if (!font || font.__attestFast || typeof font.font?.glyphsForString !== 'function') return;
  const full = font.layoutRun.bind(font);
  const hasGlyph = (codePoint: number) => font.font.hasGlyphForCodePoint(codePoint);
  font.layoutRun = (text: string, features?: unknown) => {
    const shown = withMissingGlyphsAsCodePoints(text, hasGlyph);
    return features === undefined && SIMPLE.test(shown) ? simpleRun(font, shown) : full(shown, features);
  };
  font.__attestFast = true;
}
