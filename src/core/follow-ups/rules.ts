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
 *   is planned. It waits while another interview is coming, and an employer reply after the
 *   anchor pauses it (R11) until the next anchor.
 * - R7: at most `maxFollowUps` messages after the thank-you: `maxFollowUps - 1` nudges (sent
 *   or skipped; user-triggered R10 notes count too), then "gone quiet", and for an interviewed
 *   application R9's one last note after `quietPeriodDays` without word from the employer.
 * - A closing event (closing.ts) ends all nudges: a rejection yields one R8 reply, another
 *   candidate chosen yields R9's last note (once per application), an offer or a withdrawal
 *   yields nothing. A re-open lifts the closing.
 * - R3 counts "N business days" with the day of the promise as the first
 *   (src/core/follow-ups/promised-date.ts): "5 business days" at a Tuesday interview runs to Monday, and
 *   the check-in is the following Tuesday.
 */
import type { ApplicationHistory, ClosingStatus, UserContext } from "./history.ts";
import { toDraftLanguage } from "./phrases.ts";
import type { DraftLanguage } from "./phrases/types.ts";
import { type Draft, type DraftRequest, draftFollowUp, pickNote } from "./drafts.ts";
import type { Settings } from "./settings.ts";
import { type RuleContext, toRuleContext } from "./rule-context.ts";
import type { FollowUpRule, Recipient, Spec } from "./spec.ts";
import { planThankYous } from "./thank-you.ts";
import { planEarlierFollowUps } from "./earlier.ts";
import { type ChainState, IDLE_CHAIN, planNudgeChain } from "./nudge-chain.ts";
import { planClosingReply } from "./closing.ts";

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
  return toFollowUpPlan(context, [...planThankYous(context), ...planEarlierFollowUps(context), ...chain.specs], chain.state);
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
          { spec, application, settings },
        ),
    )
    .sort((a, b) => a.dueAt - b.dueAt || (a.key < b.key ? -1 : 1));
  return { applicationId: application.id, closedBy: context.closing?.status ?? null, ...chain, followUps };
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
