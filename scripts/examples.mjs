/**
 * The sample emails in examples/ as the scripts and tests that drive a local worker send them,
 * and the owner's replies to the worker's mail.
 *
 * The examples are written for a week whose "today" is EXAMPLES_TODAY; `loadExamples` moves
 * every date in them by business days so that EXAMPLES_TODAY becomes the day asked for
 * (weekday names recomputed, UTC offsets recomputed for daylight saving), so a story told with
 * them holds on any day it runs. `ownerReply` writes a reply as a mail app does: to the
 * message's Reply-To, In-Reply-To its Message-ID.
 *
 * A file the rules cannot move (a date in a form not in DATE_FORMS, or on a weekend) throws an
 * `ExamplesError` naming it.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { TZDate, tzOffset } from "@date-fns/tz";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const EXAMPLES_DIR = join(ROOT, "examples");

/** The business day the examples call "today". */
export const EXAMPLES_TODAY = "2026-11-20";
/** The zone the examples' senders write in (their Date headers carry its offset). */
const EXAMPLES_ZONE = "America/Los_Angeles";
/** The owner and assistant addresses the examples are written with; replaced by the configured ones. */
const EXAMPLES_OWNER = "me@example.com";
const EXAMPLES_ASSISTANT = "assistant@example.com";

export class ExamplesError extends Error {}

// ── Civil dates ("YYYY-MM-DD") and business days (Monday to Friday) ──────────────────────────

const MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS_SHORT = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const WEEKDAYS_LONG = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

// ── Civil dates ("YYYY-MM-DD") and business days (Monday to Friday) ──────────────────────────

function civil(year, month, day) {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function parts(date) {
  const [year, month, day] = date.split("-").map(Number);
  return { year, month, day };
}

function addDays(date, days) {
  const { year, month, day } = parts(date);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return civil(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

function weekdayOf(date) {
  const { year, month, day } = parts(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export const isBusinessDay = (date) => weekdayOf(date) !== 0 && weekdayOf(date) !== 6;

export function addBusinessDays(date, count) {
  let day = date;
  for (let left = Math.abs(count); left > 0; ) {
    day = addDays(day, Math.sign(count));
    if (isBusinessDay(day)) left--;
  }
  return day;
}

function businessDaysBetween(from, to) {
  let count = 0;
  for (let day = from; day < to; day = addDays(day, 1)) if (isBusinessDay(addDays(day, 1))) count++;
  for (let day = from; day > to; day = addDays(day, -1)) if (isBusinessDay(day)) count--;
  return count;
}

export function localDateOf(instant, zone) {
  const local = new TZDate(instant, zone);
  return civil(local.getFullYear(), local.getMonth() + 1, local.getDate());
}

export function atLocalTime(date, hour, minute, zone) {
  const { year, month, day } = parts(date);
  return new TZDate(year, month - 1, day, hour, minute, 0, zone).getTime();
}

function formatOffset(minutes) {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

/** An RFC 5322 date for an instant, in a zone. */
export function rfc5322Date(instant, zone) {
  const local = new TZDate(instant, zone);
  const time = [local.getHours(), local.getMinutes(), local.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
  const date = civil(local.getFullYear(), local.getMonth() + 1, local.getDate());
  const { year, month, day } = parts(date);
  return `${WEEKDAYS_SHORT[weekdayOf(date)]}, ${day} ${MONTHS_SHORT[month - 1]} ${year} ${time} ${formatOffset(tzOffset(zone, new Date(instant)))}`;
}

// ── Moving the examples' dates ───────────────────────────────────────────────────────────────

/**
 * Every date form the examples use, each with how to rewrite it once its day is moved. A date
 * in any other form would be left behind silently, so `moveDates` counts years and refuses a
 * file with a year it did not move.
 */
const DATE_FORMS = [
  {
    // RFC 5322 header: "Tue, 17 Nov 2026 18:42:10 -0800". The wall time is kept; the offset follows DST.
    pattern: /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) [+-]\d{4}\b/g,
    read: (m) => ({ date: civil(Number(m[3]), MONTHS_SHORT.indexOf(m[2]) + 1, Number(m[1])), time: [Number(m[4]), Number(m[5]), Number(m[6])] }),
    write: (date, [hour, minute, second]) => {
      const { year, month, day } = parts(date);
      const instant = new TZDate(year, month - 1, day, hour, minute, second, EXAMPLES_ZONE).getTime();
      return rfc5322Date(instant, EXAMPLES_ZONE);
    },
  },
  {
    // Gmail's forwarded block: "Tue, Nov 17, 2026".
    pattern: /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}), (\d{4})\b/g,
    read: (m) => ({ date: civil(Number(m[3]), MONTHS_SHORT.indexOf(m[1]) + 1, Number(m[2])) }),
    write: (date) => {
      const { year, month, day } = parts(date);
      return `${WEEKDAYS_SHORT[weekdayOf(date)]}, ${MONTHS_SHORT[month - 1]} ${day}, ${year}`;
    },
  },
  {
    // Prose and Outlook's "Sent:" line: "Monday, November 23, 2026".
    pattern: /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2}), (\d{4})\b/g,
    read: (m) => ({ date: civil(Number(m[3]), MONTHS_LONG.indexOf(m[1]) + 1, Number(m[2])) }),
    write: (date) => {
      const { year, month, day } = parts(date);
      return `${WEEKDAYS_LONG[weekdayOf(date)]}, ${MONTHS_LONG[month - 1]} ${day}, ${year}`;
    },
  },
];

/** Moves every date in an example by the business days between EXAMPLES_TODAY and `today`. */
function moveDates(text, today, file) {
  let moved = 0;
  for (const form of DATE_FORMS) {
    text = text.replace(form.pattern, (...match) => {
      const { date, time } = form.read(match);
      if (!isBusinessDay(date)) throw new ExamplesError(`${file}: ${date} is not a business day; the examples' dates must be.`);
      moved++;
      return form.write(addBusinessDays(today, businessDaysBetween(EXAMPLES_TODAY, date)), time);
    });
  }
  const years = text.match(/\b(?:19|20)\d{2}\b/g)?.length ?? 0;
  if (years !== moved) throw new ExamplesError(`${file}: ${years - moved} date(s) in a form that cannot be moved; use one of the forms in DATE_FORMS.`);
  return text;
}

// ── Settings ─────────────────────────────────────────────────────────────────────────────────

/** The [vars] the scripts need, read from wrangler.toml (plain `KEY = "value"` lines). */
export function readVars() {
  const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  const value = (key) => {
    const match = new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, "m").exec(toml);
    if (!match) throw new ExamplesError(`wrangler.toml has no ${key} in [vars].`);
    return match[1];
  };
  return {
    owner: value("OWNER_EMAILS").split(",")[0].trim().toLowerCase(),
    assistant: value("ASSISTANT_EMAIL").trim().toLowerCase(),
    timeZone: value("OWNER_TIMEZONE").trim(),
  };
}

// ── The examples and the owner's replies ─────────────────────────────────────────────────────

/**
 * The examples, their addresses replaced by the configured ones and their dates moved so that
 * EXAMPLES_TODAY becomes `today` (a business day, "YYYY-MM-DD").
 * @param {{ owner: string; assistant: string }} vars
 * @param {string} today
 * @returns {{ file: string; raw: Buffer }[]}
 */
export function loadExamples(vars, today) {
  const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".eml")).sort();
  if (files.length === 0) throw new ExamplesError(`No .eml files in ${relative(ROOT, EXAMPLES_DIR)}/.`);
  return files.map((file) => {
    // latin1 maps each byte to one character and back, so any charset passes through unchanged.
    const text = readFileSync(join(EXAMPLES_DIR, file), "latin1")
      .replaceAll(EXAMPLES_OWNER, vars.owner)
      .replaceAll(EXAMPLES_ASSISTANT, vars.assistant);
    return { file, raw: Buffer.from(moveDates(text, today, file), "latin1") };
  });
}

/**
 * The owner's reply to one of the worker's emails (parsed by postal-mime), as a mail app writes
 * it: to its Reply-To, In-Reply-To its Message-ID, the command on top of a quote.
 * @param {{ owner: string; assistant: string; timeZone: string }} vars
 * @param {{ messageId?: string; replyTo?: { address?: string }[]; subject?: string; text?: string; date?: string }} message
 * @param {string} command
 * @returns {{ replyTo: string; raw: string }}
 */
export function ownerReply(vars, message, command) {
  const messageId = message.messageId;
  const replyTo = message.replyTo?.[0]?.address;
  if (!messageId || !replyTo) throw new ExamplesError("The email has no Message-ID or Reply-To to answer.");
  const quoted = (message.text ?? "").split(/\r?\n/).slice(0, 6).map((line) => `> ${line}`);
  const raw = [
    `From: Robin Ellery <${vars.owner}>`,
    `To: ${replyTo}`,
    `Subject: Re: ${message.subject}`,
    `Date: ${rfc5322Date(Date.now(), vars.timeZone)}`,
    `Message-ID: <demo-reply-${randomUUID()}@${vars.owner.split("@")[1]}>`,
    `In-Reply-To: ${messageId}`,
    `References: ${messageId}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    command,
    "",
    `On ${message.date}, Follow-up Assistant <${vars.assistant}> wrote:`,
    ...quoted,
    "",
  ].join("\r\n");
  return { replyTo, raw };
}
