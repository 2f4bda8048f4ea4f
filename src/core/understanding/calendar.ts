/**
 * Calendar parts (text/calendar bodies and .ics attachments) read into events. Pure: no clock,
 * no I/O; never throws on malformed input (a date that cannot be read becomes null).
 *
 * A small RFC 5545 reader instead of ical.js: ical.js costs about 12 ms on a cold start, ships
 * no IANA data (a TZID without its VTIMEZONE becomes a floating time read as UTC), and knows
 * neither Windows zone ids nor Outlook display names, so the zone logic had to live here anyway.
 * What is read: line unfolding, parameters (quoted too), text escapes, METHOD, VEVENT fields,
 * DTSTART/DTEND/DURATION with TZID, UTC "Z", floating and VALUE=DATE forms, and VTIMEZONE rules.
 *
 * Zones: a TZID is resolved to IANA from itself (IANA name or alias, Windows id, Outlook display
 * name, "/mozilla.org/.../Europe/Berlin" paths) or from its VTIMEZONE's hints (X-LIC-LOCATION,
 * X-ENTOURAGE-CFTIMEZONE, X-TZINFO). The instant comes from the VTIMEZONE's own rules when it
 * has them; if the named IANA zone disagrees with those rules at that instant, the rules win
 * and `tz` stays null rather than name a zone whose clock differs.
 */

import type { CalendarPart } from "../mail/forwarded-email.ts";
import { DAY_MS, MINUTE_MS, daysFromCivil, formatWallClock, isValidCivilDate, wallClockFromGroups } from "../time/civil-dates.ts";
import { formatInZone, formatWithOffset, windowsZoneToIana } from "../time/zones.ts";
import { canonicalZoneName, offsetFromRules, wallToInstant, zoneOffsetMin, type Observance, type YearlyOnset, type ZoneRules } from "../time/zone-rules.ts";

export interface CalendarEvent {
  method: "REQUEST" | "CANCEL" | "PUBLISH" | "REPLY" | "OTHER" | null;
  uid: string | null;
  sequence: number | null;
  /** CONFIRMED / CANCELLED / TENTATIVE as written (upper-cased). */
  status: string | null;
  summary: string | null;
  description: string | null;
  location: string | null;
  /** ISO 8601 with offset, in `tz` when known; a UTC time with no zone is rendered "+00:00". */
  start: string | null;
  /** Naive local time when the zone is unknown (a floating time, or a TZID that names no zone). */
  startLocal: string | null;
  /** IANA zone of the event. */
  tz: string | null;
  end: string | null;
  durationMin: number | null;
  organizer: { name: string | null; email: string | null } | null;
  attendees: { name: string | null; email: string | null }[];
  /** Teams/Meet/Zoom/Webex join link. */
  conferenceUrl: string | null;
  /** A date-only event (VALUE=DATE): `startLocal` is its day at 00:00, `start` is null. */
  allDay?: boolean;
}

/** Larger calendar parts are read only up to this size; an invitation is a few kilobytes. */
const MAX_ICS_CHARS = 256 * 1024;
/** Events read per part; an invitation has one, an update or a series a handful. */
const MAX_EVENTS_PER_PART = 20;
/** Component nesting; VCALENDAR > VTIMEZONE > STANDARD is three. Deeper is not a calendar. */
const MAX_COMPONENT_DEPTH = 6;

interface Property {
  name: string;
  params: ReadonlyMap<string, string>;
  value: string;
}

/** The parameters of the many properties that have none: one empty map, not one each. */
const NO_PARAMS: ReadonlyMap<string, string> = new Map();

/** A VTIMEZONE of the calendar, with its rules once read: an event's start and end share them. */
interface CalendarZone {
  component: Component;
  rules?: ZoneRules | null;
}

interface Component {
  name: string;
  properties: Property[];
  children: Component[];
}

/** Every VEVENT of every part, in order, without repeats (the same invitation often comes as body and attachment). */
export function readCalendars(parts: CalendarPart[]): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    for (const calendar of parseComponents(part.content.slice(0, MAX_ICS_CHARS))) {
      if (calendar.name !== "VCALENDAR") continue;
      const timezones = new Map<string, CalendarZone>();
      for (const child of calendar.children) {
        const tzid = child.name === "VTIMEZONE" ? propertyValue(child, "TZID") : null;
        if (tzid) timezones.set(unquote(tzid), { component: child });
      }
      const method = readMethod(propertyValue(calendar, "METHOD"));
      const calendarZone = propertyValue(calendar, "X-WR-TIMEZONE");
      let count = 0;
      for (const child of calendar.children) {
        if (child.name !== "VEVENT" || count >= MAX_EVENTS_PER_PART) continue;
        count++;
        const event = readEvent(child, method, timezones, calendarZone ? canonicalZoneName(calendarZone) : null);
        const key = [event.uid ?? "", event.sequence ?? "", propertyValue(child, "RECURRENCE-ID") ?? "", event.method ?? "", event.uid ? "" : `${event.start ?? event.startLocal}|${event.summary}`].join("|");
        if (seen.has(key)) continue;
        seen.add(key);
        events.push(event);
      }
    }
  }
  return events;
}

function readEvent(event: Component, method: CalendarEvent["method"], timezones: Map<string, CalendarZone>, calendarZone: string | null): CalendarEvent {
  const startProperty = findProperty(event, "DTSTART");
  const endProperty = findProperty(event, "DTEND");
  const start = startProperty ? readDateTime(startProperty, timezones, calendarZone) : null;
  let end = endProperty ? readDateTime(endProperty, timezones, calendarZone) : null;
  const duration = parseDuration(propertyValue(event, "DURATION"));
  if (!end && start && duration !== null) {
    end = {
      ...start,
      instantMs: start.instantMs === null ? null : start.instantMs + duration * MINUTE_MS,
      wallMs: start.wallMs + duration * MINUTE_MS,
    };
  }
  let durationMin: number | null = null;
  if (start && end) {
    const minutes = start.instantMs !== null && end.instantMs !== null
      ? (end.instantMs - start.instantMs) / MINUTE_MS
      : (end.wallMs - start.wallMs) / MINUTE_MS;
    durationMin = Number.isFinite(minutes) && minutes >= 0 ? Math.round(minutes) : null;
  }
  const sequenceText = propertyValue(event, "SEQUENCE");
  const sequence = sequenceText !== null && /^\d{1,9}$/.test(sequenceText.trim()) ? Number(sequenceText.trim()) : null;
  const description = textValue(event, "DESCRIPTION");
  const location = textValue(event, "LOCATION");
  const result: CalendarEvent = {
    method,
    uid: textValue(event, "UID"),
    sequence,
    status: propertyValue(event, "STATUS")?.trim().toUpperCase() || null,
    summary: textValue(event, "SUMMARY"),
    description,
    location,
    start: start ? renderStart(start) : null,
    startLocal: start && (start.instantMs === null || start.allDay) ? formatWallClock(start.wallMs) : null,
    tz: start && !start.allDay ? start.tz : null,
    end: end ? renderStart(end) : null,
    durationMin: start?.allDay ? null : durationMin,
    organizer: readPerson(findProperty(event, "ORGANIZER")),
    attendees: event.properties.filter((p) => p.name === "ATTENDEE").map((p) => readPerson(p)).filter((p) => p !== null),
    conferenceUrl: findConferenceUrl(event, location, description),
  };
  if (start?.allDay) result.allDay = true;
  return result;
}

// ---- Date-times and zones -------------------------------------------------------------------

interface DateTimeValue {
  /** Wall-clock ms as written. */
  wallMs: number;
  /** The instant, when the zone (or UTC) is known. */
  instantMs: number | null;
  tz: string | null;
  /** Offset to render with when no IANA zone is known but the VTIMEZONE rules gave one. */
  offsetMin: number | null;
  allDay: boolean;
}

const DATE_TIME_RE = /^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})?(Z)?)?$/i;

function readDateTime(property: Property, timezones: Map<string, CalendarZone>, calendarZone: string | null): DateTimeValue | null {
  const m = DATE_TIME_RE.exec(property.value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const wallMs = year < 1900 || year > 2200 ? null : wallClockFromGroups(m);
  if (wallMs === null) return null;
  const allDay = m[4] === undefined || property.params.get("VALUE")?.toUpperCase() === "DATE";
  if (allDay) return { wallMs, instantMs: null, tz: null, offsetMin: null, allDay: true };
  if (m[7]) return { wallMs, instantMs: wallMs, tz: calendarZone, offsetMin: 0, allDay: false };
  const tzid = property.params.get("TZID");
  if (!tzid) return { wallMs, instantMs: null, tz: null, offsetMin: null, allDay: false };
  const zone = timezones.get(unquote(tzid)) ?? null;
  const tz = ianaFromTzid(unquote(tzid), zone?.component ?? null);
  if (zone && zone.rules === undefined) zone.rules = readZoneRules(zone.component);
  const rules = zone?.rules ?? null;
  if (rules) {
    const instantMs = wallToInstant(wallMs, (utcMs) => offsetFromRules(rules, utcMs));
    const offsetMin = offsetFromRules(rules, instantMs);
    const agrees = tz !== null && zoneOffsetMin(tz, instantMs) === offsetMin;
    return { wallMs, instantMs, tz: agrees ? tz : null, offsetMin, allDay: false };
  }
  if (tz) {
    const instantMs = wallToInstant(wallMs, (utcMs) => zoneOffsetMin(tz, utcMs));
    return { wallMs, instantMs, tz, offsetMin: null, allDay: false };
  }
  return { wallMs, instantMs: null, tz: null, offsetMin: null, allDay: false };
}

function renderStart(value: DateTimeValue): string | null {
  if (value.instantMs === null || value.allDay) return null;
  if (value.tz) return formatInZone(value.instantMs, value.tz);
  return formatWithOffset(value.instantMs, value.offsetMin ?? 0);
}

const TZID_PATH_RE = /(?:^|\/)((?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?)$/;

function ianaFromTzid(tzid: string, vtimezone: Component | null): string | null {
  const direct = canonicalZoneName(tzid);
  if (direct) return direct;
  for (const hint of ["X-LIC-LOCATION", "X-ENTOURAGE-CFTIMEZONE", "X-TZINFO"]) {
    const value = vtimezone ? propertyValue(vtimezone, hint) : null;
    const zone = value ? canonicalZoneName(value.replace(/\[.*$/, "").trim()) : null;
    if (zone) return zone;
  }
  const windows = windowsZoneToIana(tzid);
  if (windows) return canonicalZoneName(windows);
  const path = TZID_PATH_RE.exec(tzid.trim());
  return path?.[1] ? canonicalZoneName(path[1]) : null;
}

const OFFSET_RE = /^([+-])(\d{2})(\d{2})(\d{2})?$/;
const WEEKDAYS: Record<string, number> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };

/** STANDARD/DAYLIGHT observances of a VTIMEZONE; null when none can be read. */
function readZoneRules(vtimezone: Component): ZoneRules | null {
  const observances: Observance[] = [];
  for (const child of vtimezone.children) {
    if (child.name !== "STANDARD" && child.name !== "DAYLIGHT") continue;
    const from = parseUtcOffset(propertyValue(child, "TZOFFSETFROM"));
    const to = parseUtcOffset(propertyValue(child, "TZOFFSETTO"));
    const startProperty = findProperty(child, "DTSTART");
    const startMatch = startProperty ? DATE_TIME_RE.exec(startProperty.value.trim()) : null;
    if (to === null || !startMatch) continue;
    const [year, month, day] = [Number(startMatch[1]), Number(startMatch[2]), Number(startMatch[3])];
    if (!isValidCivilDate(year, month, day)) continue;
    const atMin = Number(startMatch[4] ?? 0) * 60 + Number(startMatch[5] ?? 0);
    const firstWallMs = daysFromCivil(year, month, day) * DAY_MS + atMin * MINUTE_MS;
    const rrule = propertyValue(child, "RRULE");
    const rule = readYearlyRule(rrule, month, day, atMin, from ?? to);
    // A rule this reader cannot follow would silently give wrong offsets; better to know none.
    if (rrule !== null && rule === null) return null;
    const extraWallMs = child.properties
      .filter((p) => p.name === "RDATE")
      .flatMap((p) => p.value.split(","))
      .map((v) => DATE_TIME_RE.exec(v.trim()))
      .filter((v) => v !== null)
      .map((v) => daysFromCivil(Number(v[1]), Number(v[2]), Number(v[3])) * DAY_MS + (Number(v[4] ?? 0) * 60 + Number(v[5] ?? 0)) * MINUTE_MS);
    observances.push({ offsetFromMin: from ?? to, offsetToMin: to, firstWallMs, untilMs: rule?.untilMs ?? null, yearly: rule?.onset ?? null, extraWallMs });
  }
  return observances.length > 0 ? { observances } : null;
}

function readYearlyRule(rrule: string | null, month: number, day: number, atMin: number, offsetFromMin: number): { onset: YearlyOnset; untilMs: number | null } | null {
  if (!rrule) return null;
  const parts = new Map(rrule.split(";").map((p) => {
    const [key = "", value = ""] = p.split("=");
    return [key.trim().toUpperCase(), value.trim().toUpperCase()] as const;
  }));
  if (parts.get("FREQ") !== "YEARLY") return null;
  const byMonth = Number(parts.get("BYMONTH") ?? month);
  if (!Number.isInteger(byMonth) || byMonth < 1 || byMonth > 12) return null;
  const byMonthDays = (parts.get("BYMONTHDAY") ?? "").split(",").map(Number).filter((d) => Number.isInteger(d) && d >= 1 && d <= 31);
  const byDay = /^([+-]?\d)?(SU|MO|TU|WE|TH|FR|SA)$/.exec(parts.get("BYDAY") ?? "");
  let onset: YearlyOnset;
  if (byDay?.[2]) {
    const weekday = WEEKDAYS[byDay[2]] ?? 0;
    const nth = byDay[1] === undefined ? null : Number(byDay[1]);
    if (byMonthDays.length > 0) onset = { month: byMonth, weekday, onOrAfter: Math.min(...byMonthDays), atMin };
    else if (nth === -1) onset = { month: byMonth, weekday, onOrAfter: null, atMin };
    else if (nth !== null && nth >= 1 && nth <= 4) onset = { month: byMonth, weekday, onOrAfter: 1 + 7 * (nth - 1), atMin };
    else return null;
  } else {
    onset = { month: byMonth, weekday: null, onOrAfter: byMonthDays[0] ?? day, atMin };
  }
  const until = parts.get("UNTIL");
  const untilMatch = until ? DATE_TIME_RE.exec(until) : null;
  let untilMs: number | null = null;
  if (untilMatch) {
    const wall = daysFromCivil(Number(untilMatch[1]), Number(untilMatch[2]), Number(untilMatch[3])) * DAY_MS +
      (Number(untilMatch[4] ?? 23) * 60 + Number(untilMatch[5] ?? 59)) * MINUTE_MS;
    untilMs = untilMatch[7] ? wall : wall - offsetFromMin * MINUTE_MS;
  }
  return { onset, untilMs };
}

function parseUtcOffset(value: string | null): number | null {
  const m = value ? OFFSET_RE.exec(value.trim()) : null;
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return minutes > 18 * 60 ? null : (m[1] === "-" ? -1 : 1) * minutes;
}

const DURATION_RE = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;
/** No event lasts longer than a year; a larger DURATION would put the end past any date that can be written. */
const MAX_DURATION_MIN = 366 * 1440;

/** RFC 5545 DURATION in whole minutes ("PT45M", "P1DT2H"), or null. */
function parseDuration(value: string | null): number | null {
  const m = value ? DURATION_RE.exec(value.trim()) : null;
  if (!m || m[1] === "-" || value?.trim().toUpperCase() === "P" || value?.trim().toUpperCase().endsWith("T")) return null;
  const minutes = Number(m[2] ?? 0) * 7 * 1440 + Number(m[3] ?? 0) * 1440 + Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0) + Math.round(Number(m[6] ?? 0) / 60);
  return Number.isFinite(minutes) && minutes <= MAX_DURATION_MIN ? minutes : null;
}

// ---- People and links -----------------------------------------------------------------------

function readPerson(property: Property | null): { name: string | null; email: string | null } | null {
  if (!property) return null;
  const cn = property.params.get("CN");
  const name = cn ? unquote(cn).trim() || null : null;
  const mailto = /^mailto:\s*(.+)$/i.exec(property.value.trim());
  const email = mailto?.[1] && /^[^\s@]+@[^\s@]+$/.test(mailto[1].trim()) ? mailto[1].trim() : null;
  if (name === null && email === null) return null;
  return { name, email };
}

/** Join links of the common meeting services. */
const MEETING_URL_RE = /https?:\/\/(?:[\w-]+\.)*(?:teams\.microsoft\.com\/l\/meetup-join|teams\.live\.com\/meet|meet\.google\.com|zoom\.us\/(?:j|my|w|s)|zoomgov\.com\/j|webex\.com\/(?:meet|join|[\w.-]+\/j\.php|wbxmjs)|whereby\.com|gotomeeting\.com\/join|meet\.goto\.com|bluejeans\.com|chime\.aws|meet\.jit\.si)[^\s<>"'\\)\]]*/i;

function findConferenceUrl(event: Component, location: string | null, description: string | null): string | null {
  for (const name of ["X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK"]) {
    const value = propertyValue(event, name)?.trim();
    if (value && /^https?:\/\//i.test(value)) return value;
  }
  for (const text of [propertyValue(event, "URL"), location, description]) {
    const m = text ? MEETING_URL_RE.exec(text) : null;
    if (m) return m[0].replace(/[.,;]+$/, "");
  }
  return null;
}

// ---- The line reader ------------------------------------------------------------------------

function parseComponents(text: string): Component[] {
  const roots: Component[] = [];
  const stack: Component[] = [];
  for (const line of unfoldLines(text)) {
    const property = parseProperty(line);
    if (!property) continue;
    if (property.name === "BEGIN") {
      const component: Component = { name: property.value.trim().toUpperCase(), properties: [], children: [] };
      if (stack.length >= MAX_COMPONENT_DEPTH) return roots;
      const parent = stack.at(-1);
      if (parent) parent.children.push(component);
      else roots.push(component);
      stack.push(component);
    } else if (property.name === "END") {
      const name = property.value.trim().toUpperCase();
      const index = stack.findLastIndex((c) => c.name === name);
      if (index >= 0) stack.length = index;
    } else {
      stack.at(-1)?.properties.push(property);
    }
  }
  return roots;
}

function unfoldLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split(/\r\n|\n|\r/)) {
    if ((raw.startsWith(" ") || raw.startsWith("\t")) && lines.length > 0) lines[lines.length - 1] += raw.slice(1);
    else if (raw.length > 0) lines.push(raw);
  }
  return lines;
}

function parseProperty(line: string): Property | null {
  let i = 0;
  while (i < line.length && line[i] !== ";" && line[i] !== ":") i++;
  const name = line.slice(0, i).trim().toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return null;
  let params: Map<string, string> | null = null;
  while (i < line.length && line[i] === ";") {
    const keyStart = ++i;
    while (i < line.length && line[i] !== "=" && line[i] !== ";" && line[i] !== ":") i++;
    const key = line.slice(keyStart, i).trim().toUpperCase();
    let value = "";
    if (line[i] === "=") {
      i++;
      const valueStart = i;
      let quoted = false;
      while (i < line.length && (quoted || (line[i] !== ";" && line[i] !== ":"))) {
        if (line[i] === '"') quoted = !quoted;
        i++;
      }
      value = line.slice(valueStart, i);
    }
    if (key) (params ??= new Map()).set(key, unquote(value));
  }
  if (line[i] !== ":") return null;
  return { name, params: params ?? NO_PARAMS, value: line.slice(i + 1) };
}

function findProperty(component: Component, name: string): Property | null {
  return component.properties.find((p) => p.name === name) ?? null;
}

function propertyValue(component: Component, name: string): string | null {
  return findProperty(component, name)?.value ?? null;
}

function textValue(component: Component, name: string): string | null {
  const raw = propertyValue(component, name);
  if (raw === null) return null;
  const text = raw.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c)).trim();
  return text === "" ? null : text;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function readMethod(value: string | null): CalendarEvent["method"] {
  if (value === null) return null;
  const method = value.trim().toUpperCase();
  return method === "REQUEST" || method === "CANCEL" || method === "PUBLISH" || method === "REPLY" ? method : "OTHER";
}

/** The event that describes the interview: a cancellation or the latest revision. */
export function pickEvent(events: CalendarEvent[]): CalendarEvent | null {
  let best: CalendarEvent | null = null;
  for (const event of events) {
    if (!best || (event.sequence ?? 0) > (best.sequence ?? 0) || (!best.start && event.start)) best = event;
  }
  return best;
}
