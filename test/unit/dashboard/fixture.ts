/**
 * A whole job search as the private page reads it, made up: `count` applications in every
 * status, with the events their filings, replies and the rules recorded, their interviews and
 * the follow-ups a refresh leaves. The page's tests and the benchmark build their pages from it.
 * All companies and people are fictional.
 */
import { buildDashboard, type DashboardData, type DashboardEvent, type DashboardInput, type DashboardView } from "../../../src/db/dashboard.ts";
import type { ApplicationStatus } from "../../../src/core/applications/status.ts";
import type { UserRecords } from "../../../src/core/follow-ups/refresh.ts";
import { planRefresh, recordsAfterRefresh } from "../../../src/core/follow-ups/refresh.ts";

/** Monday 9 March 2026, 08:30 in Berlin. */
export const SEARCH_NOW = Date.parse("2026-03-09T07:30:00Z");
export const SEARCH_TIME_ZONE = "Europe/Berlin";
const DAY_MS = 24 * 3600_000;
const HOUR_MS = 3600_000;

export const SEARCH_OWNER = {
  email: "ana.nunez@example.com",
  timeZone: SEARCH_TIME_ZONE,
  country: "DE",
  paused: false,
  settings: { signature: "Ana María Núñez", digestHour: 7, digestMinute: 30 },
};

/** Out of every 20 applications: 8 rejected, 2 withdrawn, 1 offer, 2 gone quiet, 3 applied, 2 interviewing, 2 waiting. */
const SHAPES: readonly ApplicationStatus[] = [
  "rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected",
  "withdrawn", "withdrawn", "offer", "gone_quiet", "gone_quiet",
  "applied", "applied", "applied", "interviewing", "interviewing", "waiting", "waiting",
];

const COMPANIES = ["Kestrel Works", "Orchard Pay", "Brightfjord Logistics", "Lumen Robotics", "Nordlicht Systeme GmbH", "Tallow & Finch", "Quillon Health", "Marram Energy"];
const ROLES = ["Backend Engineer", "Senior Platform Engineer", "Data Analyst", "Site Reliability Engineer", "Product Designer"];

interface SearchRecords {
  records: UserRecords;
  events: DashboardEvent[];
}

/** The records of a search with `count` applications, before the follow-ups are planned. */
export function searchRecords(count: number, now: number): SearchRecords {
  const records: UserRecords = { applications: [], interviews: [], events: [], followUps: [] };
  const events: DashboardEvent[] = [];
  let nextInbound = 1;
  const raw: DashboardEvent[] = [];
  const record = (applicationId: number, inbound: number | null, type: string, payload: Record<string, unknown>, at: number, source: DashboardEvent["source"]) => {
    raw.push({ id: 0, applicationId, inboundMessageId: inbound, type, payload, at, undoneAt: null, source });
  };
  for (let index = 0; index < count; index++) {
    const id = index + 1;
    const status = SHAPES[index % SHAPES.length]!;
    const company = `${COMPANIES[index % COMPANIES.length]} ${Math.floor(index / COMPANIES.length) + 1}`;
    const role = ROLES[index % ROLES.length]!;
    const spread = (index % 9) * DAY_MS + (index % 5) * HOUR_MS;
    const appliedAt = now - (status === "applied" ? 4 * DAY_MS : status === "interviewing" ? 12 * DAY_MS : 60 * DAY_MS) - spread;
    const contact = { name: `Robin Vale ${id}`, email: `robin.vale.${id}@talent-team-${id}.example` };
    records.applications.push({ id, company, role, status, contactName: contact.name, contactEmail: contact.email, language: "en", noCalls: false, notes: [], promisedTimeline: null });
    const filing = nextInbound++;
    const subject = `Your application: ${role}`;
    record(id, filing, "application_created", { company, role, subject, sentAt: appliedAt }, appliedAt, { channel: "forward", subject });
    record(id, filing, "status_changed", { from: null, to: "applied", because: "generic", subject, sentAt: appliedAt }, appliedAt, { channel: "forward", subject });
    record(id, filing, "email_filed", { kind: "generic", subject, sentAt: appliedAt }, appliedAt, { channel: "forward", subject });
    const interviewed = status !== "applied" && status !== "gone_quiet" && index % 2 === 0;
    const interviewAt =
      status === "interviewing" ? now + (1 + (index % 6)) * DAY_MS + 6 * HOUR_MS : status === "waiting" ? now - 8 * DAY_MS - spread : appliedAt + 14 * DAY_MS;
    if (interviewed || status === "interviewing" || status === "waiting" || status === "offer") {
      const invitedAt = Math.min(interviewAt - 5 * DAY_MS, now - HOUR_MS);
      const invite = nextInbound++;
      const inviteSubject = `Interview invitation: ${role} at ${company}`;
      records.interviews.push({
        id,
        applicationId: id,
        startAt: interviewAt,
        startLocal: null,
        timeZone: index % 3 === 0 ? "America/New_York" : SEARCH_TIME_ZONE,
        durationMin: 45,
        interviewers: [contact],
        status: "scheduled",
        subject: inviteSubject,
        format: index % 4 === 0 ? "phone" : "video",
        meetingUrl: index % 4 === 0 ? null : `https://meet.example/${company.toLowerCase().replaceAll(" ", "-")}-${id}`,
      });
      record(id, invite, "status_changed", { from: "applied", to: "interviewing", because: "invitation", subject: inviteSubject, sentAt: invitedAt }, invitedAt, { channel: "forward", subject: inviteSubject });
      record(id, invite, "interview_scheduled", { startAt: interviewAt, startLocal: null, timeZone: SEARCH_TIME_ZONE }, invitedAt, { channel: "forward", subject: inviteSubject });
      record(id, invite, "email_filed", { kind: "invitation", subject: inviteSubject, sentAt: invitedAt }, invitedAt, { channel: "forward", subject: inviteSubject });
    }
    const decidedAt = appliedAt + 30 * DAY_MS;
    if (status === "rejected" || status === "offer") {
      const decision = nextInbound++;
      const decisionSubject = status === "offer" ? `Offer: ${role}` : `Update on your application: ${role}`;
      const from = interviewed || status === "offer" ? "interviewing" : "applied";
      record(id, decision, "status_changed", { from, to: status, because: status === "offer" ? "offer" : "rejection", subject: decisionSubject, sentAt: decidedAt }, decidedAt, { channel: "forward", subject: decisionSubject });
      record(id, decision, "email_filed", { kind: status === "offer" ? "offer" : "rejection", subject: decisionSubject, sentAt: decidedAt }, decidedAt, { channel: "forward", subject: decisionSubject });
    }
    if (status === "withdrawn") {
      const reply = nextInbound++;
      const said = `withdraw ${company}`;
      record(id, reply, "status_changed", { from: "applied", to: "withdrawn", because: "command", said, summary: `${company} (${role}): status applied → withdrawn` }, decidedAt, { channel: "command", subject: "Re: Your digest" });
    }
    if (status === "gone_quiet") {
      for (const [n, rule] of (["R5", "R6"] as const).entries()) {
        const reply = nextInbound++;
        const at = appliedAt + (7 + 7 * n) * DAY_MS;
        record(id, reply, "follow_up_sent", { followUpKey: `${rule}:${id}`, rule, said: `done ${n + 1}`, summary: `${company} (${role}): follow-up marked sent` }, at, { channel: "command", subject: "Re: Digest" });
      }
      record(id, null, "status_changed", { from: "applied", to: "gone_quiet", because: "time passed" }, appliedAt + 40 * DAY_MS, null);
    }
  }
  raw.sort((a, b) => a.at - b.at);
  raw.forEach((event, i) => events.push({ ...event, id: i + 1 }));
  records.events = events.map((e) => ({ applicationId: e.applicationId, type: e.type, payload: e.payload, at: e.at, undoneAt: e.undoneAt }));
  return { records, events };
}

/**
 * The page's input for a search of `count` applications at SEARCH_NOW, its follow-ups as a
 * refresh at that instant stored them. Every detail was read sure: no detail sources, so no
 * draft has anything to check until a test adds the sources of a doubt.
 */
export function searchInput(count: number, view: DashboardView = { kind: "overview" }): DashboardInput {
  const { records, events } = searchRecords(count, SEARCH_NOW);
  const refresh = planRefresh(records, SEARCH_OWNER, SEARCH_NOW);
  return { owner: SEARCH_OWNER, records: recordsAfterRefresh(records, refresh), events, detailSources: [], now: SEARCH_NOW, view };
}

export function searchDashboard(count: number, view: DashboardView = { kind: "overview" }): DashboardData {
  const data = buildDashboard(searchInput(count, view));
  if (!data) throw new Error("the search has no such page");
  return data;
}

export const HOSTILE_COMPANY = "<script>alert(1)</script>";
export const HOSTILE_MEETING_URL = "javascript:alert(document.cookie)//https://meet.example/x";

/**
 * A small search where the email-given text is hostile: a company named like a script, an
 * interview whose link is a javascript: URL, and a note with markup in it.
 */
export function hostileInput(view: DashboardView = { kind: "overview" }): DashboardInput {
  const input = searchInput(20, view);
  const records = input.records;
  const target = records.applications.find((a) => a.status === "interviewing")!;
  const interview = records.interviews.find((i) => i.applicationId === target.id)!;
  return {
    ...input,
    records: {
      ...records,
      applications: records.applications.map((a) => (a.id === target.id ? { ...a, company: HOSTILE_COMPANY, notes: ['<img src=x onerror="alert(2)">'] } : a)),
      interviews: records.interviews.map((i) => (i.id === interview.id ? { ...i, meetingUrl: HOSTILE_MEETING_URL } : i)),
    },
  };
}

export function hostileDashboard(view: DashboardView = { kind: "overview" }): DashboardData {
  const data = buildDashboard(hostileInput(view));
  if (!data) throw new Error("the search has no such page");
  return data;
}
