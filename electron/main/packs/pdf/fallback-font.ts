import { useFastLayout } from './fast-layout';

/**
 * Texts the pack's fonts cannot draw, drawn in a fallback font that can. DejaVu has no Chinese, Japanese or
 * Korean; a signer or an owner named in those scripts must still print as written. PDFKit draws a text run in one
 * font and has no fallback of its own, so a text holding a character the current font lacks (and the fallback
 * has) is measured and drawn wholly in the fallback font, which has Latin, Greek and Cyrillic too (WenQuanYi
 * Micro Hei; Droid Sans Fallback has no Latin letters). Its Latin letters look a little different, but widths,
 * wrapping and heights stay those of the one font that draws the text. Bold texts fall back to the
 * fallback's regular face, the only one it has. A character neither font has still prints as its code point
 * (missing-glyphs.ts, installed on the fallback font too).
 */

interface GlyphChecker {
  font?: { hasGlyphForCodePoint(codePoint: number): boolean };
}

type TextCall = (text: unknown, ...rest: unknown[]) => unknown;

/**
 * Route `doc.text`, `doc.widthOfString` and `doc.heightOfString` through the fallback font registered as
 * `fallbackName` whenever the current font cannot draw some character of the text and the fallback can. The
 * fallback is opened (and so embedded) only once a text has a character the current font lacks: a pack that
 * DejaVu draws whole does not carry it.
 */
export function useFallbackFont(doc: PDFKit.PDFDocument, fallbackName: string): void {
  const state = doc as unknown as { _font?: GlyphChecker } & Record<'text' | 'widthOfString' | 'heightOfString', TextCall>;
  let fallback: GlyphChecker | null = null;
  const openFallback = (): GlyphChecker => {
    if (fallback) return fallback;
    const current = state._font;
    doc.font(fallbackName);
    useFastLayout(doc);
    fallback = state._font ?? {};
    state._font = current;
    return fallback;
  };
  for (const method of ['text', 'widthOfString', 'heightOfString'] as const) {
    const original: TextCall = state[method].bind(doc);
    state[method] = (text: unknown, ...rest: unknown[]) => {
      const current = state._font;
      if (typeof text !== 'string' || !needsFallback(current, text, openFallback)) return original(text, ...rest);
      state._font = openFallback();
      try {
        return original(text, ...rest);
      } finally {
        state._font = current;
      }
    };
  }
}

/** True when `current` lacks a glyph for some character of `text` that the fallback (opened only then) has. */
function needsFallback(current: GlyphChecker | undefined, text: string, openFallback: () => GlyphChecker): boolean {
  const hasGlyph = current?.font?.hasGlyphForCodePoint.bind(current.font);
  if (!hasGlyph) return false;
  let fallbackHas: ((codePoint: number) => boolean) | undefined;
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    // Control characters (line breaks, tabs) are PDFKit's to handle, never glyphs.
    if (codePoint < 0x20 || hasGlyph(codePoint)) continue;
    const fallback = openFallback().font;
    fallbackHas ??= fallback ? fallback.hasGlyphForCodePoint.bind(fallback) : () => false;
    if (fallbackHas(codePoint)) return true;
  }
  return false;
}
