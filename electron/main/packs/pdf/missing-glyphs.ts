/**
 * Text the embedded fonts cannot draw, made visible. A PDF viewer shows a character its font has no glyph for as
 * an empty box (or nothing), so a name in a script no embedded font has (CJK has its fallback font:
 * fallback-font.ts; Ol Chiki has none) would reach a regulator as a row of boxes. Each such character is printed
 * as its Unicode code point instead, "[U+1C5A]": exact, and readable by anyone who needs it.
 * The JSON sidecar keeps every text as recorded, and the cover says how the PDF prints these characters.
 */
export function withMissingGlyphsAsCodePoints(text: string, hasGlyph: (codePoint: number) => boolean): string {
  let shown = '';
  let isChanged = false;
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    // Control characters (line breaks, tabs) are PDFKit's to handle, never glyphs.
    if (codePoint < 0x20 || hasGlyph(codePoint)) {
      shown += character;
    } else {
      shown += codePointLabel(codePoint);
      isChanged = true;
    }
  }
  return isChanged ? shown : text;
}

/** "[U+1C5A]": a code point as the Unicode standard writes it, at least four hex digits. */
export function codePointLabel(codePoint: number): string {
  return `[U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}]`;
}
