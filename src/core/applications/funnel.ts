/**
 * The figures of a job search over a window of time: how many applications, interviews,
 * answers, offers, rejections, applications gone quiet and follow-ups sent. Pure: no I/O, no
 * clock; the window is an argument. The digest's weekly look back and the private page's
 * funnel both read it.
 *
 * Everything is counted from what happened (the `events` table, plus the interview records
 * for when the rounds took place), never from an application's status today: a rejection after
 * an interview leaves the interview counted, and an event undone by `undo` never happened.
 * An event counts in the window in which it was recorded (`at`), so consecutive windows never
 * count it twice or miss it, and the weekly figures add up to the whole search.
 *
 * What each figure counts:
 * - applications: applications filed.
 * - interviews: rounds held, by their start (a cancelled round was not held; a round known only
 *   by a local time without a zone is left out unless the caller resolved its start).
 * - answers: answers from employers (R11): a forwarded email that brings a step or a decision
 *   (an invitation, a scheduling confirmation, a next round, an offer, a rejection), the owner's
 *   `heard back`, or an offer or rejection the owner reported. A courtesy reply ("thanks,
 *   received") is no answer; nor is a moved or cancelled round, which changes a step already
 *   answered.
 * - medianDaysToAnswer: for each answer, the days since the candidate's last move before it
 *   (the application, a follow-up sent, a round held, or the employer's previous answer, which
 *   the candidate answers at once); the median over the window's answers. An answer with no
 *   move before it (an invitation that opened the application) has no wait and is left out.
 * - offers, rejections: applications with an offer, or a rejection ("another candidate was
 *   chosen" included), in the window; one application counts once per figure.
 * - goneQuiet: applications whose follow-ups ran out unanswered in the window and that were
 *   still quiet at its end. Going quiet is R7 applied to the nudge chain: the last nudge it allows
 *   (R6, the second follow-up) was sent or skipped and R6's wait after it passed with no answer.
 *   The follow-up rules record that moment as a status change to "gone_quiet"; R9's last note,
 *   sent afterwards, changes nothing, while an answer or a re-open ends it.
 * - followUpsSent: drafts the owner marked as sent (`done`), thank-you notes included.
 */
import type { EventRecord } from "./records.ts";

export interface FunnelEvent extends EventRecord {
  applicationId: number | null;
}

/** An interview round: its start (epoch ms; null when unknown) and whether it still stands. */
export interface FunnelInterview {
  applicationId: number;
  startAt: number | null;
  status: "scheduled" | "cancelled";
}

export interface FunnelInput {
  /** The applications to count (those the owner still sees): other applications' events and rounds are left out. */
  applicationIds: Iterable<number>;
  /** The owner's events, in the order they were recorded. */
  events: readonly FunnelEvent[];
  interviews: readonly FunnelInterview[];
}

/** Epoch ms: from `from` (inclusive; absent: since the start) to `to` (exclusive). */
export interface FunnelWindow {
  from?: number;
  to: number;
}

export interface FunnelFigures {
  applications: number;
  interviews: number;
  answers: number;
  /** Calendar days, unrounded; null when no answer in the window followed a move of the candidate. */
  medianDaysToAnswer: number | null;
  offers: number;
  rejections: number;
  goneQuiet: number;
  followUpsSent: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Kinds of forwarded email that bring the candidate a step or a decision (R11). */
const ANSWER_KINDS: ReadonlySet<string> = new Set(["invitation", "scheduling_confirmation", "next_round", "rejection", "offer"]);
const REJECTIONS: ReadonlySet<string> = new Set(["rejected", "other_candidate_chosen"]);

/** The figures of the window, counting only events recorded before its end. */
export function computeFunnel(input: FunnelInput, window: FunnelWindow): FunnelFigures {
  const counted = new Set(input.applicationIds);
  const from = window.from ?? Number.NEGATIVE_INFINITY;
  const inWindow = (at: number) => at >= from && at < window.to;
  const figures: FunnelFigures = { applications: 0, interviews: 0, answers: 0, medianDaysToAnswer: null, offers: 0, rejections: 0, goneQuiet: 0, followUpsSent: 0 };
  const offered = new Set<number>();
  const rejected = new Set<number>();
  /** Per application: whether it is quiet, and since when, as the events so far leave it. */
  const quietSince = new Map<number, number | null>();
  /** Per application: when the candidate moved (an employer's answer counts: the candidate answers it at once). */
  const movesOf = new Map<number, number[]>();
  const answersInWindow: { applicationId: number; at: number }[] = [];

  const addMove = (applicationId: number, at: number) => {
    const moves = movesOf.get(applicationId);
    if (moves) moves.push(at);
    else movesOf.set(applicationId, [at]);
  };

  for (const event of input.events) {
    const id = event.applicationId;
    if (id === null || !counted.has(id) || event.undoneAt !== null || event.at >= window.to) continue;
    const recorded = inWindow(event.at);
    const happened = happenedAt(event);
    switch (event.type) {
      case "application_created":
        if (recorded) figures.applications++;
        addMove(id, happened);
        break;
      case "follow_up_sent":
        if (recorded) figures.followUpsSent++;
        addMove(id, happened);
        break;
      case "status_changed": {
        const to = event.payload.to;
        if (recorded && to === "offer") offered.add(id);
        if (recorded && typeof to === "string" && REJECTIONS.has(to)) rejected.add(id);
        quietSince.set(id, to === "gone_quiet" ? event.at : null);
        break;
      }
      case "user_reopened":
        quietSince.set(id, null);
        break;
    }
    if (!isAnswer(event)) continue;
    quietSince.set(id, null);
    if (recorded) answersInWindow.push({ applicationId: id, at: happened });
    addMove(id, happened);
  }

  for (const interview of input.interviews) {
    if (!counted.has(interview.applicationId) || interview.status !== "scheduled" || interview.startAt === null || interview.startAt >= window.to) continue;
    if (inWindow(interview.startAt)) figures.interviews++;
    addMove(interview.applicationId, interview.startAt);
  }

  const waits: number[] = [];
  for (const answer of answersInWindow) {
    let lastMove = Number.NEGATIVE_INFINITY;
    for (const at of movesOf.get(answer.applicationId) ?? []) if (at < answer.at && at > lastMove) lastMove = at;
    if (lastMove > Number.NEGATIVE_INFINITY) waits.push((answer.at - lastMove) / DAY_MS);
  }

  figures.answers = answersInWindow.length;
  figures.medianDaysToAnswer = median(waits);
  figures.offers = offered.size;
  figures.rejections = rejected.size;
  figures.goneQuiet = [...quietSince.values()].filter((since) => since !== null && inWindow(since)).length;
  return figures;
}

/** When it happened: an email's own date when the event carries one, else when it was recorded. */
function happenedAt(event: FunnelEvent): number {
  const sentAt = event.payload.sentAt;
  return typeof sentAt === "number" && Number.isFinite(sentAt) ? sentAt : event.at;
}

function isAnswer(event: FunnelEvent): boolean {
  const { payload } = event;
  switch (event.type) {
    case "email_filed":
      return typeof payload.kind === "string" && ANSWER_KINDS.has(payload.kind);
    case "employer_replied":
      return true;
    case "status_changed":
      return payload.because === "command" && (payload.to === "offer" || (typeof payload.to === "string" && REJECTIONS.has(payload.to)));
    default:
      return false;
  }
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
