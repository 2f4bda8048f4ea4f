import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LETTERS, tokenEnd, tokenize, tokenizeRange } from "../../../src/core/text/word-tokens.ts";

describe("tokenize", () => {
  it("finds exactly the runs of letters and of digits that the LETTERS class describes", () => {
    const wordOrNumber = new RegExp(`[${LETTERS}]+|\\d+`, "g");
    const characters = fc.constantFrom("a", "Z", "7", "0", " ", "-", "é", "ß", "ª", "µ", "º", "×", "÷", "ÿ", "Ā", "ɏ", "ɐ", "ạ", "Ỹ", "\u1f00", "😀", "中", "\n", ".", "@", "_");
    fc.assert(
      fc.property(fc.array(characters, { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        const expected = [...text.matchAll(wordOrNumber)].map((m) => ({ text: m[0], index: m.index, end: m.index + m[0].length, isNumber: /^\d/.test(m[0]) }));
        expect(tokenize(text).map(({ text: word, index, end, isNumber }) => ({ text: word, index, end, isNumber }))).toEqual(expected);
        expect(tokenize(text).every((token) => token.lower === token.text.toLowerCase())).toBe(true);
      }),
    );
  });

  it("reads a range as the pattern does from its start, keeping the words that start inside it", () => {
    const characters = fc.constantFrom("a", "Z", "7", " ", "é", "\n", "😀", "-");
    fc.assert(
      fc.property(fc.array(characters, { maxLength: 30 }), fc.nat(30), fc.nat(30), (parts, a, b) => {
        const text = parts.join("");
        const [from, to] = [Math.min(a, b, text.length), Math.min(Math.max(a, b), text.length)];
        const pattern = new RegExp(`[${LETTERS}]+|\\d+`, "g");
        pattern.lastIndex = from;
        const expected: [string, number][] = [];
        for (let m = pattern.exec(text); m && m.index < to; m = pattern.exec(text)) expected.push([m[0], m.index]);
        expect(tokenizeRange(text, from, to).map((t) => [t.text, t.index])).toEqual(expected);
      }),
    );
  });
});


describe("tokenEnd", () => {
  it("finds the tokens tokenizeRange does, read one after another", () => {
    const characters = fc.constantFrom("a", "Z", "7", " ", "é", "\n", "😀", "-", "ạ");
    fc.assert(
      fc.property(fc.array(characters, { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        const read: [number, number][] = [];
        for (let i = 0; i < text.length; ) {
          const end = tokenEnd(text, i);
          if (end === -1) i++;
          else read.push([i, (i = end)]);
        }
        expect(read).toEqual(tokenizeRange(text, 0, text.length).map((token) => [token.index, token.end]));
      }),
    );
  });
});
