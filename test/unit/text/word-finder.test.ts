import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gateSets } from "../../../src/core/text/required-words.ts";
import { createWordFinder, createWordWindows, fillWordWindows, findWordOffsets, findWords, mayContain, mayMatch, wordGates } from "../../../src/core/text/word-finder.ts";
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

describe("mayContain", () => {
  it("is true for every word the text holds, and for each text the windows are filled with", () => {
    const alphabet = fc.constantFrom("a", "b", "e", " ", "\n", "é", "ß", "’");
    const word = fc.array(alphabet, { minLength: 1, maxLength: 6 }).map((chars) => chars.join(""));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.array(alphabet, { maxLength: 200 }), fc.array(alphabet, { maxLength: 50 }), (words, chars, other) => {
        const finder = createWordFinder(words);
        const windows = createWordWindows(finder);
        for (const text of [chars.join(""), other.join("")]) {
          fillWordWindows(windows, text);
          finder.words.forEach((w, i) => {
            if (text.includes(w)) expect(mayContain(windows, i)).toBe(true);
          });
        }
      }),
    );
  });

  it("rules out a word with a window the text lacks", () => {
    const finder = createWordFinder(["interview", "termin"]);
    const windows = fillWordWindows(createWordWindows(finder), "your interview");
    expect(finder.words.map((_, i) => mayContain(windows, i))).toEqual([true, false]);
  });
});

describe("mayMatch", () => {
  const patterns = [
    wordPattern(/\b(?:invite|move)\b[^.!?\n]{0,30}\b(?:to|into) the (?:next|final) (?:round|stage)\b/iu, { lowerCaseInput: true }),
    wordPattern(/\b(?:(?<!virtual )on[- ]?site|in[- ]person|(?:at|in) our (?:main )?(?:office|campus))\b/iu, { lowerCaseInput: true }),
    wordPattern(/\bnot (?:been )?(?:selected|shortlisted)\b|\bunsuccessful\b|\d{4,5}/iu, { lowerCaseInput: true }),
  ];
  const sets = patterns.map((pattern) => gateSets(pattern));
  const finder = createWordFinder(sets.flatMap((branches) => branches?.flat(2) ?? []));
  const gates = wordGates(finder, sets);

  it("never rules out a text the pattern matches", () => {
    const alphabet = fc.constantFrom("invite ", "move", " to the ", "into", "next ", "final", "round", "stage", "on-site", "in person", "virtual ", "at our ", "main ", "office", "campus", "not ", "been ", "selected", "unsuccessful", "2026", "\n", ".", " ", "x");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 14 }), (parts) => {
        const text = parts.join("");
        const windows = fillWordWindows(createWordWindows(finder), text);
        patterns.forEach((pattern, i) => {
          if (pattern.test(text)) expect(mayMatch(gates[i] ?? new Int32Array(0), windows)).toBe(true);
        });
      }),
    );
  });

  it("rules out a text that lacks a word of each alternative's sets", () => {
    const windows = fillWordWindows(createWordWindows(finder), "we will invite you to the office");
    expect(gates.map((gate) => mayMatch(gate, windows))).toEqual([false, false, true]);
  });

  it("is always open for a pattern that is never gated", () => {
    expect(mayMatch(wordGates(finder, [null])[0] ?? new Int32Array(0), fillWordWindows(createWordWindows(finder), ""))).toBe(true);
  });
});
