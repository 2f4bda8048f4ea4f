import { describe, expect, it } from "vitest";
import {
  BOARD_CARDS_PER_COLUMN,
  buildDashboard,
  DUE_DRAFTS_TEXT_CHARS,
  RECENT_CHANGES,
  STATUS_PAGE_SIZE,
  type DashboardData,
  type DashboardEvent,
  type DashboardInput,
  type ApplicationPage,
  type OverviewPage,
} from "../../../src/db/dashboard.ts";
import { describeEvent, describeUndoableChange } from "../../../src/core/commands/history-words.ts";
import type { DetailSource } from "../../../src/core/digest/doubts.ts";
import { PLACEHOLDERS } from "../../../src/core/follow-ups/drafts.ts";
import { searchInput, SEARCH_NOW } from "./fixture.ts";

const ZONE = "Europe/Berlin";

function overview(data: DashboardData | null): OverviewPage {
  if (data?.page.kind !== "overview") throw new Error("expected the overview");
  return data.page;
}

function applicationPage(input: DashboardInput, applicationId: number): ApplicationPage {
  const data = buildDashboard({ ...input, view: { kind: "application", applicationId } });
  if (data?.page.kind !== "application") throw new Error("expected the application's page");
  return data.page;
}

describe("describeEvent", () => {
  const at = Date.parse("2026-03-03T13:00:00Z");
  it.each([
    [{ type: "application_created", payload: { subject: "Your application" } }, 'Application filed from the email "Your application"'],
    [{ type: "email_filed", payload: { kind: "next_round", subject: "Round 2" } }, 'Email filed: an invitation to the next round ("Round 2")'],
    [{ type: "status_changed", payload: { from: null, to: "applied", because: "generic" } }, "Marked as applied (their email said so)"],
    [{ type: "status_changed", payload: { from: "waiting", to: "rejected", because: "command" } }, "Marked as rejected (you said so)"],
    [{ type: "status_changed", payload: { from: "interviewing", to: "offer", because: "offer" } }, "Marked as an offer (their email said so)"],
    [{ type: "status_changed", payload: { from: "interviewing", to: "waiting", because: "time passed" } }, "Interview done: now waiting for their answer"],
    [{ type: "status_changed", payload: { from: "applied", to: "gone_quiet", because: "time passed" } }, "No answer after your follow-ups: marked as gone quiet"],
    [{ type: "interview_scheduled", payload: { startAt: at } }, "Interview scheduled for Tue 3 Mar 2026, 14:00 CET"],
    [{ type: "interview_scheduled", payload: { startAt: null, startLocal: "2026-03-03T15:30" } }, "Interview scheduled for Tue 3 Mar 2026, 15:30 (local time)"],
    [{ type: "interview_moved", payload: { from: at, to: at + 3600_000 } }, "Interview moved from Tue 3 Mar 2026, 14:00 CET to Tue 3 Mar 2026, 15:00 CET"],
    [{ type: "interview_cancelled", payload: { startAt: at } }, "Interview cancelled (it was set for Tue 3 Mar 2026, 14:00 CET)"],
    [{ type: "timeline_promised", payload: { timeline: { text: "within two weeks" } } }, 'They said when they would reply: "within two weeks"'],
    [{ type: "note_added", payload: { note: "Ask about on-call" } }, 'Your note: "Ask about on-call"'],
    [{ type: "details_updated", payload: { company: "Acme", contactName: "Jo Park", contactEmail: "jo@acme.example" } }, 'Details updated: company "Acme", contact Jo Park <jo@acme.example>'],
    [{ type: "details_updated", payload: { company: "Atlasia Finance" }, replaced: { company: "Atlasia Finance" } }, "Company confirmed: Atlasia Finance"],
    [{ type: "details_updated", payload: { contactName: "Jo Park", contactEmail: "jo@acme.example" }, replaced: { contactName: "Jo Park", contactEmail: "jo@acme.example" } }, "Contact confirmed: Jo Park <jo@acme.example>"],
    [{ type: "details_updated", payload: { contactName: null, contactEmail: "jo@acme.example" }, replaced: { contactName: "Jo Park", contactEmail: "jo@acme.example" } }, "Details updated: contact jo@acme.example"],
    [{ type: "details_updated", payload: { company: "Atlasia Finance" }, replaced: { company: "Atlasia" } }, 'Details updated: company "Atlasia Finance"'],
    [{ type: "follow_up_sent", payload: { rule: "R1" } }, "Thank-you note marked sent"],
    [{ type: "follow_up_skipped", payload: { rule: "R6" } }, "Second follow-up skipped"],
    [{ type: "follow_up_snoozed", payload: { rule: "R4", until: Date.parse("2026-03-09T06:00:00Z") } }, "Status check snoozed to Mon 9 Mar 2026"],
    [{ type: "employer_replied", payload: { via: "command" } }, "You noted that they replied: follow-ups paused"],
    [{ type: "offer_elsewhere", payload: { deadline: "2026-03-20" } }, "You noted an offer elsewhere (deadline Fri 20 Mar 2026)"],
    [{ type: "settings_changed", payload: { said: "timezone: Europe/Paris", summary: "time zone set to Europe/Paris" } }, "Time zone set to Europe/Paris"],
    [{ type: "something_new", payload: {} }, "A change was recorded"],
  ])("%o → %s", (event, words) => {
    expect(describeEvent(event, ZONE)).toBe(words);
  });
});

describe("describeUndoableChange", () => {
  it("names commands by mail by what was said and done, else the message: a reply, a page action or a forward", () => {
    expect(describeUndoableChange([{ said: "done 1", summary: "Acme: thank-you note marked sent" }, { said: "done 1", summary: "Acme: thank-you note marked sent" }], { channel: "command", subject: "Re: Digest" })).toEqual([
      "done 1 — Acme: thank-you note marked sent",
    ]);
    expect(describeUndoableChange([{}], { channel: "command", subject: "Re: Digest" })).toEqual(['your reply "Re: Digest"']);
    expect(describeUndoableChange([{}], { channel: "page", subject: "rejected 2" })).toEqual(['your change "rejected 2" on your private page']);
    expect(describeUndoableChange([{ kind: "invitation" }], { channel: "forward", subject: "Interview" })).toEqual(['the filing of "Interview"']);
  });
});

describe("buildDashboard", () => {
  it("puts every application in its status's column, the most recently changed first, a few per column with the column's count", () => {
    const page = overview(buildDashboard(searchInput(200)));
    expect(page.board.map((c) => [c.status, c.total])).toEqual([
      ["applied", 30],
      ["interviewing", 20],
      ["waiting", 20],
      ["offer", 10],
      ["rejected", 80],
      ["withdrawn", 20],
      ["gone_quiet", 20],
    ]);
    for (const column of page.board) {
      expect(column.cards.length).toBe(Math.min(column.total, BOARD_CARDS_PER_COLUMN));
      expect(column.cards.every((c) => c.status === column.status)).toBe(true);
      const times = column.cards.map((c) => c.lastEventAt!);
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    expect(page.totalApplications).toBe(200);
  });

  it("offers the status choices the form accepts: heard back while open, the other endings always", () => {
    const page = overview(buildDashboard(searchInput(40)));
    const choices = (status: string) => page.board.find((c) => c.status === status)!.cards[0]!.statusChoices.map((c) => c.value);
    expect(choices("waiting")).toEqual(["heard_back", "rejected", "offer", "withdrawn"]);
    expect(choices("rejected")).toEqual(["offer", "withdrawn"]);
    expect(choices("offer")).toEqual(["rejected", "withdrawn"]);
  });

  it("pages one column, clamping a page past the end", () => {
    const input = searchInput(1000);
    const first = buildDashboard({ ...input, view: { kind: "status", status: "rejected", page: 1 } });
    const last = buildDashboard({ ...input, view: { kind: "status", status: "rejected", page: 99 } });
    if (first?.page.kind !== "status" || last?.page.kind !== "status") throw new Error("expected a column");
    expect(first.page.column.total).toBe(400);
    expect(first.page.pages).toBe(400 / STATUS_PAGE_SIZE);
    expect(first.page.column.cards).toHaveLength(STATUS_PAGE_SIZE);
    expect(last.page.page).toBe(first.page.pages);
    const ids = new Set([...first.page.column.cards, ...last.page.column.cards].map((c) => c.id));
    expect(ids.size).toBe(2 * STATUS_PAGE_SIZE);
  });

  it("has no page for an application the records do not hold", () => {
    expect(buildDashboard(searchInput(10, { kind: "application", applicationId: 11 }))).toBeNull();
    expect(buildDashboard(searchInput(10, { kind: "application", applicationId: 10 }))?.page.kind).toBe("application");
  });

  it("shows the drafts due now, oldest first, within their text budget, and names the next ones", () => {
    const input = searchInput(1000);
    const page = overview(buildDashboard(input));
    expect(page.dueDrafts.length).toBeGreaterThan(0);
    expect(page.dueDrafts.map((d) => d.dueAt)).toEqual([...page.dueDrafts.map((d) => d.dueAt)].sort((a, b) => a - b));
    expect(page.dueDrafts.every((d) => d.dueAt < SEARCH_NOW + 24 * 3600_000)).toBe(true);
    expect(page.moreDueDrafts).toBeGreaterThan(0);
    expect(page.soon.every((f) => f.at > SEARCH_NOW)).toBe(true);

    const long = "A long paragraph about the role. ".repeat(300);
    // Keys the rules no longer plan: the stored text is shown as it is.
    const longInput: DashboardInput = { ...input, records: { ...input.records, followUps: input.records.followUps.map((f) => ({ ...f, key: `stored:${f.key}`, body: long })) } };
    const longPage = overview(buildDashboard(longInput));
    expect(longPage.dueDrafts).toHaveLength(1);
    expect(long.length).toBeLessThan(DUE_DRAFTS_TEXT_CHARS);
    expect(longPage.moreDueDrafts).toBe(page.dueDrafts.length + page.moreDueDrafts - 1);
  });

  it("removes hidden controls from every text, so a name cannot read as another", () => {
    const input = searchInput(20);
    const spoofed: DashboardInput = {
      ...input,
      records: { ...input.records, applications: input.records.applications.map((a) => ({ ...a, company: `Dana \u202egpj.exe\u202c ${a.id}`, role: `Eng\u200bineer` })) },
    };
    const text = JSON.stringify(buildDashboard(spoofed));
    expect(text).toContain("Dana gpj.exe 1");
    expect(text).toContain("Engineer");
    expect(text).not.toMatch(/[\u202a-\u202e\u200b]/);
  });

  it("shows a draft as the rules write it now, not as it was stored", () => {
    const input = searchInput(40);
    const stale: DashboardInput = { ...input, records: { ...input.records, followUps: input.records.followUps.map((f) => ({ ...f, subject: "Stale subject", body: "Stale text" })) } };
    const page = overview(buildDashboard(stale));
    expect(page.dueDrafts.length).toBeGreaterThan(0);
    for (const draft of page.dueDrafts) {
      expect(draft.body).not.toBe("Stale text");
      expect(draft.body).toContain("Ana María Núñez");
      expect(draft.subject).not.toBe("Stale subject");
    }
  });

  it("counts the funnel from the history: the interviews of rejected applications still count", () => {
    const input = searchInput(20);
    const page = overview(buildDashboard(input));
    const whole = page.funnel.find((c) => c.title === "Whole search")!.figures;
    // 20 applications: 8 rejected, 4 of them after an interview; 1 offer.
    expect(whole.applications).toBe(20);
    expect(whole.rejections).toBe(8);
    expect(whole.offers).toBe(1);
    const held = input.records.interviews.filter((i) => i.startAt! <= SEARCH_NOW);
    const rejected = new Set(input.records.applications.filter((a) => a.status === "rejected").map((a) => a.id));
    expect(held.filter((i) => rejected.has(i.applicationId))).toHaveLength(4);
    expect(whole.interviews).toBe(held.length);
  });

  it("finds the step Undo would reverse as findLastChange does, and always lists it among the latest changes", () => {
    const input = searchInput(40);
    const lastStepInbound = input.events.findLast((e) => e.inboundMessageId !== null)!.inboundMessageId;
    const data = buildDashboard(input)!;
    const step = input.events.filter((e) => e.inboundMessageId === lastStepInbound);
    expect(data.undo?.applicationIds).toEqual([...new Set(step.map((e) => e.applicationId))]);

    // Many later changes without a message (time passing) push the step down the list: it stays.
    const lastId = Math.max(...input.events.map((e) => e.id));
    const later: DashboardEvent[] = Array.from({ length: RECENT_CHANGES + 5 }, (_, i) => ({
      id: lastId + 1 + i,
      applicationId: 1,
      inboundMessageId: null,
      type: "status_changed",
      payload: { from: "applied", to: "gone_quiet", because: "time passed" },
      at: SEARCH_NOW - 1000 + i,
      undoneAt: null,
      source: null,
    }));
    const pushed = overview(buildDashboard({ ...input, events: [...input.events, ...later] }));
    expect(pushed.recent.filter((e) => !e.inUndo)).toHaveLength(RECENT_CHANGES);
    expect(pushed.recent.filter((e) => e.inUndo).map((e) => e.eventId).sort()).toEqual(step.map((e) => e.id).sort());
    expect(pushed.recent.map((e) => e.eventId)).toEqual([...pushed.recent.map((e) => e.eventId)].sort((a, b) => b - a));

    // Everything undone: nothing left to undo.
    const allUndone = buildDashboard({ ...input, events: input.events.map((e) => ({ ...e, undoneAt: SEARCH_NOW })) })!;
    expect(allUndone.undo).toBeNull();
  });
  it("says what to check before sending a draft whose contact was read unsure, in the digest's words, until the owner's `contact:` settles it", () => {
    const input = searchInput(40);
    const apps = new Map(input.records.applications.map((a) => [a.id, a]));
    const draft = overview(buildDashboard(input)).dueDrafts.find((d) => d.to.some((p) => p.email === apps.get(d.applicationId)!.contactEmail))!;
    const app = apps.get(draft.applicationId)!;
    const created: DetailSource = { applicationId: app.id, interviewId: null, type: "application_created", payload: { company: app.company }, setBy: "email", confidence: { company: { score: 0.9 }, contact: { score: 0.4 } } };
    const corrected: DetailSource = { ...created, type: "details_updated", payload: { contactName: app.contactName, contactEmail: app.contactEmail }, setBy: "owner", confidence: null };
    const contact = `${app.contactName} <${app.contactEmail}>`;
    const line = `Is the contact "${contact}"? Reply "contact: ${contact}" to confirm it, or with the right name and address.`;
    const checksOn = (detailSources: DetailSource[]) => {
      const page = overview(buildDashboard({ ...input, detailSources }));
      const own = buildDashboard({ ...input, detailSources, view: { kind: "application", applicationId: app.id } })!.page;
      if (own.kind !== "application") throw new Error("expected the application's page");
      return {
        overview: page.dueDrafts.find((d) => d.id === draft.id)!.checks,
        application: own.drafts.find((d) => d.id === draft.id)!.checks,
        others: page.dueDrafts.filter((d) => d.applicationId !== app.id).flatMap((d) => d.checks),
      };
    };

    expect(draft.checks).toEqual([]);
    expect(checksOn([created])).toEqual({ overview: [line], application: [line], others: [] });
    expect(checksOn([created, corrected])).toEqual({ overview: [], application: [], others: [] });
  });
  it("names the step Undo would reverse in the timeline's words, never by the command as typed, with the application's label where others are listed", () => {
    const input = searchInput(20);
    const [first, second] = input.records.applications.filter((a) => a.status === "waiting");
    const label = (app: typeof first) => `${app!.company} (${app!.role})`;
    const lastId = Math.max(...input.events.map((e) => e.id));
    const inbound = Math.max(...input.events.map((e) => e.inboundMessageId ?? 0)) + 1;
    // Friday 13 March 2026, 07:30 in Berlin: the digest the snooze moved it to.
    const until = Date.parse("2026-03-13T06:30:00Z");
    const reply = (id: number, applicationId: number, type: string, payload: Record<string, unknown>): DashboardEvent => ({
      id,
      applicationId,
      inboundMessageId: inbound,
      type,
      payload,
      at: SEARCH_NOW - 1000,
      undoneAt: null,
      source: { channel: "command", subject: "Re: Today: 2 follow-ups to send" },
    });
    const snooze = reply(lastId + 1, first!.id, "follow_up_snoozed", {
      followUpKey: `R4:${first!.id}`,
      rule: "R4",
      until,
      said: "snooze 2 2026-03-13",
      summary: `${label(first)}: status check snoozed to your digest on Fri 13 Mar 2026`,
    });
    const withSnooze: DashboardInput = { ...input, events: [...input.events, snooze] };
    expect(buildDashboard(withSnooze)!.undo!.changes).toEqual([{ label: label(first), words: "Status check snoozed to Fri 13 Mar 2026" }]);
    expect(buildDashboard({ ...withSnooze, view: { kind: "application", applicationId: first!.id } })!.undo!.changes).toEqual([{ label: null, words: "Status check snoozed to Fri 13 Mar 2026" }]);
    expect(JSON.stringify(buildDashboard(withSnooze)!.undo)).not.toContain("snooze 2");

    // One reply that marked two drafts sent, one of them twice: each change once, each with its application.
    const sent = (id: number, applicationId: number) => reply(id, applicationId, "follow_up_sent", { followUpKey: `R1:${applicationId}`, rule: "R1", said: "done 1 2 1", summary: "marked sent" });
    const twoSent: DashboardInput = { ...input, events: [...input.events, sent(lastId + 1, first!.id), sent(lastId + 2, second!.id), sent(lastId + 3, first!.id)] };
    const words = "Thank-you note marked sent";
    expect(buildDashboard(twoSent)!.undo!.changes).toEqual([
      { label: label(first), words },
      { label: label(second), words },
    ]);
    expect(buildDashboard({ ...twoSent, view: { kind: "application", applicationId: second!.id } })!.undo!.changes).toEqual([
      { label: label(first), words },
      { label: null, words },
    ]);
  });

  it("leaves a closed application's interviews out of what is ahead: not upcoming, not its next step; its own page says they are not expected", () => {
    const input = searchInput(20);
    const app = input.records.applications.find((a) => a.status === "interviewing")!;
    const interview = input.records.interviews.find((i) => i.applicationId === app.id)!;
    expect(interview.startAt!).toBeGreaterThan(SEARCH_NOW);
    expect(overview(buildDashboard(input)).interviews.map((i) => i.id)).toContain(interview.id);
    const open = applicationPage(input, app.id);
    expect(open.card.nextStep).toMatch(/^Interview /);
    expect(open.interviews.map((i) => [i.id, i.afterClosing])).toEqual([[interview.id, false]]);

    for (const status of ["rejected", "withdrawn", "offer"] as const) {
      const closed: DashboardInput = { ...input, records: { ...input.records, applications: input.records.applications.map((a) => (a.id === app.id ? { ...a, status } : a)) } };
      expect(overview(buildDashboard(closed)).interviews.map((i) => i.id), status).not.toContain(interview.id);
      const own = applicationPage(closed, app.id);
      expect(own.card.nextStep ?? "", status).not.toMatch(/Interview/);
      expect(own.interviews.map((i) => [i.id, i.afterClosing]), status).toEqual([[interview.id, true]]);
    }
  });

  it("writes an interview known only by its local time in the page's words, never as an ISO date", () => {
    const input = searchInput(20);
    const app = input.records.applications.find((a) => a.status === "interviewing")!;
    const local: DashboardInput = {
      ...input,
      records: { ...input.records, interviews: input.records.interviews.map((i) => (i.applicationId === app.id ? { ...i, startAt: null, startLocal: "2026-03-14T10:30", timeZone: null } : i)) },
    };
    expect(applicationPage(local, app.id).card.nextStep).toBe("Interview Sat 14 Mar 2026, 10:30 (local time)");
  });

  it("keeps a note's lines, the ones marked `point:` apart, and marks the one the drafts recall", () => {
    const input = searchInput(20);
    const app = input.records.applications.find((a) => a.status === "waiting")!;
    const notes = [
      "Met the platform team.\npoint: their on-call rotation",
      "\nTheir field robots stream telemetry over flaky LTE;\nask Dev how they buffer it.\npoint: how your field robots keep their telemetry when the LTE link drops\n",
      "Only for me: salary range 70–80k",
    ];
    const withNotes: DashboardInput = { ...input, records: { ...input.records, applications: input.records.applications.map((a) => (a.id === app.id ? { ...a, notes } : a)) } };
    expect(applicationPage(withNotes, app.id).notes).toEqual([
      { privateLines: ["Met the platform team."], points: [{ text: "their on-call rotation", used: false }] },
      {
        privateLines: ["Their field robots stream telemetry over flaky LTE;", "ask Dev how they buffer it."],
        points: [{ text: "how your field robots keep their telemetry when the LTE link drops", used: true }],
      },
      { privateLines: ["Only for me: salary range 70–80k"], points: [] },
    ]);
    // The draft recalls the one marked as used.
    const thankYou = applicationPage(withNotes, app.id).drafts.find((d) => d.kind === "thank-you note")!;
    expect(thankYou.body).toContain("how your field robots keep their telemetry when the LTE link drops");
    expect(thankYou.body).not.toContain("on-call rotation");
  });

  it("lists the status check's optional addition apart from the spots to fill in", () => {
    const input = searchInput(20);
    const app = input.records.applications.find((a) => a.status === "waiting")!;
    const check = applicationPage(input, app.id).drafts.find((d) => d.kind === "status check")!;
    expect(check.body).toContain(PLACEHOLDERS.addition);
    expect(check.optionalPlaceholders).toEqual([PLACEHOLDERS.addition]);
    expect(check.placeholders).not.toContain(PLACEHOLDERS.addition);
  });

  it("offers the owner's words for heard back: they replied, follow-ups pause", () => {
    const page = overview(buildDashboard(searchInput(20)));
    const open = page.board.find((c) => c.status === "applied")!.cards[0]!;
    expect(open.statusChoices[0]).toEqual({ value: "heard_back", words: "they replied (pause follow-ups)" });
  });
});
