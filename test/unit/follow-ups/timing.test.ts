import { describe, expect, it } from "vitest";
import { applicationFacts, at, BERLIN, berlin, interviewFacts, only, userContext } from "../../helpers/follow-up-history.ts";
import type { ApplicationRecord, EventRecord, InterviewRecord } from "../../../src/core/applications/records.ts";
import { planDigest } from "../../../src/core/digest/plan.ts";
import { renderDigest } from "../../../src/core/digest/render.ts";
import type { ApplicationHistory, HistoryEvent, InterviewFacts, UserContext } from "../../../src/core/follow-ups/history.ts";
import { planRefresh, recordsAfterRefresh, type UserRecords } from "../../../src/core/follow-ups/refresh.ts";
import { type FollowUpPlan, type PlannedFollowUp, planFollowUps } from "../../../src/core/follow-ups/rules.ts";
import type { PromisedTimeline } from "../../../src/core/understanding/types.ts";

const NEW_YORK = "America/New_York";
const LOS_ANGELES = "America/Los_Angeles";

describe("R1: never before the interview ends, judged on the interviewer's clock", () => {
  it("R1: the 07:00 digest shows a thank-you for a 10:30–11:30 interview that day as to send after 11:30", () => {
    const records = userRecords({
      interviews: [interviewRecord({ startAt: berlin(2026, 3, 10, 10, 30), timeZone: BERLIN })],
      events: [applied(berlin(2026, 3, 2, 9, 0))],
    });
    const digest = digestAt(berlin(2026, 3, 10, 7, 0), "2026-03-10", records, berlinUser());
    const [thankYou] = digest.content.drafts;
    expect(thankYou?.rule).toBe("R1");
    expect(thankYou?.sendAfter).toBe(berlin(2026, 3, 10, 11, 30));
    expect(renderDigest(digest.content).text).toContain("send after 11:30, best around 14:30");
  });

  it("R1: once the interview is over the same thank-you has no such line", () => {
    const records = userRecords({ interviews: [interviewRecord({ startAt: berlin(2026, 3, 9, 10, 30), timeZone: BERLIN })], events: [applied(berlin(2026, 3, 2, 9, 0))] });
    const digest = digestAt(berlin(2026, 3, 10, 7, 0), "2026-03-10", records, berlinUser());
    expect(digest.content.drafts[0]?.rule).toBe("R1");
    expect(digest.content.drafts[0]?.sendAfter).toBeUndefined();
  });

  it("R1: user in Berlin, interview Fri 10:00–11:00 in New York → Friday afternoon New York time", () => {
    const plan = planAt(berlin(2026, 3, 13, 12, 0), { interviews: [interview({ startAt: at(2026, 3, 13, 10, 0, NEW_YORK), timeZone: NEW_YORK })] });
    expect(only(plan, "R1").dueAt).toBe(at(2026, 3, 13, 14, 0, NEW_YORK));
  });

  it("R1: interview Fri 14:00–15:00 in New York → Monday morning New York time, for a user in Berlin too", () => {
    const history = { interviews: [interview({ startAt: at(2026, 3, 13, 14, 0, NEW_YORK), timeZone: NEW_YORK })] };
    expect(only(planAt(at(2026, 3, 13, 16, 0, NEW_YORK), history, user({ timeZone: NEW_YORK, country: "US" })), "R1").dueAt).toBe(at(2026, 3, 16, 8, 0, NEW_YORK));
    expect(only(planAt(berlin(2026, 3, 13, 22, 0), history), "R1").dueAt).toBe(at(2026, 3, 16, 8, 0, NEW_YORK));
  });

  it("R1: an afternoon interview in Berlin is thanked the next business morning, never before it ends", () => {
    const plan = planAt(berlin(2026, 3, 10, 16, 0), { interviews: [interview({ startAt: berlin(2026, 3, 10, 13, 0), durationMin: 45 })] });
    const thankYou = only(plan, "R1");
    expect(thankYou.dueAt).toBe(berlin(2026, 3, 11, 8, 0));
    expect(thankYou.dueAt).toBeGreaterThan(berlin(2026, 3, 10, 13, 45));
  });
});

describe("R2/R11: timelines read into the next check", () => {
  // Interview Tuesday 10 March 2026, 10:00–11:00 in Berlin; the employer writes on Wednesday.
  const tuesday = interview({ startAt: berlin(2026, 3, 10, 10, 0) });
  const wednesday = berlin(2026, 3, 11, 9, 0);

  it("R3: a promise hard-wrapped across two lines still sets the check, and the mail does not pause it", () => {
    const records = userRecords({
      interviews: [interviewRecord({ startAt: berlin(2026, 3, 10, 10, 0), timeZone: BERLIN })],
      events: [
        applied(berlin(2026, 3, 2, 9, 0)),
        sentRecord("R1:interview:12:to:jonas@corvid.example", "R1", berlin(2026, 3, 10, 15, 0)),
        ...employerMail(wednesday, "generic", { amount: 5, unit: "business_days", text: "We will get back to you within 5 business days.", by: "2026-03-18" }),
      ],
    });
    const plan = planRefresh(records, berlinUser(), berlin(2026, 3, 12, 9, 0)).plans.get(1);
    expect(plan?.pausedByReply).toBe(false);
    expect(plan?.promisedBy).toBe("2026-03-18");
    expect(plan && only(plan, "R3").dueAt).toBe(berlin(2026, 3, 19, 8, 0));
  });

  it("R3: 'I'll get right back to you tomorrow' still waits the minimum of three business days", () => {
    const plan = planAt(berlin(2026, 3, 11, 12, 0), {
      interviews: [tuesday],
      events: [thanked(), promise(wednesday, { amount: 1, unit: "days", text: "I'll get right back to you tomorrow.", by: "2026-03-12" })],
    });
    expect(only(plan, "R3").dueAt).toBe(berlin(2026, 3, 16, 8, 0));
  });

  it("R3: 'You can follow up with me in two weeks' sets the check on that day", () => {
    const plan = planAt(berlin(2026, 3, 11, 12, 0), {
      interviews: [tuesday],
      events: [thanked(), promise(wednesday, { amount: 2, unit: "weeks", text: "You can follow up with me in two weeks.", by: "2026-03-25", checkIn: true })],
    });
    const check = only(plan, "R3");
    expect(check.dueAt).toBe(berlin(2026, 3, 25, 8, 0));
    expect(check.reason).toBe("Check-in: they said you could follow up from Wednesday, 25 March");
    expect(plan.promisedBy).toBeNull();
  });

  it("R3: 'feel free to check in after March 20' in a courtesy reply sets the check to the first business day after it", () => {
    const records = userRecords({
      interviews: [interviewRecord({ startAt: berlin(2026, 3, 10, 10, 0), timeZone: BERLIN })],
      events: [
        applied(berlin(2026, 3, 2, 9, 0)),
        sentRecord("R1:interview:12:to:jonas@corvid.example", "R1", berlin(2026, 3, 10, 15, 0)),
        ...employerMail(wednesday, "generic", { amount: null, unit: null, text: "Feel free to check in after March 20.", by: "2026-03-21", checkIn: true }),
      ],
    });
    const plan = planRefresh(records, berlinUser(), berlin(2026, 3, 12, 9, 0)).plans.get(1);
    expect(plan && only(plan, "R3").dueAt).toBe(berlin(2026, 3, 23, 8, 0));
  });

  it("R3: a promised date never drifts: 'timeline: 2 weeks' confirmed as by 2026-12-17 stays so after the interview", () => {
    // The note came with the invitation on Thursday 3 December; the interview is Thursday 10 December.
    const history = {
      interviews: [interview({ startAt: berlin(2026, 12, 10, 10, 0) })],
      events: [
        promise(berlin(2026, 12, 3, 9, 0), { amount: 2, unit: "weeks", text: "2 weeks", by: "2026-12-17" }),
        sent("R1:interview:12:to:jonas@corvid.example", "R1", berlin(2026, 12, 10, 15, 0)),
      ],
    };
    for (const now of [berlin(2026, 12, 4, 9, 0), berlin(2026, 12, 11, 9, 0), berlin(2026, 12, 16, 9, 0)]) {
      expect(planAt(now, history).promisedBy).toBe("2026-12-17");
    }
    expect(only(planAt(berlin(2026, 12, 11, 9, 0), history), "R3").dueAt).toBe(berlin(2026, 12, 18, 8, 0));
  });

  it("R11: a courtesy reply ('thanks, received') moves the pending check; an answer pauses it", () => {
    const base = [applied(berlin(2026, 3, 2, 9, 0)), sentRecord("R1:interview:12:to:jonas@corvid.example", "R1", berlin(2026, 3, 10, 15, 0))];
    const interviews = [interviewRecord({ startAt: berlin(2026, 3, 10, 10, 0), timeZone: BERLIN })];
    const now = berlin(2026, 3, 13, 9, 0);
    const before = planRefresh(userRecords({ interviews, events: base }), berlinUser(), now).plans.get(1);
    expect(before && only(before, "R4").dueAt).toBe(berlin(2026, 3, 17, 8, 0));

    const courtesy = planRefresh(userRecords({ interviews, events: [...base, ...employerMail(berlin(2026, 3, 12, 16, 0), "generic")] }), berlinUser(), now).plans.get(1);
    const moved = courtesy && only(courtesy, "R4");
    expect(moved?.key).toBe(before && only(before, "R4").key);
    expect(moved?.dueAt).toBe(berlin(2026, 3, 19, 8, 0));
    expect(courtesy?.pausedByReply).toBe(false);

    const answer = planRefresh(userRecords({ interviews, events: [...base, ...employerMail(berlin(2026, 3, 12, 16, 0), "next_round")] }), berlinUser(), now).plans.get(1);
    expect(answer?.pausedByReply).toBe(true);
    expect(answer?.followUps.filter((f) => f.rule === "R4")).toEqual([]);
  });
});

describe("business days: the user's country, derived when unset, and the employer's", () => {
  it("R4: a user in Los Angeles with no country set gets no status check on 25 December", () => {
    // Friday 18 December 2026; five business days on is Friday 25 December, Christmas Day.
    const history = { interviews: [interview({ startAt: at(2026, 12, 18, 10, 0, LOS_ANGELES), timeZone: null })], events: [thanked(at(2026, 12, 18, 15, 0, LOS_ANGELES))] };
    const check = only(planAt(at(2026, 12, 21, 9, 0, LOS_ANGELES), history, user({ timeZone: LOS_ANGELES, country: null })), "R4");
    expect(check.dueAt).toBe(at(2026, 12, 28, 8, 0, LOS_ANGELES));
  });

  it("R4: no check falls on a public holiday of the employer's country: Thanksgiving for a New York interview, a user in Berlin", () => {
    // Thursday 19 November 2026; five business days on is Thursday 26 November, Thanksgiving in the US, a workday in Germany.
    const history = { interviews: [interview({ startAt: at(2026, 11, 19, 10, 0, NEW_YORK), timeZone: NEW_YORK })], events: [thanked(at(2026, 11, 19, 15, 0, NEW_YORK))] };
    expect(only(planAt(berlin(2026, 11, 20, 9, 0), history), "R4").dueAt).toBe(berlin(2026, 11, 27, 8, 0));
    const inBerlin = { ...history, interviews: [interview({ startAt: berlin(2026, 11, 19, 10, 0), timeZone: BERLIN })] };
    expect(only(planAt(berlin(2026, 11, 20, 9, 0), inBerlin), "R4").dueAt).toBe(berlin(2026, 11, 26, 8, 0));
  });
});

describe("two follow-ups to one person never on one morning", () => {
  // Interview Tuesday 10 March 2026 in Berlin with the contact, "we'll get back to you tomorrow": the check is due Friday 13 March.
  const history = (events: HistoryEvent[]) => ({
    interviews: [interview({ startAt: berlin(2026, 3, 10, 10, 0), interviewers: [] })],
    events: [promise(berlin(2026, 3, 10, 11, 0), { amount: 1, unit: "days", text: "We'll get back to you tomorrow.", by: "2026-03-11" }), ...events],
  });

  it("R3: a thank-you sent late on the morning the check is due moves the check to the next business day", () => {
    const thankedMara = (when: number) => sent("R1:interview:12:to:mara@corvid.example", "R1", when);
    expect(only(planAt(berlin(2026, 3, 12, 9, 0), history([thankedMara(berlin(2026, 3, 11, 9, 0))])), "R3").dueAt).toBe(berlin(2026, 3, 13, 8, 0));
    const plan = planAt(berlin(2026, 3, 13, 9, 0), history([thankedMara(berlin(2026, 3, 13, 7, 30))]));
    expect(only(plan, "R3").dueAt).toBe(berlin(2026, 3, 16, 8, 0));
  });

  it("R1/R3: a late thank-you still unsent holds back the status check to the same person in the digest", () => {
    const records = userRecords({
      interviews: [interviewRecord({ startAt: berlin(2026, 3, 10, 10, 0), timeZone: BERLIN })],
      events: [applied(berlin(2026, 3, 2, 9, 0)), { type: "timeline_promised", at: berlin(2026, 3, 10, 11, 0), undoneAt: null, payload: { timeline: { amount: 1, unit: "days", text: "tomorrow", by: "2026-03-11" } } }],
      contactEmail: "jonas@corvid.example",
    });
    const now = berlin(2026, 3, 13, 7, 0);
    const plan = planRefresh(records, berlinUser(), now).plans.get(1);
    // Both fall on Friday 13 March in the rules: the thank-you late since Wednesday, the check at 08:00.
    expect(plan?.followUps.map((f) => [f.rule, f.late, f.to[0]?.email])).toEqual([
      ["R1", true, "jonas@corvid.example"],
      ["R3", false, "jonas@corvid.example"],
    ]);
    expect(plan && only(plan, "R3").dueAt).toBe(berlin(2026, 3, 13, 8, 0));
    const digest = digestAt(now, "2026-03-13", records, berlinUser());
    expect(digest.content.drafts.map((d) => d.rule)).toEqual(["R1"]);
    expect(digest.content.drafts[0]?.late).toBe(true);
  });
});

function application(): ApplicationHistory["application"] {
  return applicationFacts({ id: 1 });
}

function interview(overrides: Partial<InterviewFacts> = {}): InterviewFacts {
  return interviewFacts(overrides);
}

function user(overrides: { timeZone?: string; country?: string | null } = {}): UserContext {
  return userContext(overrides);
}

function planAt(now: number, overrides: Partial<ApplicationHistory> = {}, context: UserContext = user()): FollowUpPlan {
  return planFollowUps({ application: application(), interviews: [], events: [], ...overrides }, context, now);
}


function digestAt(now: number, localDate: string, records: UserRecords, who: { timeZone: string; country: string | null; settings: unknown }) {
  const refresh = planRefresh(records, who, now);
  const after = recordsAfterRefresh(records, refresh);
  return planDigest({
    scheduledFor: now,
    localDate,
    timeZone: who.timeZone,
    applications: after.applications,
    interviews: after.interviews,
    followUps: after.followUps,
    plans: refresh.plans,
    undelivered: [],
    replyAddress: "assistant+t@example.com",
  });
}






function berlinUser() {
  return { timeZone: BERLIN, country: "DE", settings: {} };
}

function sent(followUpKey: string, rule: string, when: number): HistoryEvent {
  return { type: "follow_up_sent", at: when, followUpKey, rule };
}

function thanked(when = berlin(2026, 3, 10, 15, 0)): HistoryEvent {
  return sent("R1:interview:12:to:jonas@corvid.example", "R1", when);
}

function promise(when: number, timeline: PromisedTimeline): HistoryEvent {
  return { type: "timeline_promised", at: when, timeline };
}

function userRecords(options: { interviews: InterviewRecord[]; events: EventRecord[]; contactEmail?: string }): UserRecords {
  const app: ApplicationRecord = {
    id: 1,
    company: "Corvid Labs",
    role: "Data Analyst",
    status: "interviewing",
    contactName: "Jonas Berg",
    contactEmail: options.contactEmail ?? "mara@corvid.example",
    language: "en",
    noCalls: false,
    notes: [],
    promisedTimeline: null,
  };
  return {
    applications: [app],
    interviews: options.interviews.map((i) => ({ ...i, applicationId: 1 })),
    events: options.events.map((e) => ({ ...e, applicationId: 1 })),
    followUps: [],
  };
}

function interviewRecord(overrides: Partial<InterviewRecord>): InterviewRecord {
  return {
    id: 12,
    startAt: null,
    startLocal: null,
    timeZone: null,
    durationMin: 60,
    interviewers: [{ name: "Jonas Berg", email: "jonas@corvid.example" }],
    status: "scheduled",
    subject: "Interview invitation – Data Analyst",
    format: "video",
    meetingUrl: null,
    ...overrides,
  };
}

function applied(when: number): EventRecord {
  return { type: "application_created", payload: {}, at: when, undoneAt: null };
}

function sentRecord(followUpKey: string, rule: string, when: number): EventRecord {
  return { type: "follow_up_sent", payload: { followUpKey, rule }, at: when, undoneAt: null };
}

/** An employer email as filing records it: the email, and its promise when it makes one. */
function employerMail(when: number, kind: string, timeline?: PromisedTimeline): EventRecord[] {
  const filed: EventRecord = { type: "email_filed", payload: { kind, subject: "Re: Data Analyst", sentAt: when }, at: when, undoneAt: null };
  return timeline ? [{ type: "timeline_promised", payload: { timeline, sentAt: when }, at: when, undoneAt: null }, filed] : [filed];
}
