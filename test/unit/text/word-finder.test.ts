import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gate, testGated } from "../../../src/core/text/required-words.ts";
import { createWordFinder, findWordOffsets, findWords, requiredWordsOf, testGatedWith } from "../../../src/core/text/word-finder.ts";
import { wordPattern } from "../../../src/core/text/word-pattern.ts";

describe("findWords", () => {
  it("finds exactly the words the text holds: short, overlapping, at either end", () => {
    const finder = createWordFinder(["if", "interview", "view", "new date", "termin", "absent", "cancel"]);
    expect(findWords(finder, "if your interview moves, a new date follows. cancel")).toEqual(new Set(["if", "interview", "view", "new date", "cancel"]));
    expect(findWords(finder, "")).toEqual(new Set());
  });

  it("leaves out the empty word", () => {
    expect(createWordFinder(["", "a"]).words).toEqual(["a"]);
  });

  it("answers as includes does, whatever the text and words", () => {
    const alphabet = fc.constantFrom("a", "b", "e", " ", "\n", "é", "ß", "’");
    const word = fc.array(alphabet, { minLength: 1, maxLength: 6 }).map((chars) => chars.join(""));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.array(alphabet, { maxLength: 200 }), (words, chars) => {
        const text = chars.join("");
        expect(findWords(createWordFinder(words), text)).toEqual(new Set(words.filter((w) => text.includes(w))));
      }),
    );
  });
});

describe("findWordOffsets", () => {
  it("gives every offset of each word found, ascending, overlapping ones included", () => {
    const offsets = findWordOffsets(createWordFinder(["aa", "team", "nowhere"]), "aaa team, teams");
    expect(offsets).toEqual(new Map([["aa", [0, 1]], ["team", [4, 10]]]));
  });
});

describe("testGatedWith", () => {
  const phone = gate(wordPattern(/\bphone (?:interview|call)\b/i));
  const lowerCased = gate(wordPattern(/\bregret to inform\b/iu, { lowerCaseInput: true }));
  const finder = createWordFinder(requiredWordsOf([phone, lowerCased]));

  it.each(["A PHONE CALL tomorrow", "A video call tomorrow", "a phoney call", "we regret to inform you", "no words here"])("answers as testGated does: %s", (text) => {
    const lower = text.toLowerCase();
    expect(testGatedWith(phone, text, findWords(finder, lower))).toBe(testGated(phone, text));
    expect(testGatedWith(lowerCased, lower, findWords(finder, lower))).toBe(testGated(lowerCased, lower));
  });
});
