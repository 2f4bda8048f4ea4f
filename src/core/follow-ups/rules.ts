/**
 * The follow-up rules R1–R11 (docs follow-up-rules.md): one application's history → the
 * follow-ups due and upcoming, each with a ready-to-send draft (written when its text is first
 * read, see `LazilyDraftedFollowUp`). Pure: no I/O, no clock; `now` is an argument and decides
 * only `state`, `late` and which interviews have been held. Due times depend on the history
 * alone, so a recomputation gives the same `key` and `dueAt` until an event changes them (a
 * rescheduled interview moves its thank-you under the same key).
 *
 * How the rules combine:
 * - R1: every interview round (held or coming) gets a thank-you to each interviewer whose
 *   address is known, else to the contact.
 * - The nudge chain (R3/R4/R5 first, then R6) restarts at the latest *anchor*: an interview
 *   held, a promised timeline, the application, or a re-open. Only its next step is planned.
 *   It waits while another interview is coming, and an employer reply after the anchor pauses
 *   it (R11) until the next anchor.
 * - R7: at most `maxFollowUps` messages after the thank-you: `maxFollowUps - 1` nudges (sent
 *   or skipped; user-triggered R10 notes count too), then "gone quiet", and for an interviewed
 *   application R9's one last note after `quietPeriodDays` without word from the employer.
 * - A closing event ends all nudges: a rejection yields one R8 reply, another candidate chosen
 *   yields R9's last note (once per application), an offer or a withdrawal yields nothing.
 *   A re-open lifts the closing.
 * - R3 counts "N business days" with the day of the promise as the first
 *   (src/core/follow-ups/promised-date.ts): "5 business days" at a Tuesday interview runs to Monday, and
 *   the check-in is the following Tuesday.
 */
import type { ApplicationHistory, ClosingStatus, Contact, HistoryEvent, InterviewFacts, UserContext } from "./history.ts";
import {
  addBusinessDays,
  addCalendarDays,
  atLocalTime,
  type BusinessCalendar,
  firstBusinessDayFrom,
  isBusinessDay,
  laterDay,
  type LocalDate,
  parseLocalDateTime,
  toLocalDate,
  toLocalMinuteOfDay,
} from "../time/business-days.ts";
import { ENGLISH_PHRASES } from "./phrases/en.ts";
import { toDraftLanguage } from "./phrases.ts";
import type { DraftLanguage } from "./phrases/types.ts";
import { type Draft, type DraftKind, type DraftRequest, draftFollowUp, pickNote } from "./drafts.ts";
import { resolvePromisedDate } from "./promised-date.ts";
import type { Settings } from "./settings.ts";
import { isIanaTimeZone } from "../time/zone-check.ts";
import type { PromisedTimeline } from "../understanding/types.ts";

export const FOLLOW_UP_RULES = ["R1", "R3", "R4", "R5", "R6", "R8", "R9", "R10"] as const;
export type FollowUpRule = (typeof FOLLOW_UP_RULES)[number];

export interface Recipient {
  name: string | null;
  email: string;
}

export interface PlannedFollowUp {
  /** Stable across recomputation; persistence upserts by it, and "sent"/"skipped" events name it. */
  key: string;
  rule: FollowUpRule;
  applicationId: number;
  interviewId: number | null;
  dueAt: number;
  /** After this the follow-up is late (shown as such, not dropped); null when there is no hard limit. */
  latestAt: number | null;
  late: boolean;
  state: "due" | "upcoming";
  /** Empty when no address is known: the user must add one. */
  to: Recipient[];
  subject: string;
  body: string;
  language: DraftLanguage;
  placeholders: string[];
  verdict: "ready" | "needs_input";
  /** One line for the digest, in English, in the user's zone. */
  reason: string;
}

export interface FollowUpPlan {
  applicationId: number;
  /** Ordered by due time. */
  followUps: PlannedFollowUp[];
  /** The closing event in force (no re-open after it). */
  closedBy: ClosingStatus | null;
  /** R11: the employer answered after the latest anchor; nudges wait for the next event. */
  pausedByReply: boolean;
  /** R7: the nudges ran out with no answer; the application should show as gone quiet. */
  goneQuiet: boolean;
  goneQuietAt: number | null;
  /** R2: the date the applicable promised timeline runs to. */
  promisedBy: LocalDate | null;
  /** A line for the digest (R7: "consider moving on"), or null. */
  suggestion: string | null;
}

/** When an interview's length is unknown. */
const DEFAULT_INTERVIEW_MIN = 60;
const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** Rules whose sent (or skipped) messages count against R7's limit. */
const CHAIN_RULES: ReadonlySet<string> = new Set(["R3", "R4", "R5", "R6", "R10"]);

interface Interview {
  id: number;
  startAt: number;
  endAt: number;
  /** Zone the interview was given in: its date is the one the interviewer knows. */
  timeZone: string;
  interviewers: readonly Contact[];
  subject: string | null;
}

interface Anchor {
  at: number;
  key: string;
  kind: "interview" | "timeline" | "applied" | "reopened";
}

type MarkEvent = Extract<HistoryEvent, { type: "follow_up_sent" | "follow_up_skipped" }>;
type ClosingEvent = Extract<HistoryEvent, { type: "status_changed" }>;

/** What a planned follow-up needs before it gets its draft. */
interface Spec {
  key: string;
  rule: FollowUpRule;
  interviewId: number | null;
  dueAt: number;
  latestAt: number | null;
  to: Recipient[];
  greetName: string | null;
  kind: DraftKind;
  draftDate: LocalDate | null;
  subject: string | null;
  deadline?: LocalDate | null;
  update?: string | null;
  reason: string;
}

export function planFollowUps(history: ApplicationHistory, user: UserContext, now: number): FollowUpPlan {
  const { application } = history;
  const settings = user.settings;
  const calendar: BusinessCalendar = { timeZone: user.timeZone, country: user.country };
  const morning = (day: LocalDate) => atLocalTime(day, settings.morningHour, calendar.timeZone);
  const localDay = (instant: number) => toLocalDate(instant, calendar.timeZone);
  const nextMorningAfter = (instant: number) => morning(addBusinessDays(localDay(instant), 1, calendar));

  const events = isInTimeOrder(history.events) ? history.events : [...history.events].sort((a, b) => a.at - b.at);
  const marks = events.filter((e): e is MarkEvent => e.type === "follow_up_sent" || e.type === "follow_up_skipped");
  const handledKeys = new Set(marks.map((m) => m.followUpKey));
  // Most applications have nothing sent or skipped: then a freshly built key is not even hashed.
  const isHandled = (key: string) => handledKeys.size > 0 && handledKeys.has(key);
  const interviews = resolveInterviews(history.interviews, user.timeZone);
  const held = interviews.filter((i) => i.endAt <= now);
  const lastHeld = held.at(-1) ?? null;
  const comingInterview = interviews.some((i) => i.endAt > now);

  const lastReopen = findLast(events, "user_reopened");
  const lastClosing = findLast(events, "status_changed");
  const closing = lastClosing && (!lastReopen || lastClosing.at > lastReopen.at) ? lastClosing : null;
  const lastReply = findLast(events, "employer_replied");
  const applied = findLast(events, "applied");
  const contactRecipients = toRecipients(application.contact);
  const r9Handled = marks.some((m) => m.rule === "R9") || isHandled(`R9:application:${application.id}`);
  const interviewDay = (interview: Interview) => toLocalDate(interview.startAt, interview.timeZone);

  const specs: Spec[] = [];
  const plan: Omit<FollowUpPlan, "followUps"> = {
    applicationId: application.id,
    closedBy: closing?.status ?? null,
    pausedByReply: false,
    goneQuiet: false,
    goneQuietAt: null,
    promisedBy: null,
    suggestion: null,
  };

  if (closing) {
    specs.push(...planClosing(closing));
    return finish(specs);
  }

  // R1: a thank-you for every round, to each interviewer separately when their address is known (C9).
  for (const interview of interviews) {
    // Timed only when a thank-you is still to send: most rounds' were sent long ago.
    let timing: { dueAt: number; latestAt: number } | undefined;
    const addressed = listAddressedOnce(interview.interviewers);
    const targets: { to: Recipient[]; id: string; greet: string | null }[] =
      addressed.length > 0
        ? addressed.map((r) => ({ to: [r], id: r.email.toLowerCase(), greet: r.name }))
        : [
            {
              to: contactRecipients,
              id: contactRecipients[0]?.email.toLowerCase() ?? "unknown",
              greet: application.contact?.name ?? (interview.interviewers.length === 1 ? (interview.interviewers[0]?.name ?? null) : null),
            },
          ];
    for (const target of targets) {
      const key = `R1:interview:${interview.id}:to:${target.id}`;
      if (isHandled(key)) continue;
      timing ??= thankYouTiming(interview.endAt, calendar, settings);
      specs.push({
        key,
        rule: "R1",
        interviewId: interview.id,
        ...timing,
        to: target.to,
        greetName: target.greet,
        kind: "thank_you",
        draftDate: interviewDay(interview),
        subject: interview.subject ?? application.subject,
        reason: `Thank-you for the interview on ${describeDay(localDay(interview.startAt))}`,
      });
    }
  }

  const nudge = nudgeAddressing();

  // R10: earlier follow-ups on the user's word only; a later employer reply makes them moot (R11).
  for (const event of events) {
    if (event.type !== "offer_elsewhere" && event.type !== "new_information") continue;
    if (lastClosing && lastClosing.at > event.at) continue;
    if (lastReply && lastReply.at > event.at) continue;
    const key = `R10:application:${application.id}:${event.type === "offer_elsewhere" ? "offer" : "news"}:${event.at}`;
    if (isHandled(key)) continue;
    const base = { key, rule: "R10" as const, interviewId: null, dueAt: event.at, ...nudge };
    if (event.type === "offer_elsewhere") {
      specs.push({
        ...base,
        latestAt: event.deadline === null ? null : morning(event.deadline),
        kind: "offer_elsewhere",
        draftDate: null,
        deadline: event.deadline,
        reason:
          event.deadline === null
            ? "Earlier follow-up: an offer elsewhere"
            : `Earlier follow-up: an offer elsewhere, answer due ${describeDay(event.deadline)}`,
      });
    } else {
      specs.push({
        ...base,
        latestAt: null,
        kind: "new_information",
        draftDate: lastHeld ? interviewDay(lastHeld) : null,
        update: event.text,
        reason: "Earlier follow-up: new information to share",
      });
    }
  }

  planChain();
  return finish(specs);

  function planClosing(event: ClosingEvent): Spec[] {
    const sender = event.from ? toRecipients(event.from) : [];
    const fallback = nudgeAddressing();
    const addressed = sender.length > 0 ? sender : fallback.to;
    const greetName = sender.length > 0 ? (event.from?.name ?? null) : fallback.greetName;
    const subject = event.subject ?? application.subject;
    if (event.status === "rejected") {
      const key = `R8:application:${application.id}:rejected:${event.at}`;
      if (isHandled(key)) return [];
      return [
        {
          key,
          rule: "R8",
          interviewId: null,
          dueAt: nextMorningAfter(event.at),
          latestAt: null,
          to: addressed,
          greetName,
          kind: "rejection_reply",
          draftDate: lastHeld ? interviewDay(lastHeld) : null,
          subject,
          reason: "Gracious reply to the rejection",
        },
      ];
    }
    if (event.status === "other_candidate_chosen" && !r9Handled) {
      return [
        {
          key: `R9:application:${application.id}`,
          rule: "R9",
          interviewId: null,
          dueAt: nextMorningAfter(event.at),
          latestAt: null,
          to: addressed,
          greetName,
          kind: "last_note_after_hire",
          draftDate: null,
          subject,
          reason: "One last note: another candidate was chosen",
        },
      ];
    }
    return [];
  }

  function planChain(): void {
    const anchor = findLatestAnchor();
    if (anchor === null) return;

    const timeline = applicableTimeline();
    plan.promisedBy = timeline === null ? null : resolvePromisedDate(timeline.timeline, timeline.at, calendar);
    plan.pausedByReply = lastReply !== null && lastReply.at > anchor.at;
    const phaseStart = Math.max(anchor.at, lastReply?.at ?? anchor.at);
    const done = marks.filter((m) => CHAIN_RULES.has(m.rule) && m.at >= phaseStart);
    const lastDone = done.at(-1) ?? null;
    const maxNudges = settings.maxFollowUps - 1;
    const exhausted = done.length >= maxNudges;

    let pending: Spec | null = null;
    if (!plan.pausedByReply && !comingInterview) {
      if (exhausted && lastDone) {
        plan.goneQuietAt = morning(addBusinessDays(localDay(lastDone.at), settings.secondFollowUpBusinessDays, calendar));
        plan.goneQuiet = now >= plan.goneQuietAt;
      } else if (!exhausted) {
        pending = nextNudge(anchor, done);
      }
    }

    const mayAddLastNote = !r9Handled && !comingInterview && done.length < settings.maxFollowUps;
    const lastNote = lastHeld && mayAddLastNote ? planLastNote(lastHeld, lastDone, exhausted) : null;
    if (lastNote && (pending === null || now >= lastNote.dueAt)) {
      specs.push(lastNote);
      pending = null;
    }
    if (pending) specs.push(pending);

    if (plan.goneQuiet) {
      const count = `${done.length} follow-up${done.length === 1 ? "" : "s"}`;
      plan.suggestion = `No answer after ${count}: consider moving on. You can re-open it at any time.`;
    }
  }

  /** The latest interview held, promise, application or re-open; of equal times, the first listed. */
  function findLatestAnchor(): Anchor | null {
    let latest: Anchor | null = null;
    for (const i of held) {
      if (latest === null || i.endAt > latest.at) latest = { at: i.endAt, key: `interview:${i.id}`, kind: "interview" };
    }
    for (const e of events) {
      if (latest !== null && e.at <= latest.at) continue;
      if (e.type === "timeline_promised") latest = { at: e.at, key: `timeline:${e.at}`, kind: "timeline" };
      else if (e.type === "applied") latest = { at: e.at, key: "applied", kind: "applied" };
      else if (e.type === "user_reopened") latest = { at: e.at, key: `reopened:${e.at}`, kind: "reopened" };
    }
    return latest;
  }

  function nextNudge(anchor: Anchor, done: readonly MarkEvent[]): Spec | null {
    const step = done.length + 1;
    const lastDone = done.at(-1);
    const interviewStage = lastHeld !== null;
    const anchorDay = localDay(anchor.at);
    let rule: FollowUpRule;
    let day: LocalDate;
    let kind: DraftKind;
    let reason: string;

    if (step === 1 && anchor.kind === "reopened") {
      const nudgedBefore = marks.some((m) => CHAIN_RULES.has(m.rule) && m.at < anchor.at);
      rule = nudgedBefore ? "R6" : interviewStage ? "R4" : "R5";
      day = addBusinessDays(anchorDay, 1, calendar);
      if (interviewStage) kind = nudgedBefore ? "second_follow_up" : "status_check";
      else kind = nudgedBefore ? "application_second_check" : "application_check";
      reason = "Follow-up after re-opening";
    } else if (step === 1 && plan.promisedBy !== null) {
      rule = "R3";
      day = laterDay(
        addBusinessDays(plan.promisedBy, 1, calendar),
        addBusinessDays(anchorDay, settings.minimumWaitBusinessDays, calendar),
      );
      kind = interviewStage ? "status_check" : "application_check";
      reason = `Status check: an answer was promised by ${describeDay(plan.promisedBy)}`;
    } else if (step === 1 && lastHeld) {
      rule = "R4";
      day = addBusinessDays(anchorDay, settings.statusCheckBusinessDays, calendar);
      kind = "status_check";
      reason = `Status check: no timeline was given (interview on ${describeDay(localDay(lastHeld.startAt))})`;
    } else if (step === 1 || !lastDone) {
      rule = "R5";
      day = addBusinessDays(anchorDay, settings.applicationFirstCheckBusinessDays, calendar);
      kind = "application_check";
      reason = "Check on the application: about a week without an answer";
    } else {
      const afterLast = addBusinessDays(localDay(lastDone.at), settings.secondFollowUpBusinessDays, calendar);
      const firstRule = done[0]?.rule;
      if (!interviewStage && step === 2 && firstRule === "R5" && applied) {
        rule = "R5";
        day = laterDay(afterLast, addBusinessDays(localDay(applied.at), settings.applicationSecondCheckBusinessDays, calendar));
        reason = "Second check on the application: about two weeks without an answer";
      } else {
        rule = "R6";
        day = afterLast;
        reason = "Second follow-up, a week after the first";
      }
      kind = interviewStage ? "second_follow_up" : "application_second_check";
    }

    const key = `${rule}:application:${application.id}:${anchor.key}:${step}`;
    if (isHandled(key)) return null;
    const referenceDay = lastHeld ? interviewDay(lastHeld) : localDay(applied?.at ?? anchor.at);
    const addressing = nudgeAddressing();
    return { key, rule, interviewId: null, dueAt: morning(day), latestAt: null, ...addressing, kind, draftDate: referenceDay, reason };
  }

  function planLastNote(interview: Interview, lastDone: MarkEvent | null, exhausted: boolean): Spec {
    const lastContact = Math.max(
      interview.endAt,
      lastReply?.at ?? 0,
      ...events.filter((e) => e.type === "timeline_promised" || e.type === "user_reopened").map((e) => e.at),
    );
    let day = firstBusinessDayFrom(addCalendarDays(localDay(lastContact), settings.quietPeriodDays), calendar);
    if (exhausted && lastDone) day = laterDay(day, addBusinessDays(localDay(lastDone.at), settings.secondFollowUpBusinessDays, calendar));
    const weeks = Math.round(settings.quietPeriodDays / 7);
    return {
      key: `R9:application:${application.id}`,
      rule: "R9",
      interviewId: null,
      dueAt: morning(day),
      latestAt: null,
      ...nudgeAddressing(),
      kind: "last_note_after_silence",
      draftDate: interviewDay(interview),
      reason: `One last note after about ${weeks} weeks without word from the employer`,
    };
  }

  /**
   * The latest promise made since the round before the latest one was held (R2). A relative
   * promise made before the latest round ended ("we decide within a week of the interview", in
   * the invitation) counts from the end of that round; an absolute date stays as stated.
   */
  function applicableTimeline(): { timeline: PromisedTimeline; at: number } | null {
    const previousRoundEnd = held.at(-2)?.endAt ?? Number.NEGATIVE_INFINITY;
    const promise = findLast(events, "timeline_promised");
    if (!promise || promise.at < previousRoundEnd) return null;
    if (lastHeld && promise.at < lastHeld.endAt && promise.timeline.amount !== null) {
      return { timeline: { ...promise.timeline, by: null }, at: lastHeld.endAt };
    }
    return { timeline: promise.timeline, at: promise.at };
  }

  /** Nudges go to the contact, else to the first interviewer of the latest round with an address. */
  function nudgeAddressing(): { to: Recipient[]; greetName: string | null; subject: string | null } {
    const subject = lastReply?.subject ?? lastHeld?.subject ?? application.subject;
    if (contactRecipients.length > 0) return { to: contactRecipients, greetName: application.contact?.name ?? null, subject };
    const interviewer = (lastHeld?.interviewers ?? []).flatMap(toRecipients)[0];
    if (interviewer) return { to: [interviewer], greetName: interviewer.name, subject };
    return { to: [], greetName: application.contact?.name ?? null, subject };
  }

  function finish(planned: Spec[]): FollowUpPlan {
    const language = toDraftLanguage(application.language);
    const followUps = planned
      .map(
        (spec) =>
          new LazilyDraftedFollowUp(
            {
              key: spec.key,
              rule: spec.rule,
              applicationId: application.id,
              interviewId: spec.interviewId,
              dueAt: spec.dueAt,
              latestAt: spec.latestAt,
              late: spec.latestAt !== null && now > spec.latestAt,
              state: now >= spec.dueAt ? "due" : "upcoming",
              to: spec.to,
              language,
              reason: spec.reason,
            },
            { spec, application, settings },
          ),
      )
      .sort((a, b) => a.dueAt - b.dueAt || (a.key < b.key ? -1 : 1));
    return { ...plan, followUps };
  }

  function describeDay(day: LocalDate): string {
    return ENGLISH_PHRASES.formatDate(day);
  }
}

/**
 * R1's timing: a few hours after the end when that is still within the working day, else the
 * next business morning (a Friday-afternoon interview → Monday morning). Late once both 48 hours
 * and the end of the next business day have passed.
 */
function thankYouTiming(endAt: number, calendar: BusinessCalendar, settings: Settings): { dueAt: number; latestAt: number } {
  const zone = calendar.timeZone;
  const endDay = toLocalDate(endAt, zone);
  const candidate = endAt + settings.thankYouDelayHours * HOUR_MS;
  const sameWorkingDay =
    toLocalDate(candidate, zone) === endDay &&
    isBusinessDay(endDay, calendar) &&
    toLocalMinuteOfDay(candidate, zone) <= settings.thankYouCutoffHour * 60;
  const nextBusinessDay = addBusinessDays(endDay, 1, calendar);
  const dueAt = sameWorkingDay
    ? Math.max(candidate, atLocalTime(endDay, settings.morningHour, zone))
    : atLocalTime(nextBusinessDay, settings.morningHour, zone);
  const latestAt = Math.max(
    endAt + settings.thankYouLateAfterHours * HOUR_MS,
    atLocalTime(nextBusinessDay, settings.thankYouCutoffHour, zone),
  );
  return { dueAt, latestAt };
}

type DraftFields = "subject" | "body" | "placeholders" | "verdict";

/** What a follow-up's draft is written from: its spec and facts the whole plan shares. */
interface DraftSource {
  spec: Spec;
  application: ApplicationHistory["application"];
  settings: Settings;
}

/**
 * A planned follow-up whose draft is written the first time its text is read, then kept. The
 * rules run over every open application each morning, but a digest shows at most 25 drafts and
 * most follow-ups are already stored (src/core/follow-ups/sync.ts compares their texts only when
 * they are shown); drafting and its tone check (C1–C10) cost more than all the rules together.
 * A class, so the getters are defined once rather than as closures per follow-up, and it keeps
 * only its `DraftSource`, not the rest of what planning the application took.
 */
class LazilyDraftedFollowUp implements PlannedFollowUp {
  key: string;
  rule: FollowUpRule;
  applicationId: number;
  interviewId: number | null;
  dueAt: number;
  latestAt: number | null;
  late: boolean;
  state: "due" | "upcoming";
  to: Recipient[];
  language: DraftLanguage;
  reason: string;
  readonly #source: DraftSource;
  #draft: Draft | null = null;

  constructor(fields: Omit<PlannedFollowUp, DraftFields>, source: DraftSource) {
    this.key = fields.key;
    this.rule = fields.rule;
    this.applicationId = fields.applicationId;
    this.interviewId = fields.interviewId;
    this.dueAt = fields.dueAt;
    this.latestAt = fields.latestAt;
    this.late = fields.late;
    this.state = fields.state;
    this.to = fields.to;
    this.language = fields.language;
    this.reason = fields.reason;
    this.#source = source;
  }

  get subject(): string {
    return this.#drafted().subject;
  }

  get body(): string {
    return this.#drafted().body;
  }

  get placeholders(): string[] {
    return this.#drafted().placeholders;
  }

  get verdict(): Draft["verdict"] {
    return this.#drafted().verdict;
  }

  /** Serialised with its draft, as a plain planned follow-up would be (getters are not own properties). */
  toJSON(): PlannedFollowUp {
    return { ...this, subject: this.subject, body: this.body, placeholders: this.placeholders, verdict: this.verdict };
  }

  #drafted(): Draft {
    this.#draft ??= draftFollowUp(toDraftRequest(this.#source));
    return this.#draft;
  }
}

function toDraftRequest({ spec, application, settings }: DraftSource): DraftRequest {
  return {
    kind: spec.kind,
    language: application.language,
    seed: spec.key,
    recipientName: spec.greetName,
    role: application.role,
    company: application.company,
    date: spec.draftDate,
    note: spec.kind === "thank_you" || spec.kind === "status_check" ? pickNote(application.notes) : null,
    noCalls: application.noCalls,
    originalSubject: spec.subject,
    requestFeedback: settings.requestFeedback,
    signature: settings.signature,
    deadline: spec.deadline ?? null,
    update: spec.update ?? null,
  };
}

/** Scheduled interviews whose time is known, with their end, oldest first. */
function resolveInterviews(interviews: readonly InterviewFacts[], userZone: string): Interview[] {
  const resolved: Interview[] = [];
  for (const interview of interviews) {
    if (interview.status !== "scheduled") continue;
    const zone = interview.timeZone !== null && isIanaTimeZone(interview.timeZone) ? interview.timeZone : userZone;
    const startAt = interview.startAt ?? (interview.startLocal === null ? null : parseLocalDateTime(interview.startLocal, zone));
    if (startAt === null) continue;
    const durationMin = interview.durationMin !== null && interview.durationMin > 0 ? interview.durationMin : DEFAULT_INTERVIEW_MIN;
    resolved.push({
      id: interview.id,
      startAt,
      endAt: startAt + durationMin * MINUTE_MS,
      timeZone: zone,
      interviewers: interview.interviewers,
      subject: interview.subject ?? null,
    });
  }
  return resolved.sort((a, b) => a.endAt - b.endAt || a.id - b.id);
}

function toRecipients(contact: Contact | null): Recipient[] {
  const recipient = toRecipient(contact);
  return recipient ? [recipient] : [];
}

function toRecipient(contact: Contact | null): Recipient | null {
  const email = contact?.email?.trim();
  return email ? { name: contact?.name ?? null, email } : null;
}

/** The contacts with an address, each address (in any case) once. */
function listAddressedOnce(contacts: readonly Contact[]): Recipient[] {
  const recipients: Recipient[] = [];
  const seen = new Set<string>();
  for (const contact of contacts) {
    const recipient = toRecipient(contact);
    if (recipient === null) continue;
    const address = recipient.email.toLowerCase();
    if (seen.has(address)) continue;
    seen.add(address);
    recipients.push(recipient);
  }
  return recipients;
}

/** Events usually come in the order they happened; sorting a copy of each application's events then is wasted. */
function isInTimeOrder(events: readonly HistoryEvent[]): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    if (event.at < previous) return false;
    previous = event.at;
  }
  return true;
}

function findLast<T extends HistoryEvent["type"]>(events: readonly HistoryEvent[], type: T): Extract<HistoryEvent, { type: T }> | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.type === type) return event as Extract<HistoryEvent, { type: T }>;
  }
  return null;
}
