/**
 * Who reads a draft, as far as the history tells: how their own mail addressed the user and
 * how they signed it (C9), the calendar they read it on, and where they are. Pure.
 *
 * - Addressing comes only from mail of the person the draft goes to: the same address, and a
 *   name that is theirs. A coordinator's sign-off never greets an interviewer, nor a team
 *   mailbox's one person another at the same address. Of several mails, the newest that shows a
 *   thing (a signed name, a title, a register) says it.
 * - Their calendar is the interview's zone (the one the draft's date was named in), else the
 *   user's: the day the draft falls due on it is the day it goes out, so an interview that day
 *   is "today", the day before "yesterday" (phrases/types.ts `dayDistance`).
 * - Where they are: the employer's country when the interviews tell it, else that zone; English
 *   dates are month first for North American readers.
 */
import type { Addressing } from "./phrases/types.ts";
import { isSamePersonName, type WriterAddressing } from "../understanding/addressing.ts";
import type { RuleContext } from "./rule-context.ts";
import type { Spec } from "./spec.ts";

export interface DraftReader {
  addressing: Addressing | undefined;
  /** IANA zone of the reader's calendar. */
  timeZone: string;
  /** ISO country of the employer, when known. */
  country: string | null;
}

export function readerOf(context: RuleContext, spec: Spec): DraftReader {
  const interview = (spec.interviewId === null ? null : context.interviews.find((i) => i.id === spec.interviewId)) ?? context.lastHeld ?? context.interviews.at(-1);
  return {
    addressing: addressingOf(context, spec),
    timeZone: interview?.timeZone ?? context.calendar.timeZone,
    country: context.calendar.employerCountry ?? null,
  };
}

/** How the draft's recipient addressed the user, merged from their mails, newest first; undefined when none of theirs showed anything. */
function addressingOf(context: RuleContext, spec: Spec): Addressing | undefined {
  const address = spec.to[0]?.email.toLowerCase();
  if (address === undefined || spec.to.length !== 1) return undefined;
  const theirs: WriterAddressing[] = [];
  for (let i = context.events.length - 1; i >= 0; i--) {
    const event = context.events[i];
    const addressing = event?.type === "employer_replied" ? event.addressing : undefined;
    if (addressing === undefined || addressing.email?.toLowerCase() !== address) continue;
    if (spec.greetName !== null && addressing.name !== null && !isSamePersonName(spec.greetName, addressing.name)) continue;
    theirs.push(addressing);
  }
  if (theirs.length === 0) return undefined;
  const newest = <K extends keyof WriterAddressing>(key: K) => theirs.find((a) => a[key] !== null)?.[key] ?? null;
  return { signedAs: newest("signedAs"), familyName: newest("familyName"), title: newest("title"), formality: newest("formality") };
}
