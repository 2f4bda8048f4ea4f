import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAsciiText, isPlainLatin, LATIN_LETTER_CLASS, LATIN_NUMBER_CLASS } from "../../../src/core/text/latin.ts";

describe("isPlainLatin", () => {
  it("holds for Latin letters with diacritics, typographic quotes and dashes", () => {
    expect(isPlainLatin("Entretien à Zürich – „Straße“ ‘Łódź’ €5")).toBe(true);
  });

  it("fails for ſ, Greek, superscripts, arrows and emoji", () => {
    for (const text of ["ſ", "μ", "x²⁰", "→", "🙂"]) expect(isPlainLatin(text)).toBe(false);
  });

  it("is where the Latin classes match exactly as the Unicode ones", () => {
    const latinLetter = new RegExp(`^[${LATIN_LETTER_CLASS}]$`);
    const latinAlphanumeric = new RegExp(`^[${LATIN_LETTER_CLASS}${LATIN_NUMBER_CLASS}]$`);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x20cf }), (code) => {
        const char = String.fromCharCode(code);
        if (!isPlainLatin(char)) return;
        expect(latinLetter.test(char)).toBe(/^\p{L}$/u.test(char));
        expect(latinAlphanumeric.test(char)).toBe(/^[\p{L}\p{N}]$/u.test(char));
        expect(/^\p{M}$/u.test(char)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("isAsciiText", () => {
  it("admits the extra characters named", () => {
    expect(isAsciiText("O’Neil", "’")).toBe(true);
    expect(isAsciiText("O’Neil")).toBe(false);
  });
});
