/**
 * The private page's data: one batch of reads (the owner's visible applications with their
 * interviews and follow-ups, and every event with the message it came from), and
 * `buildDashboard`, which shapes it into `DashboardData`. Loading a page writes nothing: the
 * follow-ups are as the last filing, reply, page action or digest left them. The drafts shown
 * are written by the rules at this instant (a stored text may predate a change it reflects, as
 * the digest knows, src/core/follow-ups/sync.ts), for the applications shown only, so a page
 * costs the same however long the search. A draft relying on a detail read unsure from an
 * email, and not set by the owner since, says what to check as the digest does
 * (src/core/digest/doubts.ts). The shaping is pure and takes the instant as an
 * argument, so the benchmark measures the page from the same data without D1.
 *
 * `DashboardData` is plain data, already in the owner's words where the core has them
 * (statuses, kinds of follow-up, what each event did, what undo would reverse); times stay
 * instants, which the page writes in the owner's zone. It holds only what one page shows, so
 * the page's size stays within budget however long the search: each board column its most
 * recent cards with the column's count, a limited number of drafts, interviews and changes.
 * Everything from an email is untrusted text.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { events, inboundMessages, interviews } from "./schema.ts";
import type { UserRow } from "./users.ts";
import { toFollowUpRecord, userRecordsReads } from "./follow-ups.ts";
import { toApplicationRecord, toInterviewRecord } from "./applications.ts";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../core/applications/status.ts";
import { ASSUMED_INTERVIEW_MIN, type ApplicationRecord } from "../core/applications/records.ts";
import { computeFunnel, type FunnelFigures, type FunnelInput } from "../core/applications/funnel.ts";
import type { UserRecords } from "../core/follow-ups/refresh.ts";
import { buildHistory } from "../core/follow-ups/history.ts";
import { planFollowUps, type FollowUpPlan } from "../core/follow-ups/rules.ts";
import { parseSettings, type Settings } from "../core/follow-ups/settings.ts";
import { labelOf } from "../core/commands/plan.ts";
import { describeDay, describeFollowUpKind, describeStatus } from "../core/applications/words.ts";
import { commandChangesOf, describeChangeSource, describeEvent, describeLocalDateTime, type ChangeSource } from "../core/commands/history-words.ts";
import { PLACEHOLDERS, pickPoint } from "../core/follow-ups/drafts.ts";
import { readMarkedPoints } from "../core/applications/notes.ts";
import { addCalendarDays, atLocalTime, parseLocalDateTime, toLocalDate } from "../core/time/business-days.ts";
import { formatInstant } from "../core/time/format.ts";
import { stripHiddenControls } from "../core/text/untrusted.ts";
import { describeCheck, DETAIL_EVENT_TYPES, findDoubts, listChecks, toDetailSource, type ApplicationDoubts, type DetailSource } from "../core/digest/doubts.ts";

/** Cards per board column on the overview; "show all" opens the column's own pages. */
export const BOARD_CARDS_PER_COLUMN = 6;
/** Cards per page of one column's own view. */
export const STATUS_PAGE_SIZE = 40;
/**
 * Drafts due now shown with their text: at most this many, and after the first, only while
 * their texts stay within DUE_DRAFTS_TEXT_CHARS (each draft's mail link is capped on its own,
 * src/core/digest/mailto.ts), so a few long drafts cannot push the page over its size budget.
 * The rest stay due and come up as these are sent or skipped.
 */
export const MAX_DUE_DRAFTS = 10;
export const DUE_DRAFTS_TEXT_CHARS = 12_000;
/** Follow-ups coming in the next days, listed without their text (each is on its application's page). */
export const MAX_SOON_FOLLOW_UPS = 10;
/** How far ahead "coming soon" looks, in days after today. */
export const SOON_DAYS = 7;
export const MAX_UPCOMING_INTERVIEWS = 10;
/** Latest changes listed on the overview (the step undo would reverse is always among them). */
export const RECENT_CHANGES = 10;
/** The funnel's windows, in local days up to today; null for the whole search. */
const FUNNEL_WINDOWS: readonly { title: string; days: number | null }[] = [
  { title: "7 days", days: 7 },
  { title: "30 days", days: 30 },
  { title: "Whole search", days: null },
];
const MINUTE_MS = 60_000;
const OPEN_STATUSES: ReadonlySet<ApplicationStatus> = new Set(["applied", "interviewing", "waiting", "gone_quiet"]);
/** The status check's optional addition (C6): the owner fills it or deletes its sentence. */
const OPTIONAL_PLACEHOLDERS: ReadonlySet<string> = new Set([PLACEHOLDERS.addition]);

/** Which page: the overview, one board column (paged), or one application with its whole timeline. */
export type DashboardView = { kind: "overview" } | { kind: "status"; status: ApplicationStatus; page: number } | { kind: "application"; applicationId: number };

/** What the status form can set (POST /dashboard/applications/:id/status). */
export type StatusAction = "rejected" | "offer" | "withdrawn" | "heard_back";

export interface StatusChoice {
  value: StatusAction;
  words: string;
}

export interface DashboardCard {
  id: number;
  /** "Acme (Backend Engineer)", or what is known. */
  label: string;
  company: string | null;
  role: string | null;
  status: ApplicationStatus;
  statusWords: string;
  /** When its latest change in force was recorded (epoch ms); null when none is. */
  lastEventAt: number | null;
  /** The next interview, draft or promised answer, in words; null when nothing is ahead. */
  nextStep: string | null;
  statusChoices: StatusChoice[];
}

export interface BoardColumn {
  status: ApplicationStatus;
  words: string;
  /** All applications with this status; `cards` may hold fewer. */
  total: number;
  cards: DashboardCard[];
}

export interface DashboardPerson {
  name: string | null;
  email: string | null;
}

export interface DashboardInterview {
  id: number;
  applicationId: number;
  label: string;
  /** Epoch ms; null when the email gave only a local time without a zone (`startLocal`). */
  startAt: number | null;
  startLocal: string | null;
  /** The interview's own zone, when known and not the owner's. */
  timeZone: string | null;
  durationMin: number | null;
  format: "phone" | "video" | "onsite" | null;
  /** As the email gave it: untrusted, a link only when it is https. */
  meetingUrl: string | null;
  interviewers: DashboardPerson[];
  cancelled: boolean;
  /** Still scheduled and ahead, but its application has closed (an offer, a rejection, withdrawn): not expected to take place. */
  afterClosing: boolean;
}

export interface DashboardDraft {
  /** follow_ups.id: the Mark sent and Skip forms post to it. */
  id: number;
  applicationId: number;
  label: string;
  /** "thank-you note", "status check"… */
  kind: string;
  dueAt: number;
  /** Snoozed: not shown before this instant. */
  snoozedUntil: number | null;
  /** Past its latest useful time: still worth sending. */
  late: boolean;
  to: DashboardPerson[];
  subject: string;
  body: string;
  /** Marked spots in the body to fill in before sending. */
  placeholders: string[];
  /** Marked spots the owner may fill in or delete with their sentence. */
  optionalPlaceholders: string[];
  /**
   * What to check before sending, in the digest's words, each with the reply that settles it
   * (un-numbered, as a reply to the confirmation of the email it was read from): details it
   * relies on that I was not sure of. While any is left, the draft is not ready.
   */
  checks: string[];
}

/** A follow-up coming up in the next days, named without its draft. */
export interface SoonFollowUp {
  id: number;
  applicationId: number;
  label: string;
  kind: string;
  /** When it comes up: its due time, or the end of its snooze. */
  at: number;
}

export interface TimelineEntry {
  eventId: number;
  applicationId: number | null;
  /** The application's label on lists that mix applications; null on an application's own timeline or for a change to no application. */
  label: string | null;
  at: number;
  words: string;
  /** Undone later (by `undo`): kept in the history, no longer in force. */
  undone: boolean;
  /** Part of the step Undo would reverse now. */
  inUndo: boolean;
}

/** One change Undo would reverse, in the timeline's words (the reply `undo` names it by the command as typed). */
export interface UndoChange {
  /** Its application's label, unless the page is that application's own; null for a change to no application. */
  label: string | null;
  words: string;
}

export interface DashboardUndo {
  changes: UndoChange[];
  applicationIds: number[];
}

export interface FunnelColumn {
  title: string;
  figures: FunnelFigures;
}

export interface DashboardSettings {
  timeZone: string;
  /** "HH:MM", the owner's local time. */
  digestTime: string;
  country: string | null;
  signature: string | null;
  paused: boolean;
}

export interface OverviewPage {
  kind: "overview";
  funnel: FunnelColumn[];
  interviews: DashboardInterview[];
  moreInterviews: number;
  dueDrafts: DashboardDraft[];
  moreDueDrafts: number;
  soon: SoonFollowUp[];
  moreSoon: number;
  board: BoardColumn[];
  recent: TimelineEntry[];
  settings: DashboardSettings;
  totalApplications: number;
}

export interface StatusPage {
  kind: "status";
  column: BoardColumn;
  /** 1-based, within 1..pages. */
  page: number;
  pages: number;
}

/** One of the owner's notes on a forward: private, except the lines marked `point:` for the drafts. */
export interface DashboardNote {
  /** The other lines, as written: never quoted. */
  privateLines: string[];
  /** The marked lines without the marker; `used` for the one the drafts recall (the newest). */
  points: { text: string; used: boolean }[];
}

export interface ApplicationPage {
  kind: "application";
  card: DashboardCard;
  contact: DashboardPerson | null;
  notes: DashboardNote[];
  /** What the employer said about when they would answer, in their words. */
  promised: string | null;
  interviews: DashboardInterview[];
  drafts: DashboardDraft[];
  /** Every event of the application, oldest first. */
  timeline: TimelineEntry[];
}

export interface DashboardData {
  owner: { email: string; timeZone: string };
  now: number;
  /** The step Undo would reverse, or null when nothing is left to undo. */
  undo: DashboardUndo | null;
  page: OverviewPage | StatusPage | ApplicationPage;
}

/** An event with where it came from, as the page reads it. */
export interface DashboardEvent {
  id: number;
  applicationId: number | null;
  inboundMessageId: number | null;
  type: string;
  payload: Record<string, unknown>;
  at: number;
  undoneAt: number | null;
  source: ChangeSource | null;
  /** For a details change, the values it replaced: a value given as it was is a confirmation. */
  replaced?: Record<string, unknown> | null;
}

export interface DashboardInput {
  owner: Pick<UserRow, "email" | "timeZone" | "country" | "paused" | "settings">;
  /** The owner's visible applications with their interviews and follow-ups. */
  records: Omit<UserRecords, "events">;
  /** Every event of the owner (archived applications' and no application's included), in the order recorded. */
  events: readonly DashboardEvent[];
  /** The events in force that set each application's company, contact and interview times, with where each came from, in the order recorded. */
  detailSources: readonly DetailSource[];
  now: number;
  view: DashboardView;
}

const OVERVIEW: DashboardView = { kind: "overview" };

/**
 * The reads of one page: the rules' records, with every event read once, with its message; an
 * event that sets a detail also with its message's confidence and the interview it created.
 */
function dashboardReads(db: Db, userId: number) {
  const [apps, interviewRows, , followUpRows] = userRecordsReads(db, userId);
  const eventRows = db
    .select({
      id: events.id,
      applicationId: events.applicationId,
      inboundMessageId: events.inboundMessageId,
      type: events.type,
      payload: events.payload,
      at: events.at,
      undoneAt: events.undoneAt,
      channel: inboundMessages.channel,
      subject: inboundMessages.subject,
      // Only where a doubt can come from: the other events of a forward would repeat its reading for nothing.
      confidence: sql<string | null>`CASE WHEN ${and(eq(inboundMessages.channel, "forward"), inArray(events.type, [...DETAIL_EVENT_TYPES]))} THEN json_extract(${inboundMessages.understanding}, '$.confidence') END`,
      // Named apart from events.id: D1 returns a row's columns by name.
      createdInterviewId: sql<number | null>`${interviews.id}`.as("created_interview_id"),
      // Only for details changes, whose words tell a confirmed value from a changed one; as JSON text.
      replaced: sql<string | null>`CASE WHEN ${events.type} = 'details_updated' AND json_type(${events.inverse}, '$.details') = 'object' THEN json_extract(${events.inverse}, '$.details') END`.as("replaced_details"),
    })
    .from(events)
    .leftJoin(inboundMessages, eq(events.inboundMessageId, inboundMessages.id))
    // At most one row each: an interview has one source message (interviews_source_message_uq).
    .leftJoin(interviews, and(eq(events.type, "interview_scheduled"), eq(interviews.sourceMessageId, events.inboundMessageId)))
    .where(eq(events.userId, userId))
    .orderBy(asc(events.id));
  return [apps, interviewRows, eventRows, followUpRows] as const;
}

/**
 * The page's data for `view`. Null when the view is an application the owner does not see
 * (another user's, archived, deleted): the route answers 404.
 */
export async function loadDashboard(db: Db, user: UserRow, now: Date, view: DashboardView = OVERVIEW): Promise<DashboardData | null> {
  const [apps, interviewRows, eventRows, followUpRows] = await db.batch(dashboardReads(db, user.id));
  const eventsRead = eventRows.map((e) => ({ ...e, payload: (e.payload as Record<string, unknown>) ?? {} }));
  return buildDashboard({
    owner: user,
    records: {
      applications: apps.map(toApplicationRecord),
      interviews: interviewRows.map(({ interview, subject }) => toInterviewRecord(interview, subject ?? null)),
      followUps: followUpRows.map(toFollowUpRecord),
    },
    events: eventsRead.map((e) => ({
      id: e.id,
      applicationId: e.applicationId,
      inboundMessageId: e.inboundMessageId,
      type: e.type,
      payload: e.payload,
      at: e.at.getTime(),
      undoneAt: e.undoneAt?.getTime() ?? null,
      source: e.channel === null ? null : { channel: e.channel, subject: e.subject },
      replaced: e.replaced === null ? null : (JSON.parse(e.replaced) as Record<string, unknown>),
    })),
    detailSources: eventsRead.flatMap((e) => {
      const source = e.undoneAt === null ? toDetailSource(e) : null;
      return source ? [source] : [];
    }),
    now: now.getTime(),
    view,
  });
}

/**
 * Shapes the records into one page's data. Pure. Hidden controls (bidi overrides, zero-width
 * characters) are removed from every string, as from everything the digest shows
 * (src/core/text/untrusted.ts), so a name or a link cannot read as another on the page.
 */
export function buildDashboard(input: DashboardInput): DashboardData | null {
  const context = new PageContext(input);
  const owner = { email: input.owner.email, timeZone: input.owner.timeZone };
  const undo = context.undo;
  const undoData = undo ? { changes: undo.changes, applicationIds: undo.applicationIds } : null;
  const page = pageOf(context, input.view);
  return page ? withoutHiddenControls({ owner, now: input.now, undo: undoData, page }) : null;
}

function pageOf(context: PageContext, view: DashboardView): DashboardData["page"] | null {
  switch (view.kind) {
    case "overview":
      return context.overview();
    case "status":
      return context.statusPage(view.status, view.page);
    case "application":
      return context.applicationPage(view.applicationId);
  }
}

/** Plain data with `stripHiddenControls` applied to every string in it. */
function withoutHiddenControls<T>(value: T): T {
  if (typeof value === "string") return stripHiddenControls(value) as T;
  if (Array.isArray(value)) return value.map(withoutHiddenControls) as T;
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, withoutHiddenControls(field)])) as T;
  return value;
}

interface UndoStep {
  changes: UndoChange[];
  applicationIds: number[];
  eventIds: ReadonlySet<number>;
}

type StoredFollowUp = UserRecords["followUps"][number];
type StoredInterview = UserRecords["interviews"][number];

/** Everything one page reads, indexed once. */
class PageContext {
  readonly undo: UndoStep | null;
  private readonly apps: Map<number, ApplicationRecord>;
  private readonly interviewsOf: Map<number, StoredInterview[]>;
  private readonly followUpsOf: Map<number, StoredFollowUp[]>;
  private readonly eventsOf: Map<number | null, DashboardEvent[]>;
  private readonly timeZone: string;
  private readonly settings: Settings;
  private readonly today: string;
  private readonly dayEnd: number;
  private readonly input: DashboardInput;
  private readonly plans = new Map<number, FollowUpPlan | null>();
  private readonly doubts: Map<number, ApplicationDoubts>;

  constructor(input: DashboardInput) {
    const { records } = input;
    this.input = input;
    this.timeZone = input.owner.timeZone;
    this.settings = parseSettings(input.owner.settings);
    this.apps = new Map(records.applications.map((a) => [a.id, a]));
    this.interviewsOf = Map.groupBy(records.interviews, (i) => i.applicationId);
    this.followUpsOf = Map.groupBy(
      records.followUps.filter((f) => f.state === "pending" || f.state === "shown"),
      (f) => f.applicationId,
    );
    this.eventsOf = Map.groupBy(input.events, (e) => e.applicationId);
    this.today = toLocalDate(input.now, this.timeZone);
    this.dayEnd = atLocalTime(addCalendarDays(this.today, 1), 0, this.timeZone);
    this.undo = findUndoStep(input.events, (e) => this.describeUndoable(e));
    this.doubts = findDoubts(input.detailSources);
  }

  overview(): OverviewPage {
    const { records, now } = this.input;
    const interviews = records.interviews
      .filter((i) => this.isOpen(i.applicationId) && i.status === "scheduled" && (this.endOf(i) ?? -Infinity) > now)
      .sort((a, b) => this.startOf(a)! - this.startOf(b)! || a.id - b.id);
    const active = records.followUps.filter((f) => this.apps.has(f.applicationId) && (f.state === "pending" || f.state === "shown"));
    const due = active.filter((f) => f.dueAt < this.dayEnd && (f.snoozedUntil === null || f.snoozedUntil <= now)).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
    const dueIds = new Set(due.map((f) => f.id));
    const soonEnd = atLocalTime(addCalendarDays(this.today, SOON_DAYS + 1), 0, this.timeZone);
    const soon = active
      .filter((f) => !dueIds.has(f.id) && showsAt(f) < soonEnd)
      .sort((a, b) => showsAt(a) - showsAt(b) || a.id - b.id);
    const dueDrafts: DashboardDraft[] = [];
    let textChars = 0;
    for (const f of due.slice(0, MAX_DUE_DRAFTS)) {
      const draft = this.draft(f);
      textChars += draft.subject.length + draft.body.length;
      if (dueDrafts.length > 0 && textChars > DUE_DRAFTS_TEXT_CHARS) break;
      dueDrafts.push(draft);
    }
    const board = this.columns(0, BOARD_CARDS_PER_COLUMN);
    const { settings } = this;
    return {
      kind: "overview",
      funnel: this.funnel(),
      interviews: interviews.slice(0, MAX_UPCOMING_INTERVIEWS).map((i) => this.interview(i)),
      moreInterviews: Math.max(0, interviews.length - MAX_UPCOMING_INTERVIEWS),
      dueDrafts,
      moreDueDrafts: due.length - dueDrafts.length,
      soon: soon.slice(0, MAX_SOON_FOLLOW_UPS).map((f) => ({ id: f.id, applicationId: f.applicationId, label: labelOf(this.apps.get(f.applicationId)), kind: describeFollowUpKind(f.rule), at: showsAt(f) })),
      moreSoon: Math.max(0, soon.length - MAX_SOON_FOLLOW_UPS),
      board,
      recent: this.recentChanges(),
      settings: {
        timeZone: this.timeZone,
        digestTime: `${String(settings.digestHour).padStart(2, "0")}:${String(settings.digestMinute).padStart(2, "0")}`,
        country: this.input.owner.country,
        signature: settings.signature,
        paused: this.input.owner.paused,
      },
      totalApplications: this.apps.size,
    };
  }

  statusPage(status: ApplicationStatus, page: number): StatusPage {
    const total = this.input.records.applications.filter((a) => a.status === status).length;
    const pages = Math.max(1, Math.ceil(total / STATUS_PAGE_SIZE));
    const current = Math.min(Math.max(1, Math.floor(page)), pages);
    const column = this.columns((current - 1) * STATUS_PAGE_SIZE, current * STATUS_PAGE_SIZE).find((c) => c.status === status)!;
    return { kind: "status", column, page: current, pages };
  }

  applicationPage(applicationId: number): ApplicationPage | null {
    const app = this.apps.get(applicationId);
    if (!app) return null;
    const interviews = [...(this.interviewsOf.get(app.id) ?? [])].sort((a, b) => (this.startOf(a) ?? Infinity) - (this.startOf(b) ?? Infinity) || a.id - b.id);
    const drafts = [...(this.followUpsOf.get(app.id) ?? [])].sort((a, b) => showsAt(a) - showsAt(b) || a.id - b.id);
    const contact = app.contactName || app.contactEmail ? { name: app.contactName, email: app.contactEmail } : null;
    return {
      kind: "application",
      card: this.card(app),
      contact,
      notes: describeNotes(app.notes),
      promised: app.promisedTimeline?.text ?? null,
      interviews: interviews.map((i) => this.interview(i)),
      drafts: drafts.map((f) => this.draft(f)),
      timeline: (this.eventsOf.get(app.id) ?? []).map((e) => this.entry(e, null)),
    };
  }

  /**
   * Every status's column with its cards from `from` to `to` (the most recently changed first)
   * and its count. Only the cards shown are written out: a card's next step may need the rules.
   */
  private columns(from: number, to: number): BoardColumn[] {
    const sorted = this.input.records.applications
      .map((app) => ({ app, lastEventAt: this.lastEventAt(app.id) }))
      .sort((a, b) => (b.lastEventAt ?? -Infinity) - (a.lastEventAt ?? -Infinity) || b.app.id - a.app.id);
    const byStatus = Map.groupBy(sorted, (entry) => entry.app.status);
    return APPLICATION_STATUSES.map((status) => {
      const column = byStatus.get(status) ?? [];
      return { status, words: describeStatus(status), total: column.length, cards: column.slice(from, to).map(({ app }) => this.card(app)) };
    });
  }

  private lastEventAt(applicationId: number): number | null {
    let last: number | null = null;
    for (const e of this.eventsOf.get(applicationId) ?? []) if (e.undoneAt === null && (last === null || e.at > last)) last = e.at;
    return last;
  }

  /** The rules' plan of one application at this instant, made when first asked for. */
  private planOf(applicationId: number): FollowUpPlan | null {
    if (!this.plans.has(applicationId)) {
      const app = this.apps.get(applicationId);
      const { owner, now } = this.input;
      const plan = app
        ? planFollowUps(buildHistory(app, this.interviewsOf.get(app.id) ?? [], this.eventsOf.get(app.id) ?? []), { timeZone: owner.timeZone, country: owner.country, settings: this.settings }, now)
        : null;
      this.plans.set(applicationId, plan);
    }
    return this.plans.get(applicationId)!;
  }

  private card(app: ApplicationRecord): DashboardCard {
    const lastEventAt = this.lastEventAt(app.id);
    return {
      id: app.id,
      label: labelOf(app),
      company: app.company,
      role: app.role,
      status: app.status,
      statusWords: describeStatus(app.status),
      lastEventAt,
      nextStep: this.nextStep(app),
      statusChoices: statusChoices(app.status),
    };
  }

  /** Whether the application is shown and still open: a closed one's interviews are no longer ahead of the owner. */
  private isOpen(applicationId: number): boolean {
    const app = this.apps.get(applicationId);
    return app !== undefined && OPEN_STATUSES.has(app.status);
  }

  private nextStep(app: ApplicationRecord): string | null {
    const { now } = this.input;
    const interview = OPEN_STATUSES.has(app.status)
      ? (this.interviewsOf.get(app.id) ?? []).filter((i) => i.status === "scheduled" && this.startOf(i) !== null && this.startOf(i)! > now).sort((a, b) => this.startOf(a)! - this.startOf(b)!)[0]
      : undefined;
    if (interview) return interview.startAt !== null ? `Interview ${formatInstant(interview.startAt, this.timeZone)}` : `Interview ${describeLocalDateTime(interview.startLocal!)} (local time)`;
    const next = [...(this.followUpsOf.get(app.id) ?? [])].sort((a, b) => showsAt(a) - showsAt(b))[0];
    if (next) {
      const at = showsAt(next);
      const kind = describeFollowUpKind(next.rule);
      return at < this.dayEnd ? `Send the ${kind} today` : `Send the ${kind} on ${describeDay(toLocalDate(at, this.timeZone))}`;
    }
    const plan = this.planOf(app.id);
    if (app.status === "gone_quiet") return plan?.suggestion ?? "No answer after several follow-ups: consider moving on";
    const by = OPEN_STATUSES.has(app.status) ? (plan?.promisedBy ?? app.promisedTimeline?.by ?? null) : null;
    return by ? `They said they would answer by ${describeDay(by)}` : null;
  }

  private interview(i: StoredInterview): DashboardInterview {
    return {
      id: i.id,
      applicationId: i.applicationId,
      label: labelOf(this.apps.get(i.applicationId)),
      startAt: i.startAt,
      startLocal: i.startAt === null ? i.startLocal : null,
      timeZone: i.timeZone !== null && i.timeZone !== this.timeZone ? i.timeZone : null,
      durationMin: i.durationMin,
      format: i.format,
      meetingUrl: i.meetingUrl,
      interviewers: i.interviewers.map((p) => ({ name: p.name, email: p.email })),
      cancelled: i.status === "cancelled",
      afterClosing: i.status === "scheduled" && !this.isOpen(i.applicationId) && (this.startOf(i) ?? -Infinity) > this.input.now,
    };
  }

  /**
   * A stored follow-up with its draft as the rules write it now (the stored text may predate a
   * change, as in the digest), and what to check before sending it, as the digest lists it.
   */
  private draft(f: StoredFollowUp): DashboardDraft {
    const plan = this.planOf(f.applicationId);
    const planned = plan?.followUps.find((p) => p.key === f.key);
    const text = planned ?? f;
    const app = this.apps.get(f.applicationId);
    const doubts = this.doubts.get(f.applicationId);
    const checks =
      app && doubts ? listChecks(doubts, app, { recipients: f.recipients, dueAt: f.dueAt, interviewId: planned?.interviewId ?? null }, this.interviewsOf.get(app.id) ?? [], this.timeZone, null) : [];
    return {
      id: f.id,
      applicationId: f.applicationId,
      label: labelOf(app),
      kind: describeFollowUpKind(f.rule),
      dueAt: f.dueAt,
      snoozedUntil: f.snoozedUntil !== null && f.snoozedUntil > this.input.now ? f.snoozedUntil : null,
      late: f.latestAt !== null && f.latestAt < this.input.now,
      to: f.recipients.map((p) => ({ name: p.name, email: p.email })),
      subject: text.subject,
      body: text.body,
      placeholders: text.placeholders.filter((p) => !OPTIONAL_PLACEHOLDERS.has(p)),
      optionalPlaceholders: text.placeholders.filter((p) => OPTIONAL_PLACEHOLDERS.has(p)),
      checks: checks.map(describeCheck),
    };
  }

  /**
   * A change Undo would reverse, in the timeline's words, with its application's label unless
   * this is that application's own page; a change to an application no longer shown (`ignore`
   * hides it) by what the change said then.
   */
  private describeUndoable(e: DashboardEvent): UndoChange {
    const { view } = this.input;
    if (e.applicationId === null || (view.kind === "application" && view.applicationId === e.applicationId)) return { label: null, words: describeEvent(e, this.timeZone) };
    const app = this.apps.get(e.applicationId);
    return app ? { label: labelOf(app), words: describeEvent(e, this.timeZone) } : { label: null, words: String(e.payload.summary) };
  }

  private entry(e: DashboardEvent, label: string | null): TimelineEntry {
    return {
      eventId: e.id,
      applicationId: e.applicationId,
      label,
      at: e.at,
      words: describeEvent(e, this.timeZone),
      undone: e.undoneAt !== null,
      inUndo: this.undo?.eventIds.has(e.id) ?? false,
    };
  }

  /** The latest changes to visible applications or to no application, newest first, and every event of the step Undo would reverse. */
  private recentChanges(): TimelineEntry[] {
    const picked: DashboardEvent[] = [];
    const events = this.input.events;
    for (let i = events.length - 1; i >= 0 && picked.length < RECENT_CHANGES; i--) {
      const e = events[i]!;
      if (e.applicationId === null || this.apps.has(e.applicationId)) picked.push(e);
    }
    const pickedIds = new Set(picked.map((e) => e.id));
    const undoEvents = events.filter((e) => this.undo?.eventIds.has(e.id) && !pickedIds.has(e.id));
    return [...picked, ...undoEvents]
      .sort((a, b) => b.id - a.id)
      .map((e) => this.entry(e, e.applicationId === null ? null : labelOf(this.apps.get(e.applicationId))));
  }

  private funnel(): FunnelColumn[] {
    const { records, now } = this.input;
    const funnelInput: FunnelInput = {
      applicationIds: [...this.apps.keys()],
      events: this.input.events,
      interviews: records.interviews.map((i) => ({
        applicationId: i.applicationId,
        status: i.status,
        startAt: i.startAt ?? (i.startLocal === null ? null : parseLocalDateTime(i.startLocal, i.timeZone ?? this.timeZone)),
      })),
    };
    return FUNNEL_WINDOWS.map(({ title, days }) => ({
      title,
      figures: computeFunnel(
        funnelInput,
        days === null ? { to: now + 1 } : { from: atLocalTime(addCalendarDays(this.today, 1 - days), 0, this.timeZone), to: now + 1 },
      ),
    }));
  }

  private startOf(i: StoredInterview): number | null {
    return i.startAt ?? (i.startLocal === null ? null : parseLocalDateTime(i.startLocal, i.timeZone ?? this.timeZone));
  }

  private endOf(i: StoredInterview): number | null {
    const start = this.startOf(i);
    return start === null ? null : start + (i.durationMin ?? ASSUMED_INTERVIEW_MIN) * MINUTE_MS;
  }
}

/** When a follow-up comes up: its due time, or the end of its snooze. */
function showsAt(f: StoredFollowUp): number {
  return Math.max(f.dueAt, f.snoozedUntil ?? 0);
}

/** The status form's choices: an open application can close any way or have heard back; a closed one can move to another ending. */
function statusChoices(status: ApplicationStatus): StatusChoice[] {
  const endings: StatusChoice[] = (["rejected", "offer", "withdrawn"] as const).filter((s) => s !== status).map((s) => ({ value: s, words: describeStatus(s) }));
  return OPEN_STATUSES.has(status) ? [{ value: "heard_back", words: "they replied (pause follow-ups)" }, ...endings] : endings;
}

/** Each note's lines, the ones marked for the drafts apart, the one the drafts recall marked as used (`pickPoint`'s). */
function describeNotes(notes: readonly string[]): DashboardNote[] {
  const described = notes.map((note) => {
    const lines = note.split(/\r\n?|\n/).map((line) => ({ line, point: readMarkedPoints(line)[0] ?? null }));
    const privateLines = lines.flatMap(({ line, point }) => (point === null ? [line] : []));
    // The blank lines left around a marked line once it is taken out say nothing.
    while (privateLines.length > 0 && privateLines[0]!.trim() === "") privateLines.shift();
    while (privateLines.length > 0 && privateLines.at(-1)!.trim() === "") privateLines.pop();
    return { privateLines, points: lines.flatMap(({ point }) => (point === null ? [] : [{ text: point, used: false }])) };
  });
  const used = pickPoint(notes);
  const usedPoint = described.flatMap((note) => note.points).findLast((point) => point.text === used);
  if (usedPoint) usedPoint.used = true;
  return described;
}

/**
 * The step `undo` would reverse: as src/db/commands.ts `findLastChange` finds it, the events of
 * the latest message (forward, reply or page action) whose changes are still in force.
 */
function findUndoStep(events: readonly DashboardEvent[], describe: (event: DashboardEvent) => UndoChange): UndoStep | null {
  const latest = events.findLast((e) => e.undoneAt === null && e.inboundMessageId !== null);
  if (!latest) return null;
  const step = events.filter((e) => e.inboundMessageId === latest.inboundMessageId && e.undoneAt === null);
  const commands = commandChangesOf(step);
  const changes = commands.length > 0 ? commands.map(describe) : [{ label: null, words: describeChangeSource(latest.source) }];
  return {
    // A reply saying "done 1" twice changed one thing.
    changes: changes.filter((c, i) => changes.findIndex((other) => other.label === c.label && other.words === c.words) === i),
    applicationIds: [...new Set(step.flatMap((e) => (e.applicationId === null ? [] : [e.applicationId])))],
    eventIds: new Set(step.map((e) => e.id)),
  };
}
