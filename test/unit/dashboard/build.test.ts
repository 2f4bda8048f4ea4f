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
  type OverviewPage,
} from "../../../src/db/dashboard.ts";
import { describeEvent, describeUndoableChange } from "../../../src/core/commands/history-words.ts";
import type { DetailSource } from "../../../src/core/digest/doubts.ts";
import { searchInput, SEARCH_NOW } from "./fixture.ts";

const ZONE = "Europe/Berlin";

function overview(data: DashboardData | null): OverviewPage {
  if (data?.page.kind !== "overview") throw new Error("expected the overview");
  return data.page;
}

describe("describeEvent", () => {
  const at = Date.parse("2026-03-03T13:00:00Z");
  it.each([
    [{ type: "application_created", payload: { subject: "Your application" } }, 'Application filed from the email "Your application"'],
    [{ type: "email_filed", payload: { kind: "next_round", subject: "Round 2" } }, 'Email filed: an invitation to the next round ("Round 2")'],
    [{ type: "status_changed", payload: { from: null, to: "applied", because: "generic" } }, "Status set to applied (their email said so)"],
    [{ type: "status_changed", payload: { from: "waiting", to: "rejected", because: "command" } }, "Status waiting → rejected (you said so)"],
    [{ type: "status_changed", payload: { from: "applied", to: "gone_quiet", because: "time passed" } }, "Status applied → gone quiet (time passed)"],
    [{ type: "interview_scheduled", payload: { startAt: at } }, "Interview scheduled for Tue 3 Mar 2026, 14:00 CET"],
    [{ type: "interview_scheduled", payload: { startAt: null, startLocal: "2026-03-03T15:30" } }, "Interview scheduled for 2026-03-03 15:30 (local time)"],
    [{ type: "interview_moved", payload: { from: at, to: at + 3600_000 } }, "Interview moved from Tue 3 Mar 2026, 14:00 CET to Tue 3 Mar 2026, 15:00 CET"],
    [{ type: "interview_cancelled", payload: { startAt: at } }, "Interview cancelled (it was set for Tue 3 Mar 2026, 14:00 CET)"],
    [{ type: "timeline_promised", payload: { timeline: { text: "within two weeks" } } }, 'They said when they would reply: "within two weeks"'],
    [{ type: "note_added", payload: { note: "Ask about on-call" } }, 'Your note: "Ask about on-call"'],
    [{ type: "details_updated", payload: { company: "Acme", contactName: "Jo Park", contactEmail: "jo@acme.example" } }, 'Details updated: company "Acme", contact Jo Park jo@acme.example'],
    [{ type: "follow_up_sent", payload: { rule: "R1" } }, "Thank-you note marked sent"],
    [{ type: "follow_up_skipped", payload: { rule: "R6" } }, "Second follow-up skipped"],
    [{ type: "follow_up_snoozed", payload: { rule: "R4", until: Date.parse("2026-03-09T06:00:00Z") } }, "Status check snoozed to Mon 9 Mar 2026"],
    [{ type: "employer_replied", payload: { via: "command" } }, "You noted that they replied"],
    [{ type: "offer_elsewhere", payload: { deadline: "2026-03-20" } }, "You noted an offer elsewhere (deadline 2026-03-20)"],
    [{ type: "settings_changed", payload: { said: "timezone: Europe/Paris", summary: "time zone set to Europe/Paris" } }, "time zone set to Europe/Paris"],
    [{ type: "something_new", payload: {} }, "A change was recorded"],
  ])("%o → %s", (event, words) => {
    expect(describeEvent(event, ZONE)).toBe(words);
  });
});

describe("describeUndoableChange", () => {
  it("names commands by what was said and done, else the message: a reply, a page action or a forward", () => {
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
    const line = `I was not sure of the contact, ${contact}: check it, and reply "contact: ${contact}" with it corrected, or as it is to confirm it.`;
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
});
