/**
 * Whether the confirmation of a forward offers the interview for the owner's calendar (an
 * attached invite and a Google Calendar link), and what it offers. Precision first: only an
 * interview the forward scheduled or moved, with an exact start (an instant, not a naive local
 * time) that the reading is sure of; when the confirmation asks the owner to check the time or
 * its zone, nothing is offered until the answer (the calendar feed follows the correction).
 * Pure.
 */
import { SURE_SCORE, type Understanding } from "../understanding/types.ts";
import type { CalendarInterview, EventContext } from "./events.ts";
import { buildInviteFile, googleCalendarLink } from "./feed.ts";

const INVITE_FILENAME = "invite.ics";
/** The attachment's type: a calendar published for adding, not an invitation to answer (RFC 6047 §2.4). */
const INVITE_CONTENT_TYPE = "text/calendar; charset=utf-8; method=PUBLISH";

export interface CalendarOffer {
  googleLink: string;
  invite: { filename: string; contentType: string; content: string };
  /** The forward moved an interview the owner may have added before. */
  moved: boolean;
}

const SCHEDULING_KINDS: ReadonlySet<Understanding["kind"]> = new Set(["invitation", "scheduling_confirmation", "next_round", "reschedule"]);

/** The interview a forward left: the one it scheduled, or the one it moved. */
export interface FiledInterview {
  interview: CalendarInterview;
  moved: boolean;
}

export function offerForCalendar(filed: FiledInterview | null, understanding: Understanding | null, context: EventContext & { now: number }): CalendarOffer | null {
  if (filed === null || understanding === null || !SCHEDULING_KINDS.has(understanding.kind)) return null;
  const { interview } = filed;
  if (interview.status !== "scheduled" || interview.startAt === null) return null;
  // An interview already over (forwarded after it took place) has no place in a calendar any more.
  if (interview.startAt + (interview.durationMin ?? 0) * 60_000 <= context.now) return null;
  const unsure = (["start", "tz"] as const).some((field) => (understanding.confidence?.[field]?.score ?? 1) < SURE_SCORE);
  if (unsure) return null;
  const googleLink = googleCalendarLink(interview, context);
  const content = buildInviteFile(interview, context);
  if (googleLink === null || content === null) return null;
  return { googleLink, invite: { filename: INVITE_FILENAME, contentType: INVITE_CONTENT_TYPE, content }, moved: filed.moved };
}
