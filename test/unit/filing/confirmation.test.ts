import { describe, expect, it } from "vitest";
import { parseReply } from "../../../src/core/commands/parse.ts";
import { buildConfirmation, type ConfirmationOutcome, describeFilingChange } from "../../../src/core/filing/confirmation.ts";
import { describeFollowUpKind, titleFollowUpKind } from "../../../src/core/applications/words.ts";
import { renderDigest } from "../../../src/core/digest/render.ts";
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

describe("buildConfirmation: in the words of the digest and the answers", () => {
  it("names the first follow-up as the digest that carries it and the answers to commands do", () => {
    for (const rule of ["R1", "R3", "R4", "R5", "R6", "R8", "R9", "R10"]) {
      const outcome: ConfirmationOutcome = { kind: "filed", applicationId: 1, isNew: true, changes: [], nextFollowUp: { rule, dueAt: Date.parse("2026-06-04T08:00:00+02:00") } };
      const text = buildConfirmation({ understanding: sure(), outcome, ownerTimeZone: "Europe/Berlin", originalSubject: "Interview", replyAddress: "reply+token@assist.example", digests: { nextFollowUp: "Thu 4 Jun 2026", interview: null } }).text;
      const kind = /^First follow-up: (.+), in your digest on Thu 4 Jun 2026\.$/m.exec(text)?.[1];
      expect(kind, rule).toBe(describeFollowUpKind(rule));
      const digest = renderDigest({
        localDate: "2026-06-04",
        timeZone: "Europe/Berlin",
        interviews: [],
        upcoming: [],
        upcomingUntil: "2026-06-05",
        drafts: [{ number: 1, rule, company: "Harrow Mills", role: null, to: [], subject: "Hello", body: "Hello", placeholders: [], dueAt: Date.parse("2026-06-04T08:00:00+02:00"), late: false, checks: [] }],
        moreDrafts: 0,
        waiting: [],
        goneQuiet: [],
        undelivered: [],
        lookBack: null,
        replyAddress: "reply+token@assist.example",
      });
      expect(digest.text.toLowerCase(), rule).toContain(`1. ${kind}: harrow mills\n`);
    }
  });

  it("gives the format, the length and the date they promised as the digest writes them, never ISO", () => {
    const promise = { amount: 3, unit: "business_days" as const, text: "We will get back to you within 3 business days.", by: "2026-12-04" };
    const text = confirm({ ...sure(), format: "video", durationMin: 180, promisedTimeline: promise });
    expect(text).toContain("Format:    video call\n");
    expect(text).toContain("Length:    3 hours\n");
    expect(text).toContain(`They said: "${promise.text}" (I'll count on hearing by Fri 4 Dec 2026)`);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("says of an interview forwarded after it took place that no digest will list it, not that one will before the day", () => {
    const outcome: ConfirmationOutcome = { kind: "filed", applicationId: 1, isNew: true, changes: [], nextFollowUp: null };
    const next = (interviewOver: boolean, kind: Understanding["kind"] = "invitation") =>
      /^Next: (.+)$/m.exec(buildConfirmation({ understanding: { ...sure(), kind }, outcome, ownerTimeZone: "Europe/Berlin", originalSubject: "Interview", replyAddress: "reply+token@assist.example", digests: { nextFollowUp: null, interview: null, interviewOver } }).text)?.[1];
    expect(next(true)).toBe("The interview has already taken place, so no digest will list it; I'll draft a thank-you note for it.");
    expect(next(true, "next_round")).toBe("The next round has already taken place, so no digest will list it; I'll draft a thank-you note for it.");
    expect(next(false)).toBe("No digest still to go out will list it before the day; I'll draft a thank-you note for after it.");
  });

  it("gives a time the email gave without a zone in words, and says its zone is not confirmed", () => {
    const text = confirm({ ...sure(), start: null, tz: null, startLocal: "2026-12-07T10:30:00" });
    expect(text).toContain("When:      Mon 7 Dec 2026, 10:30, time zone not confirmed (the email gives none)\n");
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

describe("the words for a follow-up's kind", () => {
  it("names a kind it does not know as a follow-up, whatever the stored rule says", () => {
    for (const rule of ["constructor", "toString", "__proto__", "R99"]) expect(titleFollowUpKind(rule)).toBe("Follow-up");
    expect(titleFollowUpKind("R1")).toBe("Thank-you note");
  });
});

describe("describeFilingChange: in the owner's words", () => {
  it("names statuses and details in words, never raw values or field names", () => {
    expect(describeFilingChange({ type: "status_changed", payload: { from: null, to: "interviewing" } })).toBe("status: interviewing");
    expect(describeFilingChange({ type: "status_changed", payload: { from: "interviewing", to: "gone_quiet" } })).toBe("status: gone quiet (was interviewing)");
    expect(describeFilingChange({ type: "details_updated", payload: { contactName: "Jo Park", contactEmail: "jo@acme.example", noCalls: true } })).toBe(
      "updated: the contact, no calls, as they asked",
    );
  });
});

function confirm(u: Understanding): string {
  const outcome: ConfirmationOutcome = { kind: "filed", applicationId: 1, isNew: true, changes: [], nextFollowUp: null };
  return buildConfirmation({ understanding: u, outcome, ownerTimeZone: "Europe/Berlin", originalSubject: "Interview", replyAddress: "reply+token@assist.example" }).text;
}
