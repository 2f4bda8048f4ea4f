/**
 * What a closing event leaves to send: one gracious reply to a rejection (R8), or one last note
 * when another candidate was chosen (R9, once per application). After a withdrawal the
 * thank-yous for the rounds held before it still go (R1: thank whether or not you still want the
 * job), worded for a candidate who withdrew. An offer leaves nothing. Pure: no I/O, no clock.
 */
import { addBusinessDays } from "../time/business-days.ts";
import { type ClosingEvent, interviewDay, isHandled, morningOf, nudgeAddressing, type RuleContext, toRecipients, userDayOf } from "./rule-context.ts";
import type { Spec } from "./spec.ts";
import { planThankYous } from "./thank-you.ts";

export function planClosingReply(context: RuleContext, event: ClosingEvent): Spec[] {
  if (event.status === "rejected") return planRejectionReply(context, event);
  if (event.status === "other_candidate_chosen" && !context.r9Handled) return [planLastNoteAfterHire(context, event)];
  if (event.status === "withdrawn") return planThankYousAfterWithdrawal(context, event);
  return [];
}

/** R1 after a withdrawal: the rounds held before it are still thanked, without restating interest. */
function planThankYousAfterWithdrawal(context: RuleContext, event: ClosingEvent): Spec[] {
  const heldBefore = new Set(context.interviews.filter((i) => i.endAt <= event.at).map((i) => i.id));
  return planThankYous(context)
    .filter((spec) => spec.interviewId !== null && heldBefore.has(spec.interviewId))
    .map((spec) => ({ ...spec, kind: "thank_you_after_withdrawal", reason: `${spec.reason} (you withdrew since)` }));
}

/** R8: due the next business morning, to whoever sent the rejection. */
function planRejectionReply(context: RuleContext, event: ClosingEvent): Spec[] {
  const { application, lastHeld } = context;
  const key = `R8:application:${application.id}:rejected:${event.at}`;
  if (isHandled(context.handledKeys, key)) return [];
  return [
    {
      key,
      rule: "R8",
      interviewId: null,
      dueAt: nextMorningAfter(context, event.at),
      latestAt: null,
      ...replyAddressing(context, event),
      kind: "rejection_reply",
      draftDate: lastHeld ? interviewDay(lastHeld) : null,
      reason: "Gracious reply to the rejection",
    },
  ];
}

/** R9 after a hire: the door left open in case they need someone again. */
function planLastNoteAfterHire(context: RuleContext, event: ClosingEvent): Spec {
  return {
    key: `R9:application:${context.application.id}`,
    rule: "R9",
    interviewId: null,
    dueAt: nextMorningAfter(context, event.at),
    latestAt: null,
    ...replyAddressing(context, event),
    kind: "last_note_after_hire",
    draftDate: null,
    reason: "One last note: another candidate was chosen",
  };
}

/** The reply goes to the closing email's sender when known, else where nudges go. */
function replyAddressing(context: RuleContext, event: ClosingEvent): Pick<Spec, "to" | "greetName" | "subject"> {
  const sender = event.from ? toRecipients(event.from) : [];
  const fallback = nudgeAddressing(context);
  return {
    to: sender.length > 0 ? sender : fallback.to,
    greetName: sender.length > 0 ? (event.from?.name ?? null) : fallback.greetName,
    subject: event.subject ?? context.application.subject,
  };
}

function nextMorningAfter(context: RuleContext, instant: number): number {
  return morningOf(context, addBusinessDays(userDayOf(context, instant), 1, context.calendar));
}
