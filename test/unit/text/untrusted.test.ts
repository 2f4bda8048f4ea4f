import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeEncodedWords, stripHiddenControls } from "../../../src/core/text/untrusted.ts";

const HIDDEN = ["\u061c", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2060", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff"];

describe("stripHiddenControls", () => {
  it.each(HIDDEN.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`, c]))("removes %s", (_, char) => {
    expect(stripHiddenControls(`Da${char}na`)).toBe("Dana");
  });

  it("turns a right-to-left override back into the text it hid", () => {
    // Shown as "Dana exe.jpg Whitcombe" while it is there.
    expect(stripHiddenControls("Dana \u202egpj.exe\u202c Whit\u200bcombe")).toBe("Dana gpj.exe Whitcombe");
  });

  it("keeps every other character, letters of right-to-left scripts included", () => {
    expect(stripHiddenControls("שלום, مرحبا, Zoë 🎉 日本 \u00ad\t\n")).toBe("שלום, مرحبا, Zoë 🎉 日本 \u00ad\t\n");
  });

  it("leaves no hidden control in any text", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...HIDDEN), fc.string({ unit: "binary", maxLength: 6 })), { maxLength: 30 }), (parts) => {
        const stripped = stripHiddenControls(parts.join(""));
        expect(stripped).not.toMatch(/[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/);
        expect(stripHiddenControls(stripped)).toBe(stripped);
      }),
      { numRuns: 300 },
    );
  });
});

describe("decodeEncodedWords", () => {
  it("decodes base64 and quoted-printable words in any case, with their charsets", () => {
    expect(decodeEncodedWords("=?UTF-8?B?RndkOiBJbnRlcnZpZXcgZm9yIERhdGEgRW5naW5lZXI=?=")).toBe("Fwd: Interview for Data Engineer");
    expect(decodeEncodedWords("Re: =?utf-8?q?Einladung_zum_Gespr=C3=A4ch?=")).toBe("Re: Einladung zum Gespräch");
    expect(decodeEncodedWords("=?ISO-8859-1?Q?Entrevue_pour_le_poste_d'ing=E9nieur?=")).toBe("Entrevue pour le poste d'ingénieur");
    expect(decodeEncodedWords("=?UTF-8*en?B?SGk=?=")).toBe("Hi");
  });

  it("joins adjacent words, dropping the white space between them, and a character split across them", () => {
    // "🎉" is F0 9F 8E 89: its bytes are split across the two words.
    expect(decodeEncodedWords("=?UTF-8?B?8J+O?=\r\n =?UTF-8?B?iQ==?= party")).toBe("🎉 party");
    expect(decodeEncodedWords("=?utf-8?q?a?= =?utf-8?q?b?=  and =?utf-8?q?c?=")).toBe("ab  and c");
  });

  it("reads broken base64 as far as it goes and an unknown charset as UTF-8: no raw word survives", () => {
    expect(decodeEncodedWords("=?UTF-8?B?SGVsbG8*?=")).toBe("Hello");
    expect(decodeEncodedWords("=?x-unknown?B?w6k=?=")).toBe("é");
  });

  it("leaves text without encoded words as it is", () => {
    for (const text of ["Interview on Tuesday", "a =? b ?= c", "=?UTF-8?X?abc?=", ""]) expect(decodeEncodedWords(text)).toBe(text);
  });

  it("never leaves a whole encoded word in its output", () => {
    const word = fc.tuple(fc.constantFrom("UTF-8", "utf-8", "iso-8859-1", "windows-1252", "x-unknown"), fc.constantFrom("B", "b", "Q", "q"), fc.stringMatching(/^[A-Za-z0-9+/=_.-]{0,20}$/));
    fc.assert(
      fc.property(fc.array(fc.oneof(word.map(([c, e, t]) => `=?${c}?${e}?${t}?=`), fc.constantFrom(" ", "\r\n ", "Fwd: ", "x")), { maxLength: 12 }), (parts) => {
        expect(decodeEncodedWords(parts.join(""))).not.toMatch(/=\?[^?\s*]+\?[bq]\?[^?\s]*\?=/i);
      }),
      { numRuns: 300 },
    );
  });
});
