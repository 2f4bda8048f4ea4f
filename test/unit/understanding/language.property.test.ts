import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countMarkers, detectLanguage } from "../../../src/core/understanding/language.ts";
import { isPlainLatin, LATIN_LETTER_CLASS } from "../../../src/core/text/latin.ts";

/**
 * The reader finds the words of plain Latin text by character code. It must read exactly the
 * words a `[LATIN_LETTER_CLASS]+` pattern matches, the first 1,500 of them: so on any text it
 * must count what it counts for those words alone, one space apart. The texts are marker words of
 * every language glued with the characters at the edges of the class (ª, µ, º, ×, ÷, ɏ and the
 * letters after it) and random characters.
 */

const MAX_WORDS = 1500;
const LATIN_WORDS = new RegExp(`[${LATIN_LETTER_CLASS}]+`, "g");

const MARKERS = ["the", "you", "und", "wir", "vous", "nous", "usted", "gracias", "você", "não", "het", "een", "graag", "freundlichen", "cumprimentos", "é", "o", "e"];
const GLUE = [" ", "\n", ", ", ".", "ª", "µ", "º", "×", "÷", "ɏ", "ɐ", "ʼ", "Ḁ", "–", "’", "1", "-", "_", "é", "ÿ", "À", "Ø", "ø", "İ", "ſ"];

const piece = fc.oneof(fc.constantFrom(...MARKERS), fc.constantFrom(...MARKERS).map((w) => w.toUpperCase()), fc.constantFrom(...GLUE), fc.string({ maxLength: 4 }));

/** The words the pattern matches in the lower-cased text, the first 1,500, one space apart. */
function patternWords(text: string): string {
  return (text.toLowerCase().match(LATIN_WORDS) ?? []).slice(0, MAX_WORDS).join(" ");
}

describe("detectLanguage over plain Latin text", () => {
  it("reads the words a Latin letter pattern matches, and no others", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
        const text = pieces.join("");
        fc.pre(isPlainLatin(text.toLowerCase()) && !/@|:\/\/|www\./i.test(text));
        expect(countMarkers(text)).toEqual(countMarkers(patternWords(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads only the first 1,500 words, long ones counted too", () => {
    const long = "x".repeat(30);
    expect(detectLanguage(`the you the you the ${"xx ".repeat(1495)}${"het een graag ".repeat(300)}`)).toBe("en");
    expect(detectLanguage(`${`${long} `.repeat(1497)}het een graag`)).toBe("nl");
    expect(detectLanguage(`${`${long} `.repeat(1498)}het een graag`)).toBe("other");
  });

  it("looks up the longest markers", () => {
    expect(countMarkers("Mit freundlichen Grüßen / Com os melhores cumprimentos")).toEqual({ en: 0, de: 3, fr: 0, es: 0, pt: 3, nl: 0 });
  });
});
