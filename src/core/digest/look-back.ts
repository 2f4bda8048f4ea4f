/**
 * The weekly look back: the first digest of each week (Monday's, or when Monday's did not go
 * out, the first one sent after it; the adapter tells which) shows the past seven days and the
 * whole search up to them, in the figures of src/core/applications/funnel.ts. Pure: weeks and
 * days are the user's, in their zone; the instants come from the local date, never a clock.
 */
import { addCalendarDays, atLocalTime, parseLocalDateTime, weekdayOf, type LocalDate } from "../time/business-days.ts";
import { computeFunnel, type FunnelEvent } from "../applications/funnel.ts";
import type { InterviewRecord } from "../applications/records.ts";
import type { DigestLookBack } from "./content.ts";

const WEEK_DAYS = 7;

/** The Monday of the week `day` falls in: a week runs Monday to Sunday. */
export function weekStartOf(day: LocalDate): LocalDate {
  return addCalendarDays(day, -((weekdayOf(day) + 6) % 7));
}

export interface LookBackInput {
  /** The digest's local date: the look back covers the seven days before it. */
  localDate: LocalDate;
  timeZone: string;
  /** The applications the owner sees; others' events are left out. */
  applicationIds: Iterable<number>;
  events: readonly FunnelEvent[];
  interviews: readonly (Pick<InterviewRecord, "startAt" | "startLocal" | "timeZone" | "status"> & { applicationId: number })[];
}

/**
 * The past seven days (the local days before `localDate`) and the whole search up to the same
 * midnight, so both read as of the same moment. Null when the search has nothing to show yet.
 */
export function planLookBack(input: LookBackInput): DigestLookBack | null {
  const { localDate, timeZone } = input;
  const firstDay = addCalendarDays(localDate, -WEEK_DAYS);
  const end = atLocalTime(localDate, 0, timeZone);
  const funnelInput = {
    applicationIds: [...input.applicationIds],
    events: input.events,
    // A round known only by its local time is read in its own zone, else the user's, as the rules read it.
    interviews: input.interviews.map((i) => ({
      applicationId: i.applicationId,
      status: i.status,
      startAt: i.startAt ?? (i.startLocal === null ? null : parseLocalDateTime(i.startLocal, i.timeZone ?? timeZone)),
    })),
  };
  const total = computeFunnel(funnelInput, { to: end });
  if (Object.values(total).every((figure) => figure === 0 || figure === null)) return null;
  return {
    firstDay,
    lastDay: addCalendarDays(localDate, -1),
    week: computeFunnel(funnelInput, { from: atLocalTime(firstDay, 0, timeZone), to: end }),
    total,
  };
}
