/**
 * Reads the date line of a forwarded header block, as mail clients print it in six languages:
 * "Thu, Mar 19, 2026 at 9:12 AM", "Mi., 6. Mai. 2026 um 10:15 Uhr", "terça-feira, 5 de maio de
 * 2026 16:10", "15. April 2026 um 14:02:07 MESZ", "Wed, 06 May 2026 15:20:09 +0100",
 * "Monday, April 20, 2026, 11:00:02 AM +07", "27 mai 2026 à 16:20:02 UTC+2". Pure, no clock.
 *
 * The offset is returned only when the line shows one (numeric or a zone abbreviation); most
 * clients print the forwarder's local time without it, and the caller decides what to assume.
 */

import { LETTERS } from "../text/word-tokens.ts";

export interface HeaderDate {
  /** Naive local date-time "YYYY-MM-DDTHH:mm:ss". */
  local: string;
  /** Minutes east of UTC, when the line states it. */
  offsetMin: number | null;
}

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: [number, string[]][] = [
  [1, ["january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "janeiro", "januari"]],
  [2, ["february", "feb", "februar", "février", "fevrier", "févr", "fevr", "fév", "fev", "febrero", "fevereiro", "februari"]],
  [3, ["march", "mar", "märz", "maerz", "mär", "mrz", "mars", "marzo", "março", "marco", "maart", "mrt"]],
  [4, ["april", "apr", "avril", "avr", "abril", "abr"]],
  [5, ["may", "mai", "mayo", "maio", "mei"]],
  [6, ["june", "jun", "juni", "juin", "junio", "junho"]],
  [7, ["july", "jul", "juli", "juillet", "juil", "julio", "julho"]],
  [8, ["august", "aug", "août", "aout", "agosto", "ago", "augustus"]],
  [9, ["september", "sep", "sept", "septembre", "septiembre", "setembro", "set"]],
  [10, ["october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out"]],
  [11, ["november", "nov", "novembre", "noviembre", "novembro"]],
  [12, ["december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dezembro"]],
];
for (const [month, names] of MONTH_NAMES) for (const name of names) MONTHS[name] = month;

/** Zone abbreviations mail clients print after a time, with their fixed offsets in minutes. */
const ZONE_OFFSETS_MIN: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, MEZ: 60, MESZ: 120,
  EET: 120, EEST: 180, MSK: 180, SAST: 120, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420,
  MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180,
  NST: -210, NDT: -150, BRT: -180, ART: -180, JST: 540, KST: 540, SGT: 480, HKT: 480, AWST: 480,
  ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780, WIB: 420, WITA: 480, WIT: 540,
  ICT: 420, PHT: 480, PKT: 300, GST: 240,
};

/** Words (Latin letters: every month name read here is Latin), numbers with ordinal endings, separators. */
const DATE_TOKEN = new RegExp(`[${LETTERS}]+\\.?|\\d+(?:st|nd|rd|th|er|º|ª)?\\.?|[:/+-]`, "g");

/** Two digits at least: every number padded here is a non-negative integer. */
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

function readOffset(text: string): number | null {
  const signed = (sign: string, hours: string, minutes: string | undefined): number | null => {
    const total = Number(hours) * 60 + Number(minutes ?? 0);
    if (Number(hours) > 14) return null;
    return sign === "-" ? -total : total;
  };
  // "UTC+2", "GMT-05:00"
  const named = /\b(?:UTC|GMT)\s*([+-])(\d{1,2})(?::?(\d{2}))?/i.exec(text);
  if (named?.[1] && named[2]) return signed(named[1], named[2], named[3]);
  // "+0100", "+01:00", "+07"
  const bare = /(?:^|[\s(])([+-])(\d{2})(?::?(\d{2}))?(?!\d)/.exec(text);
  if (bare?.[1] && bare[2]) return signed(bare[1], bare[2], bare[3]);
  for (const token of text.match(/\b[A-Z]{1,5}\b/g) ?? []) {
    const offset = ZONE_OFFSETS_MIN[token];
    if (offset !== undefined) return offset;
  }
  return null;
}

/**
 * RFC 5322's own shape, which every message's Date header and many forwarded date lines have:
 * "Tue, 10 Mar 2026 19:05:00 +0100", optionally with a zone comment ("(CET)"). Read directly,
 * with the same answer the general reader below gives it, at a fraction of the cost.
 */
const RFC_5322_DATE = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+([+-])(\d{2})(\d{2})(?:\s*\([A-Za-z ]*\))?$/;

function readRfc5322Date(line: string): HeaderDate | null {
  const match = RFC_5322_DATE.exec(line);
  if (!match) return null;
  const month = MONTHS[(match[2] ?? "").toLowerCase()];
  const day = Number(match[1]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6] ?? 0);
  const offsetHours = Number(match[8]);
  if (month === undefined || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60 || offsetHours > 14) return null;
  const offset = offsetHours * 60 + Number(match[9]);
  return {
    local: `${match[3]}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(Math.min(second, 59))}`,
    offsetMin: match[7] === "-" ? -offset : offset,
  };
}

/** Parses a header date line; null when it holds no recognisable calendar date. */
export function parseHeaderDate(value: string): HeaderDate | null {
  const line = value.trim().slice(0, 200);
  const standard = readRfc5322Date(line);
  if (standard) return standard;
  // The tokens' texts only: where one ends is found again for the one token that needs it.
  const tokens = line.match(DATE_TOKEN) ?? [];

  let year: number | null = null;
  let yearIndex = -1;
  for (let i = 0; i < tokens.length; i++) {
    const text = tokens[i] ?? "";
    if (/^(19|20)\d\d\.?$/.test(text)) {
      year = Number.parseInt(text, 10);
      yearIndex = i;
      break;
    }
  }

  let month: number | null = null;
  let day: number | null = null;
  let restStart = line.length;
  if (year !== null) {
    // The month word nearest before the year, else the first after it ("mar, 2 jun 2026": "mar" is Tuesday).
    let monthIndex = -1;
    for (let i = yearIndex - 1; i >= 0 && monthIndex < 0; i--) if (MONTHS[monthKey(tokens[i])] !== undefined) monthIndex = i;
    for (let i = yearIndex + 1; i < tokens.length && monthIndex < 0; i++) if (MONTHS[monthKey(tokens[i])] !== undefined) monthIndex = i;
    if (monthIndex >= 0) {
      month = MONTHS[monthKey(tokens[monthIndex])] ?? null;
      day = adjacentDay(tokens, monthIndex);
      restStart = tokenEnd(line, tokens, Math.max(monthIndex, yearIndex));
    }
  }
  if (month === null || day === null || year === null) {
    const numeric = /\b(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})\b/.exec(line);
    if (!numeric?.[1] || !numeric[3] || !numeric[4]) return null;
    const parts = [Number(numeric[1]), Number(numeric[3]), Number(numeric[4])] as const;
    if (numeric[1].length === 4) [year, month, day] = parts;
    else {
      year = parts[2] < 100 ? 2000 + parts[2] : parts[2];
      // Day first unless that is impossible: most of the languages read here write d/m.
      [day, month] = parts[1] > 12 ? [parts[1], parts[0]] : [parts[0], parts[1]];
    }
    restStart = numeric.index + numeric[0].length;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;

  const rest = line.slice(restStart);
  const time = /(\d{1,2})[:h.](\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*(?:m\b\.?)?/i.exec(rest);
  let hour = 0;
  let minute = 0;
  let second = 0;
  let afterTime = rest;
  if (time?.[1] && time[2]) {
    hour = Number(time[1]);
    minute = Number(time[2]);
    second = Number(time[3] ?? 0);
    const meridiem = time[4]?.toLowerCase();
    if (meridiem === "p" && hour < 12) hour += 12;
    if (meridiem === "a" && hour === 12) hour = 0;
    afterTime = rest.slice(time.index + time[0].length);
  }
  if (hour > 23 || minute > 59 || second > 60) return null;
  return {
    local: `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(Math.min(second, 59))}`,
    offsetMin: readOffset(afterTime),
  };
}

/**
 * Offset in `line` where token `last` of its `tokens` ends. Each token starts at the first of
 * its characters after the token before: the characters DATE_TOKEN skips never start one.
 */
function tokenEnd(line: string, tokens: string[], last: number): number {
  let end = 0;
  for (let i = 0; i <= last; i++) {
    const token = tokens[i] ?? "";
    end = line.indexOf(token, end) + token.length;
  }
  return end;
}

function monthKey(token: string | undefined): string {
  const lower = (token ?? "").toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

const DAY_TOKEN = /^(\d{1,2})(?:st|nd|rd|th|er|º|ª)?\.?$/;
const DAY_FILLER = /^(de|del|the|of)$/i;

function asDay(text: string | undefined): number | null {
  const match = DAY_TOKEN.exec(text ?? "");
  return match?.[1] ? Number(match[1]) : null;
}

/** The day number right before or after the month word, skipping "de"/"the". */
function adjacentDay(tokens: string[], monthIndex: number): number | null {
  let before = monthIndex - 1;
  if (DAY_FILLER.test(tokens[before] ?? "")) before--;
  let after = monthIndex + 1;
  if (DAY_FILLER.test(tokens[after] ?? "")) after++;
  return asDay(tokens[before]) ?? asDay(tokens[after]);
}

/** Formats a naive local time and an offset as ISO 8601 ("2026-03-19T09:12:00+01:00"). */
export function toIsoWithOffset(local: string, offsetMin: number): string {
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
