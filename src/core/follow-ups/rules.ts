/**
 * The follow-up rules R1–R11 (docs follow-up-rules.md): one application's history → the
 * follow-ups due and upcoming, each with a ready-to-send draft (written when its text is first
 * read, see `LazilyDraftedFollowUp`). Pure: no I/O, no clock; `now` is an argument and decides
 * only `state`, `late` and which interviews have been held. Due times depend on the history
 * alone, so a recomputation gives the same `key` and `dueAt` until an event changes them (a
 * rescheduled interview moves its thank-you under the same key).
 *
 * How the rules combine, one family per file:
 * - R1 (thank-you.ts): every interview round (held or coming) gets a thank-you to each
 *   interviewer whose address is known, else to the contact.
 * - R10 (earlier.ts): earlier follow-ups on the user's word, until a later reply or closing.
 * - The nudge chain (nudge-chain.ts; R3/R4/R5 first, then R6) restarts at the latest *anchor*:
 *   an interview held, a promised timeline, the application, or a re-open. Only its next step
 *   is planned. It waits while another interview is coming, and an employer answer after the
 *   anchor pauses it (R11) until the next anchor; a courtesy reply moves the step instead.
 * - Two follow-ups to one person never fall on one morning: a nudge waits a business day past
 *   a thank-you to the same address, whether that is still due or was sent that day.
 * - R7: at most `maxFollowUps` messages after the thank-you: `maxFollowUps - 1` nudges (sent
 *   or skipped; user-triggered R10 notes count too), then "gone quiet", and for an interviewed
 *   application R9's one last note after `quietPeriodDays` without word from the employer.
 * - A closing event (closing.ts) ends all nudges: a rejection yields one R8 reply, another
 *   candidate chosen yields R9's last note (once per application), an offer or a withdrawal
 *   yields nothing. A re-open lifts the closing.
 * - R3 checks in a business day after the promised date, the date recorded when the promise
 *   was read (src/core/follow-ups/promised-date.ts), which never moves afterwards.
 */
import type { ApplicationHistory, ClosingStatus, UserContext } from "./history.ts";
import { toDraftLanguage } from "./phrases.ts";
import type { DraftLanguage } from "./phrases/types.ts";
import { type Draft, type DraftKind, type DraftRequest, draftFollowUp, pickPoint } from "./drafts.ts";
import type { Settings } from "./settings.ts";
import { addBusinessDays, addCalendarDays, atLocalTime, type LocalDate, toLocalDate } from "../time/business-days.ts";
import { morningOf, type RuleContext, toRuleContext, userDayOf } from "./rule-context.ts";
import type { FollowUpRule, Recipient, Spec } from "./spec.ts";
import { planThankYous } from "./thank-you.ts";
import { planEarlierFollowUps } from "./earlier.ts";
import { type ChainState, IDLE_CHAIN, planNudgeChain } from "./nudge-chain.ts";
import { planClosingReply } from "./closing.ts";
import { type DraftReader, readerOf } from "./reader.ts";

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

/** The chain's state (R2, R7, R11), the closing in force and the follow-ups. */
export interface FollowUpPlan extends ChainState {
  applicationId: number;
  /** Ordered by due time. */
  followUps: PlannedFollowUp[];
  /** The closing event in force (no re-open after it). */
  closedBy: ClosingStatus | null;
}

export function planFollowUps(history: ApplicationHistory, user: UserContext, now: number): FollowUpPlan {
  const context = toRuleContext(history, user, now);
  if (context.closing) return toFollowUpPlan(context, planClosingReply(context, context.closing), IDLE_CHAIN);
  const chain = planNudgeChain(context);
  const thankYous = planThankYous(context);
  return toFollowUpPlan(context, [...thankYous, ...planEarlierFollowUps(context), ...keepApartFromThankYous(context, thankYous, chain.specs)], chain.state);
}

/**
 * A nudge to someone about to be thanked, or thanked that very day, waits until the business
 * day after: two messages from the candidate on one morning read as pressure. A thank-you's day
 * is its due day while it waits, and the day it went once sent (its key names the address).
 */
function keepApartFromThankYous(context: RuleContext, thankYous: readonly Spec[], nudges: readonly Spec[]): Spec[] {
  if (nudges.length === 0) return [...nudges];
  const thankedOn = new Map<string, LocalDate>();
  const note = (address: string, day: LocalDate) => {
    const known = thankedOn.get(address);
    if (known === undefined || day > known) thankedOn.set(address, day);
  };
  for (const thankYou of thankYous) for (const r of thankYou.to) note(r.email.toLowerCase(), userDayOf(context, thankYou.dueAt));
  for (const mark of context.marks) {
    const address = mark.rule === "R1" && mark.type === "follow_up_sent" ? mark.followUpKey.split(":to:")[1] : undefined;
    if (address) note(address, userDayOf(context, mark.at));
  }
  if (thankedOn.size === 0) return [...nudges];
  return nudges.map((nudge) => {
    let latest: LocalDate | null = null;
    for (const r of nudge.to) {
      const day = thankedOn.get(r.email.toLowerCase());
      if (day !== undefined && (latest === null || day > latest)) latest = day;
    }
    if (latest === null || userDayOf(context, nudge.dueAt) > latest) return nudge;
    return { ...nudge, dueAt: morningOf(context, addBusinessDays(latest, 1, context.calendar)) };
  });
}

function toFollowUpPlan(context: RuleContext, specs: readonly Spec[], chain: ChainState): FollowUpPlan {
  const { application, settings, now } = context;
  const language = toDraftLanguage(application.language);
  const followUps = specs
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
          { spec, application, settings, reader: readerOf(context, spec), sendAt: sendInstantOf(context, spec) },
        ),
    )
    .sort((a, b) => a.dueAt - b.dueAt || (a.key < b.key ? -1 : 1));
  return { applicationId: application.id, closedBy: context.closing?.status ?? null, ...chain, followUps };
}

type DraftFields = "subject" | "body" | "placeholders" | "verdict";

/** What a follow-up's draft is written from: its spec, facts the whole plan shares, and who reads it. */
interface DraftSource {
  spec: Spec;
  application: ApplicationHistory["application"];
  settings: Settings;
  reader: DraftReader;
  /** When the draft will most likely be sent: its day is the "today" of the text. */
  sendAt: number;
}

/**
 * A draft shown today (due by the end of the user's day, late ones included) is sent today: its
 * text speaks from now, so a thank-you shown the morning after says "yesterday", not "today".
 * A draft due later is written for its due day; the digest that shows it writes it again then.
 */
function sendInstantOf(context: RuleContext, spec: Spec): number {
  const zone = context.calendar.timeZone;
  const endOfToday = atLocalTime(addCalendarDays(toLocalDate(context.now, zone), 1), 0, zone);
  return spec.dueAt < endOfToday ? context.now : spec.dueAt;
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

const POINT_KINDS: ReadonlySet<DraftKind> = new Set(["thank_you", "thank_you_via_coordinator", "thank_you_after_withdrawal", "status_check"]);

function toDraftRequest({ spec, application, settings, reader, sendAt }: DraftSource): DraftRequest {
  return {
    kind: spec.kind,
    language: application.language,
    seed: spec.key,
    recipientName: spec.greetName,
    recipientEmail: spec.to[0]?.email ?? null,
    interviewerNames: spec.interviewerNames ?? [],
    employerWroteFirst: application.employerWroteFirst,
    role: application.role,
    company: application.company,
    date: spec.draftDate,
    // Only drafts written after the interview recall a point from it (C3).
    point: POINT_KINDS.has(spec.kind) ? pickPoint(application.notes) : null,
    noCalls: application.noCalls,
    originalSubject: spec.subject,
    requestFeedback: settings.requestFeedback,
    signature: settings.signature,
    deadline: spec.deadline ?? null,
    update: spec.update ?? null,
    ...(reader.addressing ? { addressing: reader.addressing } : {}),
    // On the reader's calendar, an interview the day the draft goes out is "today".
    sendDay: toLocalDate(sendAt, reader.timeZone),
    readerCountry: reader.country,
    readerTimeZone: reader.timeZone,
  };
}
