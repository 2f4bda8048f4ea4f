/**
 * Decides whether a digest is due for a user at a scheduled instant, and gathers what it says.
 * Pure: the instant is a parameter (the cron's scheduled time, never the wall clock), so a late
 * or retried tick computes exactly what the on-time tick would have.
 */
import { addCalendarDays, atLocalTime, parseLocalDateTime, toLocalDate, toLocalMinuteOfDay, type LocalDate } from "../time/business-days.ts";
import type { DigestContent, DigestDraft, DigestGoneQuiet, DigestInterview, DigestLookBack, DigestWaiting } from "./content.ts";
import type { FollowUpPlan } from "../follow-ups/rules.ts";
import { ASSUMED_INTERVIEW_MIN, type ApplicationRecord, type InterviewRecord } from "../applications/records.ts";
import type { Settings } from "../follow-ups/settings.ts";
import { findPlannedFollowUp, type StoredFollowUp } from "../follow-ups/sync.ts";
import { findDigestShowing, findNextDigestDay, isDigestDay } from "./schedule.ts";
import { describeTimeToConfirm, findDoubts, listChecks, type DetailSource } from "./doubts.ts";

/**
 * Drafts one digest shows. A day with more due (after a long absence, say) shows the oldest
 * first and says how many wait; the rest stay due and come in the next digests. Keeps the mail
 * well under send_email's 5 MiB and the rendering within the CPU budget.
 */
export const MAX_DIGEST_DRAFTS = 25;
const MINUTE_MS = 60 * 1000;

export type DigestTiming = { due: true; localDate: string } | { due: false; reason: "before_digest_time" | "not_a_digest_day" | "paused" };

/**
 * A digest is due from the user's local digest time onwards on each digest day; the first tick
 * at or after that time sends it, so a missed tick delays the digest and never skips the day.
 */
export function digestTiming(scheduledFor: number, timeZone: string, settings: Settings, paused: boolean): DigestTiming {
  if (paused) return { due: false, reason: "paused" };
  const localDate = toLocalDate(scheduledFor, timeZone);
  if (!isDigestDay(localDate, settings)) return { due: false, reason: "not_a_digest_day" };
  if (toLocalMinuteOfDay(scheduledFor, timeZone) < settings.digestHour * 60 + settings.digestMinute) return { due: false, reason: "before_digest_time" };
  return { due: true, localDate };
}

export interface DigestItem {
  number: number;
  followUpId: number;
  applicationId: number;
}

export interface DigestPlanInput {
  scheduledFor: number;
  localDate: string;
  timeZone: string;
  applications: readonly ApplicationRecord[];
  interviews: readonly (InterviewRecord & { applicationId: number })[];
  followUps: readonly (StoredFollowUp & { applicationId: number; snoozedUntil: number | null })[];
  /**
   * The rules' plans by application. A shown draft's text is its planned follow-up's, drafted
   * now: the stored text may predate a change it reflects (src/core/follow-ups/sync.ts).
   */
  plans: ReadonlyMap<number, FollowUpPlan>;
  undelivered: readonly string[];
  replyAddress: string;
  /**
   * The user's digest days and time: a next check is named by the digest that will show it, as
   * commands name it, and the interviews shown ahead run to the next digest day (every day when absent).
   */
  settings?: Pick<Settings, "digestHour" | "digestMinute" | "digestDays">;
  /** The events that set each application's company, contact and interview times (absent: no doubts recorded). */
  detailSources?: readonly DetailSource[];
  /** The weekly look back, on the first digest of the week. */
  lookBack?: DigestLookBack | null;
}

export interface DigestPlan {
  content: DigestContent;
  items: DigestItem[];
  /** Nothing to tell today: no interview today or before the next digest, no follow-up due, no look back. */
  quiet: boolean;
}

const OPEN = new Set(["applied", "interviewing", "waiting"]);

export function planDigest(input: DigestPlanInput): DigestPlan {
  const { scheduledFor, localDate, timeZone } = input;
  const dayEnd = atLocalTime(addCalendarDays(localDate, 1), 0, timeZone);
  const apps = new Map(input.applications.map((a) => [a.id, a]));

  const doubts = findDoubts(input.detailSources ?? []);
  const nextDigestDay = findNextDigestDay(localDate, input.settings ?? { digestDays: "every_day" });
  // An interview known only by the local time its email gave (no zone) is listed on that day,
  // as its confirmation promised, and placed among the others as if the time were the user's.
  const scheduled = input.interviews.flatMap((i) => {
    if (i.status !== "scheduled") return [];
    const at = i.startAt ?? (i.startLocal === null ? null : parseLocalDateTime(i.startLocal, timeZone));
    const day = i.startAt !== null ? toLocalDate(i.startAt, timeZone) : (i.startLocal?.slice(0, 10) ?? null);
    return at === null || day === null ? [] : [{ interview: i, at, day }];
  });
  // An interview over before the digest goes out (an early call) is no longer ahead: its thank-you is what is left.
  const onDays = (first: LocalDate, last: LocalDate): DigestInterview[] =>
    scheduled
      .filter(({ interview, at, day }) => day >= first && day <= last && at + (interview.durationMin ?? ASSUMED_INTERVIEW_MIN) * MINUTE_MS > scheduledFor)
      .sort((a, b) => a.at - b.at)
      .map(({ interview }) => toDigestInterview(interview, apps.get(interview.applicationId), timeZone, doubts.get(interview.applicationId)?.times.has(interview.id) ?? false));
  const interviews = onDays(localDate, localDate);
  const upcoming = onDays(addCalendarDays(localDate, 1), nextDigestDay);

  // Due today (a morning digest also carries what falls due later today, e.g. an afternoon
  // thank-you), not snoozed past now, and not yet acted on.
  const dueToday = input.followUps
    .filter((f) => apps.has(f.applicationId) && (f.state === "pending" || f.state === "shown") && f.dueAt < dayEnd && (f.snoozedUntil === null || f.snoozedUntil <= scheduledFor))
    .sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
  // Two follow-ups to one person never on one morning: a thank-you still waiting (late, say)
  // holds back any other message to its recipient, which stays due for the next digest.
  const thanked = new Set(dueToday.filter((f) => f.rule === "R1").flatMap((f) => f.recipients.flatMap((r) => (r.email ? [`${f.applicationId}:${r.email.toLowerCase()}`] : []))));
  const due = dueToday.filter((f) => f.rule === "R1" || !f.recipients.some((r) => r.email && thanked.has(`${f.applicationId}:${r.email.toLowerCase()}`)));
  // A thank-you is never sent before its interview ends: one for an interview later today says after when.
  const interviewEnds = new Map(input.interviews.flatMap((i) => (i.status === "scheduled" && i.startAt !== null ? [[i.id, i.startAt + (i.durationMin ?? ASSUMED_INTERVIEW_MIN) * MINUTE_MS] as const] : [])));
  const interviewsOf = Map.groupBy(input.interviews, (i) => i.applicationId);
  const items: DigestItem[] = [];
  // With drafts for several applications, a correction names its draft's number ("contact 2: …").
  const numberCorrections = new Set(due.slice(0, MAX_DIGEST_DRAFTS).map((f) => f.applicationId)).size > 1;
  const drafts: DigestDraft[] = due.slice(0, MAX_DIGEST_DRAFTS).map((f, index) => {
    const app = apps.get(f.applicationId);
    const planned = findPlannedFollowUp(input.plans, f);
    const applicationDoubts = doubts.get(f.applicationId);
    const text = planned ?? f;
    const interviewEnd = f.rule === "R1" && planned?.interviewId != null ? interviewEnds.get(planned.interviewId) : undefined;
    items.push({ number: index + 1, followUpId: f.id, applicationId: f.applicationId });
    return {
      ...(interviewEnd !== undefined && interviewEnd > scheduledFor ? { sendAfter: interviewEnd } : {}),
      number: index + 1,
      rule: f.rule,
      company: app?.company ?? null,
      role: app?.role ?? null,
      to: [...f.recipients],
      subject: text.subject,
      body: text.body,
      placeholders: [...text.placeholders],
      dueAt: f.dueAt,
      late: f.latestAt !== null && f.latestAt < scheduledFor,
      checks:
        app && applicationDoubts
          ? listChecks(applicationDoubts, app, { recipients: f.recipients, dueAt: f.dueAt, interviewId: planned?.interviewId ?? null }, interviewsOf.get(f.applicationId) ?? [], timeZone, numberCorrections ? index + 1 : null)
          : [],
    };
  });

  const withDraft = new Set(due.map((f) => f.applicationId));
  const moreDrafts = due.length - drafts.length;
  // The next check-in of each application, found once for all (not a scan of every follow-up
  // per application): one due after today, or snoozed past this digest, counted from the later
  // of its due time and its snooze, as the digest that will show it counts it (schedule.ts).
  const showsFrom = (f: (typeof input.followUps)[number]) => Math.max(f.dueAt, f.snoozedUntil ?? f.dueAt);
  const nextCheckOf = new Map<number, (typeof input.followUps)[number]>();
  for (const f of input.followUps) {
    if (f.state !== "pending" && f.state !== "shown") continue;
    if (f.dueAt < dayEnd && (f.snoozedUntil === null || f.snoozedUntil <= scheduledFor)) continue;
    const earliest = nextCheckOf.get(f.applicationId);
    if (!earliest || showsFrom(f) < showsFrom(earliest)) nextCheckOf.set(f.applicationId, f);
  }
  const waiting: DigestWaiting[] = [];
  const goneQuiet: DigestGoneQuiet[] = [];
  // Waiting on them starts once the interview is over: until then the next move is the interview.
  const interviewAhead = new Set(scheduled.filter(({ at }) => at > scheduledFor).map(({ interview }) => interview.applicationId));
  for (const app of input.applications) {
    const plan = input.plans.get(app.id);
    if (app.status === "gone_quiet") {
      goneQuiet.push({ company: app.company, role: app.role, lastHeard: null, suggestion: plan?.suggestion ?? "No answer after several follow-ups: consider moving on; reply `list` to see it." });
      continue;
    }
    if (!OPEN.has(app.status) || withDraft.has(app.id) || interviewAhead.has(app.id)) continue;
    const next = nextCheckOf.get(app.id);
    const schedule = input.settings ? { timeZone, settings: input.settings, paused: false } : null;
    waiting.push({
      company: app.company,
      role: app.role,
      nextCheck: next ? (schedule ? findDigestShowing(next, scheduledFor, schedule) : toLocalDate(showsFrom(next), timeZone)) : null,
      promisedBy: plan?.promisedBy ?? null,
    });
  }

  const lookBack = input.lookBack ?? null;
  return {
    content: {
      localDate,
      timeZone,
      interviews,
      upcoming,
      upcomingUntil: nextDigestDay,
      drafts,
      moreDrafts,
      waiting,
      goneQuiet,
      undelivered: [...input.undelivered],
      lookBack,
      replyAddress: input.replyAddress,
    },
    items,
    quiet: interviews.length === 0 && upcoming.length === 0 && drafts.length === 0 && lookBack === null,
  };
}

function toDigestInterview(i: InterviewRecord, app: ApplicationRecord | undefined, userZone: string, timeInDoubt: boolean): DigestInterview {
  const timeToConfirm = timeInDoubt ? describeTimeToConfirm(i, userZone) : null;
  return {
    ...(timeToConfirm === null ? {} : { timeToConfirm }),
    startAt: i.startAt,
    startLocal: i.startLocal,
    timeZone: i.timeZone && i.timeZone !== userZone ? i.timeZone : null,
    durationMin: i.durationMin,
    company: app?.company ?? null,
    role: app?.role ?? null,
    interviewers: [...i.interviewers],
    format: i.format,
    meetingUrl: i.meetingUrl,
  };
}
