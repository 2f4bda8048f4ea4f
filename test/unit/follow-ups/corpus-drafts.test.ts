/**
 * Acceptance check on the development corpus, read where it lives beside the repo
 * (../shared/corpus; never copied in). Each case is forwarded on its own through the plan core
 * (the function behind `npm run plan`) and planned at moments that bring different rules due:
 * on arrival, the day after the interview (or the email), six business days after, three and
 * seven weeks after. Every draft must pass the tone check (C7, C10), and name the role and the
 * interview date as the draft writes them (C2) whenever the email's understanding has them: on
 * the interviewer's calendar, the day the draft goes out, an interview that day is "today",
 * the day before "yesterday", earlier that week its weekday, else its full date in the reader's
 * order (month first in North America).
 * The whole corpus is then forwarded as one mailbox, so that mails of one employer meet.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type ForwardFile, type PlanReport, planForwards, type PlannedApplication, type PlannedDraft } from "../../../src/cli/plan.ts";
import { addBusinessDays, addCalendarDays, atLocalTime, parseLocalDateTime, toLocalDate } from "../../../src/core/time/business-days.ts";
import { countryOfZone } from "../../../src/core/time/holidays.ts";
import { readsMonthFirst } from "../../../src/core/follow-ups/phrases/en.ts";
import type { DraftLanguage } from "../../../src/core/follow-ups/phrases/types.ts";
import { getDraftPhrases } from "../../../src/core/follow-ups/phrases.ts";
import { PLACEHOLDERS } from "../../../src/core/follow-ups/drafts.ts";
import { isIanaTimeZone } from "../../../src/core/time/zone-check.ts";
import { checkTone } from "../../../src/core/follow-ups/tone-check.ts";

const CASES_DIR = fileURLToPath(new URL("../../../../shared/corpus/cases/", import.meta.url));
const CASES = existsSync(CASES_DIR) ? readdirSync(CASES_DIR).filter((f) => f.endsWith(".eml")).sort() : [];
/** A zone far from most of the corpus's employers, so local days differ from theirs. */
const USER_ZONE = "America/Chicago";
const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_INTERVIEW_MIN = 60;
const OWNER = "seeker@mailbox.example";
/** How each language says an interview held the day a draft goes out, and the day before. */
const TODAY: Record<DraftLanguage, RegExp> = { en: /\btoday\b/, de: /\bheut(?:e|ig)/, fr: /\baujourd'hui\b/, es: /\bhoy\b/ };
const YESTERDAY: Record<DraftLanguage, RegExp> = { en: /\byesterday\b/, de: /\bgest(?:ern|rig)/, fr: /\bhier\b/, es: /\bayer\b/ };

it("finds the corpus beside the repo", () => {
  expect(existsSync(CASES_DIR), `the corpus is missing: expected its cases in ${CASES_DIR} (../shared/corpus/cases beside the repo)`).toBe(true);
  expect(CASES.length, `no .eml files in ${CASES_DIR}`).toBeGreaterThan(0);
});

describe.each(CASES)("%s", (name) => {
  it("gives drafts that pass the tone check and name the role and interview date (C2, C7, C10) at every moment", async () => {
    const file = { name, raw: new Uint8Array(readFileSync(`${CASES_DIR}${name}`)) };
    const arrival = await plan([file], null);
    expect(arrival.emails.map((e) => e.outcome)).toEqual(["filed"]);
    let drafts = 0;
    for (const now of [null, ...momentsAfter(arrival)]) {
      const report = now === null ? arrival : await plan([file], now);
      drafts += checkDrafts(report);
    }
    const ended = arrival.applications.every((a) => a.status === "offer");
    if (!ended) expect(drafts, "no draft at any moment").toBeGreaterThan(0);
  });
});

describe("the whole corpus as one mailbox", () => {
  it("gives drafts that pass the same checks, and brings R1, R3, R4, R5, R8 and R9 due", async () => {
    if (CASES.length === 0) throw new Error(`the corpus is missing: expected its cases in ${CASES_DIR}`);
    const files = CASES.map((name) => ({ name, raw: new Uint8Array(readFileSync(`${CASES_DIR}${name}`)) }));
    const arrival = await plan(files, null);
    const rules = new Set<string>();
    for (const now of [null, ...momentsAfter(arrival)]) {
      const report = now === null ? arrival : await plan(files, now);
      checkDrafts(report);
      for (const app of report.applications) for (const f of app.followUps) rules.add(f.rule);
    }
    expect([...rules].sort()).toEqual(expect.arrayContaining(["R1", "R3", "R4", "R5", "R8", "R9"]));
  }, 120_000);
});

async function plan(files: ForwardFile[], now: number | null): Promise<PlanReport> {
  const report = await planForwards(files, { now, timeZone: USER_ZONE, country: null, ownerAddresses: [OWNER], signature: "Sam Rivera" });
  if (!report.ok) throw new Error(report.error);
  // C3, C10: no unmarked line of a note quoted; nothing ready without a recipient and a signature.
  expect(report.value.summary).toMatchObject({ quotingUnmarkedNote: 0, readyWithoutRecipientOrSignature: 0 });
  return report.value;
}

/** The day after, six business days after, three and seven weeks after the last interview or email. */
function momentsAfter(report: PlanReport): number[] {
  const interviewEnds = report.applications.flatMap((a) => a.interviews.filter((i) => i.status === "scheduled").map((i) => interviewEnd(i)).filter((t): t is number => t !== null));
  const base = Math.max(Date.parse(report.now), ...interviewEnds);
  const sixBusinessDays = atLocalTime(addBusinessDays(toLocalDate(base, USER_ZONE), 6, { timeZone: USER_ZONE, country: null }), 12, USER_ZONE);
  return [base + DAY_MS, sixBusinessDays, base + 21 * DAY_MS, base + 49 * DAY_MS];
}

/** Asserts every draft in the report; returns how many there were. */
function checkDrafts(report: PlanReport): number {
  const now = Date.parse(report.now);
  let count = 0;
  for (const app of report.applications) {
    for (const draft of app.followUps) {
      const where = `${draft.key} at ${report.now}:\n${draft.subject}\n${draft.body}`;
      const tone = checkTone(`${draft.subject}\n${draft.body}`, draft.language, { placeholders: Object.values(PLACEHOLDERS), noCalls: app.noCalls });
      expect(tone.problems, `tone problems in ${where}`).toEqual([]);
      expect(tone.verdict === "ready" && draft.to.length > 0 ? "ready" : "needs_input", where).toBe(draft.verdict);
      expect(tone.placeholders.sort(), where).toEqual([...draft.placeholders].sort());
      if (app.role !== null) expect(draft.body, `role missing in ${where}`).toContain(app.role.replace(/\s+/g, " ").trim());
      const named = interviewNamedIn(app, draft, now);
      if (named !== null) expectDayNamed(draft, named, now, where);
      count++;
    }
  }
  return count;
}

type ReportInterview = PlannedApplication["interviews"][number];

/** The interview's day and the reader's: their zone, and whether they write the month first. */
interface NamedDay {
  day: string;
  zone: string;
  monthFirst: boolean;
}

/**
 * The interview a draft speaks of: a thank-you's own round (R1), else the latest round held by
 * `now`, when there is one. Its day is the one the interviewer knows, in the interview's zone;
 * the employer's country is that of the latest scheduled round's zone.
 */
function interviewNamedIn(app: PlannedApplication, draft: PlannedDraft, now: number): NamedDay | null {
  const scheduled = app.interviews.filter((i) => i.status === "scheduled" && interviewStart(i) !== null);
  const held = scheduled.filter((i) => (interviewEnd(i) ?? Number.POSITIVE_INFINITY) <= now).sort((a, b) => (interviewEnd(a) ?? 0) - (interviewEnd(b) ?? 0));
  const interview = draft.rule === "R1" ? scheduled.find((i) => i.id === draft.interviewId) : held.at(-1);
  const start = interview ? interviewStart(interview) : null;
  if (!interview || start === null) return null;
  const zone = zoneOf(interview);
  const latestZone = app.interviews.filter((i) => i.status === "scheduled" && i.timeZone !== null).at(-1)?.timeZone ?? null;
  const employerCountry = latestZone === null ? null : countryOfZone(latestZone);
  return { day: toLocalDate(start, zone), zone, monthFirst: readsMonthFirst(employerCountry, zone) };
}

/**
 * C2: the interview's day as the reader reads it on the day the draft goes out: a draft due by
 * the end of the user's day goes out now (late ones too), a later one on the day it falls due.
 */
function expectDayNamed(draft: PlannedDraft, { day, zone, monthFirst }: NamedDay, now: number, where: string): void {
  const due = Date.parse(draft.due);
  const endOfToday = atLocalTime(addCalendarDays(toLocalDate(now, USER_ZONE), 1), 0, USER_ZONE);
  const sendDay = toLocalDate(due < endOfToday ? now : due, zone);
  const phrases = getDraftPhrases(draft.language);
  if (sendDay === day) expect(draft.body, `"today" missing in ${where}`).toMatch(TODAY[draft.language]);
  else if (sendDay === addCalendarDays(day, 1)) expect(draft.body, `"yesterday" missing in ${where}`).toMatch(YESTERDAY[draft.language]);
  else if ([2, 3, 4, 5, 6].some((back) => sendDay === addCalendarDays(day, back))) {
    expect(draft.body, `weekday missing in ${where}`).toContain(phrases.formatWeekday(day));
    expect(draft.body, `a weekday within the week is not dated in ${where}`).not.toContain(phrases.formatDate(day, { monthFirst }));
  } else expect(draft.body, `interview date missing in ${where}`).toContain(phrases.formatDate(day, { monthFirst }));
}

function zoneOf(interview: ReportInterview): string {
  return interview.timeZone !== null && isIanaTimeZone(interview.timeZone) ? interview.timeZone : USER_ZONE;
}

function interviewStart(interview: ReportInterview): number | null {
  if (interview.start !== null) return Date.parse(interview.start);
  return interview.startLocal === null ? null : parseLocalDateTime(interview.startLocal, zoneOf(interview));
}

function interviewEnd(interview: ReportInterview): number | null {
  const start = interviewStart(interview);
  const minutes = interview.durationMin !== null && interview.durationMin > 0 ? interview.durationMin : DEFAULT_INTERVIEW_MIN;
  return start === null ? null : start + minutes * 60_000;
}
