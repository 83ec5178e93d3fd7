import { describe, expect, it } from 'vitest';
import { codePointLabel, withMissingGlyphsAsCodePoints } from '../../../electron/main/packs/pdf/missing-glyphs';

// A font that has Latin-1 only.
const latin1 = (codePoint: number) => codePoint <= 0xff;

describe('characters the pack fonts cannot draw print as their code points', () => {
  it('labels each missing character, and leaves the text it can draw as it is', () => {
    expect(withMissingGlyphsAsCodePoints('Owner: 王伟 (Zoë)', latin1)).toBe('Owner: [U+738B][U+4F1F] (Zoë)');
  });

  it('writes characters beyond the Basic Multilingual Plane as one code point, not two surrogates', () => {
    expect(withMissingGlyphsAsCodePoints('ok 😀', latin1)).toBe('ok [U+1F600]');
    expect(codePointLabel(0x41)).toBe('[U+0041]');
  });

  it('never labels line breaks or tabs, and returns the very same string when nothing is missing', () => {
    // Fonts have no glyphs for control characters: they are line breaks and tabs, not text to label.
    const text = 'line one\nline\ttwo';
    expect(withMissingGlyphsAsCodePoints(text, (codePoint) => codePoint >= 0x20 && latin1(codePoint))).toBe(text);
    const plain = 'Crédit-PD';
    expect(withMissingGlyphsAsCodePoints(plain, latin1)).toBe(plain);
  });
});
