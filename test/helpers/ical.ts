/**
 * Reads iCalendar text back with ical.js, a full RFC 5545 parser, so the tests check what a
 * calendar app would read, not the writer's own idea of it. Also the raw-text checks ical.js
 * is lenient about: CRLF line ends and lines of at most 75 octets.
 */
import ICAL from "ical.js";

export interface ReadEvent {
  uid: string;
  summary: string;
  description: string;
  location: string | null;
  url: string | null;
  sequence: number;
  status: string | null;
  transp: string | null;
  /** The start as an instant (ISO, UTC) when the time is UTC; null for a floating time. */
  startUtc: string | null;
  endUtc: string | null;
  /** The start as written ("2026-03-03T14:30:00"), for floating times. */
  startLocal: string;
  startIsFloating: boolean;
  /** Each VALARM's action and trigger in seconds (-86400 for -P1D). */
  alarms: { action: string; triggerSeconds: number; description: string }[];
}

export interface ReadCalendar {
  properties: Record<string, string>;
  /** The value type ical.js read for each of the calendar's properties ("duration" for VALUE=DURATION). */
  valueTypes: Record<string, string>;
  events: ReadEvent[];
}

function text(component: ICAL.Component, name: string): string | null {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? null : String(value);
}

export function readCalendar(ics: string): ReadCalendar {
  const root = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  if (root.name !== "vcalendar") throw new Error(`not a calendar: ${root.name}`);
  const properties: Record<string, string> = {};
  const valueTypes: Record<string, string> = {};
  for (const property of root.getAllProperties()) {
    properties[property.name.toUpperCase()] = String(property.getFirstValue());
    valueTypes[property.name.toUpperCase()] = property.type;
  }
  const events = root.getAllSubcomponents("vevent").map((vevent): ReadEvent => {
    const event = new ICAL.Event(vevent);
    const start = event.startDate;
    const floating = start.zone === ICAL.Timezone.localTimezone;
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: text(vevent, "location"),
      url: text(vevent, "url"),
      sequence: event.sequence,
      status: text(vevent, "status"),
      transp: text(vevent, "transp"),
      startUtc: floating ? null : start.toJSDate().toISOString(),
      endUtc: floating ? null : event.endDate.toJSDate().toISOString(),
      startLocal: start.toString(),
      startIsFloating: floating,
      alarms: vevent.getAllSubcomponents("valarm").map((alarm) => ({
        action: String(alarm.getFirstPropertyValue("action")),
        triggerSeconds: (alarm.getFirstPropertyValue("trigger") as ICAL.Duration).toSeconds(),
        description: String(alarm.getFirstPropertyValue("description")),
      })),
    };
  });
  return { properties, valueTypes, events };
}

/** Lines of the raw text that break RFC 5545 §3.1: longer than 75 octets, or ended by anything but CRLF. */
export function lineProblems(ics: string): string[] {
  const problems: string[] = [];
  if (!ics.endsWith("\r\n")) problems.push("does not end with CRLF");
  if (/\r(?!\n)|(?<!\r)\n/.test(ics)) problems.push("holds a bare CR or LF");
  const encoder = new TextEncoder();
  for (const line of ics.split("\r\n")) {
    if (encoder.encode(line).length > 75) problems.push(`longer than 75 octets: ${line}`);
  }
  return problems;
}

/** The content lines with their folding undone (RFC 5545 §3.1: CRLF followed by one space or tab). */
export function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, "").split("\r\n").filter((line) => line !== "");
}
