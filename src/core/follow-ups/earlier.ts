/**
 * R10: earlier follow-ups, on the user's word only: a competing offer (with its answer deadline
 * when known) or genuinely new information. A closing or an employer answer after the word makes
 * it moot (R11); a courtesy reply does not. Pure: no I/O, no clock.
 */
import { describeDay, interviewDay, isHandled, morningOf, nudgeAddressing, type RuleContext } from "./rule-context.ts";
import type { Spec } from "./spec.ts";

export function planEarlierFollowUps(context: RuleContext): Spec[] {
  const { application, lastAnswer, lastClosing, lastHeld } = context;
  const nudge = nudgeAddressing(context);
  const specs: Spec[] = [];
  for (const event of context.events) {
    if (event.type !== "offer_elsewhere" && event.type !== "new_information") continue;
    if (lastClosing && lastClosing.at > event.at) continue;
    if (lastAnswer && lastAnswer.at > event.at) continue;
    const key = `R10:application:${application.id}:${event.type === "offer_elsewhere" ? "offer" : "news"}:${event.at}`;
    if (isHandled(context.handledKeys, key)) continue;
    const base = { key, rule: "R10" as const, interviewId: null, dueAt: event.at, ...nudge };
    if (event.type === "offer_elsewhere") {
      specs.push({
        ...base,
        latestAt: event.deadline === null ? null : morningOf(context, event.deadline),
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
  return specs;
}
