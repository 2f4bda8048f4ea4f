import { describe, expect, it } from "vitest";
import { describeCheck, findDoubts, listChecks, toDetailSource, type DetailSource, type StoredDetailEvent } from "../../../src/core/digest/doubts.ts";
import type { ApplicationRecord, InterviewRecord } from "../../../src/core/applications/records.ts";
import type { DigestContent } from "../../../src/core/digest/content.ts";
import type { DigestCheck } from "../../../src/core/digest/doubts.ts";
import { renderDigest } from "../../../src/core/digest/render.ts";

describe("findDoubts", () => {
  it("judges each detail by the latest event that set it: a later email by its own reading, an owner's reply as settled", () => {
    const unsureCompany = source({ type: "application_created", payload: { company: "Acme" }, confidence: { company: { score: 0.5 }, contact: { score: 0.9 } } });
    const surerEmail = source({ type: "details_updated", payload: { company: "Acme Corp" }, confidence: { company: { score: 0.8 } } });
    const ownerCompany = source({ type: "details_updated", payload: { company: "Acme" }, setBy: "owner", confidence: null });
    const unsureContact = source({ type: "details_updated", payload: { contactName: "Jo", contactEmail: "jo@acme.example" }, confidence: { contact: { score: 0.4 } } });

    expect(findDoubts([unsureCompany]).get(1)).toEqual({ company: true, contact: false, times: new Set() });
    expect(findDoubts([unsureCompany, surerEmail]).get(1)).toBeUndefined();
    expect(findDoubts([unsureCompany, ownerCompany, unsureContact]).get(1)).toEqual({ company: false, contact: true, times: new Set() });
    // `undo` of the owner's reply: its event is undone, so not a source, and the doubt is back.
    expect(findDoubts([unsureCompany, unsureContact]).get(1)).toEqual({ company: true, contact: true, times: new Set() });
  });

  it("doubts an interview time read unsure, or in a guessed zone, until the owner sets it; putting a cancelled round back sets no time", () => {
    const read = source({ type: "interview_scheduled", interviewId: 7, payload: { startAt: 1 }, confidence: { start: { score: 0.9 }, tz: { score: 0.5 } } });
    const reinstated = source({ type: "interview_scheduled", interviewId: 7, payload: { interviewId: 7, reinstated: true }, confidence: { tz: { score: 0.9 } } });
    const moved = source({ type: "interview_moved", interviewId: 7, payload: { interviewId: 7 }, setBy: "owner", confidence: null });
    expect(findDoubts([read, reinstated]).get(1)?.times).toEqual(new Set([7]));
    expect(findDoubts([read, moved]).get(1)).toBeUndefined();
    expect(findDoubts([source({ ...read, confidence: { start: { score: 0.7 } } })]).get(1)).toBeUndefined();
  });
});

describe("toDetailSource", () => {
  const stored = (overrides: Partial<StoredDetailEvent>): StoredDetailEvent => ({
    applicationId: 1,
    type: "application_created",
    payload: { company: "Acme" },
    channel: "forward",
    confidence: JSON.stringify({ company: { score: 0.5, evidence: ["sender domain"] }, contact: { score: "high" } }),
    createdInterviewId: null,
    ...overrides,
  });

  it("takes a forward's scores from its stored reading, and an owner's reply or page action as settled", () => {
    expect(toDetailSource(stored({}))).toEqual({ applicationId: 1, interviewId: null, type: "application_created", payload: { company: "Acme" }, setBy: "email", confidence: { company: { score: 0.5 } } });
    expect(toDetailSource(stored({ confidence: "not json" }))?.confidence).toBeNull();
    for (const channel of ["command", "page"]) expect(toDetailSource(stored({ type: "details_updated", channel }))).toMatchObject({ setBy: "owner", confidence: null });
  });

  it("names the interview an event set: its own, else the one its email created; other events set no detail", () => {
    expect(toDetailSource(stored({ type: "interview_scheduled", payload: { startAt: 1 }, createdInterviewId: 7 }))?.interviewId).toBe(7);
    expect(toDetailSource(stored({ type: "interview_moved", payload: { interviewId: 8 }, channel: "command" }))?.interviewId).toBe(8);
    expect(toDetailSource(stored({ type: "email_filed" }))).toBeNull();
    expect(toDetailSource(stored({ applicationId: null }))).toBeNull();
  });
});

describe("listChecks", () => {
  const acme: ApplicationRecord = { id: 1, company: "Acme", role: "Engineer", status: "waiting", contactName: "Jo Park", contactEmail: "jo@acme.example", language: "en", noCalls: false, notes: [], promisedTimeline: null };
  const round = (id: number, startAt: string): InterviewRecord => ({ id, startAt: Date.parse(startAt), startLocal: null, timeZone: "Europe/Berlin", durationMin: 45, interviewers: [], status: "scheduled", subject: null, format: "video", meetingUrl: null });
  const interviews = [round(1, "2026-03-02T10:00:00+01:00"), round(2, "2026-03-05T10:00:00+01:00"), round(3, "2026-03-20T10:00:00+01:00")];
  const toJo = [{ name: "Jo Park", email: "JO@acme.example" }];

  it("checks the time of the interview a draft is about: the one the rules name, else the latest before it fell due", () => {
    const doubts = { company: false, contact: false, times: new Set([1, 2, 3]) };
    const statusCheck = listChecks(doubts, acme, { recipients: toJo, dueAt: Date.parse("2026-03-12T08:00:00+01:00"), interviewId: null }, interviews, "Europe/Berlin", null);
    expect(statusCheck).toEqual([{ detail: "time", shown: "Thu 5 Mar 2026, 10:00 your time", reply: "time: 2026-03-05 10:00 Europe/Berlin" }]);
    const thankYou = listChecks(doubts, acme, { recipients: toJo, dueAt: Date.parse("2026-03-12T08:00:00+01:00"), interviewId: 1 }, interviews, "Europe/Berlin", 2);
    expect(thankYou).toEqual([{ detail: "time", shown: "Mon 2 Mar 2026, 10:00 your time", reply: "time 2: 2026-03-02 10:00 Europe/Berlin" }]);
  });

  it("shows a time in another zone as the reply gives it, named by its place, with the owner's time beside it", () => {
    const doubts = { company: false, contact: false, times: new Set([4]) };
    const draft = { recipients: toJo, dueAt: Date.parse("2026-12-08T08:00:00-08:00"), interviewId: 4 };
    const berlin = { ...round(4, "2026-12-07T13:30:00+01:00"), timeZone: "Europe/Berlin" };
    expect(listChecks(doubts, acme, draft, [berlin], "America/Los_Angeles", 3)).toEqual([
      { detail: "time", shown: "Mon 7 Dec 2026, 13:30 Berlin time (04:30 your time)", reply: "time 3: 2026-12-07 13:30 Europe/Berlin" },
    ]);
    // Across midnight, the owner's day is named too.
    const newYork = { ...round(4, "2026-12-07T01:00:00-05:00"), timeZone: "America/New_York" };
    expect(listChecks(doubts, acme, draft, [newYork], "America/Los_Angeles", null)[0]!.shown).toBe("Mon 7 Dec 2026, 01:00 New York time (Sun 6 Dec 2026, 22:00 your time)");
    // A time the email gave without a zone is read in the owner's.
    const naive = { ...round(4, "2026-12-07T10:30:00Z"), startAt: null, startLocal: "2026-12-07T10:30:00", timeZone: null };
    expect(listChecks(doubts, acme, draft, [naive], "America/Los_Angeles", null)).toEqual([
      { detail: "time", shown: "Mon 7 Dec 2026, 10:30 your time (the email gave no time zone)", reply: "time: 2026-12-07 10:30 America/Los_Angeles" },
    ]);
  });

  it("checks the contact only on a draft to them, and the company on every draft", () => {
    const doubts = { company: true, contact: true, times: new Set<number>() };
    const draft = { dueAt: Date.parse("2026-03-12T08:00:00+01:00"), interviewId: null };
    expect(listChecks(doubts, acme, { ...draft, recipients: toJo }, [], "Europe/Berlin", null).map((c) => c.reply)).toEqual(["company: Acme", "contact: Jo Park <jo@acme.example>"]);
    expect(listChecks(doubts, acme, { ...draft, recipients: [{ name: "Sam", email: "sam@acme.example" }] }, [], "Europe/Berlin", null).map((c) => c.reply)).toEqual(["company: Acme"]);
  });
});

describe("describeCheck", () => {
  it("asks about each detail, with the reply that confirms it or, edited, corrects it, in the digest's words", () => {
    const checks: DigestCheck[] = [
      { detail: "contact", shown: "Jo Park <jo@acme.example>", reply: "contact: Jo Park <jo@acme.example>" },
      { detail: "company", shown: "Atlasia Finance", reply: "company 2: Atlasia Finance" },
      { detail: "time", shown: "Mon 7 Dec 2026, 13:30 Berlin time (04:30 your time)", reply: "time 3: 2026-12-07 13:30 Europe/Berlin" },
    ];
    expect(checks.map(describeCheck)).toEqual([
      'Is the contact "Jo Park <jo@acme.example>"? Reply "contact: Jo Park <jo@acme.example>" to confirm it, or with the right name and address.',
      'Is the company "Atlasia Finance"? Reply "company 2: Atlasia Finance" to confirm it, or with the right name.',
      'Is the interview at Mon 7 Dec 2026, 13:30 Berlin time (04:30 your time)? Reply "time 3: 2026-12-07 13:30 Europe/Berlin" to confirm it, or with the right time.',
    ]);
    const { text } = renderDigest(digestWithChecks(checks));
    for (const check of checks) expect(text).toContain(`   - ${describeCheck(check)}\n`);
  });
});

/** A digest of one draft to Jo at Acme that holds `checks`. */
function digestWithChecks(checks: DigestCheck[]): DigestContent {
  const dueAt = Date.parse("2026-03-12T08:00:00+01:00");
  return {
    localDate: "2026-03-12",
    timeZone: "Europe/Berlin",
    interviews: [],
    upcoming: [],
    upcomingUntil: "2026-03-13",
    drafts: [{ number: 1, rule: "R3", company: "Acme", role: "Engineer", to: [{ name: "Jo Park", email: "jo@acme.example" }], subject: "Checking in", body: "Hi Jo", placeholders: [], dueAt, late: false, checks }],
    moreDrafts: 0,
    waiting: [],
    goneQuiet: [],
    undelivered: [],
    lookBack: null,
    replyAddress: "assistant+t0k3n@relay.example",
  };
}

function source(overrides: Partial<DetailSource>): DetailSource {
  return { applicationId: 1, interviewId: null, type: "application_created", payload: {}, setBy: "email", confidence: null, ...overrides };
}
