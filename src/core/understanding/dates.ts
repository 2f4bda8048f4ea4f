/**
 * Dates and times written in mail text, in English, German, French, Spanish, Dutch and
 * Portuguese. Pure: no clock; relative words ("tomorrow", "afgelopen dinsdag") and dates
 * without a year are read against the original send time (`sentAt`) in the sender's offset.
 *
 * A mention is a date joined to a time: on one line ("Tue 3 Mar, 2:30 PM PT"), across a label
 * ("Date: 23.04.2026 / Uhrzeit: 09:30 Uhr"), or time first ("10 Uhr am Dienstag, 14. April").
 * A date alone or a time alone is not a mention. Lines of forwarded-message headers ("Sent:",
 * "Datum:" next to "From:") are skipped: they give the send time, not an appointment.
 *
 * Zones: the zone written right after the time, else the one zone the text names (if it names
 * exactly one), else `zoneHint`; otherwise `start` is null and only `startLocal` is given. A zone
 * is never guessed from the sender's offset; `zoneFrom` says which of the three gave it.
 *
 * Times as written in each language: "14:30", "2:30 PM", "10 a. m.", "14h30", "10 h 30",
 * "10.30 Uhr"; a length written like a time ("Durée : 1 h 30") is none.
 *
 * Day/month order of numeric dates ("04-05-2026"): ISO and dotted dates are unambiguous; for
 * a/b/yyyy a day above 12 anywhere in the same text settles the order for the text; else the
 * reading that is not in the past of the send date wins; else month-first only for English
 * mail sent from an American offset (UTC-10 to UTC-3:30), day-first everywhere else.
 */

import {
  DAY_MS, MINUTE_MS, civilFromDays, daysFromCivil, formatCivilDate, formatWallClock, isValidCivilDate, parseIsoInstant, weekdayOfDays,
} from "../time/civil-dates.ts";
import { RELATIVE_DAYS, WEEKDAY_FIRST_WORDS, monthFromWord, weekdayFromWord } from "./date-words.ts";
import { findHeaderLineRanges, isInRanges } from "../text/header-lines.ts";
import { formatWithOffset } from "../time/zones.ts";
import { findZoneMentions, matchZoneAt, refineGenericZone, type ZoneMention } from "../time/zone-mentions.ts";
import type { Language } from "./types.ts";
import { LETTERS, isJoinedBy, toLowerSameLength, tokenize, type Token } from "../text/word-tokens.ts";
import { canonicalZoneName, wallToInstant, zoneOffsetMin } from "../time/zone-rules.ts";

export interface DateTimeMention {
  /** ISO 8601 with offset when a zone is known (from the text, or `zoneHint`). */
  start: string | null;
  /** Naive "YYYY-MM-DDTHH:mm:00". */
  startLocal: string;
  tz: string | null;
  /** Where `tz` comes from: written at the time, the one zone the text names, or the caller's `zoneHint`. */
  zoneFrom: "written" | "text" | "hint" | null;
  /** From a range in the same mention ("14:00–15:00"). */
  durationMin: number | null;
  /** Offset of the mention in the text. */
  index: number;
  text: string;
  /** True when the time lies before the send time ("afgelopen dinsdag 14 april"). */
  isPast?: boolean;
}

export interface DateTimeContext {
  sentAt: string | null;
  sentOffsetMin: number | null;
  language: Language;
  zoneHint?: string | null;
}

// ---- Tokens -----------------------------------------------------------------------------------

interface DateToken {
  index: number;
  end: number;
  kind: "absolute" | "numeric" | "relative" | "weekday";
  year: number | null;
  month: number;
  day: number;
  /** For "numeric": the two leading numbers, order undecided. */
  first: number;
  second: number;
  weekday: number | null;
  relativeDays: number;
  weekdayMode: "next" | "this" | "last" | "next_week";
}

interface TimeToken {
  index: number;
  end: number;
  hour: number;
  minute: number;
  durationMin: number | null;
  zone: ZoneMention | null;
}

const L = LETTERS;
/**
 * Patterns below run on the lower-cased text; words are checked against the tables in date-words.ts.
 * The sticky ones are tried only where a number stands (see `scanAt`).
 */
const DAY_MONTH_RE = new RegExp(`(?<![${L}\\d])(\\d{1,2})(?:st|nd|rd|th|er|ère|e|ème|º|ª|\\.)?\\s*(?:de\\s+|of\\s+|-)?([${L}]{3,10})\\.?(?![${L}])(?:[-,]?\\s*(?:de\\s+)?(\\d{4})(?!\\d))?`, "y");
const MONTH_DAY_RE = new RegExp(`(?<![${L}\\d])([${L}]{3,10})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![${L}\\d]|[:.]\\d)(?:,?\\s*(\\d{4})(?!\\d))?`, "y");
const NUMERIC_DATE_RE = new RegExp(`(?<![${L}\\d./:\\-])(\\d{1,4})([./-])(\\d{1,2})\\2(\\d{2,4})(?!\\d|[./-]\\d)`, "y");
const DOTTED_NO_YEAR_RE = new RegExp(`(?<![${L}\\d./:\\-])(\\d{1,2})\\.(\\d{1,2})\\.(?![\\d${L}])`, "y");
/** A weekday written before a date: "Tue 3 Mar", "Dienstag, 14. April", "le jeudi 16 avril", "terça-feira, 5 de maio". */
const WEEKDAY_BEFORE_RE = new RegExp(`([${L}]+(?:-feira)?)\\.?,?\\s+(?:(?:the|den|le|el|o|a|de)\\s+)?$`);
/** Words before "morgen"/"mañana" that make it "the morning", not "tomorrow". */
const MORNING_BEFORE = new Set(["guten", "heute", "am", "jeden", "diesen", "la", "esta", "por", "de", "s"]);

const NEXT_WORDS = new Set(["next", "coming", "nächsten", "nächster", "nächste", "kommenden", "kommender", "próximo", "próxima", "volgende", "komende"]);
const THIS_WORDS = new Set(["this", "diesen", "dieser", "ce", "cette", "este", "esta", "deze"]);
const LAST_WORDS = new Set(["last", "past", "letzten", "letzter", "vergangenen", "vergangener", "afgelopen", "vorige"]);
const LAST_AFTER_WORDS = new Set(["dernier", "passé", "pasado", "passado", "passada"]);
const NEXT_AFTER_WORDS = new Set(["prochain"]);
const WEEK_WORDS = new Set(["week", "woche", "semaine", "semana"]);

const TIME_SOURCE = `(?<h>\\d{1,2})(?:(?<sep>[:.]|\\s?h\\s?)(?<m>\\d{2}))?(?::(?<s>\\d{2}))?(?:\\s?(?<ampm>[ap]\\.?\\s?m\\.?)(?![${L}])|\\s?(?<unit>uhr|h(?![${L}])|uur|horas?(?![${L}])))?(?![\\d:])`;
/** Not inside a number, a word or a date; but right after an ISO date's "T" ("2026-03-03T14:30"). */
const TIME_RE = new RegExp(`(?:(?<=\\d{4}-\\d{2}-\\d{2}t)|(?<![\\d.:,/\\-–${L}]))${TIME_SOURCE}`, "y");
/** The end of a range, read right after its separator. */
const TIME_STICKY_RE = new RegExp(TIME_SOURCE, "y");
const RANGE_SEPARATOR_RE = /\s*(?:-|–|—|to|till|until|bis|à|au|a|tot|até|ate|hasta|a\s+las|às)\s*/y;
const DIGIT_RE = /\d/;
/** A bare hour is a time after these words ("a las 11", "às 15", "um 10"). */
const HOUR_KEYWORD_BEFORE_RE = new RegExp(`(?<![${L}])(?:a\\s+las|a\\s+la|às|as|alle|um|om|at|à|vers|from|von|van|de|desde|das)\\s+$`);
/** "Durée : 1h30", "Duración: 1 h 30": a length, not a clock time. */
const DURATION_LABEL_BEFORE_RE = /(?:duration|length|durée|dauer|duración|duração|duur)\s*:?\s*(?:de\s+|d['’]environ\s+|environ\s+|ca\.\s*)?$/;
/** "in 2h", "binnen 24 uur": a duration, not a clock time. */
const DURATION_BEFORE_RE = new RegExp(`(?<![${L}])(?:in|within|innerhalb|dans|binnen|en|em|durante|for|pendant|für|voor|por|over|after|nach|après|após|después)\\s+(?:(?:the|den|de|les|los|as|os)\\s+)?(?:next\\s+)?$`);

// ---- Public API -------------------------------------------------------------------------------

/** Every date-time mention in the text, in order. Mentions that cannot be placed on a calendar (a weekday with no send date) are left out. */
export function findDateTimes(text: string, context: DateTimeContext): DateTimeMention[] {
  // A mention needs a time, and a time a number: text without a digit (most subjects) holds none.
  if (!DIGIT_RE.test(text)) return [];
  const reading = readText(text);
  const allTimes = findTimeTokens(reading);
  if (allTimes.length === 0) return [];
  const allDates = findDateTokens(reading, context.language);
  // Most mail states no date and time: the header lines are looked for only when it does.
  const headerLines = allDates.length > 0 ? findHeaderLineRanges(text) : [];
  const inHeader = (index: number): boolean => isInRanges(headerLines, index);
  const dates = allDates.filter((d) => !inHeader(d.index));
  const times = allTimes.filter((t) => !inHeader(t.index) && !dates.some((d) => t.index < d.end && t.end > d.index));
  const pairs = pairDatesWithTimes(text, dates, times);
  if (pairs.length === 0) return [];

  const sent = readSentAt(context.sentAt);
  // The zone the text names matters only for a time written without one: looked for then, once.
  let textZone: string | null | undefined;
  const zoneOfText = (): string | null => (textZone === undefined ? (textZone = uniqueTextZone(text, inHeader)) : textZone);
  const zoneHint = context.zoneHint ? canonicalZoneName(context.zoneHint) : null;
  const dayFirst = decideDayFirst(dates, context, sent);
  const mentions: DateTimeMention[] = [];
  for (const { date, time } of pairs) {
    const written = time.zone;
    const textZone = written ? null : zoneOfText();
    const tz = written?.tz
      ? (written.isGeneric ? refineGenericZone(written.tz, text) : written.tz)
      : written ? null : (textZone ?? zoneHint);
    const zoneFrom = tz === null ? null : written ? "written" : textZone ? "text" : "hint";
    const fixedOffset = written && !written.tz ? written.offsetMin : null;
    const senderOffset = senderOffsetMin(context, sent, tz ?? zoneHint);
    const day = resolveDay(date, dayFirst, sent, senderOffset);
    if (day === null) continue;
    const wallMs = day * DAY_MS + (time.hour * 60 + time.minute) * MINUTE_MS;
    let instant: number | null = null;
    let start: string | null = null;
    if (tz) {
      instant = wallToInstant(wallMs, (utcMs) => zoneOffsetMin(tz, utcMs));
      start = formatWithOffset(instant, zoneOffsetMin(tz, instant));
    } else if (fixedOffset !== null) {
      instant = wallMs - fixedOffset * MINUTE_MS;
      start = formatWithOffset(instant, fixedOffset);
    }
    const index = Math.min(date.index, time.index);
    const end = Math.max(date.end, time.end);
    const mention: DateTimeMention = {
      start,
      startLocal: formatWallClock(wallMs),
      tz,
      zoneFrom,
      durationMin: time.durationMin,
      index,
      text: text.slice(index, end),
    };
    if (sent) mention.isPast = instant !== null ? instant < sent.ms : wallMs < sent.ms + senderOffset * MINUTE_MS;
    mentions.push(mention);
  }
  return mergeRepeats(mentions);
}

/** Meetings shorter or longer than this are something else ("5 minutes early", "a 2-day workshop"). */
const MIN_MEETING_MIN = 10;
const MAX_MEETING_MIN = 8 * 60;
/** A date written without a time ("Friday", "10 March", "10.03.2026", "tomorrow"), resolved against the send date. */
export interface DateMention {
  /** Local calendar date, "YYYY-MM-DD". */
  date: string;
  index: number;
  text: string;
}

/**
 * Every date written in the text that can be placed on the calendar, in order; header lines are
 * skipped. `words` are the text's words when the caller has them already.
 */
export function findDates(text: string, context: DateTimeContext, words: Token[] = tokenize(text)): DateMention[] {
  const allDates = findDateTokens(readText(text, words), context.language);
  const headerLines = allDates.length > 0 ? findHeaderLineRanges(text) : [];
  const dates = allDates.filter((d) => !isInRanges(headerLines, d.index));
  const sent = readSentAt(context.sentAt);
  const dayFirst = decideDayFirst(dates, context, sent);
  const offset = senderOffsetMin(context, sent, context.zoneHint ? canonicalZoneName(context.zoneHint) : null);
  const mentions: DateMention[] = [];
  for (const token of dates) {
    const day = resolveDay(token, dayFirst, sent, offset);
    if (day !== null) mentions.push({ date: formatCivilDate(day), index: token.index, text: text.slice(token.index, token.end) });
  }
  return mentions;
}

/** The patterns below run on the lower-cased text. */
const DURATION_MINUTES_RE = new RegExp(`(?<![\\d.,:])(?<n>\\d{1,3}(?:[.,]\\d{1,2})?)[\\s-]*(?<unit>minutes?|mins?\\.?|minuten|minutos?|minuti|hours?|hrs?\\.?|stunden?|std\\.?|heures?|horas?|uur)(?![${L}])(?:\\s*(?:and|und|et|y|e|en)?\\s*(?<extra>\\d{1,2})\\s*(?:minutes?|mins?|minuten|minutos?))?`, "g");
const HOURS_UNIT_RE = /^(?:hours?|hrs?\.?|stunden?|std\.?|heures?|horas?|uur)$/;
const DURATION_HM_RE = new RegExp(`(?<![\\d.,:${L}])(?<h>[1-4])\\s?h\\s?(?<m>[0-5]\\d)(?![\\d:])`, "g");
const DURATION_WORDS: [RegExp, number][] = [
  [new RegExp(`(?<![${L}])(?:(?:an|one)\\s+hour\\s+and\\s+a\\s+half|anderthalb\\s+stunden|eineinhalb\\s+stunden|une\\s+heure\\s+et\\s+demie|(?:una\\s+)?hora\\s+y\\s+media|anderhalf\\s+uur|uma\\s+hora\\s+e\\s+meia)(?![${L}])`), 90],
  [new RegExp(`(?<![${L}])(?:half\\s+an\\s+hour|halbe[n]?\\s+stunde|demi-heure|media\\s+hora|half\\s+uur|meia\\s+hora)(?![${L}])`), 30],
  [new RegExp(`(?<![${L}])(?:(?:an|one)\\s+hour|eine[n]?\\s+stunde|une\\s+heure|una\\s+hora|(?:een|één)\\s+uur|uma\\s+hora)(?![${L}])`), 60],
];
const RANGE_BEFORE_RE = /\d{1,3}\s*(?:-|–|—|to|bis|à|a|tot|até|y|e|et|and|und|or|oder|ou|of)\s*$/;
const RANGE_AFTER_RE = /^\s*(?:-|–|—|to|bis|à|a|tot|até|or|oder|ou|of)\s*\d/;
const NOT_LENGTH_AFTER_RE = /^\s*(?:walk|on\s+foot|by\s+car|drive|away|lopen|fietsen|rijden|zu\s+fu[ßs]|fu[ßs]weg|entfernt|à\s+pied|de\s+marche|en\s+voiture|caminando|a\s+pie|en\s+coche|a\s+pé|de\s+carro|before|early|earlier|prior|in\s+advance|ahead|beforehand|late|later|after|from\s+now|ago|vorher|vor\s|früher|zu\s+früh|avant|à\s+l['’]avance|en\s+avance|plus\s+tôt|antes|de\s+antelación|con\s+antelación|de\s+antecedência|voor(?:af|dat)?\s|eerder|te\s+vroeg|van\s+tevoren|vooraf)/;
const NOT_LENGTH_BEFORE_RE = new RegExp(`(?<![${L}])(?:within|in|after|every|innerhalb\\s+von|innerhalb|nach|alle|dans|après|toutes\\s+les|dentro\\s+de|después\\s+de|cada|binnen|na|elke|em|após|a\\s+cada|arrive|arrivez|llegue|chegue|kom)\\s+(?:the\\s+)?(?:next\\s+)?(?:about\\s+|approximately\\s+|ca\\.\\s*)?$`);

/** Each of the DURATION_WORDS names the hour in one of these forms; a text without any is not searched for them. */
const HOUR_WORD_RE = /hour|stunde|heure|hora|uur/;

/** The length of a meeting stated in text ("45 minutes", "1 hour", "45 Minuten", "1h30", "(30 min)"); null for ranges ("60-90 minutes") or none. */
export function findDuration(text: string): number | null {
  const lower = lowerCased(text);
  const found: { index: number; minutes: number }[] = [];
  const hasDigit = DIGIT_RE.test(lower);
  DURATION_MINUTES_RE.lastIndex = 0;
  for (let m = hasDigit ? DURATION_MINUTES_RE.exec(lower) : null; m; m = DURATION_MINUTES_RE.exec(lower)) {
    const before = lower.slice(Math.max(0, m.index - 40), m.index);
    const after = lower.slice(m.index + m[0].length, m.index + m[0].length + 30);
    if (RANGE_BEFORE_RE.test(before) || RANGE_AFTER_RE.test(after) || NOT_LENGTH_AFTER_RE.test(after) || NOT_LENGTH_BEFORE_RE.test(before)) continue;
    const amount = Number((m.groups?.n ?? "").replace(",", "."));
    const minutes = Math.round(HOURS_UNIT_RE.test(m.groups?.unit ?? "") ? amount * 60 : amount) + Number(m.groups?.extra ?? 0);
    if (minutes >= MIN_MEETING_MIN && minutes <= MAX_MEETING_MIN) found.push({ index: m.index, minutes });
  }
  DURATION_HM_RE.lastIndex = 0;
  for (let m = hasDigit ? DURATION_HM_RE.exec(lower) : null; m; m = DURATION_HM_RE.exec(lower)) {
    if (HOUR_KEYWORD_BEFORE_RE.test(lower.slice(Math.max(0, m.index - 12), m.index))) continue;
    found.push({ index: m.index, minutes: Number(m.groups?.h) * 60 + Number(m.groups?.m) });
  }
  const namesHour = HOUR_WORD_RE.test(lower);
  for (const [re, minutes] of namesHour ? DURATION_WORDS : []) {
    const m = re.exec(lower);
    if (m && !NOT_LENGTH_AFTER_RE.test(lower.slice(m.index + m[0].length, m.index + m[0].length + 30))) found.push({ index: m.index, minutes });
  }
  found.sort((a, b) => a.index - b.index);
  return found[0]?.minutes ?? null;
}

// ---- Finding tokens ---------------------------------------------------------------------------

/** A text as the token finders read it: lower-cased with offsets kept, its words, and its numbers. */
interface TextReading {
  text: string;
  lower: string;
  words: Token[];
  numbers: Token[];
  /** Where the numbers of one or two digits start: every date pattern but one, and every time, hangs on one. */
  shortNumbers: number[];
}

function readText(text: string, words: Token[] = tokenize(text)): TextReading {
  const numbers = words.filter((word) => word.isNumber);
  const shortNumbers = numberStarts(numbers, text, 2);
  return { text, lower: lowerCased(text), words, numbers, shortNumbers };
}

let lastCased: string | null = null;
let lastLower = "";

/** `toLowerSameLength`: the date reader and then the duration reader ask for the same mail, so the last answer is kept. */
function lowerCased(text: string): string {
  if (text !== lastCased) {
    lastCased = text;
    lastLower = toLowerSameLength(text);
  }
  return lastLower;
}

function findDateTokens(reading: TextReading, language: Language): DateToken[] {
  const { text, lower, words, numbers, shortNumbers } = reading;
  const tokens: DateToken[] = [];
  const base = { year: null, month: 0, day: 0, first: 0, second: 0, weekday: null, relativeDays: 0, weekdayMode: "next" as const };
  const withWeekday = (index: number): { index: number; weekday: number | null } => {
    const m = WEEKDAY_BEFORE_RE.exec(lower.slice(Math.max(0, index - 24), index));
    const weekday = m?.[1] ? weekdayFromWord(m[1], true) : null;
    return weekday === null || !m ? { index, weekday: null } : { index: index - m[0].length, weekday };
  };
  const addAbsolute = (index: number, end: number, year: number | null, month: number | null, day: number, monthWord: string): boolean => {
    // "may" in lower case is the English verb ("option 1 may work").
    if (month === null || (monthWord === "may" && year === null && text.slice(index, end).includes("may"))) return false;
    if (!isValidCivilDate(year ?? 2024, month, day)) return false;
    const start = withWeekday(index);
    tokens.push({ ...base, index: start.index, end, kind: "absolute", year, month, day, weekday: start.weekday });
    return true;
  };
  scanAt(DAY_MONTH_RE, lower, shortNumbers, (m) => addAbsolute(m.index, m.index + m[0].length, m[3] ? Number(m[3]) : null, monthFromWord(m[2] ?? "", language), Number(m[1]), m[2] ?? ""));
  scanAt(MONTH_DAY_RE, lower, monthWordStarts(lower, shortNumbers, language), (m) => addAbsolute(m.index, m.index + m[0].length, m[3] ? Number(m[3]) : null, monthFromWord(m[1] ?? "", language), Number(m[2]), m[1] ?? ""));
  scanAt(NUMERIC_DATE_RE, lower, numberStarts(numbers, lower, 4, "./-"), (m) => {
    const [, a = "", sep, b = "", c = ""] = m;
    const start = withWeekday(m.index);
    const token = { ...base, index: start.index, end: m.index + m[0].length, weekday: start.weekday };
    if (a.length === 4) {
      const [year, month, day] = [Number(a), Number(b), Number(c)];
      if (c.length <= 2 && isValidCivilDate(year, month, day)) tokens.push({ ...token, kind: "absolute", year, month, day });
      return true;
    }
    if (a.length > 2 || c.length === 3) return true;
    const year = c.length === 2 ? 2000 + Number(c) : Number(c);
    const [first, second] = [Number(a), Number(b)];
    if (sep === ".") {
      if (isValidCivilDate(year, second, first)) tokens.push({ ...token, kind: "absolute", year, month: second, day: first });
    } else if (isValidCivilDate(year, second, first) || isValidCivilDate(year, first, second)) {
      tokens.push({ ...token, kind: "numeric", year, first, second });
    }
    return true;
  });
  scanAt(DOTTED_NO_YEAR_RE, lower, numberStarts(numbers, lower, 2, "."), (m) => {
    const [day, month] = [Number(m[1]), Number(m[2])];
    if (isValidCivilDate(2024, month, day)) {
      const start = withWeekday(m.index);
      tokens.push({ ...base, index: start.index, end: m.index + m[0].length, kind: "absolute", month, day, weekday: start.weekday });
    }
    return true;
  });
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Token;
    // Nearly every word neither begins a relative day nor names a weekday: its length and first
    // letter pass over most of them without hashing the word, the lookup over the rest.
    const lower = word.lower;
    if (word.isNumber || DAY_WORD_SHAPES[shapeOf(lower)] === 0 || !DAY_WORDS.has(lower)) continue;
    const relative = relativeDaysAt(words, i, text);
    if (relative) {
      tokens.push({ ...base, index: word.index, end: relative.end, kind: "relative", relativeDays: relative.days });
      continue;
    }
    // Portuguese weekdays are hyphenated ("terça-feira"); the tokens split at the hyphen.
    const feira = text.charAt(word.end) === "-" && text.slice(word.end, word.end + 6).toLowerCase() === "-feira";
    const weekday = weekdayFromWord(feira ? `${word.lower}-feira` : word.lower, false);
    if (weekday === null) continue;
    const modifiers = weekdayModifiers(words, feira ? i + 1 : i, text);
    tokens.push({ ...base, ...modifiers, index: Math.min(modifiers.index, word.index), kind: "weekday", weekday });
  }
  return removeOverlaps(tokens);
}

/**
 * Runs a sticky pattern at each start, in order, as a global search would find its matches: a
 * match `accept` takes is stepped over, one it rejects is not. The starts are every place the
 * pattern can begin, so the pattern is not tried at every character of the text.
 */
function scanAt(re: RegExp, text: string, starts: number[], accept: (m: RegExpExecArray) => boolean): void {
  let from = 0;
  for (const start of starts) {
    if (start < from) continue;
    re.lastIndex = start;
    const m = re.exec(text);
    if (m && accept(m)) from = m.index + m[0].length;
  }
}

/** Where the numbers of at most `maxDigits` digits start; with `separators`, only those followed by one of these characters. */
function numberStarts(numbers: Token[], text: string, maxDigits: number, separators?: string): number[] {
  const starts: number[] = [];
  for (const number of numbers) {
    if (number.end - number.index > maxDigits) continue;
    if (separators === undefined || (number.end < text.length && separators.includes(text.charAt(number.end)))) starts.push(number.index);
  }
  return starts;
}

const LETTER_RE = new RegExp(`[${L}]`);
const SPACE_RE = /\s/;

// `\s` and LETTERS for one character of the lower-cased text: ASCII by its code, the rest by the pattern.
function isSpaceAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? code === 32 || (code >= 9 && code <= 13) : SPACE_RE.test(text.charAt(i));
}

function isLetterAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? (code >= 97 && code <= 122) || (code >= 65 && code <= 90) : LETTER_RE.test(text.charAt(i));
}

/**
 * Where a month-first date ("march 3", "sept. 14") would start: the month before the spaces
 * before each day number. Only a month can make such a date, so other words are left out here.
 */
function monthWordStarts(lower: string, dayStarts: number[], language: Language): number[] {
  const starts: number[] = [];
  for (const day of dayStarts) {
    let i = day;
    while (i > 0 && isSpaceAt(lower, i - 1)) i--;
    if (i === day) continue;
    if (lower.charAt(i - 1) === ".") i--;
    const end = i;
    while (i > 0 && isLetterAt(lower, i - 1)) i--;
    if (end - i >= 3 && end - i <= 10 && monthFromWord(lower.slice(i, end), language) !== null) starts.push(i);
  }
  return starts;
}

/** Relative-day phrases as token sequences ("aujourd'hui" -> "aujourd hui"), and the word sequences they begin with. */
const RELATIVE_PHRASES = new Map([...RELATIVE_DAYS].map(([phrase, days]) => [phrase.replace(/[-'’]/g, " "), days] as const));
const RELATIVE_PHRASE_STARTS = new Set<string>();
for (const phrase of RELATIVE_PHRASES.keys()) {
  const words = phrase.split(" ");
  words.forEach((_, k) => RELATIVE_PHRASE_STARTS.add(words.slice(0, k + 1).join(" ")));
}

/** The single words a relative day or a weekday name begins with. */
const DAY_WORDS = new Set([...RELATIVE_PHRASE_STARTS, ...WEEKDAY_FIRST_WORDS].filter((phrase) => !phrase.includes(" ")));

/** A word's length and first letter folded into a table index (different words may share one). */
function shapeOf(word: string): number {
  return ((word.length & 15) << 8) | (word.charCodeAt(0) & 255);
}

/** 1 at the shapes of the DAY_WORDS: a word whose shape is 0 here is none of them. */
const DAY_WORD_SHAPES = new Uint8Array(1 << 12);
for (const word of DAY_WORDS) DAY_WORD_SHAPES[shapeOf(word)] = 1;

/** "tomorrow", "morgen", "après-demain", "pasado mañana", "the day after tomorrow", "depois de amanhã": the longest phrase at word i. */
function relativeDaysAt(words: Token[], i: number, text: string): { days: number; end: number } | null {
  const word = words[i];
  if (!word || !RELATIVE_PHRASE_STARTS.has(word.lower)) return null;
  let found: { phrase: string; days: number; end: number } | null = null;
  let phrase = word.lower;
  for (let k = i; ; k++) {
    const last = words[k] as Token;
    const days = RELATIVE_PHRASES.get(phrase);
    if (days !== undefined) found = { phrase, days, end: last.end };
    const next = words[k + 1];
    if (!next || !isJoinedBy(text, last.end, next.index, "-'’")) break;
    phrase = `${phrase} ${next.lower}`;
    if (!RELATIVE_PHRASE_STARTS.has(phrase)) break;
  }
  if (!found) return null;
  const before = words[i - 1];
  const isMorning = (found.phrase === "morgen" || found.phrase === "mañana") && before !== undefined && MORNING_BEFORE.has(before.lower) && isJoinedBy(text, before.end, word.index, "'’");
  // "Morgen!" / "Guten Morgen," as a greeting at the start of a line.
  const isGreeting = word.text === "Morgen" && /^\s*[,!]/.test(text.slice(word.end, word.end + 2));
  if (isMorning || isGreeting) return null;
  return { days: found.days, end: found.end };
}

/** How a bare weekday is meant: next, this, last, or the one in the following week. */
function weekdayModifiers(words: Token[], i: number, text: string): Pick<DateToken, "index" | "end" | "weekdayMode"> {
  const word = words[i] as Token;
  const joined = (a: Token | undefined, b: Token | undefined): boolean => a !== undefined && b !== undefined && isJoinedBy(text, a.end, b.index, "");
  const before1 = words[i - 1];
  const before2 = words[i - 2];
  let index = word.index;
  let end = word.end;
  let weekdayMode: DateToken["weekdayMode"] = "next";
  if (joined(before2, before1) && joined(before1, word) && before2 && before1 && NEXT_WORDS.has(before2.lower) && WEEK_WORDS.has(before1.lower)) {
    weekdayMode = "next_week";
    index = before2.index;
  } else if (before1 && joined(before1, word)) {
    if (NEXT_WORDS.has(before1.lower)) index = before1.index;
    else if (THIS_WORDS.has(before1.lower)) [weekdayMode, index] = ["this", before1.index];
    else if (LAST_WORDS.has(before1.lower)) [weekdayMode, index] = ["last", before1.index];
  }
  // After the weekday: "mardi prochain", "martes pasado", "Tuesday next week", "Dienstag nächste Woche", "terça-feira da próxima semana".
  const after = words.slice(i + 1, i + 5);
  const afterText = after.map((w) => w.lower).join(" ");
  const first = after[0];
  if (first && joined(word, first)) {
    if (LAST_AFTER_WORDS.has(first.lower)) [weekdayMode, end] = ["last", first.end];
    else if (NEXT_AFTER_WORDS.has(first.lower)) end = first.end;
    else {
      const m = /^(?:(?:in )?(?:der )?(?:next|nächste[rn]?|volgende) (?:week|woche)|(?:de la|da|van) (?:semaine prochaine|semana que viene|próxima semana|volgende week)|que vem)/.exec(afterText);
      if (m) {
        const count = m[0].split(" ").length;
        const last = after[count - 1];
        const chain = [word, ...after.slice(0, count)];
        if (last && chain.every((w, k) => k === 0 || joined(chain[k - 1], w))) {
          end = last.end;
          if (m[0] !== "que vem") weekdayMode = "next_week";
        }
      }
    }
  }
  return { index, end, weekdayMode };
}

/** Keeps the earliest, then longest, token where tokens overlap; an explicit date beats a bare weekday inside it. */
function removeOverlaps(tokens: DateToken[]): DateToken[] {
  const sorted = [...tokens].sort((a, b) => a.index - b.index || (b.end - b.index) - (a.end - a.index));
  const kept: DateToken[] = [];
  for (const token of sorted) {
    const last = kept.at(-1);
    if (last && token.index < last.end) {
      if (last.kind === "weekday" && token.kind !== "weekday" && token.end >= last.end) kept[kept.length - 1] = { ...token, index: last.index, weekday: token.weekday ?? last.weekday };
      continue;
    }
    kept.push(token);
  }
  return kept;
}

function findTimeTokens(reading: TextReading): TimeToken[] {
  const { text, lower } = reading;
  const tokens: TimeToken[] = [];
  let from = 0;
  for (const start of reading.shortNumbers) {
    if (start < from) continue;
    TIME_RE.lastIndex = start;
    const m = TIME_RE.exec(lower);
    if (!m) continue;
    const first = readTime(lower, m);
    let end = m.index + m[0].length;
    from = end;
    let durationMin: number | null = null;
    let startHour = first?.hour ?? null;
    const startMinute = first?.minute ?? Number(m.groups?.m ?? 0);
    // A range: "14:00–15:00", "2-3pm", "11am – 11:45am", "von 10 bis 11 Uhr".
    RANGE_SEPARATOR_RE.lastIndex = end;
    const separator = RANGE_SEPARATOR_RE.exec(lower);
    if (separator) {
      TIME_STICKY_RE.lastIndex = end + separator[0].length;
      const second = TIME_STICKY_RE.exec(lower);
      const secondTime = second ? readTime(lower, second, true) : null;
      if (second && secondTime) {
        const firstHour = startHour ?? bareHour(m, secondTime.meridiem);
        if (firstHour !== null) {
          startHour = alignMeridiem(firstHour, m.groups?.ampm ? null : secondTime.meridiem, secondTime.hour);
          let minutes = secondTime.hour * 60 + secondTime.minute - (startHour * 60 + startMinute);
          if (minutes <= 0) minutes += 24 * 60;
          durationMin = minutes <= 12 * 60 ? minutes : null;
          end = second.index + second[0].length;
          from = end;
        }
      }
    }
    if (startHour === null) continue;
    const zone = matchZoneAt(text, end);
    tokens.push({ index: m.index, end: zone ? zone.end : end, hour: startHour, minute: startMinute, durationMin, zone });
  }
  return tokens;
}

/** Hour and minute of a time match, or null when the digits are not clearly a clock time. */
function readTime(text: string, m: RegExpExecArray, isRangeEnd = false): { hour: number; minute: number; meridiem: "am" | "pm" | null } | null {
  const g = m.groups ?? {};
  let hour = Number(g.h);
  const minute = Number(g.m ?? 0);
  const second = Number(g.s ?? 0);
  const meridiem = g.ampm ? (g.ampm.startsWith("p") ? "pm" : "am") : null;
  const unit = g.unit ?? null;
  const before = text.slice(Math.max(0, m.index - 16), m.index);
  if (minute > 59 || second > 59) return null;
  if (g.sep === ".") {
    if (!meridiem && unit !== "uhr" && unit !== "uur" && unit !== "h") return null;
  } else if (g.sep?.includes("h") && DURATION_LABEL_BEFORE_RE.test(before)) {
    // "Durée : 1 h 30" is a length.
    return null;
  } else if (g.sep === undefined && !meridiem) {
    if (!unit) return null;
    if (unit === "h" && !isRangeEnd && DURATION_BEFORE_RE.test(before)) return null;
    if (unit.startsWith("hora") && !HOUR_KEYWORD_BEFORE_RE.test(before)) return null;
  }
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  } else if (hour > 23) {
    return null;
  }
  return { hour, minute, meridiem };
}

/** The hour of a bare range start ("2" in "2-3pm", "10" in "von 10 bis 11 Uhr"). */
function bareHour(m: RegExpExecArray, meridiem: "am" | "pm" | null): number | null {
  const g = m.groups ?? {};
  if (g.ampm || g.unit || (g.sep !== undefined && g.sep !== ".")) return null;
  const hour = Number(g.h);
  if (meridiem ? hour < 1 || hour > 12 : hour > 23) return null;
  return meridiem ? hour % 12 : hour;
}

/** A range start without am/pm takes the end's half of the day unless that would put it after the end ("11 - 1pm"). */
function alignMeridiem(hour: number, endMeridiem: "am" | "pm" | null, endHour: number): number {
  if (endMeridiem !== "pm" || hour >= 12) return hour;
  return hour + 12 <= endHour ? hour + 12 : hour;
}

// ---- Pairing ----------------------------------------------------------------------------------

const MAX_LINK_GAP_CHARS = 80;
const MAX_LINK_GAP_LETTERS = 30;
const TIME_FIRST_GAP_RE = /^[\s,(]*(?:(?:on|am|le|el|op|em|no|na|del?|this|ce|este|esta|diesen)\s+)?(?:the\s+)?$/i;
const CHAIN_GAP_RE = /^\s*(?:,|or|oder|ou|o|of|and|und|et|y|e|en|\/)\s*$/i;

function pairDatesWithTimes(text: string, dates: DateToken[], times: TimeToken[]): { date: DateToken; time: TimeToken }[] {
  const pairs: { date: DateToken; time: TimeToken }[] = [];
  let previous: { date: DateToken; time: TimeToken } | null = null;
  for (const time of times) {
    const before = [...dates].reverse().find((d) => d.end <= time.index);
    const timeBetween = before ? times.some((t) => t !== time && t.index >= before.end && t.index < time.index) : false;
    let date: DateToken | null = null;
    if (before && !timeBetween && isLinkGap(text.slice(before.end, time.index))) date = before;
    else if (previous && CHAIN_GAP_RE.test(text.slice(previous.time.end, time.index))) date = previous.date;
    else {
      const after = dates.find((d) => d.index >= time.end);
      if (after && after.index - time.end <= 25 && TIME_FIRST_GAP_RE.test(text.slice(time.end, after.index))) date = after;
    }
    if (date) {
      previous = { date, time };
      pairs.push(previous);
    } else {
      previous = null;
    }
  }
  return pairs;
}

const GAP_NON_LETTER_RE = new RegExp(`[^${L}]`, "g");
const SENTENCE_BREAK_RE = /[.!?](?:\s+|$)[A-ZÀ-ÖØ-Þ]/;

function isLinkGap(gap: string): boolean {
  if (gap.length > MAX_LINK_GAP_CHARS || /\d/.test(gap)) return false;
  if (gap.replace(GAP_NON_LETTER_RE, "").length > MAX_LINK_GAP_LETTERS) return false;
  if (SENTENCE_BREAK_RE.test(gap)) return false;
  return (gap.match(/\n/g) ?? []).length <= 6;
}

// ---- Resolving dates --------------------------------------------------------------------------

/** Dates without a year this far before the send date are read as next year's. */
const PAST_WINDOW_DAYS = 60;
const AMERICAN_OFFSET_RANGE_MIN: [number, number] = [-600, -210];

function decideDayFirst(dates: DateToken[], context: DateTimeContext, sent: { ms: number; offsetMin: number } | null): (token: DateToken) => boolean {
  const numeric = dates.filter((d) => d.kind === "numeric");
  const evidenceDayFirst = numeric.some((d) => d.first > 12 && d.second <= 12);
  const evidenceMonthFirst = numeric.some((d) => d.second > 12 && d.first <= 12);
  const offset = context.sentOffsetMin ?? sent?.offsetMin ?? null;
  const american = context.language === "en" && offset !== null && offset >= AMERICAN_OFFSET_RANGE_MIN[0] && offset <= AMERICAN_OFFSET_RANGE_MIN[1];
  const sendDay = sent ? Math.floor((sent.ms + (offset ?? 0) * MINUTE_MS) / DAY_MS) : null;
  return (token) => {
    if (token.first > 12) return true;
    if (token.second > 12) return false;
    if (evidenceDayFirst !== evidenceMonthFirst) return evidenceDayFirst;
    if (sendDay !== null && token.year !== null) {
      const dayFirst = daysFromCivil(token.year, token.second, token.first);
      const monthFirst = daysFromCivil(token.year, token.first, token.second);
      const dayFirstPast = dayFirst < sendDay;
      const monthFirstPast = monthFirst < sendDay;
      if (dayFirstPast !== monthFirstPast) return !dayFirstPast;
    }
    return !american;
  };
}

function resolveDay(token: DateToken, dayFirst: (token: DateToken) => boolean, sent: { ms: number } | null, senderOffsetMin: number): number | null {
  const sendDay = sent ? Math.floor((sent.ms + senderOffsetMin * MINUTE_MS) / DAY_MS) : null;
  switch (token.kind) {
    case "numeric": {
      const isDayFirst = dayFirst(token);
      const [month, day] = isDayFirst ? [token.second, token.first] : [token.first, token.second];
      return token.year !== null && isValidCivilDate(token.year, month, day) ? daysFromCivil(token.year, month, day) : null;
    }
    case "absolute": {
      if (token.year !== null) return daysFromCivil(token.year, token.month, token.day);
      if (sendDay === null) return null;
      return dayWithoutYear(token, sendDay);
    }
    case "relative":
      return sendDay === null ? null : sendDay + token.relativeDays;
    case "weekday": {
      if (sendDay === null || token.weekday === null) return null;
      const today = weekdayOfDays(sendDay);
      const ahead = (token.weekday - today + 7) % 7;
      if (token.weekdayMode === "this") return sendDay + ahead;
      if (token.weekdayMode === "last") return sendDay - ((today - token.weekday + 7) % 7 || 7);
      if (token.weekdayMode === "next_week") {
        const mondayNext = sendDay - ((today + 6) % 7) + 7;
        return mondayNext + ((token.weekday + 6) % 7);
      }
      return sendDay + (ahead || 7);
    }
  }
}

function dayWithoutYear(token: DateToken, sendDay: number): number | null {
  const sendYear = civilFromDays(sendDay).year;
  const candidates = [sendYear - 1, sendYear, sendYear + 1]
    .filter((y) => isValidCivilDate(y, token.month, token.day))
    .map((y) => daysFromCivil(y, token.month, token.day));
  if (token.weekday !== null) {
    const matching = candidates.filter((d) => weekdayOfDays(d) === token.weekday);
    const nearest = matching.sort((a, b) => Math.abs(a - sendDay) - Math.abs(b - sendDay))[0];
    if (nearest !== undefined && Math.abs(nearest - sendDay) <= 300) return nearest;
  }
  return candidates.find((d) => d >= sendDay - PAST_WINDOW_DAYS) ?? null;
}

let lastSentAt: string | null = null;
let lastSent: { ms: number; offsetMin: number } | null = null;

/** The send time as an instant and its written offset. The readers of one mail ask for it in turn, so the last answer is kept. */
function readSentAt(sentAt: string | null): { ms: number; offsetMin: number } | null {
  if (sentAt === null) return null;
  if (sentAt !== lastSentAt) {
    lastSentAt = sentAt;
    lastSent = parseIsoInstant(sentAt);
  }
  return lastSent;
}

/** The sender's UTC offset at the send time: as given, else that of the zone in play, else as written in `sentAt`. */
function senderOffsetMin(context: DateTimeContext, sent: { ms: number; offsetMin: number } | null, zone: string | null): number {
  if (context.sentOffsetMin !== null) return context.sentOffsetMin;
  if (!sent) return 0;
  return zone ? zoneOffsetMin(zone, sent.ms) : sent.offsetMin;
}

// ---- Zones and repeats ------------------------------------------------------------------------

/** The zone the text names, when it names exactly one (header lines aside). */
function uniqueTextZone(text: string, inHeader: (index: number) => boolean): string | null {
  let zone: string | null = null;
  for (const mention of findZoneMentions(text)) {
    if (inHeader(mention.index) || mention.tz === null) continue;
    const tz = mention.isGeneric ? refineGenericZone(mention.tz, text) : mention.tz;
    if (zone !== null && zone !== tz) return null;
    zone = tz;
  }
  return zone;
}

/** The same slot written twice (subject and body, text and summary) is one mention; the copy with a zone gives it. */
function mergeRepeats(mentions: DateTimeMention[]): DateTimeMention[] {
  const result: DateTimeMention[] = [];
  for (const mention of mentions) {
    const same = result.find((m) => m.startLocal === mention.startLocal && (m.tz === mention.tz || m.tz === null || mention.tz === null));
    if (!same) {
      result.push(mention);
      continue;
    }
    if (same.tz === null && mention.tz !== null) {
      same.tz = mention.tz;
      same.zoneFrom = mention.zoneFrom;
      same.start = mention.start;
      if (mention.isPast !== undefined) same.isPast = mention.isPast;
    }
    same.durationMin ??= mention.durationMin;
  }
  return result;
}
