import { describe, expect, it } from "vitest";
import { MAX_DIGEST_DRAFTS, planDigest, type DigestPlanInput } from "../../../src/core/digest/plan.ts";
import type { DetailSource } from "../../../src/core/digest/doubts.ts";
import type { ApplicationRecord, InterviewRecord } from "../../../src/core/applications/records.ts";
import { DEFAULT_SETTINGS } from "../../../src/core/follow-ups/settings.ts";

const SCHEDULED = Date.parse("2026-03-09T06:00:00Z"); // Monday, 07:00 in Berlin
/** Friday 13 March 2026, 07:00 in Berlin. */
const FRIDAY = Date.parse("2026-03-13T06:00:00Z");

function app(id: number, overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return { id, company: `Company ${id}`, role: "Engineer", status: "waiting", contactName: null, contactEmail: null, language: "en", noCalls: false, notes: [], promisedTimeline: null, ...overrides };
}

describe("planDigest", () => {
  it("shows at most MAX_DIGEST_DRAFTS drafts, oldest first, and counts the rest for the next digests", () => {
    const count = MAX_DIGEST_DRAFTS + 5;
    const applications = Array.from({ length: count }, (_, i) => app(i + 1));
    const followUps = applications.map((a, i) => followUp({ id: 100 + i, applicationId: a.id, dueAt: SCHEDULED - (count - i) * 60_000, email: `hr${a.id}@example.com` }));
    const plan = planDigest(input({ applications, followUps }));
    expect(plan.content.drafts).toHaveLength(MAX_DIGEST_DRAFTS);
    expect(plan.content.moreDrafts).toBe(5);
    expect(plan.items.map((i) => i.number)).toEqual(Array.from({ length: MAX_DIGEST_DRAFTS }, (_, i) => i + 1));
    expect(plan.items[0]).toEqual({ number: 1, followUpId: 100, applicationId: 1 });
  });
});

describe("planDigest: interviews ahead", () => {
  const applications = [app(1, { status: "interviewing", company: "Acme", role: "Backend Engineer" })];

  it("shows tomorrow's interviews (the user's next local day), not today's or the day after's", () => {
    const interviews = [
      interview(1, "2026-03-09T15:00:00+01:00"), // today
      interview(2, "2026-03-10T00:00:00+01:00"), // tomorrow's first minute in Berlin
      interview(3, "2026-03-10T23:30:00+01:00"),
      interview(4, "2026-03-11T00:00:00+01:00"), // the day after
    ];
    const plan = planDigest(input({ applications, interviews }));
    expect(plan.content.interviews.map((i) => i.startAt)).toEqual([Date.parse("2026-03-09T15:00:00+01:00")]);
    expect(plan.content.upcoming.map((i) => i.startAt)).toEqual([Date.parse("2026-03-10T00:00:00+01:00"), Date.parse("2026-03-10T23:30:00+01:00")]);
    expect(plan.content.upcomingUntil).toBe("2026-03-10");
  });

  it("leaves out an interview of today that was over before the digest went out, and keeps one still going", () => {
    const interviews = [
      { ...interview(1, "2026-03-09T06:00:00+01:00"), durationMin: 45 }, // over at 06:45, the digest goes at 07:00
      { ...interview(2, "2026-03-09T06:30:00+01:00"), durationMin: 60 }, // still going at 07:00
      interview(3, "2026-03-09T15:00:00+01:00"),
    ];
    const plan = planDigest(input({ applications, interviews }));
    expect(plan.content.interviews.map((i) => i.startAt)).toEqual([Date.parse("2026-03-09T06:30:00+01:00"), Date.parse("2026-03-09T15:00:00+01:00")]);
  });

  it("on a Friday with weekday digests, shows the interviews up to Monday's; with daily digests, only Saturday's", () => {
    const interviews = [interview(1, "2026-03-14T11:00:00+01:00"), interview(2, "2026-03-16T09:00:00+01:00"), interview(3, "2026-03-17T09:00:00+01:00"), { ...interview(4, "2026-03-15T10:00:00+01:00"), status: "cancelled" as const }];
    const weekdays = planDigest(input({ scheduledFor: FRIDAY, localDate: "2026-03-13", applications, interviews, settings: { ...DEFAULT_SETTINGS, digestDays: "weekdays" } }));
    expect(weekdays.content.upcoming.map((i) => i.startAt)).toEqual([Date.parse("2026-03-14T11:00:00+01:00"), Date.parse("2026-03-16T09:00:00+01:00")]);
    expect(weekdays.content.upcomingUntil).toBe("2026-03-16");
    expect(weekdays.quiet).toBe(false);
    const daily = planDigest(input({ scheduledFor: FRIDAY, localDate: "2026-03-13", applications, interviews, settings: DEFAULT_SETTINGS }));
    expect(daily.content.upcoming.map((i) => i.startAt)).toEqual([Date.parse("2026-03-14T11:00:00+01:00")]);
    expect(daily.content.upcomingUntil).toBe("2026-03-14");
  });

  it("keeps an interview's own zone when it differs from the user's, with the company and role", () => {
    const interviews = [{ ...interview(1, "2026-03-10T10:00:00-04:00"), timeZone: "America/New_York" }, { ...interview(2, "2026-03-10T16:00:00+01:00"), timeZone: "Europe/Berlin" }];
    const plan = planDigest(input({ applications, interviews }));
    expect(plan.content.upcoming).toMatchObject([
      { company: "Acme", role: "Backend Engineer", timeZone: "America/New_York", format: "video", meetingUrl: "https://meet.google.com/abc-defg-hij" },
      { company: "Acme", role: "Backend Engineer", timeZone: null },
    ]);
  });
});

describe("planDigest: interviews whose email gave no time zone", () => {
  const applications = [app(1, { status: "interviewing", company: "Atlasia Finance" }), app(2, { status: "interviewing", company: "Acme" })];
  const naive = (id: number, local: string) => ({ ...interview(id, "2026-03-10T00:00:00+01:00"), startAt: null, startLocal: local, timeZone: null });

  it("lists them on the day the email gave, among the others by their local time, today's and tomorrow's", () => {
    const interviews = [naive(1, "2026-03-10T10:30:00"), { ...interview(2, "2026-03-10T09:00:00+01:00"), applicationId: 2 }, naive(3, "2026-03-09T16:00:00"), naive(4, "2026-03-11T10:30:00")];
    const plan = planDigest(input({ applications, interviews }));
    expect(plan.content.interviews).toMatchObject([{ startAt: null, startLocal: "2026-03-09T16:00:00", company: "Atlasia Finance" }]);
    expect(plan.content.upcoming).toMatchObject([
      { startAt: Date.parse("2026-03-10T09:00:00+01:00"), company: "Acme" },
      { startAt: null, startLocal: "2026-03-10T10:30:00", company: "Atlasia Finance" },
    ]);
  });

  it("keeps an application with one still ahead out of waiting on them: its next step is the interview", () => {
    const plan = planDigest(input({ applications: [app(1, { status: "waiting" })], interviews: [naive(1, "2026-03-10T10:30:00")] }));
    expect(plan.content.waiting).toEqual([]);
  });
});

describe("planDigest: waiting on them", () => {
  const plans = new Map([[1, { applicationId: 1, followUps: [], closedBy: null, pausedByReply: false, goneQuiet: false, goneQuietAt: null, promisedBy: "2026-03-06", suggestion: null }]]);

  it("gives the date they said they would reply by, as a date, not a sentence", () => {
    const plan = planDigest(input({ applications: [app(1)], plans }));
    expect(plan.content.waiting).toEqual([{ company: "Company 1", role: "Engineer", nextCheck: null, promisedBy: "2026-03-06" }]);
  });

  it("counts a snoozed follow-up as the next check, on the digest its snooze ends in, as the snooze's answer named it", () => {
    const snoozed = { ...followUp({ id: 10, applicationId: 1, dueAt: SCHEDULED - 60_000, email: "hr@one.example" }), snoozedUntil: FRIDAY };
    const withSchedule = planDigest(input({ applications: [app(1)], followUps: [snoozed], settings: DEFAULT_SETTINGS }));
    expect(withSchedule.content.drafts).toEqual([]);
    expect(withSchedule.content.waiting).toMatchObject([{ company: "Company 1", nextCheck: "2026-03-13" }]);
    expect(planDigest(input({ applications: [app(1)], followUps: [snoozed] })).content.waiting).toMatchObject([{ nextCheck: "2026-03-13" }]);
    // A later follow-up due before the snooze ends comes first.
    const sooner = followUp({ id: 11, applicationId: 1, dueAt: Date.parse("2026-03-11T08:00:00+01:00"), email: "hr@one.example" });
    expect(planDigest(input({ applications: [app(1)], followUps: [snoozed, sooner], settings: DEFAULT_SETTINGS })).content.waiting).toMatchObject([{ nextCheck: "2026-03-11" }]);
  });
});

describe("planDigest: drafts to check", () => {
  const applications = [app(1, { status: "waiting", company: "Acme", contactName: "Jo Park", contactEmail: "jo@acme.example" })];
  const followUps = [followUp({ id: 10, applicationId: 1, email: "jo@acme.example", dueAt: SCHEDULED - 60_000 })];
  const created: DetailSource = { applicationId: 1, interviewId: null, type: "application_created", payload: { company: "Acme" }, setBy: "email", confidence: { company: { score: 0.9 }, contact: { score: 0.5 } } };

  it("marks a draft to its contact for checking when the contact was read unsure, with the reply that settles it", () => {
    const plan = planDigest(input({ applications, followUps, detailSources: [created] }));
    expect(plan.content.drafts[0]!.checks).toEqual([{ detail: "contact", shown: "Jo Park <jo@acme.example>", reply: "contact: Jo Park <jo@acme.example>" }]);
  });

  it("a correction by reply, recorded after the reading, makes the draft ready again", () => {
    const corrected: DetailSource = { applicationId: 1, interviewId: null, type: "details_updated", payload: { contactName: "Jo Park", contactEmail: "jo@acme.example" }, setBy: "owner", confidence: null };
    expect(planDigest(input({ applications, followUps, detailSources: [created, corrected] })).content.drafts[0]!.checks).toEqual([]);
  });

  it("does not doubt a contact the draft is not sent to, nor a reading stored before confidences were kept", () => {
    const toSomeoneElse = [followUp({ id: 10, applicationId: 1, email: "interviewer@acme.example", dueAt: SCHEDULED - 60_000 })];
    expect(planDigest(input({ applications, followUps: toSomeoneElse, detailSources: [created] })).content.drafts[0]!.checks).toEqual([]);
    expect(planDigest(input({ applications, followUps, detailSources: [{ ...created, confidence: null }] })).content.drafts[0]!.checks).toEqual([]);
  });

  it("doubts the time of the interview a status check follows when its zone was guessed, with a `time:` reply in its own zone", () => {
    const interviews = [{ ...interview(5, "2026-03-03T10:00:00-05:00"), timeZone: "America/New_York" }];
    const scheduled: DetailSource = { applicationId: 1, interviewId: 5, type: "interview_scheduled", payload: {}, setBy: "email", confidence: { start: { score: 0.9 }, tz: { score: 0.4 } } };
    const plan = planDigest(input({ applications, interviews, followUps, detailSources: [scheduled] }));
    expect(plan.content.drafts[0]!.checks).toEqual([{ detail: "time", shown: "Tue 3 Mar 2026, 10:00 New York time (16:00 your time)", reply: "time: 2026-03-03 10:00 America/New_York" }]);
    const moved: DetailSource = { applicationId: 1, interviewId: 5, type: "interview_moved", payload: { interviewId: 5 }, setBy: "owner", confidence: null };
    expect(planDigest(input({ applications, interviews, followUps, detailSources: [scheduled, moved] })).content.drafts[0]!.checks).toEqual([]);
  });

  it("marks an interview card whose time zone was guessed, with the reply that confirms it, until the owner confirms it", () => {
    const tomorrow = [{ ...interview(6, "2026-03-10T10:00:00-04:00"), timeZone: "America/New_York" }];
    const scheduled: DetailSource = { applicationId: 1, interviewId: 6, type: "interview_scheduled", payload: {}, setBy: "email", confidence: { start: { score: 0.9 }, tz: { score: 0.4 } } };
    const plan = planDigest(input({ applications, interviews: tomorrow, detailSources: [scheduled] }));
    expect(plan.content.upcoming).toMatchObject([{ timeToConfirm: "time: 2026-03-10 10:00 America/New_York" }]);
    const confirmed: DetailSource = { applicationId: 1, interviewId: 6, type: "interview_moved", payload: { interviewId: 6 }, setBy: "owner", confidence: null };
    expect(planDigest(input({ applications, interviews: tomorrow, detailSources: [scheduled, confirmed] })).content.upcoming[0]!.timeToConfirm).toBeUndefined();
  });

  it("numbers the correction with its draft when the digest's drafts are about several applications", () => {
    const two = [...applications, app(2)];
    const plan = planDigest(input({ applications: two, followUps: [followUp({ id: 11, applicationId: 2, email: "hr@two.example", dueAt: SCHEDULED - 120_000 }), ...followUps], detailSources: [created] }));
    expect(plan.content.drafts.map((d) => d.checks)).toEqual([[], [{ detail: "contact", shown: "Jo Park <jo@acme.example>", reply: "contact 2: Jo Park <jo@acme.example>" }]]);
    expect(plan.items.find((i) => i.number === 2)?.applicationId).toBe(1);
  });
});

// ── Builders ────────────────────────────────────────────────────────────────────────────

function input(overrides: Partial<DigestPlanInput>): DigestPlanInput {
  return { scheduledFor: SCHEDULED, localDate: "2026-03-09", timeZone: "Europe/Berlin", applications: [], interviews: [], followUps: [], plans: new Map(), undelivered: [], replyAddress: "assistant+t@example.com", ...overrides };
}

function interview(id: number, start: string): InterviewRecord & { applicationId: number } {
  return {
    id,
    applicationId: 1,
    startAt: Date.parse(start),
    startLocal: null,
    timeZone: "Europe/Berlin",
    durationMin: 45,
    interviewers: [],
    status: "scheduled",
    subject: null,
    format: "video",
    meetingUrl: "https://meet.google.com/abc-defg-hij",
  };
}

function followUp(fields: { id: number; applicationId: number; dueAt: number; email: string }): DigestPlanInput["followUps"][number] {
  return {
    id: fields.id,
    applicationId: fields.applicationId,
    key: `R4:${fields.applicationId}`,
    rule: "R4",
    state: "pending",
    dueAt: fields.dueAt,
    latestAt: null,
    recipients: [{ name: null, email: fields.email }],
    subject: "Status",
    body: "Hello",
    placeholders: [],
    snoozedUntil: null,
  };
}
