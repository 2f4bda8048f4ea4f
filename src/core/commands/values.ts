/**
 * The values reply commands carry, read the way people write them: dates ("monday", "3d",
 * "dec 1", "2026-12-01"), times of day ("3pm", "07:30"), time zones ("PT", "Europe/Berlin")
 * and promised timelines ("5 business days", "by friday").
 *
 * Pure: no I/O, no clock. Dates are civil dates ("YYYY-MM-DD") in the user's zone, resolved
 * against the `today` the caller passes; arithmetic runs on day numbers (time/civil-dates.ts), so no
 * host zone or DST shift can move a day. Every reader works on whitespace-separated tokens with anchored
 * regexes of fixed shape, so its cost is linear in the input. A phrase that is not fully
 * understood yields null: nothing is guessed from part of a phrase.
 */
import { civilFromDays, daysFromCivil, isValidCivilDate, weekdayOfDays } from "../time/civil-dates.ts";
import type { PromisedTimeline, TimelineUnit } from "../understanding/types.ts";

/** How a weekday or a month-day without a year is placed relative to today. */
export type DateAnchor =
  /** The first such day strictly after today ("snooze 2 monday" on a Monday means next week). */
  | "after_today"
  /** The first such day on or after today ("time: tue 3pm" on a Tuesday means today). */
  | "from_today";

/** Longest relative amount read ("in 400 days" is a typo more often than a plan). */
const MAX_RELATIVE_DAYS = 366;
const MAX_RELATIVE_WEEKS = 52;
/** Timelines employers give are days to a few months; larger numbers are typos. */
const MAX_TIMELINE_AMOUNT = 365;

const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ["sunday", 0], ["sun", 0],
  ["monday", 1], ["mon", 1],
  ["tuesday", 2], ["tue", 2], ["tues", 2],
  ["wednesday", 3], ["wed", 3],
  ["thursday", 4], ["thu", 4], ["thur", 4], ["thurs", 4],
  ["friday", 5], ["fri", 5],
  ["saturday", 6], ["sat", 6],
  // German, French and Spanish, accents folded as `tokenize` folds them.
  ["sonntag", 0], ["montag", 1], ["dienstag", 2], ["mittwoch", 3], ["donnerstag", 4], ["freitag", 5], ["samstag", 6],
  ["dimanche", 0], ["lundi", 1], ["mardi", 2], ["mercredi", 3], ["jeudi", 4], ["vendredi", 5], ["samedi", 6],
  ["domingo", 0], ["lunes", 1], ["martes", 2], ["miercoles", 3], ["jueves", 4], ["viernes", 5], ["sabado", 6],
]);

/** "tomorrow" and "today" in the languages of the drafts. */
const TOMORROW_WORDS: ReadonlySet<string> = new Set(["tomorrow", "morgen", "demain", "manana"]);
const TODAY_WORDS: ReadonlySet<string> = new Set(["today", "heute", "aujourd'hui", "hoy"]);

const MONTHS: ReadonlyMap<string, number> = new Map([
  ["january", 1], ["jan", 1], ["february", 2], ["feb", 2], ["march", 3], ["mar", 3],
  ["april", 4], ["apr", 4], ["may", 5], ["june", 6], ["jun", 6], ["july", 7], ["jul", 7],
  ["august", 8], ["aug", 8], ["september", 9], ["sep", 9], ["sept", 9],
  ["october", 10], ["oct", 10], ["november", 11], ["nov", 11], ["december", 12], ["dec", 12],
]);

/** Words that may introduce a date and add nothing to it ("snooze 2 until monday"). */
const DATE_PREFIXES: ReadonlySet<string> = new Set(["until", "till", "til", "to", "on", "in", "for", "by", "next", "bis", "am", "jusqu'a", "au", "hasta", "el"]);

/**
 * Zone abbreviations people write after a time, mapped to the IANA zone they mean (the
 * DST-aware region, because "3pm PST" written in July still means Pacific time). Ambiguous
 * abbreviations (IST: India, Ireland or Israel; CST: also China) are left out, or mapped to
 * the reading recruiters overwhelmingly mean, and the user can always write the IANA name.
 */
const ZONE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ["pt", "America/Los_Angeles"], ["pst", "America/Los_Angeles"], ["pdt", "America/Los_Angeles"],
  ["mt", "America/Denver"], ["mst", "America/Denver"], ["mdt", "America/Denver"],
  ["ct", "America/Chicago"], ["cst", "America/Chicago"], ["cdt", "America/Chicago"],
  ["et", "America/New_York"], ["est", "America/New_York"], ["edt", "America/New_York"],
  ["akst", "America/Anchorage"], ["akdt", "America/Anchorage"], ["hst", "Pacific/Honolulu"],
  ["utc", "UTC"], ["gmt", "UTC"], ["z", "UTC"],
  ["bst", "Europe/London"], ["wet", "Europe/Lisbon"], ["west", "Europe/Lisbon"],
  ["cet", "Europe/Paris"], ["cest", "Europe/Paris"], ["eet", "Europe/Athens"], ["eest", "Europe/Athens"],
  ["jst", "Asia/Tokyo"], ["sgt", "Asia/Singapore"], ["aest", "Australia/Sydney"], ["aedt", "Australia/Sydney"],
]);

const TIMELINE_UNIT_WORDS: ReadonlyMap<string, TimelineUnit> = new Map([
  // R2: "N days" without a qualifier counts as business days.
  ["day", "business_days"], ["days", "business_days"], ["d", "business_days"],
  ["bd", "business_days"], ["workdays", "business_days"],
  ["hour", "hours"], ["hours", "hours"], ["h", "hours"],
  ["week", "weeks"], ["weeks", "weeks"], ["w", "weeks"],
  ["month", "months"], ["months", "months"],
]);
const BUSINESS_QUALIFIERS: ReadonlySet<string> = new Set(["business", "working", "work"]);

/**
 * Lower-cased tokens of a phrase. Commas separate like spaces; an abbreviation's dot is
 * dropped ("tue." → "tue") but not a number's, so "15.30" stays one time.
 */
export function tokenize(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[\s,]+/)
    .map((token) => (token.endsWith(".") && !/^\d/.test(token) ? token.slice(0, -1) : token))
    .filter((token) => token.length > 0);
}

/**
 * A date phrase → "YYYY-MM-DD", or null when the tokens are not one whole date. Reads
 * "today", "tomorrow", weekdays, "3d"/"3 days"/"2w"/"2 weeks", ISO dates and English
 * month-day dates with an optional year ("dec 1", "1st december 2026"), after an optional
 * "until"/"on"/"in"/"by"…. Ranges (past, too far) are the caller's to check.
 */
export function resolveDatePhrase(tokens: readonly string[], today: string, anchor: DateAnchor): string | null {
  const words = tokens.length > 1 && DATE_PREFIXES.has(tokens[0] ?? "") ? tokens.slice(1) : tokens;
  const [first, second, third, fourth] = words;
  if (first === undefined || fourth !== undefined) return null;

  if (second === undefined) {
    if (TODAY_WORDS.has(first)) return today;
    if (TOMORROW_WORDS.has(first)) return addDays(today, 1);
    const weekday = WEEKDAYS.get(first);
    if (weekday !== undefined) return nextWeekday(today, weekday, anchor);
    if (/^\d{4}-\d{2}-\d{2}$/.test(first)) return isCivilDate(first) ? first : null;
    const compact = /^(\d{1,3})(d|w)$/.exec(first);
    if (compact) return addRelative(today, Number(compact[1]), compact[2] === "w" ? "weeks" : "days");
    return null;
  }

  if (third === undefined) {
    const amount = /^\d{1,3}$/.test(first) ? Number(first) : null;
    if (amount !== null && (second === "d" || second === "day" || second === "days")) {
      return addRelative(today, amount, "days");
    }
    if (amount !== null && (second === "w" || second === "week" || second === "weeks")) {
      return addRelative(today, amount, "weeks");
    }
  }
  return resolveMonthDay(words, today, anchor);
}

/**
 * A time of day → "HH:MM" (24-hour), or null. Reads "3pm", "3 pm", "3:30pm", "15:00",
 * "15.00", "15h", "15h30", "noon" and "7 a.m."; a bare hour ("7") only when `bareHour` allows
 * it, because "tue 3" could be a date as easily as a time.
 */
export function resolveTimeOfDay(tokens: readonly string[], bareHour: boolean): string | null {
  const [first, second, third] = tokens;
  if (first === undefined || third !== undefined) return null;
  if (first === "noon" && second === undefined) return "12:00";
  const match = /^(\d{1,2})(?:([:.h])(\d{2}))?(h|am|pm|a\.m\.?|p\.m\.?)?$/.exec(first);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = match[3] === undefined ? 0 : Number(match[3]);
  const suffix = match[4];
  if (minute > 59) return null;
  if (second !== undefined && suffix !== undefined) return null;
  const meridiem = toMeridiem(second ?? suffix ?? "");
  if (second !== undefined && meridiem === null) return null;
  if (meridiem !== null) {
    if (hour < 1 || hour > 12) return null;
    return formatTime((hour % 12) + (meridiem === "pm" ? 12 : 0), minute);
  }
  const written = match[2] !== undefined || suffix === "h";
  if (!written && !bareHour) return null;
  return hour <= 23 ? formatTime(hour, minute) : null;
}

/** A zone as written after a time ("PT", "cest", "Europe/Berlin") → IANA name, or null. */
export function resolveZoneToken(token: string): string | null {
  return ZONE_ABBREVIATIONS.get(token.toLowerCase()) ?? canonicalTimeZone(token);
}

/**
 * An IANA zone name in the runtime's canonical spelling ("europe/berlin" → "Europe/Berlin"),
 * or null. Only "Area/Location" names and UTC are accepted: the runtime also takes offsets
 * ("+01:00") and legacy abbreviations ("EST"), which do not follow daylight saving where the
 * user lives.
 */
export function canonicalTimeZone(name: string): string | null {
  if (name.length > 64) return null;
  const isUtc = /^(utc|etc\/utc)$/i.test(name);
  if (!isUtc && !/^[a-z]+(?:\/[a-z0-9_+-]+)+$/i.test(name)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * A promised timeline as the user reports it (R2) → the stored shape, or null. Amounts
 * ("5 business days", "3-5 days", "2 weeks", "5d") keep `by` null: turning business days into
 * a date needs the user's public holidays, which the follow-up rules own. Dates ("friday",
 * "by dec 1") set `by` and leave the amount null.
 */
export function resolveTimelinePhrase(phrase: string, today: string): PromisedTimeline | null {
  const tokens = tokenize(phrase);
  const text = phrase.trim();
  const amount = readTimelineAmount(tokens[0] === "in" || tokens[0] === "within" ? tokens.slice(1) : tokens);
  if (amount !== null) {
    const { min, max, unit } = amount;
    return min < max ? { amount: max, unit, text, by: null, rangeMin: min } : { amount: max, unit, text, by: null };
  }
  const by = resolveDatePhrase(tokens, today, "from_today");
  return by !== null && by >= today ? { amount: null, unit: null, text, by } : null;
}

function addDays(date: string, days: number): string {
  const { year, month, day } = civilFromDays(toDayNumber(date) + days);
  return civil(year, month, day);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

function readTimelineAmount(words: readonly string[]): { min: number; max: number; unit: TimelineUnit } | null {
  const [amountToken, ...rest] = words;
  if (amountToken === undefined) return null;
  const match = /^(\d{1,3})(?:-(\d{1,3}))?([a-z]*)$/.exec(amountToken);
  if (!match) return null;
  const min = Number(match[1]);
  let max = match[2] === undefined ? min : Number(match[2]);
  let unitWords = match[3] === "" ? rest : [match[3] ?? "", ...rest];
  if (match[2] === undefined && match[3] === "" && rest[0] === "to" && /^\d{1,3}$/.test(rest[1] ?? "")) {
    max = Number(rest[1]);
    unitWords = rest.slice(2);
  }
  if (min < 1 || max < min || max > MAX_TIMELINE_AMOUNT) return null;
  const unit = readTimelineUnit(unitWords);
  return unit === null ? null : { min, max, unit };
}

function readTimelineUnit(words: readonly string[]): TimelineUnit | null {
  const [first, second, third] = words;
  if (first === undefined || third !== undefined) return null;
  if (second === undefined) return TIMELINE_UNIT_WORDS.get(first) ?? null;
  if (second !== "day" && second !== "days") return null;
  if (BUSINESS_QUALIFIERS.has(first)) return "business_days";
  return first === "calendar" ? "days" : null;
}

function resolveMonthDay(words: readonly string[], today: string, anchor: DateAnchor): string | null {
  const [first, second, third] = words;
  if (first === undefined || second === undefined) return null;
  const monthFirst = MONTHS.get(first);
  const month = monthFirst ?? MONTHS.get(second);
  const dayToken = monthFirst === undefined ? first : second;
  if (month === undefined) return null;
  const dayMatch = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(dayToken);
  if (!dayMatch) return null;
  const day = Number(dayMatch[1]);
  if (third !== undefined) {
    if (!/^\d{4}$/.test(third)) return null;
    const date = civil(Number(third), month, day);
    return isCivilDate(date) ? date : null;
  }
  const year = Number(today.slice(0, 4));
  for (const candidateYear of [year, year + 1]) {
    const date = civil(candidateYear, month, day);
    if (isCivilDate(date) && (anchor === "from_today" ? date >= today : date > today)) return date;
  }
  return null;
}

function nextWeekday(today: string, weekday: number, anchor: DateAnchor): string {
  const current = weekdayOfDays(toDayNumber(today));
  let ahead = (weekday - current + 7) % 7;
  if (ahead === 0 && anchor === "after_today") ahead = 7;
  return addDays(today, ahead);
}

function addRelative(today: string, amount: number, unit: "days" | "weeks"): string | null {
  const limit = unit === "days" ? MAX_RELATIVE_DAYS : MAX_RELATIVE_WEEKS;
  if (amount < 1 || amount > limit) return null;
  return addDays(today, unit === "days" ? amount : amount * 7);
}

function toMeridiem(token: string): "am" | "pm" | null {
  if (token === "am" || token === "a.m" || token === "a.m.") return "am";
  if (token === "pm" || token === "p.m" || token === "p.m.") return "pm";
  return null;
}

function formatTime(hour: number, minute: number): string {
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

function civil(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A real calendar day: "2026-02-30" is not one. */
function isCivilDate(date: string): boolean {
  const [year, month, day] = [date.slice(0, 4), date.slice(5, 7), date.slice(8, 10)].map(Number);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && isValidCivilDate(year ?? 0, month ?? 0, day ?? 0);
}

function toDayNumber(date: string): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}
