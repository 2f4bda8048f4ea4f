import { describe, expect, it } from "vitest";
import { applicationFacts, at, BERLIN, berlin, interviewFacts, only, userContext } from "../../helpers/follow-up-history.ts";
import type { ApplicationHistory, HistoryEvent, InterviewFacts, UserContext } from "../../../src/core/follow-ups/history.ts";
import { type FollowUpPlan, type PlannedFollowUp, planFollowUps } from "../../../src/core/follow-ups/rules.ts";
import { DEFAULT_SETTINGS, parseSettings, SettingsPatch } from "../../../src/core/follow-ups/settings.ts";
import { checkTone } from "../../../src/core/follow-ups/tone-check.ts";
import { PLACEHOLDERS } from "../../../src/core/follow-ups/drafts.ts";
import type { Language } from "../../../src/core/understanding/types.ts";

const NEW_YORK = "America/New_York";
/** Berlin's clock, in a country whose holidays are not known: weekends only. */
const OSLO = "Europe/Oslo";
const DAY_MS = 24 * 60 * 60 * 1000;

describe("R1: thank-you after every interview round", () => {
  it("R1: a Friday 15:30 interview gets its thank-you on Monday morning", () => {
    const plan = planAt(berlin(2026, 3, 13, 17, 0), { interviews: [interview({ startAt: berlin(2026, 3, 13, 15, 30), durationMin: 45 })] });
    const thankYou = only(plan, "R1");
    expect(thankYou.dueAt).toBe(berlin(2026, 3, 16, 8, 0));
    expect(thankYou.latestAt).toBe(berlin(2026, 3, 16, 18, 0));
    expect(thankYou.state).toBe("upcoming");
    expect(thankYou.late).toBe(false);
  });

  it("R1: a morning interview gets its thank-you the same afternoon, a few hours after it ends", () => {
    const plan = planAt(berlin(2026, 3, 10, 12, 0), { interviews: [interview({ startAt: berlin(2026, 3, 10, 10, 0), durationMin: 60 })] });
    const thankYou = only(plan, "R1");
    expect(thankYou.dueAt).toBe(berlin(2026, 3, 10, 14, 0));
    expect(thankYou.state).toBe("upcoming");
    expect(planAt(berlin(2026, 3, 10, 14, 0), { interviews: [interview({ startAt: berlin(2026, 3, 10, 10, 0) })] }).followUps[0]?.state).toBe("due");
  });

  it("R1: writes to each interviewer separately when their addresses are known (C9)", () => {
    const plan = planAt(berlin(2026, 3, 10, 15, 0), {
      interviews: [
        interview({
          interviewers: [
            { name: "Jonas Berg", email: "jonas@corvid.example" },
            { name: "Ida Ek", email: "IDA@corvid.example" },
            { name: "Ida Ek", email: "ida@corvid.example" },
            { name: "Per Lund", email: null },
          ],
        }),
      ],
    });
    const thankYous = plan.followUps.filter((f) => f.rule === "R1");
    // Per Lund has no address: the contact is asked to pass the thanks on.
    expect(thankYous.map((f) => f.key)).toEqual(["R1:interview:12:to:ida@corvid.example", "R1:interview:12:to:jonas@corvid.example", "R1:interview:12:to:mara@corvid.example"]);
    expect(thankYous.map((f) => f.to)).toEqual([
      [{ name: "Ida Ek", email: "IDA@corvid.example" }],
      [{ name: "Jonas Berg", email: "jonas@corvid.example" }],
      [{ name: "Mara Olsen", email: "mara@corvid.example" }],
    ]);
    expect(thankYous[2]?.body).toContain("Per Lund");
    expect(thankYous[0]?.body.startsWith("Dear Ida Ek,")).toBe(true);
    expect(thankYous[0]?.body).not.toBe(thankYous[1]?.body.replace("Jonas Berg", "Ida Ek"));
  });

  it("R1: falls back to the contact when no interviewer address is known, and to no address at all", () => {
    const toContact = planAt(berlin(2026, 3, 10, 15, 0), { interviews: [interview({ interviewers: [{ name: "Per Lund", email: null }] })] });
    expect(only(toContact, "R1").to).toEqual([{ name: "Mara Olsen", email: "mara@corvid.example" }]);
    expect(only(toContact, "R1").key).toBe("R1:interview:12:to:mara@corvid.example");

    const nobody = planAt(berlin(2026, 3, 10, 15, 0), {
      application: application({ contact: null }),
      interviews: [interview({ interviewers: [{ name: "Per Lund", email: null }] })],
    });
    expect(only(nobody, "R1").to).toEqual([]);
    expect(only(nobody, "R1").key).toBe("R1:interview:12:to:unknown");
    expect(only(nobody, "R1").body.startsWith("Dear Per Lund,")).toBe(true);
  });

  it("R1: is shown as late, not dropped, once 48 hours and the next business day have passed", () => {
    const history = { interviews: [interview({ startAt: berlin(2026, 3, 10, 10, 0) })] };
    expect(only(planAt(berlin(2026, 3, 12, 10, 59), history), "R1").late).toBe(false);
    const late = only(planAt(berlin(2026, 3, 12, 11, 1), history), "R1");
    expect(late.late).toBe(true);
    expect(late.latestAt).toBe(berlin(2026, 3, 12, 11, 0));
    expect(late.state).toBe("due");
  });

  it("R1: disappears once sent or skipped, and every round gets its own", () => {
    const interviews = [interview({ id: 12, startAt: berlin(2026, 3, 3, 10, 0) }), interview({ id: 13, startAt: berlin(2026, 3, 17, 10, 0) })];
    const plan = planAt(berlin(2026, 3, 17, 12, 0), {
      interviews,
      events: [sent("R1:interview:12:to:jonas@corvid.example", "R1", berlin(2026, 3, 3, 15, 0))],
    });
    expect(plan.followUps.filter((f) => f.rule === "R1").map((f) => f.key)).toEqual(["R1:interview:13:to:jonas@corvid.example"]);
  });

  it("R1: a rescheduled interview moves its thank-you under the same key", () => {
    const before = only(planAt(berlin(2026, 3, 9, 9, 0), { interviews: [interview({ startAt: berlin(2026, 3, 10, 10, 0) })] }), "R1");
    const after = only(planAt(berlin(2026, 3, 9, 9, 0), { interviews: [interview({ startAt: berlin(2026, 3, 12, 9, 0) })] }), "R1");
    expect(after.key).toBe(before.key);
    expect(before.dueAt).toBe(berlin(2026, 3, 10, 14, 0));
    expect(after.dueAt).toBe(berlin(2026, 3, 12, 13, 0));
    // Due the afternoon of the new day: the interview is "today" to the interviewer reading it then.
    expect(after.body).toContain("speak with me today");
  });

  it("R1: a cancelled interview gets no thank-you", () => {
    expect(planAt(berlin(2026, 3, 10, 15, 0), { interviews: [interview({ status: "cancelled" })] }).followUps).toEqual([]);
  });

  it("R1: DST weekend: a Friday-afternoon interview before the EU change is thanked at 08:00 summer time", () => {
    const thankYou = only(planAt(berlin(2026, 3, 27, 17, 0), { interviews: [interview({ startAt: berlin(2026, 3, 27, 15, 30) })] }), "R1");
    expect(new Date(thankYou.dueAt).toISOString()).toBe("2026-03-30T06:00:00.000Z");
  });

  it("R1: DST weekend: the same in New York, where the clocks change three weeks earlier", () => {
    const thankYou = only(
      planAt(
        at(2026, 3, 6, 17, 0, NEW_YORK),
        { interviews: [interview({ startAt: at(2026, 3, 6, 15, 30, NEW_YORK), timeZone: NEW_YORK })] },
        user({ timeZone: NEW_YORK, country: "US" }),
      ),
      "R1",
    );
    expect(new Date(thankYou.dueAt).toISOString()).toBe("2026-03-09T12:00:00.000Z");
  });

  it("R1: a user in Berlin with an interview given in New York: due on the interviewer's morning, the draft names New York's day", () => {
    // Monday 2 March 18:00 in New York is Tuesday 00:00 in Berlin; New York's Tuesday 08:00 is 14:00 in Berlin.
    const plan = planAt(berlin(2026, 3, 3, 7, 0), {
      interviews: [interview({ startAt: at(2026, 3, 2, 18, 0, NEW_YORK), timeZone: NEW_YORK })],
    });
    const thankYou = only(plan, "R1");
    expect(thankYou.dueAt).toBe(at(2026, 3, 3, 8, 0, NEW_YORK));
    // In Berlin it was already Tuesday, the day the thank-you goes; in New York it was yesterday.
    expect(thankYou.body).toContain("yesterday");
    expect(thankYou.body).not.toContain("today");
  });

  it("R1: reads an interview given as a naive local time in its own zone", () => {
    const plan = planAt(berlin(2026, 3, 3, 7, 0), {
      interviews: [interview({ startAt: null, startLocal: "2026-03-02T18:00:00", timeZone: NEW_YORK })],
    });
    expect(only(plan, "R1").dueAt).toBe(at(2026, 3, 3, 8, 0, NEW_YORK));
  });
});

describe("R2–R4: status checks", () => {
  const tuesdayInterview = interview({ startAt: berlin(2026, 3, 10, 10, 0) });
  const thanked = sent("R1:interview:12:to:jonas@corvid.example", "R1", berlin(2026, 3, 10, 15, 0));

  it("R4: Tuesday interview with no timeline → status check the following Tuesday morning", () => {
    const plan = planAt(berlin(2026, 3, 11, 9, 0), { interviews: [tuesdayInterview], events: [thanked] });
    const check = only(plan, "R4");
    expect(check.key).toBe("R4:application:7:interview:12:1");
    expect(check.dueAt).toBe(berlin(2026, 3, 17, 8, 0));
    expect(check.to).toEqual([{ name: "Mara Olsen", email: "mara@corvid.example" }]);
    expect(check.state).toBe("upcoming");
    expect(planAt(berlin(2026, 3, 17, 8, 0), { interviews: [tuesdayInterview], events: [thanked] }).followUps[0]?.state).toBe("due");
  });

  it("R3: Tuesday interview, '5 business days' → answer due Monday, check-in the following Tuesday", () => {
    const plan = planAt(berlin(2026, 3, 11, 9, 0), {
      interviews: [tuesdayInterview],
      events: [thanked, promised(berlin(2026, 3, 10, 11, 0), 5, "business_days")],
    });
    expect(plan.promisedBy).toBe("2026-03-16");
    const check = only(plan, "R3");
    expect(check.dueAt).toBe(berlin(2026, 3, 17, 8, 0));
    expect(check.key).toBe("R3:application:7:interview:12:1");
  });

  it("R3: a public holiday pushes the check-in by one day", () => {
    // Tuesday 28 April 2026; Friday 1 May is a public holiday in Germany.
    const history = {
      interviews: [interview({ startAt: berlin(2026, 4, 28, 10, 0) })],
      events: [promised(berlin(2026, 4, 28, 11, 0), 5, "business_days")],
    };
    const weekendsOnly = only(planAt(berlin(2026, 4, 29, 9, 0), noCountryKnown(history), user({ country: null, timeZone: OSLO })), "R3");
    const germany = only(planAt(berlin(2026, 4, 29, 9, 0), history, user({ country: "DE" })), "R3");
    expect(weekendsOnly.dueAt).toBe(berlin(2026, 5, 5, 8, 0));
    expect(germany.dueAt).toBe(berlin(2026, 5, 6, 8, 0));
  });

  it("R4: a public holiday pushes the check-in by one day", () => {
    const history = { interviews: [interview({ startAt: berlin(2026, 4, 28, 10, 0) })] };
    expect(only(planAt(berlin(2026, 4, 29, 9, 0), noCountryKnown(history), user({ country: null, timeZone: OSLO })), "R4").dueAt).toBe(berlin(2026, 5, 5, 8, 0));
    expect(only(planAt(berlin(2026, 4, 29, 9, 0), history, user({ country: "DE" })), "R4").dueAt).toBe(berlin(2026, 5, 6, 8, 0));
  });

  it("R3: 'tomorrow' still waits at least 2 business days (3 by default)", () => {
    const history = {
      interviews: [tuesdayInterview],
      events: [thanked, { type: "timeline_promised", at: berlin(2026, 3, 10, 11, 0), timeline: { amount: 1, unit: "days", text: "tomorrow", by: null } } as const],
    };
    const byDefault = only(planAt(berlin(2026, 3, 11, 9, 0), history), "R3");
    expect(byDefault.dueAt).toBe(berlin(2026, 3, 13, 8, 0));
    const shorter = only(planAt(berlin(2026, 3, 11, 9, 0), history, user({ settings: { minimumWaitBusinessDays: 2 } })), "R3");
    expect(shorter.dueAt).toBe(berlin(2026, 3, 12, 8, 0));
  });

  it("R3: uses an absolute promised date as stated, and a vague promise falls back to R4", () => {
    const withDate = planAt(berlin(2026, 3, 11, 9, 0), {
      interviews: [tuesdayInterview],
      events: [{ type: "timeline_promised", at: berlin(2026, 3, 10, 11, 0), timeline: { amount: null, unit: null, text: "by 24 March", by: "2026-03-24" } }],
    });
    expect(only(withDate, "R3").dueAt).toBe(berlin(2026, 3, 25, 8, 0));

    const vague = planAt(berlin(2026, 3, 11, 9, 0), {
      interviews: [tuesdayInterview],
      events: [{ type: "timeline_promised", at: berlin(2026, 3, 10, 9, 0), timeline: { amount: null, unit: null, text: "shortly", by: null } }],
    });
    expect(vague.promisedBy).toBeNull();
    expect(only(vague, "R4").dueAt).toBe(berlin(2026, 3, 17, 8, 0));
  });

  it("R3: a promise whose date passed before the interview was about an earlier step: R4 applies", () => {
    const plan = planAt(berlin(2026, 3, 11, 9, 0), {
      interviews: [tuesdayInterview],
      events: [{ type: "timeline_promised", at: berlin(2026, 3, 2, 9, 0), timeline: { amount: 5, unit: "business_days", text: "5 days", by: "2026-03-09" } }],
    });
    expect(plan.promisedBy).toBeNull();
    expect(only(plan, "R4").dueAt).toBe(berlin(2026, 3, 17, 8, 0));
  });

  it("R3: a timeline promised before an earlier round does not apply to the latest one", () => {
    const plan = planAt(berlin(2026, 3, 18, 9, 0), {
      interviews: [interview({ id: 12, startAt: berlin(2026, 3, 3, 10, 0) }), interview({ id: 13, startAt: berlin(2026, 3, 17, 10, 0) })],
      events: [promised(berlin(2026, 3, 2, 9, 0), 5, "business_days")],
    });
    expect(plan.promisedBy).toBeNull();
    expect(only(plan, "R4").key).toBe("R4:application:7:interview:13:1");
  });

  it("R4: no status check while another interview round is coming", () => {
    const plan = planAt(berlin(2026, 3, 20, 9, 0), {
      interviews: [interview({ id: 12, startAt: berlin(2026, 3, 10, 10, 0) }), interview({ id: 13, startAt: berlin(2026, 3, 24, 10, 0) })],
      events: [sent("R1:interview:12:to:jonas@corvid.example", "R1", berlin(2026, 3, 10, 15, 0))],
    });
    expect(plan.followUps.map((f) => f.rule)).toEqual(["R1"]);
    expect(plan.followUps[0]?.state).toBe("upcoming");
  });
});

describe("R5–R7: the nudge chain and its stop rule", () => {
  const tuesdayInterview = interview({ startAt: berlin(2026, 3, 10, 10, 0) });
  const thanked = sent("R1:interview:12:to:jonas@corvid.example", "R1", berlin(2026, 3, 10, 15, 0));

  it("R5: an application without an interview is checked after one week, then after two", () => {
    const applied: HistoryEvent = { type: "applied", at: berlin(2026, 3, 2, 10, 0) };
    const first = only(planAt(berlin(2026, 3, 3, 9, 0), { interviews: [], events: [applied] }), "R5");
    expect(first.key).toBe("R5:application:7:applied:1");
    expect(first.dueAt).toBe(berlin(2026, 3, 9, 8, 0));
    // The first forwarded email may not be the application itself, so no date is claimed for it.
    expect(first.body).not.toContain("2 March");

    const second = only(planAt(berlin(2026, 3, 10, 9, 0), { interviews: [], events: [applied, sent(first.key, "R5", berlin(2026, 3, 9, 9, 0))] }), "R5");
    expect(second.key).toBe("R5:application:7:applied:2");
    expect(second.dueAt).toBe(berlin(2026, 3, 16, 8, 0));
  });

  it("R6: the second follow-up comes five business days after the first was sent, and is shorter", () => {
    const firstSent = sent("R4:application:7:interview:12:1", "R4", berlin(2026, 3, 17, 9, 30));
    const before = only(planAt(berlin(2026, 3, 16, 9, 0), { interviews: [tuesdayInterview], events: [thanked] }), "R4");
    const plan = planAt(berlin(2026, 3, 18, 9, 0), { interviews: [tuesdayInterview], events: [thanked, firstSent] });
    const second = only(plan, "R6");
    expect(second.key).toBe("R6:application:7:interview:12:2");
    expect(second.dueAt).toBe(berlin(2026, 3, 24, 8, 0));
    expect(second.body.length).toBeLessThan(before.body.length);
  });

  it("R7: after two nudges the application goes quiet, the digest suggests moving on, and only R9 remains", () => {
    const events = [
      thanked,
      sent("R4:application:7:interview:12:1", "R4", berlin(2026, 3, 17, 9, 30)),
      sent("R6:application:7:interview:12:2", "R6", berlin(2026, 3, 24, 9, 30)),
    ];
    const waiting = planAt(berlin(2026, 3, 30, 9, 0), { interviews: [tuesdayInterview], events });
    expect(waiting.goneQuiet).toBe(false);
    expect(waiting.goneQuietAt).toBe(berlin(2026, 3, 31, 8, 0));
    expect(waiting.followUps.map((f) => f.rule)).toEqual(["R9"]);

    const quiet = planAt(berlin(2026, 3, 31, 8, 0), { interviews: [tuesdayInterview], events });
    expect(quiet.goneQuiet).toBe(true);
    expect(quiet.suggestion).toBe("No answer after 2 follow-ups: consider moving on. You can re-open it at any time.");
    const lastNote = only(quiet, "R9");
    expect(lastNote.key).toBe("R9:application:7");
    // Six weeks after the interview (Tuesday 21 April), a business morning.
    expect(lastNote.dueAt).toBe(berlin(2026, 4, 21, 8, 0));
    expect(lastNote.state).toBe("upcoming");
  });

  it("R7: the fourth message after the thank-you is never produced", () => {
    const events = [
      thanked,
      sent("R4:application:7:interview:12:1", "R4", berlin(2026, 3, 17, 9, 30)),
      sent("R6:application:7:interview:12:2", "R6", berlin(2026, 3, 24, 9, 30)),
      sent("R9:application:7", "R9", berlin(2026, 4, 21, 9, 0)),
    ];
    for (let now = berlin(2026, 4, 21, 10, 0); now < berlin(2026, 12, 31, 0, 0); now += 3 * DAY_MS) {
      expect(planAt(now, { interviews: [tuesdayInterview], events }).followUps).toEqual([]);
    }
  });

  it("R7: a skipped nudge counts as a step, and the limit is a setting", () => {
    const events = [thanked, skipped("R4:application:7:interview:12:1", "R4", berlin(2026, 3, 17, 9, 30))];
    expect(only(planAt(berlin(2026, 3, 18, 9, 0), { interviews: [tuesdayInterview], events }), "R6").key).toBe("R6:application:7:interview:12:2");
    const strict = planAt(berlin(2026, 3, 25, 9, 0), { interviews: [tuesdayInterview], events }, user({ settings: { maxFollowUps: 2 } }));
    expect(strict.followUps.map((f) => f.rule)).toEqual(["R9"]);
    expect(strict.goneQuiet).toBe(true);
  });

  it("R7: a re-opened application gets a fresh follow-up the next business morning", () => {
    const events = [
      thanked,
      sent("R4:application:7:interview:12:1", "R4", berlin(2026, 3, 17, 9, 30)),
      sent("R6:application:7:interview:12:2", "R6", berlin(2026, 3, 24, 9, 30)),
      { type: "user_reopened", at: berlin(2026, 4, 3, 20, 0) } as const,
    ];
    const plan = planAt(berlin(2026, 4, 4, 9, 0), { interviews: [tuesdayInterview], events });
    expect(plan.goneQuiet).toBe(false);
    const nudge = only(plan, "R6");
    expect(nudge.key).toBe(`R6:application:7:reopened:${berlin(2026, 4, 3, 20, 0)}:1`);
    // Good Friday 3 April and Easter Monday 6 April are holidays in Germany.
    expect(nudge.dueAt).toBe(berlin(2026, 4, 7, 8, 0));
  });

  it("keeps keys and due times stable as time passes", () => {
    const history = { interviews: [tuesdayInterview], events: [thanked] };
    const early = planAt(berlin(2026, 3, 11, 9, 0), history).followUps.map(({ key, dueAt }) => ({ key, dueAt }));
    const late = planAt(berlin(2026, 3, 20, 9, 0), history).followUps.map(({ key, dueAt }) => ({ key, dueAt }));
    expect(late).toEqual(early);
  });
});

describe("R8–R11: closing events, user-triggered notes and replies", () => {
  const tuesdayInterview = interview({ startAt: berlin(2026, 3, 10, 10, 0) });
  const thanked = sent("R1:interview:12:to:jonas@corvid.example", "R1", berlin(2026, 3, 10, 15, 0));

  it("R8: a rejection cancels pending nudges and yields one gracious reply, due next morning, with a feedback request", () => {
    const rejection: HistoryEvent = {
      type: "status_changed",
      at: berlin(2026, 3, 18, 16, 0),
      status: "rejected",
      from: { name: "Ola Nyberg", email: "ola@corvid.example" },
      subject: "Your application",
    };
    const plan = planAt(berlin(2026, 3, 18, 17, 0), { interviews: [tuesdayInterview], events: [rejection] });
    expect(plan.closedBy).toBe("rejected");
    expect(plan.followUps).toHaveLength(1);
    const reply = only(plan, "R8");
    expect(reply.dueAt).toBe(berlin(2026, 3, 19, 8, 0));
    expect(reply.to).toEqual([{ name: "Ola Nyberg", email: "ola@corvid.example" }]);
    expect(reply.subject).toBe("Re: Your application");
    expect(reply.body).toMatch(/feedback/);
    expect(reply.body).toContain("Tuesday, 10 March");

    const withoutFeedback = planAt(berlin(2026, 3, 18, 17, 0), { interviews: [tuesdayInterview], events: [rejection] }, user({ settings: { requestFeedback: false } }));
    expect(only(withoutFeedback, "R8").body).not.toMatch(/feedback/);
    expect(planAt(berlin(2026, 3, 19, 9, 0), { interviews: [tuesdayInterview], events: [rejection, sent(reply.key, "R8", berlin(2026, 3, 19, 9, 0))] }).followUps).toEqual([]);
  });

  it("R8: an offer or a withdrawal ends all nudges; re-opening resumes them", () => {
    for (const status of ["offer", "withdrawn"] as const) {
      const closed: HistoryEvent = { type: "status_changed", at: berlin(2026, 3, 11, 9, 0), status };
      expect(planAt(berlin(2026, 3, 20, 9, 0), { interviews: [tuesdayInterview], events: [thanked, closed] }).followUps).toEqual([]);
      const reopened = planAt(berlin(2026, 3, 20, 9, 0), {
        interviews: [tuesdayInterview],
        events: [thanked, closed, { type: "user_reopened", at: berlin(2026, 3, 19, 9, 0) }],
      });
      expect(reopened.closedBy).toBeNull();
      expect(only(reopened, "R4").dueAt).toBe(berlin(2026, 3, 20, 8, 0));
    }
  });

  it("R9: another candidate chosen → one last gracious note, only once", () => {
    const chosen: HistoryEvent = { type: "status_changed", at: berlin(2026, 3, 20, 11, 0), status: "other_candidate_chosen" };
    const plan = planAt(berlin(2026, 3, 20, 12, 0), { interviews: [tuesdayInterview], events: [thanked, chosen] });
    const note = only(plan, "R9");
    expect(note.dueAt).toBe(berlin(2026, 3, 23, 8, 0));
    expect(plan.followUps).toHaveLength(1);
    const afterSent = planAt(berlin(2026, 3, 24, 12, 0), { interviews: [tuesdayInterview], events: [thanked, chosen, sent(note.key, "R9", berlin(2026, 3, 23, 9, 0))] });
    expect(afterSent.followUps).toEqual([]);
  });

  it("R9: six weeks of silence supersede an unsent nudge", () => {
    const plan = planAt(berlin(2026, 4, 21, 9, 0), { interviews: [tuesdayInterview], events: [thanked] });
    expect(plan.followUps.map((f) => f.rule)).toEqual(["R9"]);
    expect(plan.followUps[0]?.state).toBe("due");
  });

  it("R10: an offer elsewhere is drafted at once, on the user's word only, with the deadline", () => {
    const offer: HistoryEvent = { type: "offer_elsewhere", at: berlin(2026, 3, 12, 19, 0), deadline: "2026-03-20" };
    const plan = planAt(berlin(2026, 3, 12, 19, 5), { interviews: [tuesdayInterview], events: [thanked, offer] });
    const early = only(plan, "R10");
    expect(early.dueAt).toBe(offer.at);
    expect(early.state).toBe("due");
    expect(early.latestAt).toBe(berlin(2026, 3, 20, 8, 0));
    expect(early.body).toContain("Friday, 20 March");
    expect(planAt(berlin(2026, 3, 12, 19, 5), { interviews: [tuesdayInterview], events: [thanked] }).followUps.some((f) => f.rule === "R10")).toBe(false);
  });

  it("R10: new information is drafted with the user's own words; once sent it counts as a nudge", () => {
    const news: HistoryEvent = { type: "new_information", at: berlin(2026, 3, 12, 19, 0), text: "My paper on demand forecasting was accepted at a conference" };
    const plan = planAt(berlin(2026, 3, 12, 19, 5), { interviews: [tuesdayInterview], events: [thanked, news] });
    const early = only(plan, "R10");
    expect(early.body).toContain("My paper on demand forecasting was accepted at a conference.");
    const afterSent = planAt(berlin(2026, 3, 13, 9, 0), { interviews: [tuesdayInterview], events: [thanked, news, sent(early.key, "R10", berlin(2026, 3, 13, 8, 30))] });
    expect(afterSent.followUps.map((f) => f.key)).toEqual(["R6:application:7:interview:12:2"]);
  });

  it("R11: an employer reply cancels pending nudges until the next event", () => {
    const reply: HistoryEvent = { type: "employer_replied", at: berlin(2026, 3, 12, 10, 0), subject: "Re: Thank you" };
    const paused = planAt(berlin(2026, 3, 18, 9, 0), { interviews: [tuesdayInterview], events: [thanked, reply] });
    expect(paused.pausedByReply).toBe(true);
    expect(paused.followUps.map((f) => f.rule)).toEqual(["R9"]);
    expect(paused.followUps[0]?.state).toBe("upcoming");

    const resumed = planAt(berlin(2026, 3, 18, 9, 0), {
      interviews: [tuesdayInterview],
      events: [thanked, reply, promised(berlin(2026, 3, 12, 10, 0), 1, "weeks")],
    });
    expect(resumed.pausedByReply).toBe(false);
    const check = only(resumed, "R3");
    expect(check.dueAt).toBe(berlin(2026, 3, 20, 8, 0));
    expect(check.subject).toBe("Re: Thank you");
  });

  it("R11: a reply after an offer-elsewhere note makes it moot", () => {
    const plan = planAt(berlin(2026, 3, 14, 9, 0), {
      interviews: [tuesdayInterview],
      events: [thanked, { type: "offer_elsewhere", at: berlin(2026, 3, 12, 19, 0), deadline: null }, { type: "employer_replied", at: berlin(2026, 3, 13, 9, 0) }],
    });
    expect(plan.followUps.some((f) => f.rule === "R10")).toBe(false);
  });
});

describe("drafts in the plan", () => {
  it("C2, C8: every draft names the role and interview date and suggests no call when the posting said so", () => {
    // Planned a week later, the unsent thank-you goes out today: it names the interview's date, as the status check does.
    const today = { en: "today", de: "heut", fr: "aujourd'hui", es: "hoy" };
    for (const language of ["en", "de", "fr", "es"] as const) {
      const plan = planAt(berlin(2026, 3, 18, 9, 0), {
        application: application({ language, noCalls: true }),
        interviews: [interview({ startAt: berlin(2026, 3, 10, 10, 0) })],
      });
      expect(plan.followUps.map((f) => f.rule)).toEqual(["R1", "R4"]);
      for (const followUp of plan.followUps) {
        expect(followUp.language).toBe(language);
        expect(followUp.body).toContain("Data Analyst");
        expect(checkTone(followUp.body, language, { noCalls: true, placeholders: followUp.placeholders }).verdict).not.toBe("rejected");
      }
      expect(only(plan, "R1").body).not.toContain(today[language]);
      expect(only(plan, "R1").body).toMatch(/10/);
      expect(only(plan, "R4").body).toMatch(/10/);
      // Planned the afternoon of the interview, the thank-you going out that day says "today".
      const sameDay = planAt(berlin(2026, 3, 10, 15, 0), { application: application({ language, noCalls: true }), interviews: [interview({ startAt: berlin(2026, 3, 10, 10, 0) })] });
      expect(only(sameDay, "R1").body).toContain(today[language]);
    }
  });

  it("a thank-you shown the morning after its interview says \"yesterday\", however early it fell due", () => {
    const plan = planAt(berlin(2026, 3, 11, 7, 0), { application: application(), interviews: [interview({ startAt: berlin(2026, 3, 10, 10, 0) })] });
    expect(only(plan, "R1").body).toContain("yesterday");
    expect(only(plan, "R1").body).not.toContain("today");
  });

  it("serialises a planned follow-up with its draft, though the draft is written only when read", () => {
    const plan = planAt(berlin(2026, 3, 10, 15, 0), { application: application(), interviews: [interview()] });
    const thankYou = only(plan, "R1");
    const serialised = JSON.parse(JSON.stringify(thankYou)) as PlannedFollowUp;
    expect(serialised).toMatchObject({ key: thankYou.key, dueAt: thankYou.dueAt, subject: thankYou.subject, body: thankYou.body, placeholders: thankYou.placeholders, verdict: thankYou.verdict });
    expect(serialised.body).toContain("Data Analyst");
  });

  it("C3: uses the point the user marked in a note, and nothing else of the note", () => {
    const plan = planAt(
      berlin(2026, 3, 10, 15, 0),
      {
        application: application({ notes: ["Salary seems low and the CTO was rude, not sure I want this.\npoint: their rota for on-call", "timeline: 1 week"] }),
        interviews: [interview()],
      },
      user({ settings: { signature: "Alex Moreau" } }),
    );
    const thankYou = only(plan, "R1");
    expect(thankYou.body).toContain("their rota for on-call.");
    expect(thankYou.body).not.toMatch(/Salary|CTO|point:/);
    expect(thankYou.body).toMatch(/\nAlex Moreau$/);
    expect(thankYou.verdict).toBe("ready");
  });

  it("C3: a note without a marked point is private: 'Salary seems low' appears in no draft, whatever happens", () => {
    const notes = ["Salary seems low and the CTO was rude, not sure I want this.", "Can you remind me the day before?"];
    const histories: Partial<ApplicationHistory>[] = [
      { application: application({ notes }), interviews: [interview()] },
      { application: application({ notes }), interviews: [interview()], events: [{ type: "status_changed", at: berlin(2026, 3, 12, 9, 0), status: "withdrawn" }] },
      { application: application({ notes }), interviews: [interview()], events: [{ type: "status_changed", at: berlin(2026, 3, 12, 9, 0), status: "rejected" }] },
      { application: application({ notes }), interviews: [], events: [{ type: "applied", at: berlin(2026, 3, 2, 9, 0) }] },
    ];
    for (const history of histories) {
      for (const now of [berlin(2026, 3, 10, 15, 0), berlin(2026, 3, 20, 9, 0), berlin(2026, 5, 20, 9, 0)]) {
        for (const followUp of planAt(now, history).followUps) {
          expect(followUp.body).not.toMatch(/Salary|CTO|remind me/);
          expect(followUp.placeholders).toContain(PLACEHOLDERS.signature);
          expect(followUp.verdict).toBe("needs_input");
        }
      }
    }
  });

  it("C9: interviewers named without an address are thanked through the contact, who is asked to pass it on", () => {
    const plan = planAt(
      berlin(2026, 3, 10, 15, 0),
      { interviews: [interview({ interviewers: [{ name: "Sam Ortiz", email: null }, { name: "Mara Olsen", email: null }] })] },
      user({ settings: { signature: "Alex Moreau" } }),
    );
    const thankYou = only(plan, "R1");
    expect(thankYou.to).toEqual([{ name: "Mara Olsen", email: "mara@corvid.example" }]);
    expect(thankYou.body).toMatch(/^Dear Mara Olsen,/);
    expect(thankYou.body).toContain("Sam Ortiz");
    expect(thankYou.body).not.toContain("Sam Ortiz and Mara Olsen");
    expect(thankYou.body).toMatch(/pass|forward/);
  });

  it("C9: an interviewer with an address gets the thank-you, not the recruiter who scheduled it", () => {
    const plan = planAt(berlin(2026, 3, 10, 15, 0), { interviews: [interview({ interviewers: [{ name: "Sam Ortiz", email: "sam@corvid.example" }] })] });
    const thankYou = only(plan, "R1");
    expect(thankYou.to).toEqual([{ name: "Sam Ortiz", email: "sam@corvid.example" }]);
    expect(thankYou.body).toMatch(/^Dear Sam Ortiz,/);
  });

  it("C10: a follow-up without a known address is never ready", () => {
    const plan = planAt(
      berlin(2026, 3, 10, 15, 0),
      { application: application({ contact: null, notes: ["point: their rota"] }), interviews: [interview({ interviewers: [] })] },
      user({ settings: { signature: "Alex Moreau" } }),
    );
    const thankYou = only(plan, "R1");
    expect(thankYou.to).toEqual([]);
    expect(thankYou.placeholders).toEqual([]);
    expect(thankYou.verdict).toBe("needs_input");
  });

  it("R1: a thank-you survives a withdrawal, worded for a candidate who withdrew", () => {
    const withdrawn: HistoryEvent = { type: "status_changed", at: berlin(2026, 3, 10, 13, 0), status: "withdrawn" };
    const plan = planAt(berlin(2026, 3, 10, 15, 0), { interviews: [interview()], events: [withdrawn] });
    expect(plan.closedBy).toBe("withdrawn");
    const thankYou = only(plan, "R1");
    expect(thankYou.body).toMatch(/withdr[ae]w/);
    expect(thankYou.body).not.toMatch(/next steps|check in/);
    // A round after the withdrawal was never held by this candidate: nothing to thank for.
    const later = planAt(berlin(2026, 3, 20, 15, 0), { interviews: [interview(), interview({ id: 13, startAt: berlin(2026, 3, 17, 10, 0) })], events: [withdrawn] });
    expect(later.followUps.map((f) => f.interviewId)).toEqual([12]);
  });

  it("R5: when the employer wrote first, the check answers their message and never claims an application", () => {
    const plan = planAt(berlin(2026, 3, 10, 9, 0), {
      application: application({ employerWroteFirst: true, role: "Machinist", subject: "Opportunities for skilled machinists in DFW" }),
      interviews: [],
      events: [{ type: "applied", at: berlin(2026, 3, 2, 9, 0) }],
    });
    const check = only(plan, "R5");
    expect(check.body).not.toMatch(/appl(?:y|ied|ication)|arrived/i);
    expect(check.body).toMatch(/Thank you for (?:your message|getting in touch|contacting me)/);
  });

  it("C7, C10: every draft over many generated histories passes the tone check", () => {
    const random = seededRandom(20260310);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const languages: Language[] = ["en", "de", "fr", "es", "nl", "pt", "other"];
    const zones = [BERLIN, NEW_YORK, "Europe/London", "Asia/Tokyo", "America/Los_Angeles"];
    let drafts = 0;
    for (let run = 0; run < 300; run++) {
      const zone = pick(zones);
      const start = Date.UTC(2026, 0, 5) + Math.floor(random() * 300) * DAY_MS + Math.floor(random() * 24) * 60 * 60 * 1000;
      const rounds = Math.floor(random() * 3);
      const interviews = Array.from({ length: rounds }, (_, i) =>
        interview({
          id: 100 + i,
          startAt: start + i * 9 * DAY_MS,
          timeZone: pick([zone, BERLIN, NEW_YORK, null]),
          durationMin: pick([null, 30, 45, 90]),
          interviewers: pick([[], [{ name: "Jonas Berg", email: "jonas@corvid.example" }], [{ name: null, email: "panel@corvid.example" }]]),
        }),
      );
      const events: HistoryEvent[] = [{ type: "applied", at: start - 10 * DAY_MS }];
      let cursor = start + 2 * DAY_MS;
      for (let n = Math.floor(random() * 6); n > 0; n--) {
        cursor += Math.floor(random() * 8) * DAY_MS;
        events.push(
          pick<HistoryEvent>([
            promised(cursor, pick([1, 3, 5, 10]), pick(["days", "business_days", "weeks"])),
            { type: "employer_replied", at: cursor },
            { type: "status_changed", at: cursor, status: pick(["rejected", "other_candidate_chosen", "offer", "withdrawn"]) },
            { type: "user_reopened", at: cursor },
            { type: "offer_elsewhere", at: cursor, deadline: pick([null, "2026-12-01"]) },
            { type: "new_information", at: cursor, text: pick(["I finished the Kubernetes certification.", "ASAP please", "[TBD]"]) },
            sent(`R4:application:7:interview:100:1`, "R4", cursor),
          ]),
        );
      }
      const language = pick(languages);
      const noCalls = random() < 0.5;
      const role = pick(["Data Analyst", null]);
      const plan = planFollowUps(
        {
          application: application({ language, noCalls, role, company: pick(["Corvid Labs", null]), notes: pick([[], ["liked the team"], ["I need an answer today"]]) }),
          interviews,
          events,
        },
        user({ timeZone: zone, country: pick(["DE", "US", "GB", null]), settings: { requestFeedback: random() < 0.5 } }),
        cursor + Math.floor(random() * 60) * DAY_MS,
      );
      for (const followUp of plan.followUps) {
        drafts++;
        const check = checkTone(followUp.body, language, { noCalls, placeholders: followUp.placeholders });
        expect(check.problems, followUp.body).toEqual([]);
        expect(followUp.verdict).toBe(followUp.placeholders.length > 0 ? "needs_input" : "ready");
        expect(followUp.body).toContain(role ?? "[POSITION TITLE]");
      }
    }
    expect(drafts).toBeGreaterThan(300);
  });
});

describe("settings", () => {
  it("fills every default of the rules from empty or unusable stored JSON", () => {
    expect(parseSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings("not settings")).toEqual(DEFAULT_SETTINGS);
  });

  it("keeps valid stored values and replaces only the invalid ones with their defaults", () => {
    const settings = parseSettings({ morningHour: 9, maxFollowUps: 40, thankYouDelayHours: "3", signature: "  Alex Moreau  ", unknown: 1 });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, morningHour: 9, signature: "Alex Moreau" });
  });

  it("rejects an out-of-range or unknown change instead of silently dropping it", () => {
    expect(SettingsPatch.safeParse({ digestHour: 7 }).success).toBe(true);
    expect(SettingsPatch.safeParse({ digestHour: 24 }).success).toBe(false);
    expect(SettingsPatch.safeParse({ maxFollowUps: 1 }).success).toBe(false);
    expect(SettingsPatch.safeParse({ nudgeEveryDay: true }).success).toBe(false);
  });
});

function application(overrides: Partial<ApplicationHistory["application"]> = {}): ApplicationHistory["application"] {
  return applicationFacts(overrides);
}

function interview(overrides: Partial<InterviewFacts> = {}): InterviewFacts {
  return interviewFacts(overrides);
}

function user(overrides: Parameters<typeof userContext>[0] = {}): UserContext {
  return userContext(overrides);
}

function planAt(now: number, overrides: Partial<ApplicationHistory> = {}, context: UserContext = user()): FollowUpPlan {
  return planFollowUps(
    { application: application(), interviews: [interview()], events: [], ...overrides },
    context,
    now,
  );
}







/** The history with its interviews given in no zone, so the employer's country is not known either. */
function noCountryKnown(history: Partial<ApplicationHistory>): Partial<ApplicationHistory> {
  return { ...history, interviews: history.interviews?.map((i) => ({ ...i, timeZone: null })) };
}

function sent(followUpKey: string, rule: string, when: number): HistoryEvent {
  return { type: "follow_up_sent", at: when, followUpKey, rule };
}

function skipped(followUpKey: string, rule: string, when: number): HistoryEvent {
  return { type: "follow_up_skipped", at: when, followUpKey, rule };
}

function promised(when: number, amount: number, unit: "days" | "business_days" | "weeks"): HistoryEvent {
  return { type: "timeline_promised", at: when, timeline: { amount, unit, text: `${amount} ${unit}`, by: null } };
}

/** A small deterministic generator (mulberry32), so the generated histories are the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
