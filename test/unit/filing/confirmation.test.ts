import { describe, expect, it } from "vitest";
import { parseReply } from "../../../src/core/commands/parse.ts";
import { buildConfirmation, type ConfirmationOutcome, describeFilingChange } from "../../../src/core/filing/confirmation.ts";
import type { Understanding } from "../../../src/core/understanding/types.ts";
import { doubted, understanding } from "../../helpers/understanding-builder.ts";

describe("buildConfirmation: what it could not tell or is unsure of", () => {
  it("an unsure company: says so, with the value, why, and the exact reply", () => {
    const text = confirm({ ...sure(), company: "Harrow Mills", confidence: { ...sure().confidence, company: doubted(0.45, 'named in the text: "Harrow Mills" (2)') } });
    expect(text).toContain('- I am not sure the company is "Harrow Mills" (named in the text: "Harrow Mills"): if not, reply "company: …"');
  });

  it("a missing contact: says it could not tell whom to follow up with", () => {
    const text = confirm({ ...sure(), contact: null });
    expect(text).toContain('- I could not tell whom to follow up with: reply "contact: Name <name@company.example>"');
  });

  it("a zone guessed from the interview's city: names the zone and the guess, and how to give the time with its zone, once", () => {
    const guessed = { tz: doubted(0.5, "zone guessed from the city Denver"), start: doubted(0.5, "the time is read in a guessed zone") };
    const u = { ...sure(), start: "2026-06-03T10:00:00-06:00", tz: "America/Denver", confidence: { ...sure().confidence, ...guessed } };
    expect(confirm(u)).not.toContain("I am not sure the interview is at");
    expect(confirm(u)).toContain(
      '- I am not sure the interview\'s time zone is America/Denver (zone guessed from the city Denver): if not, reply "time: …" with its zone (e.g. "time: tue 3pm PT")',
    );
  });

  it("a time without a zone, and no time at all, are asked about for a mail about a slot only", () => {
    expect(confirm({ ...sure(), start: null, tz: null, startLocal: "2026-06-03T10:00:00" })).toContain("- I could not tell the interview's time zone");
    expect(confirm({ ...sure(), start: null, tz: null, startLocal: null })).toContain("- I could not tell when the interview is");
    expect(confirm({ ...sure(), kind: "rejection", start: null, tz: null, startLocal: null })).not.toContain("Please check:");
  });

  it("asks nothing when every field is read and sure, and lists the doubts once, above what happens next", () => {
    expect(confirm(sure())).not.toContain("Please check:");
    const text = confirm({ ...sure(), company: null, role: null });
    expect(text.match(/Please check:/g)).toHaveLength(1);
    expect(text.indexOf("- I could not tell the company")).toBeLessThan(text.indexOf("- I could not tell the role"));
    expect(text.indexOf("Please check:")).toBeLessThan(text.indexOf("Next:"));
  });

  it("an understanding stored before confidences were kept is asked about only where it is empty", () => {
    const { confidence: _, ...stored } = { ...sure(), company: "Harrow Mills", role: null };
    const text = confirm(stored);
    expect(text).toContain("- I could not tell the role");
    expect(text).not.toContain("I am not sure");
  });

  it("every reply it suggests is a command the reply grammar reads", () => {
    const filled = ["company: Harrow Mills", "role: Data Engineer", "contact: Dana Lee <dana@harrowmills.example>", "time: tue 3pm PT"];
    for (const line of filled) expect(parseReply(line, { today: "2026-06-01", timeZone: "Europe/Berlin" }).problems).toEqual([]);
    const suggested = [...confirm(understanding({ kind: "invitation" })).matchAll(/reply "([a-z]+):/g)].map((m) => m[1]);
    expect(new Set(suggested)).toEqual(new Set(filled.map((line) => line.split(":")[0])));
  });
});

/** An interview invitation read in full, every field sure. */
function sure(): Understanding {
  return understanding({
    kind: "invitation",
    company: "Harrow Mills",
    role: "Data Engineer",
    contact: { name: "Dana Lee", email: "dana@harrowmills.example" },
    start: "2026-06-03T10:00:00+02:00",
    tz: "Europe/Berlin",
    startLocal: "2026-06-03T10:00:00",
    confidence: {
      company: doubted(1, 'sender name: "Harrow Mills" (3)'),
      role: doubted(0.9, 'labelled "Position: Data Engineer"'),
      contact: doubted(0.95, "sender Dana Lee <dana@harrowmills.example>"),
    },
  });
}

describe("describeFilingChange: the owner's note", () => {
  it("C3: says a note is private and how to mark a sentence for the thank-you", () => {
    expect(describeFilingChange({ type: "note_added", payload: { note: "Salary seems low." } })).toBe(
      "your note saved; it is private and never quoted. To use a sentence in the thank-you, start a line with `point:`",
    );
  });

  it("C3: names the marked point, and only it, when the note has one", () => {
    const change = describeFilingChange({ type: "note_added", payload: { note: "Salary seems low.\npoint: their on-call rota" } });
    expect(change).toContain('"their on-call rota"');
    expect(change).not.toContain("Salary");
  });
});

function confirm(u: Understanding): string {
  const outcome: ConfirmationOutcome = { kind: "filed", applicationId: 1, isNew: true, changes: [], nextFollowUp: null };
  return buildConfirmation({ understanding: u, outcome, ownerTimeZone: "Europe/Berlin", originalSubject: "Interview", replyAddress: "reply+token@assist.example" }).text;
}
