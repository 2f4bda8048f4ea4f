/**
 * The calendar feed (`/cal/<token>.ics`), the invite attached to a confirmation, and the Google
 * Calendar link beside it: the same events (events.ts), so an interview added from the invite
 * and seen through the subscription is one event (one UID). Pure: `now` is an argument.
 *
 * Decisions:
 * - A cancelled interview is left out of the feed rather than kept with STATUS:CANCELLED.
 *   Calendar apps disagree on a cancelled event in a subscription (some hide it, some strike
 *   it through, Google Calendar has been seen to show it like any other); an event that is no
 *   longer in the feed is removed by all of them at their next refresh.
 * - The feed holds interviews from the last 90 days (a search's recent past stays in view while
 *   its follow-ups run) and everything ahead, and follow-ups due in that span, each kind capped
 *   (MAX_FEED_INTERVIEWS, MAX_FEED_FOLLOW_UPS; the latest kept), so its size stays bounded
 *   however long the search runs.
 * - The feed asks to be fetched hourly (REFRESH-INTERVAL, and X-PUBLISHED-TTL that Outlook
 *   reads); Google Calendar refreshes on its own schedule, often much less often.
 */
import { parseLocalDateTime } from "../time/business-days.ts";
import { DAY_MS, formatWallClock } from "../time/civil-dates.ts";
import { escapeText, formatFloatingDateTime, formatUtcDateTime, writeComponent, type Component, type Property } from "./ics.ts";
import { followUpEvent, interviewEvent, type CalendarEvent, type CalendarFollowUp, type CalendarInterview, type EventContext, type EventTime, type FollowUpContext } from "./events.ts";

const PRODUCT_ID = "-//Follow-up Assistant//Interview calendar//EN";
const CALENDAR_NAME = "Job search: interviews and follow-ups";
export const FEED_PAST_DAYS = 90;
export const MAX_FEED_INTERVIEWS = 500;
export const MAX_FEED_FOLLOW_UPS = 500;
const REFRESH = "PT1H";

export interface FeedInput extends FollowUpContext {
  interviews: readonly CalendarInterview[];
  followUps: readonly CalendarFollowUp[];
}

/** The whole feed as iCalendar text (METHOD:PUBLISH). */
export function buildCalendarFeed(input: FeedInput): string {
  const since = input.now - FEED_PAST_DAYS * DAY_MS;
  const interviews = latest(
    input.interviews
      .filter((i) => i.status === "scheduled")
      .map((i) => ({ at: approximateStart(i, input.ownerTimeZone), event: interviewEvent(i, input) }))
      .filter((e): e is { at: number; event: CalendarEvent } => e.event !== null && e.at >= since),
    MAX_FEED_INTERVIEWS,
  );
  const followUps = latest(
    input.followUps.map((f) => ({ at: Math.max(f.dueAt, f.snoozedUntil ?? f.dueAt), event: followUpEvent(f, input) })).filter((e) => e.at >= since),
    MAX_FEED_FOLLOW_UPS,
  );
  return writeComponent({
    name: "VCALENDAR",
    properties: [
      ...calendarHead(),
      { name: "X-WR-CALNAME", value: escapeText(CALENDAR_NAME) },
      { name: "X-WR-CALDESC", value: escapeText("Your interviews, with reminders a day and an hour before, and the follow-ups due, each on the day its draft is in your digest. From your follow-up assistant.") },
      { name: "REFRESH-INTERVAL", value: REFRESH, params: { VALUE: "DURATION" } },
      { name: "X-PUBLISHED-TTL", value: REFRESH },
    ],
    components: [...interviews, ...followUps].map((event) => eventComponent(event, input.now)),
  });
}

/** One interview as a file to open ("invite.ics"): the feed's event, same UID and SEQUENCE, so adding it and subscribing make one event. */
export function buildInviteFile(interview: CalendarInterview, context: EventContext & { now: number }): string | null {
  const event = interview.status === "scheduled" && interview.startAt !== null ? interviewEvent(interview, context) : null;
  if (event === null) return null;
  return writeComponent({ name: "VCALENDAR", properties: calendarHead(), components: [eventComponent(event, context.now)] });
}

/**
 * The Google Calendar "add event" link for an interview with a known instant: the template
 * page (calendar.google.com/calendar/render?action=TEMPLATE) with the title (`text`), the UTC
 * start and end (`dates=YYYYMMDDTHHMMSSZ/YYYYMMDDTHHMMSSZ`), the description (`details`) and
 * the join link (`location`). Null for an interview known only as a naive local time.
 */
export function googleCalendarLink(interview: CalendarInterview, context: EventContext): string | null {
  const event = interview.status === "scheduled" && interview.startAt !== null ? interviewEvent(interview, context) : null;
  if (event === null || event.start.kind !== "utc" || event.end.kind !== "utc") return null;
  // Every value percent-encoded but the dates, which hold only digits, "T", "Z" and the "/" Google's examples write.
  const params = [
    "action=TEMPLATE",
    `text=${encodeQueryValue(event.summary)}`,
    `dates=${formatUtcDateTime(event.start.instantMs)}/${formatUtcDateTime(event.end.instantMs)}`,
    `details=${encodeQueryValue(event.description)}`,
  ];
  if (event.location) params.push(`location=${encodeQueryValue(event.location)}`);
  return `https://calendar.google.com/calendar/render?${params.join("&")}`;
}

/** A query value with every character but RFC 3986's unreserved ones percent-encoded: "(" and ")" too, where a mail app's link finder may end a link. */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function calendarHead(): Property[] {
  return [
    { name: "PRODID", value: PRODUCT_ID },
    { name: "VERSION", value: "2.0" },
    { name: "CALSCALE", value: "GREGORIAN" },
    { name: "METHOD", value: "PUBLISH" },
  ];
}

/** The `max` events that start last, in order of their start. */
function latest(events: { at: number; event: CalendarEvent }[], max: number): CalendarEvent[] {
  return events
    .sort((a, b) => a.at - b.at)
    .slice(-max)
    .map((e) => e.event);
}

/** When the interview starts, for the feed's window: a naive local time is read in the owner's zone. */
function approximateStart(interview: CalendarInterview, ownerTimeZone: string): number {
  if (interview.startAt !== null) return interview.startAt;
  return (interview.startLocal === null ? null : parseLocalDateTime(interview.startLocal, ownerTimeZone)) ?? Number.NEGATIVE_INFINITY;
}

function dateTime(time: EventTime): string {
  return time.kind === "utc" ? formatUtcDateTime(time.instantMs) : formatFloatingDateTime(formatWallClock(time.wallMs))!;
}

function eventComponent(event: CalendarEvent, now: number): Component {
  const properties: Property[] = [
    { name: "UID", value: event.uid },
    { name: "DTSTAMP", value: formatUtcDateTime(now) },
    { name: "DTSTART", value: dateTime(event.start) },
    { name: "DTEND", value: dateTime(event.end) },
    { name: "SEQUENCE", value: String(event.sequence) },
    { name: "STATUS", value: "CONFIRMED" },
    { name: "SUMMARY", value: escapeText(event.summary) },
    { name: "DESCRIPTION", value: escapeText(event.description) },
  ];
  if (event.location) properties.push({ name: "LOCATION", value: escapeText(event.location) });
  if (event.url) properties.push({ name: "URL", value: event.url, params: { VALUE: "URI" } });
  if (event.lastModified !== null) properties.push({ name: "LAST-MODIFIED", value: formatUtcDateTime(event.lastModified) });
  properties.push({ name: "TRANSP", value: event.transparent ? "TRANSPARENT" : "OPAQUE" });
  const reminder = (trigger: string): Component => ({
    name: "VALARM",
    properties: [
      { name: "ACTION", value: "DISPLAY" },
      { name: "TRIGGER", value: trigger },
      { name: "DESCRIPTION", value: escapeText(event.summary) },
    ],
  });
  return { name: "VEVENT", properties, components: event.alarms ? [reminder("-P1D"), reminder("-PT1H")] : [] };
}
