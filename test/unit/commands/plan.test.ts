import { describe, expect, it } from "vitest";
import type { Command } from "../../../src/core/commands/parse.ts";
import {
  type AppView,
  type CommandInput,
  type CommandTarget,
  type FollowUpView,
  type InterviewView,
  labelOf,
  type PlannedChange,
  planCommands,
} from "../../../src/core/commands/plan.ts";
import type { UserPreferences } from "../../../src/core/applications/inverse.ts";

/** Wednesday 4 March 2026, 08:00 in Los Angeles. */
const NOW = Date.parse("2026-03-04T16:00:00Z");
const ACME = app({ id: 10, company: "Acme", role: "Backend Engineer" });
const BRAMBLE = app({ id: 20, company: "Brambleworth", role: "Data Engineer" });
const ACME_THANKS = followUp({ id: 100, applicationId: 10, key: "R1:interview-1", rule: "R1" });
const BRAMBLE_THANKS = followUp({ id: 200, applicationId: 20, key: "R1:interview-2", rule: "R1" });
const TWO_DRAFTS = { apps: [ACME, BRAMBLE], followUps: [ACME_THANKS, BRAMBLE_THANKS], target: digestOf(ACME_THANKS, BRAMBLE_THANKS) };
const ONE_DRAFT = { apps: [ACME, BRAMBLE], followUps: [ACME_THANKS], target: digestOf(ACME_THANKS) };
const ACME_CONFIRMATION = { apps: [ACME, BRAMBLE], target: confirmation(10) };
const TWO_CHOICES = "Choices: 1. Acme (Backend Engineer); 2. Brambleworth (Data Engineer).";
const NO_CHOICES = "Choices: none (reply to a digest, a confirmation or a list).";

describe("planCommands: replies that change nothing by themselves", () => {
  it("answers undo, even beside other commands", () => {
    expect(planCommands(input([{ kind: "done", items: [1] }, { kind: "undo" }], TWO_DRAFTS))).toEqual({ kind: "undo" });
  });

  it("answers a lone list with the list", () => {
    expect(planCommands(input([{ kind: "list" }], TWO_DRAFTS))).toEqual({ kind: "list" });
  });

  it.each<[string, Command[]]>([
    ["no commands", []],
    ["a lone help", [{ kind: "help" }]],
  ])("answers %s with the help", (_, commands) => {
    expect(planCommands(input(commands, TWO_DRAFTS))).toEqual({ kind: "help" });
  });

  it("plans the other commands when list or help stand beside them", () => {
    const changes = changesOf([{ kind: "list" }, { kind: "help" }, { kind: "skip", items: [2] }], TWO_DRAFTS);
    expect(changes.map((c) => c.summary)).toEqual(["Brambleworth (Data Engineer): thank-you note skipped"]);
  });

  it("answers a reply that only asks for links with the links, changing nothing", () => {
    expect(planCommands(input([{ kind: "dashboard" }, { kind: "calendar_link" }, { kind: "dashboard" }], TWO_DRAFTS))).toEqual({ kind: "links", links: ["dashboard", "calendar"] });
  });

  it("carries a link asked for beside changes, so any reply can ask for one", () => {
    const plan = planCommands(input([{ kind: "skip", items: [2] }, { kind: "dashboard" }], TWO_DRAFTS));
    expect(plan).toMatchObject({ kind: "changes", links: ["dashboard"], changes: [{ summary: "Brambleworth (Data Engineer): thank-you note skipped" }] });
  });

  it("lists every problem in command order, and then plans nothing", () => {
    expect(planCommands(input([{ kind: "done", items: [3] }, { kind: "skip", items: [1] }, { kind: "ignore" }], TWO_DRAFTS))).toEqual({
      kind: "problems",
      problems: [
        `There is no draft 3 in that digest. ${TWO_CHOICES}`,
        '"ignore" answers a confirmation: reply to the confirmation of the email that is not about a job.',
      ],
    });
  });
});

describe("planCommands: done, skip and snooze", () => {
  it("done marks the draft sent now; the inverse restores its state", () => {
    const shown = followUp({ ...ACME_THANKS, snoozedUntil: Date.parse("2026-03-03T16:00:00Z") });
    expect(changesOf([{ kind: "done", items: [1] }], { ...ONE_DRAFT, followUps: [shown] })).toEqual([
      {
        applicationId: 10,
        event: {
          type: "follow_up_sent",
          payload: { followUpKey: "R1:interview-1", rule: "R1" },
          inverse: { op: "set_follow_up", followUpId: 100, state: "shown", sentAt: null, snoozedUntil: Date.parse("2026-03-03T16:00:00Z") },
        },
        effects: [{ op: "set_follow_up", followUpId: 100, state: "sent", sentAt: NOW, snoozedUntil: Date.parse("2026-03-03T16:00:00Z") }],
        summary: "Acme (Backend Engineer): thank-you note marked sent",
      },
    ]);
  });

  it("done on a draft already sent records the new time; the inverse keeps the first one", () => {
    const sentBefore = Date.parse("2026-03-03T09:00:00Z");
    const [change] = changesOf([{ kind: "done", items: [] }], { ...ONE_DRAFT, followUps: [{ ...ACME_THANKS, state: "sent", sentAt: sentBefore }] });
    expect(change?.effects).toEqual([{ op: "set_follow_up", followUpId: 100, state: "sent", sentAt: NOW, snoozedUntil: null }]);
    expect(change?.event.inverse).toEqual({ op: "set_follow_up", followUpId: 100, state: "sent", sentAt: sentBefore, snoozedUntil: null });
  });

  it("done with several numbers plans one change per draft, in the order written", () => {
    const changes = changesOf([{ kind: "done", items: [2, 1] }], TWO_DRAFTS);
    expect(changes.map((c) => c.applicationId)).toEqual([20, 10]);
  });

  it("a bare done applies to the only draft of the digest", () => {
    expect(changesOf([{ kind: "done", items: [] }], ONE_DRAFT).map((c) => c.summary)).toEqual(["Acme (Backend Engineer): thank-you note marked sent"]);
  });

  it("a bare done with two drafts lists the choices", () => {
    expect(problemsOf([{ kind: "done", items: [] }], TWO_DRAFTS)).toEqual([`"done" needs a number: the digest has 2 drafts. ${TWO_CHOICES}`]);
  });

  it("refuses a number the digest does not have", () => {
    expect(problemsOf([{ kind: "skip", items: [1, 3] }], TWO_DRAFTS)).toEqual([`There is no draft 3 in that digest. ${TWO_CHOICES}`]);
  });

  it("refuses a digest item whose draft is gone", () => {
    expect(problemsOf([{ kind: "done", items: [2] }], { ...TWO_DRAFTS, followUps: [ACME_THANKS] })).toEqual([`There is no draft 2 in that digest. ${TWO_CHOICES}`]);
  });

  it.each<[string, CommandTarget]>([
    ["a confirmation", confirmation(10)],
    ["no known message", { kind: "none" }],
  ])("refuses drafts in reply to %s", (_, target) => {
    expect(problemsOf([{ kind: "done", items: [1] }], { ...ONE_DRAFT, target })).toEqual(['"done" works in reply to a digest or a list, which number the drafts.']);
  });

  it("skip keeps the sending time and records the skip", () => {
    expect(changesOf([{ kind: "skip", items: [2] }], TWO_DRAFTS)).toEqual([
      {
        applicationId: 20,
        event: {
          type: "follow_up_skipped",
          payload: { followUpKey: "R1:interview-2", rule: "R1" },
          inverse: { op: "set_follow_up", followUpId: 200, state: "shown", sentAt: null, snoozedUntil: null },
        },
        effects: [{ op: "set_follow_up", followUpId: 200, state: "skipped", sentAt: null, snoozedUntil: null }],
        summary: "Brambleworth (Data Engineer): thank-you note skipped",
      },
    ]);
  });

  it("snooze hides the draft until the user's digest time that day, in the user's zone, so that day's digest shows it", () => {
    const friday8am = Date.parse("2026-03-06T07:00:00-08:00");
    expect(changesOf([{ kind: "snooze", item: 1, until: "2026-03-06" }], TWO_DRAFTS)).toEqual([
      {
        applicationId: 10,
        event: {
          type: "follow_up_snoozed",
          payload: { followUpKey: "R1:interview-1", rule: "R1", until: friday8am },
          inverse: { op: "set_follow_up", followUpId: 100, state: "shown", sentAt: null, snoozedUntil: null },
        },
        effects: [{ op: "set_follow_up", followUpId: 100, state: "shown", sentAt: null, snoozedUntil: friday8am }],
        summary: "Acme (Backend Engineer): thank-you note snoozed to your digest on Fri 6 Mar 2026",
      },
    ]);
  });

  it("snooze follows the user's digest time and daylight saving (9 March is after the US switch)", () => {
    const user = preferences({ settings: { digestHour: 6 } });
    const [change] = changesOf([{ kind: "snooze", item: 1, until: "2026-03-09" }], { ...ONE_DRAFT, user });
    expect(change?.effects).toEqual([{ op: "set_follow_up", followUpId: 100, state: "shown", sentAt: null, snoozedUntil: Date.parse("2026-03-09T06:00:00-07:00") }]);
  });

  it("snooze uses the zone the user had before the reply, even beside a timezone command", () => {
    const [, snooze] = changesOf([{ kind: "timezone", timeZone: "Europe/Berlin" }, { kind: "snooze", item: 1, until: "2026-03-06" }], ONE_DRAFT);
    expect(snooze?.event.payload).toEqual({ followUpKey: "R1:interview-1", rule: "R1", until: Date.parse("2026-03-06T07:00:00-08:00") });
  });

  it("refuses to snooze a number the digest does not have", () => {
    expect(problemsOf([{ kind: "snooze", item: 4, until: "2026-03-06" }], TWO_DRAFTS)).toEqual([`There is no draft 4 in that digest. ${TWO_CHOICES}`]);
  });
});

describe("planCommands: status", () => {
  it("rejected sets the status; the inverse restores the one before", () => {
    expect(changesOf([{ kind: "rejected", items: [2], company: null }], TWO_DRAFTS)).toEqual([
      {
        applicationId: 20,
        event: { type: "status_changed", payload: { from: "waiting", to: "rejected", because: "command" }, inverse: { op: "set_status", status: "waiting" } },
        effects: [{ op: "set_status", applicationId: 20, status: "rejected" }],
        summary: "Brambleworth (Data Engineer): status waiting → rejected",
      },
    ]);
  });

  it.each<[Command, string]>([
    [{ kind: "offer", items: [1], company: null }, "offer"],
    [{ kind: "withdraw", items: [1], company: null }, "withdrawn"],
  ])("%j sets the status %s", (command, status) => {
    expect(changesOf([command], TWO_DRAFTS).flatMap((c) => c.effects)).toEqual([{ op: "set_status", applicationId: 10, status }]);
  });

  it("plans nothing for a status the application already has", () => {
    expect(planCommands(input([{ kind: "rejected", items: [1], company: null }], { ...TWO_DRAFTS, apps: [{ ...ACME, status: "rejected" }, BRAMBLE] }))).toEqual({
      kind: "changes",
      changes: [],
      irreversible: false,
      links: [],
    });
  });

  it("two numbers of one application change it once", () => {
    const second = followUp({ id: 101, applicationId: 10, key: "R4:interview-1", rule: "R4" });
    const changes = changesOf([{ kind: "offer", items: [1, 2], company: null }], { apps: [ACME], followUps: [ACME_THANKS, second], target: digestOf(ACME_THANKS, second) });
    expect(changes.map((c) => c.summary)).toEqual(["Acme (Backend Engineer): status waiting → offer"]);
  });

  it("a bare status command applies to the application a confirmation is about", () => {
    expect(changesOf([{ kind: "withdraw", items: [], company: null }], ACME_CONFIRMATION).map((c) => c.applicationId)).toEqual([10]);
  });

  it("item 1 of a confirmation is its application", () => {
    expect(changesOf([{ kind: "offer", items: [1], company: null }], ACME_CONFIRMATION).map((c) => c.applicationId)).toEqual([10]);
  });

  it.each<[string, Partial<CommandInput>, string]>([
    ["a digest of two", TWO_DRAFTS, `"withdraw" needs a number: the message you replied to has 2 items. ${TWO_CHOICES}`],
    ["a confirmation about no application", { target: confirmation(null) }, `"withdraw" needs a number: the message you replied to has no numbered items. ${NO_CHOICES}`],
    ["no known message", { target: { kind: "none" } }, `"withdraw" needs a number: the message you replied to has no numbered items. ${NO_CHOICES}`],
  ])("a bare status command in reply to %s lists the choices", (_, state, problem) => {
    expect(problemsOf([{ kind: "withdraw", items: [], company: null }], state)).toEqual([problem]);
  });

  it.each<[string, Partial<CommandInput>, number, string]>([
    ["a digest", TWO_DRAFTS, 3, `There is no item 3 in the message you replied to. ${TWO_CHOICES}`],
    ["a confirmation", ACME_CONFIRMATION, 2, `There is no item 2 in the message you replied to. ${NO_CHOICES}`],
    ["a confirmation about no application", { target: confirmation(null) }, 1, `There is no item 1 in the message you replied to. ${NO_CHOICES}`],
  ])("refuses a number %s does not have", (_, state, item, problem) => {
    expect(problemsOf([{ kind: "offer", items: [item], company: null }], state)).toEqual([problem]);
  });

  it("rejected by company name finds the one application at that company, however it is written", () => {
    const changes = changesOf([{ kind: "rejected", items: [], company: "acme, inc." }], { apps: [ACME, BRAMBLE], target: { kind: "none" } });
    expect(changes.map((c) => c.summary)).toEqual(["Acme (Backend Engineer): status waiting → rejected"]);
  });

  it("rejected by company name refuses an unknown company", () => {
    expect(problemsOf([{ kind: "rejected", items: [], company: "Zeta" }], TWO_DRAFTS)).toEqual(['No application at "Zeta".']);
  });

  it("rejected by company name refuses to guess between two applications there", () => {
    const apps = [ACME, app({ id: 11, company: "ACME Inc.", role: "Data Engineer" })];
    expect(problemsOf([{ kind: "rejected", items: [], company: "Acme" }], { apps })).toEqual(['"Acme" could be Acme (Backend Engineer) or ACME Inc. (Data Engineer). Did you mean one of them? Write its full name, or reply to the digest or "list" with its number.']);
  });

  it("heard back records the employer's answer (R11) and changes no state, so it has no inverse", () => {
    expect(changesOf([{ kind: "heard_back", items: [1], company: null }], TWO_DRAFTS)).toEqual([
      {
        applicationId: 10,
        event: { type: "employer_replied", payload: { via: "command" }, inverse: null },
        effects: [],
        summary: "Acme (Backend Engineer): noted that they replied; pending nudges stop",
      },
    ]);
  });
});

describe("planCommands: timeline and offer elsewhere", () => {
  it("timeline stores the promise (R2); the inverse restores the earlier one", () => {
    const earlier = { amount: 2, unit: "weeks", text: "2 weeks", by: null } as const;
    const timeline = { amount: 5, unit: "business_days", text: "5 business days", by: null } as const;
    const state = { ...TWO_DRAFTS, apps: [{ ...ACME, promisedTimeline: earlier }, BRAMBLE] };
    expect(changesOf([{ kind: "timeline", item: 1, timeline }], state)).toEqual([
      {
        applicationId: 10,
        event: { type: "timeline_promised", payload: { timeline, sentAt: NOW }, inverse: { op: "set_timeline", timeline: earlier } },
        effects: [{ op: "set_timeline", applicationId: 10, timeline }],
        summary: "Acme (Backend Engineer): their timeline noted (5 business days)",
      },
    ]);
  });

  it("offer elsewhere with a number notes the offer for that application (R10)", () => {
    expect(changesOf([{ kind: "offer_elsewhere", item: 2, deadline: "2026-03-13" }], TWO_DRAFTS)).toEqual([
      {
        applicationId: 20,
        event: { type: "offer_elsewhere", payload: { deadline: "2026-03-13" }, inverse: null },
        effects: [],
        summary: "Brambleworth (Data Engineer): an earlier, polite note about your other offer (deadline 2026-03-13) will be drafted",
      },
    ]);
  });

  it("offer elsewhere without a number concerns every open application, whatever the reply answers", () => {
    const apps = [
      app({ id: 1, status: "applied" }),
      app({ id: 2, status: "rejected" }),
      app({ id: 3, status: "interviewing" }),
      app({ id: 4, status: "offer" }),
      app({ id: 5, status: "waiting" }),
      app({ id: 6, status: "withdrawn" }),
    ];
    const changes = changesOf([{ kind: "offer_elsewhere", item: null, deadline: "2026-03-13" }], { apps, target: { kind: "none" } });
    expect(changes.map((c) => c.applicationId)).toEqual([1, 3, 5]);
  });

  it("offer elsewhere refuses a number the message does not have", () => {
    expect(problemsOf([{ kind: "offer_elsewhere", item: 3, deadline: "2026-03-13" }], TWO_DRAFTS)).toEqual([
      `There is no item 3 in the message you replied to. ${TWO_CHOICES}`,
    ]);
  });
});

describe("planCommands: corrections to a confirmation", () => {
  it("company: the inverse restores the name it replaces", () => {
    expect(changesOf([{ kind: "company", company: "Acme Labs" }], ACME_CONFIRMATION)).toEqual([
      {
        applicationId: 10,
        event: { type: "details_updated", payload: { company: "Acme Labs" }, inverse: { op: "set_details", details: { company: "Acme" } } },
        effects: [{ op: "set_details", applicationId: 10, details: { company: "Acme Labs" } }],
        summary: "Acme (Backend Engineer): company set to Acme Labs",
      },
    ]);
  });

  it("role", () => {
    const [change] = changesOf([{ kind: "role", role: "Staff Engineer" }], ACME_CONFIRMATION);
    expect(change?.event).toEqual({ type: "details_updated", payload: { role: "Staff Engineer" }, inverse: { op: "set_details", details: { role: "Backend Engineer" } } });
    expect(change?.summary).toBe("Acme (Backend Engineer): role set to Staff Engineer");
  });

  it("contact sets the name and the address together, and the inverse restores both", () => {
    const state = { ...ACME_CONFIRMATION, apps: [{ ...ACME, contactName: "Sam Lee", contactEmail: "sam@acme.example" }] };
    const [change] = changesOf([{ kind: "contact", name: "Jo Park", email: "jo@acme.example" }], state);
    expect(change?.event.inverse).toEqual({ op: "set_details", details: { contactName: "Sam Lee", contactEmail: "sam@acme.example" } });
    expect(change?.effects).toEqual([{ op: "set_details", applicationId: 10, details: { contactName: "Jo Park", contactEmail: "jo@acme.example" } }]);
    expect(change?.summary).toBe("Acme (Backend Engineer): contact set to Jo Park jo@acme.example");
  });

  it("a value given as it already is confirms it: the summary says so, and the event is recorded to settle the doubt", () => {
    const [company] = changesOf([{ kind: "company", company: "Acme" }], ACME_CONFIRMATION);
    expect(company?.event).toEqual({ type: "details_updated", payload: { company: "Acme" }, inverse: { op: "set_details", details: { company: "Acme" } } });
    expect(company?.summary).toBe("Acme (Backend Engineer): company confirmed as Acme");
    const state = { ...ACME_CONFIRMATION, apps: [{ ...ACME, contactName: "Sam Lee", contactEmail: "sam@acme.example" }] };
    const [contact] = changesOf([{ kind: "contact", name: "Sam Lee", email: "sam@acme.example" }], state);
    expect(contact?.summary).toBe("Acme (Backend Engineer): contact confirmed as Sam Lee sam@acme.example");
    // The same address with the name left out clears the name: a change, not a confirmation.
    const [cleared] = changesOf([{ kind: "contact", name: null, email: "sam@acme.example" }], state);
    expect(cleared?.summary).toBe("Acme (Backend Engineer): contact set to sam@acme.example");
  });

  it("contact with only an address clears the name and says only the address", () => {
    const [change] = changesOf([{ kind: "contact", name: null, email: "jo@acme.example" }], ACME_CONFIRMATION);
    expect(change?.event.payload).toEqual({ contactName: null, contactEmail: "jo@acme.example" });
    expect(change?.summary).toBe("Acme (Backend Engineer): contact set to jo@acme.example");
  });

  it("a correction in reply to a digest of one item corrects that item", () => {
    expect(changesOf([{ kind: "company", company: "Acme Labs" }], ONE_DRAFT).map((c) => c.applicationId)).toEqual([10]);
  });

  it("a correction with a number corrects that item of a digest of two", () => {
    const [change] = changesOf([{ kind: "contact", name: "Jo Park", email: "jo@brambleworth.example", item: 2 }], TWO_DRAFTS);
    expect(change).toMatchObject({ applicationId: 20, effects: [{ op: "set_details", applicationId: 20, details: { contactName: "Jo Park", contactEmail: "jo@brambleworth.example" } }] });
  });

  it("a correction without a number in reply to a digest of two asks for the number", () => {
    expect(problemsOf([{ kind: "role", role: "Staff Engineer" }], TWO_DRAFTS)).toEqual([`"role" needs the number of the item it corrects, e.g. "role 2: …". ${TWO_CHOICES}`]);
  });

  it("a correction with a number that is not in the message changes nothing", () => {
    expect(problemsOf([{ kind: "company", company: "Acme Labs", item: 3 }], TWO_DRAFTS)).toEqual([`There is no item 3 in the message you replied to. ${TWO_CHOICES}`]);
  });

  it("says how to file an email that was not filed, instead of correcting nothing", () => {
    expect(problemsOf([{ kind: "role", role: "Staff Engineer" }], { apps: [ACME], target: confirmation(null) })).toEqual([
      'That email was not filed, so there is nothing to correct. If it is about a job, forward it to me again with a first line saying what it is, e.g. "role: …".',
    ]);
  });

  it.each<[string, Partial<CommandInput>]>([
    ["a confirmation about an application that is gone", { apps: [BRAMBLE], target: confirmation(10) }],
    ["no known message", { apps: [ACME], target: { kind: "none" } }],
  ])("refuses a correction in reply to %s", (_, state) => {
    expect(problemsOf([{ kind: "role", role: "Staff Engineer" }], state)).toEqual(['"role" corrects a confirmation: reply to the confirmation of the email it is about.']);
  });
});

describe("planCommands: interview time", () => {
  const tuesday = interview({ id: 5, applicationId: 10, startAt: Date.parse("2026-03-03T14:30:00-08:00"), startLocal: "2026-03-03T14:30", timeZone: "America/Los_Angeles" });

  it("moves the interview to the time on the given date, in the command's zone; the inverse restores all three fields", () => {
    const moved = Date.parse("2026-03-04T16:00:00-08:00");
    expect(changesOf([{ kind: "time", date: "2026-03-04", time: "16:00", timeZone: "America/Los_Angeles" }], { ...ACME_CONFIRMATION, interviews: [tuesday] })).toEqual([
      {
        applicationId: 10,
        event: {
          type: "interview_moved",
          payload: { interviewId: 5, from: tuesday.startAt, to: moved },
          inverse: { op: "set_interview_start", interviewId: 5, startAt: tuesday.startAt, startLocal: "2026-03-03T14:30", timeZone: "America/Los_Angeles" },
        },
        effects: [{ op: "set_interview_start", interviewId: 5, startAt: moved, startLocal: null, timeZone: "America/Los_Angeles" }],
        summary: "Acme (Backend Engineer): interview time set to 2026-03-04 16:00 (America/Los_Angeles)",
      },
    ]);
  });

  it("without a date keeps the interview's day as seen in the command's zone", () => {
    const [change] = changesOf([{ kind: "time", date: null, time: "09:15", timeZone: "Asia/Tokyo" }], { ...ACME_CONFIRMATION, interviews: [tuesday] });
    // 14:30 on Tuesday in Los Angeles is already Wednesday in Tokyo.
    expect(change?.event.payload).toEqual({ interviewId: 5, from: tuesday.startAt, to: Date.parse("2026-03-04T09:15:00+09:00") });
    expect(change?.summary).toBe("Acme (Backend Engineer): interview time set to 2026-03-04 09:15 (Asia/Tokyo)");
  });

  it("without a date and without an instant keeps the day of the local start", () => {
    const floating = interview({ id: 6, applicationId: 10, startAt: null, startLocal: "2026-03-10T10:00", timeZone: null });
    const [change] = changesOf([{ kind: "time", date: null, time: "11:00", timeZone: "Europe/Berlin" }], { ...ACME_CONFIRMATION, interviews: [floating] });
    expect(change?.effects).toEqual([{ op: "set_interview_start", interviewId: 6, startAt: Date.parse("2026-03-10T11:00:00+01:00"), startLocal: null, timeZone: "Europe/Berlin" }]);
  });

  it("moves the application's latest interview, never another application's", () => {
    const later = interview({ id: 7, applicationId: 10, startAt: Date.parse("2026-03-12T10:00:00-07:00") });
    const unknown = interview({ id: 8, applicationId: 10, startAt: null, startLocal: "2026-03-20T10:00" });
    const other = interview({ id: 9, applicationId: 20, startAt: Date.parse("2026-04-01T10:00:00-07:00") });
    const [change] = changesOf([{ kind: "time", date: "2026-03-13", time: "10:00", timeZone: "America/Los_Angeles" }], { ...ACME_CONFIRMATION, interviews: [tuesday, unknown, later, other] });
    expect(change?.event.payload).toMatchObject({ interviewId: 7 });
  });

  it("refuses when the application has no interview", () => {
    expect(problemsOf([{ kind: "time", date: null, time: "16:00", timeZone: "UTC" }], { ...ACME_CONFIRMATION, interviews: [interview({ applicationId: 20 })] })).toEqual([
      "Acme (Backend Engineer) has no interview to move.",
    ]);
  });

  it("asks for the date when neither the command nor the interview has one", () => {
    const undated = interview({ applicationId: 10, startAt: null, startLocal: null });
    expect(problemsOf([{ kind: "time", date: null, time: "16:00", timeZone: "UTC" }], { ...ACME_CONFIRMATION, interviews: [undated] })).toEqual([
      'Say the date too, e.g. "time: tue 3pm PT".',
    ]);
  });

  it("asks for the item's number in reply to a digest of two, and moves that item's interview with it", () => {
    expect(problemsOf([{ kind: "time", date: null, time: "16:00", timeZone: "UTC" }], { ...TWO_DRAFTS, interviews: [tuesday] })).toEqual([
      `"time" needs the number of the item it corrects, e.g. "time 2: …". ${TWO_CHOICES}`,
    ]);
    const [change] = changesOf([{ kind: "time", date: null, time: "16:00", timeZone: "UTC", item: 1 }], { ...TWO_DRAFTS, interviews: [tuesday] });
    expect(change).toMatchObject({ applicationId: 10, effects: [{ op: "set_interview_start", interviewId: 5, startAt: Date.parse("2026-03-03T16:00:00Z") }] });
  });
});

describe("planCommands: ignore", () => {
  it("hides the message and archives the application it created; the inverse only restores the message", () => {
    expect(changesOf([{ kind: "ignore" }], ACME_CONFIRMATION)).toEqual([
      {
        applicationId: 10,
        event: { type: "message_ignored", payload: { inboundId: 7 }, inverse: { op: "set_message_state", inboundId: 7, state: "understood" } },
        effects: [
          { op: "set_message_state", inboundId: 7, state: "ignored" },
          { op: "archive_application", applicationId: 10 },
        ],
        summary: "Acme (Backend Engineer): removed (not a job email)",
      },
    ]);
  });

  it("a message that created no application is only marked ignored", () => {
    const [change] = changesOf([{ kind: "ignore" }], { target: confirmation(null) });
    expect(change?.applicationId).toBeNull();
    expect(change?.effects).toEqual([{ op: "set_message_state", inboundId: 7, state: "ignored" }]);
    expect(change?.summary).toBe("that email: ignored");
  });

  it("refuses in reply to a digest, even of one item", () => {
    expect(problemsOf([{ kind: "ignore" }], ONE_DRAFT)).toEqual(['"ignore" answers a confirmation: reply to the confirmation of the email that is not about a job.']);
  });
});

describe("planCommands: settings", () => {
  it("timezone stores the new zone; the inverse restores every preference", () => {
    const user = preferences({ settings: { morningHour: 9 } });
    expect(changesOf([{ kind: "timezone", timeZone: "Europe/Berlin" }], { user })).toEqual([
      {
        applicationId: null,
        event: { type: "settings_changed", payload: { command: "timezone" }, inverse: { op: "set_user", preferences: user } },
        effects: [{ op: "set_user", preferences: { ...user, timeZone: "Europe/Berlin" } }],
        summary: "time zone set to Europe/Berlin",
      },
    ]);
  });

  it.each<[Command, Partial<UserPreferences>, string]>([
    [{ kind: "country", country: "DE" }, { country: "DE" }, "public holidays of DE are skipped"],
    [{ kind: "country", country: null }, { country: null }, "no public holidays are skipped"],
    [{ kind: "pause" }, { paused: true }, "digests paused"],
    [{ kind: "resume" }, { paused: false }, "digests resumed"],
    [{ kind: "digest_time", time: "07:30" }, { settings: { signature: "Jo", digestHour: 7, digestMinute: 30 } }, "digest time set to 07:30"],
    [{ kind: "digest_time", time: "18:05" }, { settings: { signature: "Jo", digestHour: 18, digestMinute: 5 } }, "digest time set to 18:05"],
  ])("%j", (command, changed, summary) => {
    const user = preferences({ country: "US", paused: true, settings: { signature: "Jo" } });
    const [change] = changesOf([command], { user });
    expect(change?.effects).toEqual([{ op: "set_user", preferences: { ...user, ...changed } }]);
    expect(change?.event).toEqual({ type: "settings_changed", payload: { command: command.kind }, inverse: { op: "set_user", preferences: user } });
    expect(change?.summary).toBe(summary);
  });

  it("several settings build on each other, so undoing them in reverse order restores each step", () => {
    const user = preferences();
    const afterZone = { ...user, timeZone: "Europe/Berlin" };
    const afterDigest = { ...afterZone, settings: { digestHour: 6, digestMinute: 45 } };
    const changes = changesOf([{ kind: "timezone", timeZone: "Europe/Berlin" }, { kind: "digest_time", time: "06:45" }, { kind: "pause" }], { user });
    expect(changes.map((c) => [c.event.inverse, c.effects])).toEqual([
      [{ op: "set_user", preferences: user }, [{ op: "set_user", preferences: afterZone }]],
      [{ op: "set_user", preferences: afterZone }, [{ op: "set_user", preferences: afterDigest }]],
      [{ op: "set_user", preferences: afterDigest }, [{ op: "set_user", preferences: { ...afterDigest, paused: true } }]],
    ]);
  });

  it("leaves the preferences it was given unchanged", () => {
    const user = preferences({ settings: { digestHour: 7 } });
    changesOf([{ kind: "digest_time", time: "09:00" }, { kind: "pause" }], { user });
    expect(user).toEqual(preferences({ settings: { digestHour: 7 } }));
  });
});

describe("planCommands: the calendar address and the private page's sessions", () => {
  it("a new calendar link raises its generation, and undo puts the previous one back", () => {
    const [change] = changesOf([{ kind: "new_calendar_link" }], { addressGenerations: { reply: 0, forwarding: 0, calendar: 3 } });
    expect(change).toMatchObject({
      effects: [{ op: "set_address_generation", address: "calendar", generation: 4 }],
      event: { type: "address_replaced", inverse: { op: "set_address_generation", address: "calendar", generation: 3 } },
      summary: "a new calendar address; calendars subscribed to the old one stop updating",
    });
  });

  it("logout revokes every session; it cannot be undone into a session again", () => {
    const [change] = changesOf([{ kind: "logout" }], {});
    expect(change).toMatchObject({ effects: [{ op: "revoke_sessions" }], event: { type: "sessions_revoked", inverse: null }, summary: "logged out of your private page everywhere" });
  });
});

describe("planCommands: forget", () => {
  it("forget deletes one application per number and cannot be undone", () => {
    expect(planCommands(input([{ kind: "forget", items: [2, 1] }], TWO_DRAFTS))).toEqual({
      kind: "changes",
      changes: [
        {
          applicationId: null,
          event: { type: "forgotten", payload: { count: 1, said: "forget 2 1", summary: "Brambleworth (Data Engineer): deleted with everything about it" }, inverse: null },
          effects: [{ op: "forget_applications", applicationIds: [20] }],
          summary: "Brambleworth (Data Engineer): deleted with everything about it",
        },
        {
          applicationId: null,
          event: { type: "forgotten", payload: { count: 1, said: "forget 2 1", summary: "Acme (Backend Engineer): deleted with everything about it" }, inverse: null },
          effects: [{ op: "forget_applications", applicationIds: [10] }],
          summary: "Acme (Backend Engineer): deleted with everything about it",
        },
      ],
      irreversible: true,
      links: [],
    });
  });

  it("forget all deletes everything and cannot be undone", () => {
    expect(planCommands(input([{ kind: "forget_all" }], { target: { kind: "none" } }))).toEqual({
      kind: "changes",
      changes: [
        {
          applicationId: null,
          event: { type: "forgotten", payload: { all: true, said: "forget all", summary: "everything stored about your applications was deleted" }, inverse: null },
          effects: [{ op: "forget_all" }],
          summary: "everything stored about your applications was deleted",
        },
      ],
      irreversible: true,
      links: [],
    });
  });

  it("refuses a number the message does not have", () => {
    expect(problemsOf([{ kind: "forget", items: [3] }], TWO_DRAFTS)).toEqual([`There is no item 3 in the message you replied to. ${TWO_CHOICES}`]);
  });

  it("other changes can be undone", () => {
    expect(planCommands(input([{ kind: "done", items: [1] }, { kind: "rejected", items: [2], company: null }, { kind: "pause" }], TWO_DRAFTS))).toMatchObject({
      kind: "changes",
      irreversible: false,
    });
  });
});

describe("labelOf", () => {
  it.each<[Pick<AppView, "company" | "role"> | undefined, string]>([
    [{ company: "Acme", role: "Backend Engineer" }, "Acme (Backend Engineer)"],
    [{ company: "Acme", role: null }, "Acme"],
    [{ company: null, role: "Backend Engineer" }, "Backend Engineer"],
    [{ company: null, role: null }, "an application"],
    [undefined, "an application"],
  ])("%j → %j", (application, label) => {
    expect(labelOf(application)).toBe(label);
  });

  it("names an application the state does not hold as 'an application'", () => {
    expect(changesOf([{ kind: "heard_back", items: [2], company: null }], { ...TWO_DRAFTS, apps: [ACME] }).map((c) => c.summary)).toEqual([
      "an application: noted that they replied; pending nudges stop",
    ]);
  });
});

/** The changes, each event's payload without the command and summary every one carries for `undo` (tested on their own). */
function changesOf(commands: Command[], state: Partial<CommandInput>): PlannedChange[] {
  const plan = planCommands(input(commands, state));
  if (plan.kind !== "changes") throw new Error(`expected changes, got ${JSON.stringify(plan)}`);
  return plan.changes.map((change) => {
    const { said: _said, summary: _summary, ...payload } = change.event.payload;
    return { ...change, event: { ...change.event, payload } };
  });
}

function problemsOf(commands: Command[], state: Partial<CommandInput>): string[] {
  const plan = planCommands(input(commands, state));
  if (plan.kind !== "problems") throw new Error(`expected problems, got ${JSON.stringify(plan)}`);
  return plan.problems;
}

function input(commands: Command[], overrides: Partial<CommandInput> = {}): CommandInput {
  return { commands, target: { kind: "none" }, apps: [], followUps: [], interviews: [], user: preferences(), addressGenerations: { reply: 0, forwarding: 0, calendar: 0 }, now: NOW, ...overrides };
}

/** A digest numbering the drafts 1, 2, … in the order given. */
function digestOf(...drafts: FollowUpView[]): CommandTarget {
  return { kind: "digest", localDate: "2026-03-04", items: drafts.map((f, i) => ({ number: i + 1, followUpId: f.id, applicationId: f.applicationId })) };
}

function confirmation(applicationId: number | null): CommandTarget {
  return { kind: "confirmation", inboundId: 7, applicationId };
}

function app(overrides: Partial<AppView> = {}): AppView {
  return { id: 1, company: "Acme", role: "Backend Engineer", status: "waiting", contactName: null, contactEmail: null, language: "en", noCalls: false, notes: [], promisedTimeline: null, ...overrides };
}

function followUp(overrides: Partial<FollowUpView> = {}): FollowUpView {
  return { id: 1, applicationId: 1, key: "R1:interview-1", rule: "R1", state: "shown", dueAt: NOW, sentAt: null, snoozedUntil: null, ...overrides };
}

function interview(overrides: Partial<InterviewView> = {}): InterviewView {
  return { id: 1, applicationId: 1, startAt: null, startLocal: null, timeZone: null, status: "scheduled", ...overrides };
}

function preferences(overrides: Partial<UserPreferences> = {}): UserPreferences {
  return { timeZone: "America/Los_Angeles", country: "US", paused: false, settings: {}, ...overrides };
}

describe("planCommands: forgiving names, lists and what undo will say", () => {
  const NORTHWIND = app({ id: 30, company: "Northwind Freight GmbH", role: "Analyst" });
  const NORTHWIND_LABS = app({ id: 31, company: "Northwind Labs", role: "Analyst" });
  const CLOSED = app({ id: 32, company: "Northwind Labs", role: "Intern", status: "rejected" });

  it.each([
    ["northwind", 30],
    ["NORTHWIND FREIGHT", 30],
    ["Northwnd Freight", 30],
    ["brambleworht", 20],
  ])("matches %j to the one application it names", (company, id) => {
    const changes = changesOf([{ kind: "rejected", items: [], company }], { apps: [ACME, BRAMBLE, NORTHWIND] });
    expect(changes.map((c) => c.applicationId)).toEqual([id]);
  });

  it("asks which one when a name fits several open applications, and prefers the only open one", () => {
    expect(problemsOf([{ kind: "heard_back", items: [], company: "northwind" }], { apps: [NORTHWIND, NORTHWIND_LABS] })).toEqual([
      '"northwind" could be Northwind Freight GmbH (Analyst) or Northwind Labs (Analyst). Did you mean one of them? Write its full name, or reply to the digest or "list" with its number.',
    ]);
    expect(changesOf([{ kind: "heard_back", items: [], company: "Northwind Labs" }], { apps: [NORTHWIND_LABS, CLOSED] }).map((c) => c.applicationId)).toEqual([31]);
  });

  it("suggests the closest names when none matches, and never a far one", () => {
    expect(problemsOf([{ kind: "rejected", items: [], company: "Bramblewood Ltd" }], { apps: [ACME, BRAMBLE] })).toEqual(['No application at "Bramblewood Ltd". Did you mean "Brambleworth"?']);
    expect(problemsOf([{ kind: "rejected", items: [], company: "Zeta" }], { apps: [ACME, BRAMBLE] })).toEqual(['No application at "Zeta".']);
  });

  it("a bare command applies when every item of the digest is about one application", () => {
    const second = followUp({ id: 101, applicationId: 10, key: "R4:interview-1", rule: "R4" });
    expect(changesOf([{ kind: "rejected", items: [], company: null }], { apps: [ACME], followUps: [ACME_THANKS, second], target: digestOf(ACME_THANKS, second) }).map((c) => c.applicationId)).toEqual([10]);
  });

  it("numbers of a list are applications; a draft command acts on the application's next draft", () => {
    const later = followUp({ id: 102, applicationId: 20, key: "R4:interview-2", rule: "R4", state: "pending", dueAt: NOW + 86_400_000 });
    const list: CommandTarget = { kind: "list", items: [{ number: 1, applicationId: 10 }, { number: 2, applicationId: 20 }] };
    const state = { apps: [ACME, BRAMBLE], followUps: [later, BRAMBLE_THANKS], target: list };
    expect(changesOf([{ kind: "forget", items: [2] }], state).map((c) => c.summary)).toEqual(["Brambleworth (Data Engineer): deleted with everything about it"]);
    expect(changesOf([{ kind: "done", items: [2] }], state).map((c) => c.effects)).toEqual([[{ op: "set_follow_up", followUpId: 200, state: "sent", sentAt: NOW, snoozedUntil: null }]]);
    expect(problemsOf([{ kind: "done", items: [1] }], state)).toEqual(["Acme (Backend Engineer) has no draft waiting for \"done\"."]);
  });

  it("every event keeps the command as written and its summary in words, never a rule id", () => {
    const plan = planCommands(input([{ kind: "done", items: [1] }], TWO_DRAFTS));
    if (plan.kind !== "changes") throw new Error("expected changes");
    expect(plan.changes[0]?.event.payload).toMatchObject({ said: "done 1", summary: "Acme (Backend Engineer): thank-you note marked sent" });
    expect(JSON.stringify(plan.changes.map((c) => c.summary))).not.toMatch(/\bR\d+\b/);
  });

  it("snoozes to the Monday digest when digests come on weekdays only", () => {
    const user = preferences({ settings: { digestDays: "weekdays" } });
    const [change] = changesOf([{ kind: "snooze", item: 1, until: "2026-03-07" }], { ...ONE_DRAFT, user });
    expect(change?.summary).toBe("Acme (Backend Engineer): thank-you note snoozed to your digest on Mon 9 Mar 2026");
    expect(change?.effects).toEqual([{ op: "set_follow_up", followUpId: 100, state: "shown", sentAt: null, snoozedUntil: Date.parse("2026-03-09T07:00:00-07:00") }]);
  });
});
