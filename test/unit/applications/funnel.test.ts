import { describe, expect, it } from "vitest";
import { computeFunnel, type FunnelEvent, type FunnelInput, type FunnelInterview } from "../../../src/core/applications/funnel.ts";
import { atLocalTime } from "../../../src/core/time/business-days.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Monday 2 March 2026 to Monday 9 March 2026, midnight UTC. */
const WEEK = { from: Date.parse("2026-03-02T00:00:00Z"), to: Date.parse("2026-03-09T00:00:00Z") };

describe("computeFunnel", () => {
  it("a rejection after an interview still counts the interview, and the rejection once", () => {
    const events = [
      event(1, "application_created", "2026-02-20T09:00:00Z"),
      event(1, "email_filed", "2026-02-25T09:00:00Z", { kind: "invitation" }),
      event(1, "status_changed", "2026-03-06T09:00:00Z", { from: "interviewing", to: "rejected", because: "rejection" }),
      event(1, "email_filed", "2026-03-06T09:00:00Z", { kind: "rejection" }),
    ];
    const interviews = [round(1, "2026-03-03T14:00:00Z")];
    const figures = computeFunnel(funnel(events, interviews), WEEK);
    expect(figures).toMatchObject({ applications: 0, interviews: 1, answers: 1, rejections: 1, offers: 0 });
    expect(computeFunnel(funnel(events, interviews), { to: WEEK.to })).toMatchObject({ applications: 1, interviews: 1, answers: 2, rejections: 1 });
  });

  it("counts neither a cancelled round nor one still to come, and leaves out undone events and other applications", () => {
    const events = [event(1, "application_created", "2026-03-03T09:00:00Z"), { ...event(1, "follow_up_sent", "2026-03-04T09:00:00Z"), undoneAt: Date.parse("2026-03-04T10:00:00Z") }, event(2, "application_created", "2026-03-03T09:00:00Z")];
    const interviews = [{ ...round(1, "2026-03-04T14:00:00Z"), status: "cancelled" as const }, round(1, "2026-03-10T14:00:00Z"), round(2, "2026-03-05T14:00:00Z")];
    expect(computeFunnel({ applicationIds: [1], events, interviews }, WEEK)).toMatchObject({ applications: 1, interviews: 0, followUpsSent: 0 });
  });

  it("gives the median days to an answer, each from the candidate's last move before it", () => {
    const events = [
      // 3 days from applying to the invitation.
      event(1, "application_created", "2026-02-27T09:00:00Z", { sentAt: Date.parse("2026-02-27T09:00:00Z") }),
      event(1, "email_filed", "2026-03-02T10:00:00Z", { kind: "invitation", sentAt: Date.parse("2026-03-02T09:00:00Z") }),
      // 1.5 days from the interview (Tuesday 14:00) to the next round.
      event(1, "email_filed", "2026-03-05T02:00:00Z", { kind: "next_round", sentAt: Date.parse("2026-03-05T02:00:00Z") }),
      // 8 days from the follow-up the owner sent to `heard back`.
      event(2, "application_created", "2026-02-20T09:00:00Z"),
      event(2, "follow_up_sent", "2026-02-27T09:00:00Z", { followUpKey: "R5:2", rule: "R5" }),
      event(2, "employer_replied", "2026-03-07T09:00:00Z", { via: "command" }),
      // A courtesy reply is no answer; an invitation that opened its application has no wait.
      event(2, "email_filed", "2026-03-04T09:00:00Z", { kind: "generic" }),
      event(3, "application_created", "2026-03-04T09:00:00Z", { sentAt: Date.parse("2026-03-04T08:00:00Z") }),
      event(3, "email_filed", "2026-03-04T09:00:00Z", { kind: "invitation", sentAt: Date.parse("2026-03-04T08:00:00Z") }),
    ];
    const figures = computeFunnel(funnel(events, [round(1, "2026-03-03T14:00:00Z")]), WEEK);
    expect(figures.answers).toBe(4);
    expect(figures.medianDaysToAnswer).toBe(3);
    expect(computeFunnel(funnel(events.slice(0, 2), []), WEEK).medianDaysToAnswer).toBe(3);
    expect(computeFunnel(funnel([event(1, "application_created", "2026-03-03T09:00:00Z")], []), WEEK)).toMatchObject({ answers: 0, medianDaysToAnswer: null });
  });

  it("gone quiet: the follow-ups ran out unanswered in the window, and the application was still quiet at its end", () => {
    const quiet = [
      event(1, "application_created", "2026-02-02T09:00:00Z"),
      event(1, "follow_up_sent", "2026-02-09T09:00:00Z", { followUpKey: "R5:1", rule: "R5" }),
      event(1, "follow_up_sent", "2026-02-16T09:00:00Z", { followUpKey: "R6:1", rule: "R6" }),
      event(1, "status_changed", "2026-03-03T06:00:00Z", { from: "applied", to: "gone_quiet", because: "time passed" }),
      // R9's last note after the silence changes nothing.
      event(1, "follow_up_sent", "2026-03-05T09:00:00Z", { followUpKey: "R9:1", rule: "R9" }),
      // A courtesy reply is no answer either.
      event(1, "email_filed", "2026-03-06T09:00:00Z", { kind: "generic" }),
    ];
    expect(computeFunnel(funnel(quiet, []), WEEK)).toMatchObject({ goneQuiet: 1, followUpsSent: 1 });
    expect(computeFunnel(funnel(quiet, []), { to: WEEK.to })).toMatchObject({ goneQuiet: 1, followUpsSent: 3 });
    // Went quiet the week before: not this week's, still the whole search's.
    expect(computeFunnel(funnel(quiet, []), { from: WEEK.to, to: WEEK.to + 7 * DAY_MS }).goneQuiet).toBe(0);

    const answered = [...quiet, event(1, "email_filed", "2026-03-07T09:00:00Z", { kind: "invitation" })];
    expect(computeFunnel(funnel(answered, []), WEEK).goneQuiet).toBe(0);
    // As the window's end saw it: the answer came after.
    expect(computeFunnel(funnel(answered, []), { from: WEEK.from, to: Date.parse("2026-03-07T00:00:00Z") }).goneQuiet).toBe(1);
    const reopened = [...quiet, event(1, "user_reopened", "2026-03-07T09:00:00Z")];
    expect(computeFunnel(funnel(reopened, []), WEEK).goneQuiet).toBe(0);
  });

  it("counts offers and rejections by application, whether an email or the owner said so", () => {
    const events = [
      event(1, "status_changed", "2026-03-03T09:00:00Z", { from: "waiting", to: "offer", because: "offer" }),
      event(2, "status_changed", "2026-03-04T09:00:00Z", { from: "waiting", to: "rejected", because: "command" }),
      event(2, "status_changed", "2026-03-05T09:00:00Z", { from: "rejected", to: "waiting", because: "command" }),
      event(2, "status_changed", "2026-03-06T09:00:00Z", { from: "waiting", to: "rejected", because: "command" }),
    ];
    expect(computeFunnel(funnel(events, []), WEEK)).toMatchObject({ offers: 1, rejections: 1, answers: 2 });
  });

  it("windows include their start and exclude their end, in the user's zone: a Sunday-night event in Los Angeles is Monday in UTC", () => {
    const zone = "America/Los_Angeles";
    const window = { from: atLocalTime("2026-03-02", 0, zone), to: atLocalTime("2026-03-09", 0, zone) };
    const events = [
      event(1, "application_created", "2026-03-02T08:00:00Z"), // Mon 2 March 00:00 PST: in
      event(2, "application_created", "2026-03-02T07:59:00Z"), // Sun 1 March 23:59 PST: out
      event(3, "application_created", "2026-03-09T06:30:00Z"), // Sun 8 March 23:30 PDT, Monday in UTC: in
      event(4, "application_created", "2026-03-09T07:00:00Z"), // Mon 9 March 00:00 PDT: next week's
    ];
    expect(computeFunnel(funnel(events, []), window).applications).toBe(2);
    expect(computeFunnel(funnel(events, []), { to: window.to }).applications).toBe(3);
  });
});

function funnel(events: FunnelEvent[], interviews: FunnelInterview[]): FunnelInput {
  return { applicationIds: [1, 2, 3, 4], events, interviews };
}

function event(applicationId: number, type: string, at: string, payload: Record<string, unknown> = {}): FunnelEvent {
  return { applicationId, type, payload, at: Date.parse(at), undoneAt: null };
}

function round(applicationId: number, start: string): FunnelInterview {
  return { applicationId, startAt: Date.parse(start), status: "scheduled" };
}
