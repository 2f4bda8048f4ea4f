import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gate, gateSets, openingWords, requiredWordSets, requiredWords, testGated } from "../../../src/core/text/required-words.ts";
import { wordPattern } from "../../../src/core/text/word-pattern.ts";

describe("requiredWords", () => {
  it("takes the longest mandatory literal run of a sequence", () => {
    expect(requiredWords(String.raw`\bne (?:pas )?(?:donner|pouvons) pas suite\b`)).toEqual([" pas suite"]);
  });

  it("takes a group's alternatives when they are the most selective part", () => {
    expect(requiredWords(String.raw`\b(?:we|i) (?:would|could) (?:like|love) to\b`)).toEqual(["would", "could"]);
  });

  it("gives one word per top-level alternative", () => {
    expect(requiredWords(String.raw`^cancell?ed\b|\bcalled off\b`)).toEqual(["cancel", "called off"]);
  });

  it("skips optional parts, classes and look-arounds", () => {
    expect(requiredWords(String.raw`(?<![\w])(?:new )?[a-z]+ (?!x)slots?`)).toEqual([" slot"]);
  });

  it("is null when an alternative needs no literal", () => {
    expect(requiredWords(String.raw`\binterview\b|\d{4,5}`)).toBeNull();
    expect(requiredWords(String.raw`(?:offer)?[a-z]+`)).toBeNull();
  });

  it("reads escaped characters as literals", () => {
    expect(requiredWords(String.raw`\bst\.\tgallen\b`)).toEqual(["st.\tgallen"]);
  });
});

describe("gate", () => {
  it("lower-cases the words of a case-insensitive pattern and finds them in any case", () => {
    const phone = gate(/\bPhone (?:interview|call)\b/i);
    expect(phone.words).toEqual(["phone "]);
    expect(testGated(phone, "A PHONE CALL tomorrow")).toBe(true);
    expect(testGated(phone, "A video call tomorrow")).toBe(false);
  });

  it("never gates a case-insensitive Unicode pattern, where s also matches ſ", () => {
    const pattern = /\bsite\b/iu;
    expect(gate(pattern).words).toBeNull();
    expect(testGated(gate(pattern), "on ſite")).toBe(pattern.test("on ſite"));
  });

  it("never gates a word with µ, which also matches Greek μ", () => {
    expect(gate(/\b5 µm\b/i).words).toBeNull();
  });

  it("answers as the pattern alone does", () => {
    const patterns = [
      wordPattern(/\b(?:invite|move)\b[^.!?\n]{0,30}\b(?:to|into) the (?:next|final) (?:round|stage)\b/iu, { lowerCaseInput: true }),
      wordPattern(/\bnot (?:been )?(?:selected|shortlisted)\b|\bunsuccessful\b/iu),
      wordPattern(/\b(?:absage|stornierung) (?:des|ihres) (?:termins|gesprächs)\b/iu),
      /^(?:cancell?ed|abgesagt)\b/imu,
    ];
    const alphabet = fc.constantFrom("invite ", "move", " to the ", "into", "next ", "final", "round", "stage", "not ", "been ", "selected", "shortlisted", "unsuccessful", "Absage ", "des ", "Ihres ", "Termins", "gesprächs", "cancel", "led", "abgesagt", "\n", ".", " ", "x", "É", "ſ");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 14 }), (parts) => {
        const text = parts.join("");
        for (const pattern of patterns) expect(testGated(gate(pattern), text)).toBe(pattern.test(text));
      }),
    );
  });

  it("answers for each text when texts alternate, whatever characters they hold", () => {
    const gated = gate(wordPattern(/\b(?:termin|gespräch|interview)\b/iu, { lowerCaseInput: true }));
    const text = fc.array(fc.constantFrom("termin", "gespräch", "inter", "view", " ", "ä", "😀", "\u4e2d", "Ter", "min", "x"), { maxLength: 10 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, text, (first, second) => {
        for (const sample of [first, second, first, second]) expect(testGated(gated, sample)).toBe(gated.pattern.test(sample));
      }),
    );
  });
});

describe("requiredWordSets", () => {
  it("gives every literal run and group of an alternative, one alternative after another", () => {
    expect(requiredWordSets(String.raw`\b(?:invite|move)\b[^.]{0,30}\bto the (?:next|final) round\b|\bshortlisted\b`)).toEqual([
      [["invite", "move"], ["to the "], ["next", "final"], [" round"]],
      [["shortlisted"]],
    ]);
  });

  it("reads an alternative that is one group as the group's alternatives", () => {
    expect(requiredWordSets(String.raw`(?<!\w)(?:in[- ]person|(?:at|in) our office)(?!\w)`)).toEqual([
      [["in"], ["person"]],
      [["at", "in"], [" our office"]],
    ]);
  });

  it("gives an alternative without literal parts no set", () => {
    expect(requiredWordSets(String.raw`\binterview\b|\d{4,5}`)).toEqual([[["interview"]], []]);
    expect(requiredWordSets(String.raw`(?:offer)?[a-z]+`)).toEqual([[]]);
  });
});

describe("openingWords", () => {
  it("gives the words every match starts with, look-arounds aside", () => {
    expect(openingWords(String.raw`(?<![\w])(?:if|sollten?|(?:respond|reply)\w* to all)(?![\w])`)).toEqual(["if", "sollte", "respond", "reply"]);
    expect(openingWords(String.raw`^cancell?ed\b|\bcalled off\b`)).toEqual(["cancel", "called off"]);
  });

  it("is null when a match may start otherwise", () => {
    expect(openingWords(String.raw`(?:new )?slot`)).toBeNull();
    expect(openingWords(String.raw`\d+ days|within`)).toBeNull();
    expect(openingWords(String.raw`a|`)).toBeNull();
  });

  it("lets a match start only where an opening word does", () => {
    const source = String.raw`\b(?:if|should (?:you|we)|(?:get|got) back\w* to (?:each|all))\b`;
    const words = openingWords(source) ?? [];
    const pattern = new RegExp(source, "g");
    const text = fc.array(fc.constantFrom("if", "should ", "you", "get", "got", " back", "s", " to all", " ", "x", "."), { maxLength: 12 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (sample) => {
        for (const match of sample.matchAll(pattern)) expect(words.some((word) => sample.startsWith(word, match.index))).toBe(true);
      }),
    );
  });
});

describe("gateSets", () => {
  it("lower-cases the sets of a case-insensitive pattern, as gate does its words", () => {
    expect(gateSets(/\bPhone (?:Interview|Call)\b/i)).toEqual([[["phone "], ["interview", "call"]]]);
    expect(gateSets(/\bsite\b/iu)).toBeNull();
  });
});
