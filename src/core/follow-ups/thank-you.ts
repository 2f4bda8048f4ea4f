/**
 * R1: a thank-you for every interview round, held or coming, to each interviewer separately when
 * their address is known (C9), else to the contact. Pure: no I/O, no clock.
 */
import type { Contact } from "./history.ts";
import { addBusinessDays, atLocalTime, type BusinessCalendar, isBusinessDay, toLocalDate, toLocalMinuteOfDay } from "../time/business-days.ts";
import type { Settings } from "./settings.ts";
import { describeDay, type Interview, interviewCalendar, interviewDay, isHandled, type RuleContext, toRecipient, userDayOf } from "./rule-context.ts";
import type { Recipient, Spec } from "./spec.ts";

const HOUR_MS = 60 * 60 * 1000;
/** R1: an interview that starts from this local hour on is an afternoon one, thanked the next business morning. */
const AFTERNOON_FROM_HOUR = 12;

interface ThankYouTarget {
  to: Recipient[];
  /** The recipient part of the key: the address in lower case, or "unknown". */
  id: string;
  greet: string | null;
  kind: "thank_you" | "thank_you_via_coordinator";
  /** C9: the interviewers named without an address, whose thanks the coordinator passes on. */
  interviewerNames?: string[];
}

export function planThankYous(context: RuleContext): Spec[] {
  const { application, settings } = context;
  const specs: Spec[] = [];
  for (const interview of context.interviews) {
    // Timed only when a thank-you is still to send: most rounds' were sent long ago.
    let timing: { dueAt: number; latestAt: number } | undefined;
    for (const target of listThankYouTargets(context, interview)) {
      const key = `R1:interview:${interview.id}:to:${target.id}`;
      if (isHandled(context.handledKeys, key)) continue;
      timing ??= thankYouTiming(interview, interviewCalendar(context, interview), settings);
      specs.push({
        key,
        rule: "R1",
        interviewId: interview.id,
        ...timing,
        to: target.to,
        greetName: target.greet,
        kind: target.kind,
        ...(target.interviewerNames ? { interviewerNames: target.interviewerNames } : {}),
        draftDate: interviewDay(interview),
        subject: interview.subject ?? application.subject,
        reason: `Thank-you for the interview on ${describeDay(userDayOf(context, interview.startAt))}`,
      });
    }
  }
  return specs;
}

/**
 * C9: each interviewer with an address gets their own thank-you. Interviewers named without one
 * are thanked through the contact, who is asked to pass it on or for their addresses. With no
 * interviewer named, the contact is the one the user spoke with; with no contact either, the
 * thank-you waits for an address.
 */
function listThankYouTargets(context: RuleContext, interview: Interview): ThankYouTarget[] {
  const { application, contactRecipients } = context;
  const addressed = listAddressedOnce(interview.interviewers);
  const targets: ThankYouTarget[] = addressed.map((r) => ({ to: [r], id: r.email.toLowerCase(), greet: r.name, kind: "thank_you" }));
  const contactName = application.contact?.name ?? null;
  const unaddressed = interview.interviewers.flatMap((i) => (toRecipient(i) === null && i.name && !isSamePerson(i.name, contactName) ? [i.name] : []));
  const id = contactRecipients[0]?.email.toLowerCase() ?? "unknown";
  if (unaddressed.length > 0 && contactRecipients.length > 0) {
    // Keyed apart when the contact was also an interviewer with their own thank-you.
    const passOnId = targets.some((t) => t.id === id) ? `${id}:pass-on` : id;
    targets.push({ to: contactRecipients, id: passOnId, greet: contactName, kind: "thank_you_via_coordinator", interviewerNames: unaddressed });
    return targets;
  }
  if (targets.length > 0) return targets;
  // No one to pass the thanks on: the thank-you waits for an address, greeting a lone interviewer by name.
  const greet = contactName ?? (interview.interviewers.length === 1 ? (interview.interviewers[0]?.name ?? null) : null);
  return [{ to: contactRecipients, id, greet, kind: "thank_you" }];
}

function isSamePerson(name: string, other: string | null): boolean {
  return other !== null && name.trim().toLowerCase() === other.trim().toLowerCase();
}

/**
 * R1's timing: a few hours after the end when that is still within the working day, else the
 * next business morning (a Friday-afternoon interview → Monday morning). Late once both 48 hours
 * and the end of the next business day have passed. Never before the end. All of it on the
 * interviewer's calendar: a New York interview that ends at 11:00 is thanked that afternoon in
 * New York, even when it is evening for a user in Berlin; the digest shows the time on the user's.
 */
function thankYouTiming({ startAt, endAt }: Interview, calendar: BusinessCalendar, settings: Settings): { dueAt: number; latestAt: number } {
  const zone = calendar.timeZone;
  const endDay = toLocalDate(endAt, zone);
  const candidate = endAt + settings.thankYouDelayHours * HOUR_MS;
  const sameWorkingDay =
    toLocalMinuteOfDay(startAt, zone) < AFTERNOON_FROM_HOUR * 60 &&
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
