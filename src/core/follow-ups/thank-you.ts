/**
 * R1: a thank-you for every interview round, held or coming, to each interviewer separately when
 * their address is known (C9), else to the contact. Pure: no I/O, no clock.
 */
import type { Contact } from "./history.ts";
import { addBusinessDays, atLocalTime, type BusinessCalendar, isBusinessDay, toLocalDate, toLocalMinuteOfDay } from "../time/business-days.ts";
import type { Settings } from "./settings.ts";
import { describeDay, type Interview, interviewDay, isHandled, type RuleContext, toRecipient, userDayOf } from "./rule-context.ts";
import type { Recipient, Spec } from "./spec.ts";

const HOUR_MS = 60 * 60 * 1000;

interface ThankYouTarget {
  to: Recipient[];
  /** The recipient part of the key: the address in lower case, or "unknown". */
  id: string;
  greet: string | null;
}

export function planThankYous(context: RuleContext): Spec[] {
  const { application, calendar, settings } = context;
  const specs: Spec[] = [];
  for (const interview of context.interviews) {
    // Timed only when a thank-you is still to send: most rounds' were sent long ago.
    let timing: { dueAt: number; latestAt: number } | undefined;
    for (const target of listThankYouTargets(context, interview)) {
      const key = `R1:interview:${interview.id}:to:${target.id}`;
      if (isHandled(context.handledKeys, key)) continue;
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
        reason: `Thank-you for the interview on ${describeDay(userDayOf(context, interview.startAt))}`,
      });
    }
  }
  return specs;
}

/** C9: each interviewer with an address; with none, the contact, greeting a lone interviewer by name. */
function listThankYouTargets(context: RuleContext, interview: Interview): ThankYouTarget[] {
  const { application, contactRecipients } = context;
  const addressed = listAddressedOnce(interview.interviewers);
  if (addressed.length > 0) return addressed.map((r) => ({ to: [r], id: r.email.toLowerCase(), greet: r.name }));
  return [
    {
      to: contactRecipients,
      id: contactRecipients[0]?.email.toLowerCase() ?? "unknown",
      greet: application.contact?.name ?? (interview.interviewers.length === 1 ? (interview.interviewers[0]?.name ?? null) : null),
    },
  ];
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
