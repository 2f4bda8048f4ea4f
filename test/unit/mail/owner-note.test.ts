import { describe, expect, it } from "vitest";
import { readOwnerNote } from "../../../src/core/mail/owner-note.ts";

describe("readOwnerNote", () => {
  it("separates free text from key: value hints and normalises hint keys across languages", () => {
    expect(readOwnerNote("Great chat!\nRolle: Data Engineer\nFirma: Brackwater GmbH\nZeitzone: Europe/Vienna\ntimeline: 10 days")).toEqual({
      text: "Great chat!",
      hints: { role: "Data Engineer", company: "Brackwater GmbH", zone: "Europe/Vienna", timeline: "10 days" },
    });
  });

  it("drops mobile client signatures and everything after a '-- ' signature line", () => {
    const note = "Call them Monday\n\nSent from my iPhone\n-- \nMira Okonkwo\nrole: ignored";
    expect(readOwnerNote(note)).toEqual({ text: "Call them Monday", hints: {} });
    expect(readOwnerNote("ok\nVon meinem iPhone gesendet").text).toBe("ok");
    expect(readOwnerNote("ok\nGet Outlook for Android<https://aka.ms/x>").text).toBe("ok");
  });

  it("C3: keeps a line marked `point:` in the note's text, where the drafts find it", () => {
    expect(readOwnerNote("Salary seems low.\npoint: their plan to move support to one queue\nrole: Support Lead")).toEqual({
      text: "Salary seems low.\npoint: their plan to move support to one queue",
      hints: { role: "Support Lead" },
    });
  });

  it("keeps lines with unknown keys as text, and only the first value of a repeated key", () => {
    expect(readOwnerNote("Mood: optimistic\nnote: first\nnote: second")).toEqual({
      text: "Mood: optimistic\nnote: second",
      hints: { note: "first" },
    });
  });
});
