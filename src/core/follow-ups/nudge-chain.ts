/**
 * The nudge chain: after its latest anchor (an interview held, a promised timeline, the
 * application or a re-open) only its next step is planned, R3/R4/R5 first, then R6. It waits
 * while another interview is coming, and an employer answer after the anchor pauses it (R11)
 * until the next anchor; a courtesy reply ("thanks, received") moves the pending step instead. Once `maxFollowUps - 1` nudges are sent or skipped the application is
 * gone quiet (R7), and an interviewed one gets R9's last note after `quietPeriodDays` without
 * word from the employer. Pure: no I/O, no clock; `now` is in the context.
 */
import { addBusinessDays, addCalendarDays, firstBusinessDayFrom, laterDay, type LocalDate } from "../time/business-days.ts";
import type { DraftKind } from "./drafts.ts";
import { resolvePromisedDate } from "./promised-date.ts";
import { describeDay, findLast, interviewDay, isHandled, type MarkEvent, morningOf, nudgeAddressing, type RuleContext, userDayOf } from "./rule-context.ts";
import type { FollowUpRule, Spec } from "./spec.ts";

/** Rules whose sent (or skipped) messages count against R7's limit. */
const CHAIN_RULES: ReadonlySet<string> = new Set(["R3", "R4", "R5", "R6", "R10"]);

/** What the chain tells about the application besides its follow-ups. */
export interface ChainState {
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

export const IDLE_CHAIN: ChainState = { pausedByReply: false, goneQuiet: false, goneQuietAt: null, promisedBy: null, suggestion: null };

interface Anchor {
  at: number;
  key: string;
  kind: "interview" | "timeline" | "applied" | "reopened";
}

/** The chain since its latest anchor, or since the employer's latest reply when that came later. */
interface Phase {
  anchor: Anchor;
  /** R2: the date the applicable promised timeline runs to. */
  promisedBy: LocalDate | null;
  /** R11: the day from which the employer invited a check-in ("follow up with me in two weeks"). */
  checkInFrom: LocalDate | null;
  /** R11: the employer answered after the anchor. */
  pausedByReply: boolean;
  /** The chain's messages sent or skipped in this phase, oldest first. */
  done: readonly MarkEvent[];
  lastDone: MarkEvent | null;
  /** R7: no nudge is left. */
  exhausted: boolean;
}

/** A nudge's rule, day and draft, before its key and addressing. */
interface NudgeStep {
  rule: FollowUpRule;
  day: LocalDate;
  kind: DraftKind;
  reason: string;
}

export function planNudgeChain(context: RuleContext): { specs: Spec[]; state: ChainState } {
  const anchor = findLatestAnchor(context);
  if (anchor === null) return { specs: [], state: IDLE_CHAIN };
  const phase = toPhase(context, anchor);
  const waiting = phase.pausedByReply || context.comingInterview;
  const goneQuietAt = !waiting && phase.exhausted && phase.lastDone ? morningOf(context, nextNudgeDay(context, phase.lastDone)) : null;
  const goneQuiet = goneQuietAt !== null && context.now >= goneQuietAt;
  const pending = !waiting && !phase.exhausted ? planNextNudge(context, phase) : null;
  const lastNote = planLastNoteAfterSilence(context, phase);
  const showLastNote = lastNote !== null && (pending === null || context.now >= lastNote.dueAt);
  const next = showLastNote ? lastNote : pending;
  return {
    specs: next ? [next] : [],
    state: {
      pausedByReply: phase.pausedByReply,
      goneQuiet,
      goneQuietAt,
      promisedBy: phase.promisedBy,
      suggestion: goneQuiet ? suggestMovingOn(phase.done.length) : null,
    },
  };
}

function toPhase(context: RuleContext, anchor: Anchor): Phase {
  const { lastAnswer } = context;
  const promise = findApplicablePromise(context);
  const phaseStart = Math.max(anchor.at, lastAnswer?.at ?? anchor.at);
  const done = context.marks.filter((m) => CHAIN_RULES.has(m.rule) && m.at >= phaseStart);
  return {
    anchor,
    promisedBy: promise && !promise.checkIn ? promise.by : null,
    checkInFrom: promise?.checkIn ? promise.by : null,
    pausedByReply: lastAnswer !== null && lastAnswer.at > anchor.at,
    done,
    lastDone: done.at(-1) ?? null,
    exhausted: done.length >= context.settings.maxFollowUps - 1,
  };
}

/** The latest interview held, promise, application or re-open; of equal times, the first listed. */
function findLatestAnchor(context: RuleContext): Anchor | null {
  let latest: Anchor | null = null;
  for (const i of context.held) {
    if (latest === null || i.endAt > latest.at) latest = { at: i.endAt, key: `interview:${i.id}`, kind: "interview" };
  }
  for (const e of context.events) {
    if (latest !== null && e.at <= latest.at) continue;
    if (e.type === "timeline_promised") latest = { at: e.at, key: `timeline:${e.at}`, kind: "timeline" };
    else if (e.type === "applied") latest = { at: e.at, key: "applied", kind: "applied" };
    else if (e.type === "user_reopened") latest = { at: e.at, key: `reopened:${e.at}`, kind: "reopened" };
  }
  return latest;
}

/**
 * The latest promise made since the round before the latest one was held (R2), with its date
 * (src/core/follow-ups/promised-date.ts). The date is never counted again from a later event:
 * the date the user was told is the one the rules keep. A promise whose date had passed by the
 * latest round was about an earlier step and no longer applies.
 */
function findApplicablePromise(context: RuleContext): { by: LocalDate; checkIn: boolean } | null {
  const { calendar, held, lastHeld } = context;
  const previousRoundEnd = held.at(-2)?.endAt ?? Number.NEGATIVE_INFINITY;
  const promise = findLast(context.events, "timeline_promised");
  if (!promise || promise.at < previousRoundEnd) return null;
  const by = resolvePromisedDate(promise.timeline, promise.at, calendar);
  if (by === null) return null;
  if (lastHeld && promise.at < lastHeld.endAt && by < userDayOf(context, lastHeld.endAt)) return null;
  return { by, checkIn: promise.timeline.checkIn === true };
}

/** The phase's next nudge (R3–R6), unless it was sent or skipped already. */
function planNextNudge(context: RuleContext, phase: Phase): Spec | null {
  const { application, applied, lastHeld } = context;
  const { anchor, lastDone } = phase;
  const chosen = lastDone === null ? chooseFirstNudge(context, phase) : chooseLaterNudge(context, phase, lastDone);
  const step = { ...chosen, day: moveAfterCourtesy(context, phase, chosen) };
  const key = `${step.rule}:application:${application.id}:${anchor.key}:${phase.done.length + 1}`;
  if (isHandled(context.handledKeys, key)) return null;
  const referenceDay = lastHeld ? interviewDay(lastHeld) : userDayOf(context, applied?.at ?? anchor.at);
  return {
    key,
    rule: step.rule,
    interviewId: null,
    dueAt: morningOf(context, step.day),
    latestAt: null,
    ...nudgeAddressing(context),
    kind: step.kind,
    draftDate: referenceDay,
    reason: step.reason,
  };
}

/**
 * The phase's first nudge: after a re-open the next business day, as the step the chain had
 * reached; else R3 past a promised date, R4 after an interview, R5 after the application.
 */
function chooseFirstNudge(context: RuleContext, phase: Phase): NudgeStep {
  const { calendar, lastHeld, settings } = context;
  const { anchor, promisedBy } = phase;
  const interviewStage = lastHeld !== null;
  const anchorDay = userDayOf(context, anchor.at);
  if (anchor.kind === "reopened") {
    const nudgedBefore = context.marks.some((m) => CHAIN_RULES.has(m.rule) && m.at < anchor.at);
    const secondKind: DraftKind = interviewStage ? "second_follow_up" : "application_second_check";
    const firstKind: DraftKind = interviewStage ? "status_check" : "application_check";
    return {
      rule: nudgedBefore ? "R6" : interviewStage ? "R4" : "R5",
      day: addBusinessDays(anchorDay, 1, calendar),
      kind: nudgedBefore ? secondKind : firstKind,
      reason: "Follow-up after re-opening",
    };
  }
  if (phase.checkInFrom !== null) {
    // They named the day themselves: no minimum wait beyond the next business day.
    return {
      rule: "R3",
      day: laterDay(firstBusinessDayFrom(phase.checkInFrom, calendar), addBusinessDays(anchorDay, 1, calendar)),
      kind: interviewStage ? "status_check" : "application_check",
      reason: `Check-in: they said you could follow up from ${describeDay(phase.checkInFrom)}`,
    };
  }
  if (promisedBy !== null) {
    return {
      rule: "R3",
      day: laterDay(addBusinessDays(promisedBy, 1, calendar), addBusinessDays(anchorDay, settings.minimumWaitBusinessDays, calendar)),
      kind: interviewStage ? "status_check" : "application_check",
      reason: `Status check: an answer was promised by ${describeDay(promisedBy)}`,
    };
  }
  if (lastHeld) {
    return {
      rule: "R4",
      day: addBusinessDays(anchorDay, settings.statusCheckBusinessDays, calendar),
      kind: "status_check",
      reason: `Status check: no timeline was given (interview on ${describeDay(userDayOf(context, lastHeld.startAt))})`,
    };
  }
  return {
    rule: "R5",
    day: addBusinessDays(anchorDay, settings.applicationFirstCheckBusinessDays, calendar),
    kind: "application_check",
    reason: "Check on the application: about a week without an answer",
  };
}

/** After a first nudge: R5's second check two weeks after applying, else R6 a week after the last. */
function chooseLaterNudge(context: RuleContext, phase: Phase, lastDone: MarkEvent): NudgeStep {
  const { applied, calendar, lastHeld, settings } = context;
  const interviewStage = lastHeld !== null;
  const kind: DraftKind = interviewStage ? "second_follow_up" : "application_second_check";
  const afterLast = nextNudgeDay(context, lastDone);
  if (!interviewStage && phase.done.length === 1 && phase.done[0]?.rule === "R5" && applied) {
    return {
      rule: "R5",
      day: laterDay(afterLast, addBusinessDays(userDayOf(context, applied.at), settings.applicationSecondCheckBusinessDays, calendar)),
      kind,
      reason: "Second check on the application: about two weeks without an answer",
    };
  }
  return { rule: "R6", day: afterLast, kind, reason: "Second follow-up, a week after the first" };
}

/**
 * R9 after silence: one last note for an interviewed application, `quietPeriodDays` after the
 * last word from the employer (or the user's re-open), and never before the next nudge would
 * have been due. Null when R9 was handled, another interview is coming or R7's limit is reached.
 */
function planLastNoteAfterSilence(context: RuleContext, phase: Phase): Spec | null {
  const { application, calendar, lastHeld, lastReply, settings } = context;
  if (lastHeld === null || context.r9Handled || context.comingInterview || phase.done.length >= settings.maxFollowUps) return null;
  const lastContact = Math.max(
    lastHeld.endAt,
    lastReply?.at ?? 0,
    ...context.events.filter((e) => e.type === "timeline_promised" || e.type === "user_reopened").map((e) => e.at),
  );
  let day = firstBusinessDayFrom(addCalendarDays(userDayOf(context, lastContact), settings.quietPeriodDays), calendar);
  if (phase.exhausted && phase.lastDone) day = laterDay(day, nextNudgeDay(context, phase.lastDone));
  const weeks = Math.round(settings.quietPeriodDays / 7);
  return {
    key: `R9:application:${application.id}`,
    rule: "R9",
    interviewId: null,
    dueAt: morningOf(context, day),
    latestAt: null,
    ...nudgeAddressing(context),
    kind: "last_note_after_silence",
    draftDate: interviewDay(lastHeld),
    reason: `One last note after about ${weeks} weeks without word from the employer`,
  };
}

/**
 * R11: a courtesy reply ("thanks, received", "we'll be in touch") after the step's start answers
 * nothing, so the pending step is moved, not cancelled: it waits as long after the reply as it
 * would have after its start. A reply in the same mail as the anchor (a promise) is its own start.
 */
function moveAfterCourtesy(context: RuleContext, phase: Phase, step: NudgeStep): LocalDate {
  const { calendar, settings } = context;
  const since = Math.max(phase.anchor.at, phase.lastDone?.at ?? Number.NEGATIVE_INFINITY);
  const reply = context.courtesyReplies.findLast((r) => r.at > since);
  if (!reply) return step.day;
  const wait =
    phase.lastDone !== null || phase.anchor.kind === "reopened"
      ? settings.secondFollowUpBusinessDays
      : step.rule === "R3"
        ? settings.minimumWaitBusinessDays
        : step.rule === "R5"
          ? settings.applicationFirstCheckBusinessDays
          : settings.statusCheckBusinessDays;
  return laterDay(step.day, addBusinessDays(userDayOf(context, reply.at), wait, calendar));
}

/** R6: the day a nudge after `last` may go, and so when R7 calls the chain gone quiet. */
function nextNudgeDay(context: RuleContext, last: MarkEvent): LocalDate {
  return addBusinessDays(userDayOf(context, last.at), context.settings.secondFollowUpBusinessDays, context.calendar);
}

/** R7: shown in the digest once the application has gone quiet. */
function suggestMovingOn(sent: number): string {
  return `No answer after ${sent} follow-up${sent === 1 ? "" : "s"}: consider moving on. You can re-open it at any time.`;
}
