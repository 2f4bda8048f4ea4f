/**
 * The reply-command grammar: the text of a reply to a digest or confirmation → the commands it
 * holds, or the reasons it was not understood. Pure: no I/O, no clock; `today` (the user's
 * local date) and the user's zone are options, and relative dates resolve against them.
 *
 * How a reply is read
 * - Only the new text is read (`extractReplyText`): quoted digests, attributions and
 *   signatures are dropped first, so the adapter passes the whole text body.
 * - One command per line, any number of lines. Case does not matter; a leading bullet, a
 *   leading "please", wrapping quotes or backticks, a trailing "." or "!" and a trailing
 *   "thanks" are tolerated.
 * - A line whose first word is a command word (`done`, `rejected`, `snooze`, `company`, ...)
 *   is an attempted command: it parses completely or it is a problem. Nothing is read from
 *   part of a line.
 * - Any other line is free text ("Thanks!", "Hi,", a name) and is ignored; it is returned in
 *   `ignored` so a reply holding only free text can be answered with the help text.
 * - All or nothing: when any line is a problem, `commands` is empty, so a typo in one line
 *   never applies the others half-way. The reply is answered with the problems and nothing
 *   changes.
 * - Numbers are returned as written: they are the numbers of the digest or confirmation
 *   replied to, which only the adapter can resolve. A bare `done`/`rejected`/`offer`/... has
 *   no numbers; the adapter applies it only when the message replied to had one item.
 * - A few combinations are refused as ambiguous: `undo` or `forget all` together with other
 *   commands, `pause` with `resume`, two different values for one setting or correction, and
 *   `ignore` with a correction.
 */
import {
  canonicalTimeZone,
  daysBetween,
  resolveDatePhrase,
  resolveTimelinePhrase,
  resolveTimeOfDay,
  resolveZoneToken,
  tokenize,
} from "./values.ts";
import { extractReplyText } from "./reply-text.ts";
import type { PromisedTimeline } from "../understanding/types.ts";

export type Command =
  /** I sent these drafts. `items` empty: the bare form. */
  | { kind: "done"; items: number[] }
  /**
   * The application was rejected. Either items, or a company name as written ("rejected:
   * Acme"), or neither (the bare form). A company that matches no application is the
   * adapter's to report, never to guess.
   */
  | { kind: "rejected"; items: number[]; company: string | null }
  | { kind: "offer"; items: number[] }
  | { kind: "withdraw"; items: number[] }
  /** The employer replied (R11): pending nudges stop until the next event. */
  | { kind: "heard_back"; items: number[] }
  /** Do not send these drafts. */
  | { kind: "skip"; items: number[] }
  /** Hide the item until `until` (a local date after today). */
  | { kind: "snooze"; item: number; until: string }
  /** The employer's promised timeline (R2), as the user reports it. */
  | { kind: "timeline"; item: number; timeline: PromisedTimeline }
  /** A competing offer with a deadline (R10); no item: it concerns every open application. */
  | { kind: "offer_elsewhere"; item: number | null; deadline: string }
  /** Corrections to what a confirmation says was understood. */
  | { kind: "company"; company: string }
  | { kind: "role"; role: string }
  /** The interview time: local `date` (null: keep the date) and `time` in `timeZone`. */
  | { kind: "time"; date: string | null; time: string; timeZone: string }
  | { kind: "contact"; name: string | null; email: string | null }
  /** The confirmed email is not about a job. */
  | { kind: "ignore" }
  /** Settings. */
  | { kind: "timezone"; timeZone: string }
  | { kind: "digest_time"; time: string }
  /** ISO 3166-1 alpha-2, upper-case; null: weekends only, no public holidays. */
  | { kind: "country"; country: string | null }
  | { kind: "pause" }
  | { kind: "resume" }
  | { kind: "undo" }
  | { kind: "list" }
  | { kind: "help" }
  /** Delete these applications and everything about them. */
  | { kind: "forget"; items: number[] }
  /** Delete everything stored for the user. */
  | { kind: "forget_all" };

export type CommandKind = Command["kind"];

export interface ReplyProblem {
  /** The line as the user wrote it (shortened when long). */
  line: string;
  /** What was expected, in words for the user, with an example. */
  message: string;
}

export interface ReplyParse {
  /** The commands, in the order written; empty whenever `problems` is not. */
  commands: Command[];
  problems: ReplyProblem[];
  /** Free-text lines that were not read as commands (shortened, at most MAX_IGNORED_LINES). */
  ignored: string[];
}

export interface ParseReplyOptions {
  /** The user's local date, "YYYY-MM-DD". */
  today: string;
  /** The user's IANA zone: the zone of a corrected time written without one. */
  timeZone: string;
}

/** Commands one reply may carry; more is a pasted list, not a set of instructions. */
const MAX_COMMANDS_PER_REPLY = 30;
/** Item numbers in one command. */
const MAX_ITEMS_PER_COMMAND = 20;
/** Digests and confirmations number their items from 1 and stay far below this. */
const MAX_ITEM_NUMBER = 999;
/** Characters of a command line: commands are short; a longer line starting with a command word is prose. */
const MAX_COMMAND_LINE_CHARS = 200;
const MAX_NAME_CHARS = 120;
const MAX_IGNORED_LINES = 20;
const MAX_SHOWN_LINE_CHARS = 120;
/** Snoozing or a deadline further out than this is a typo ("2062"), not a plan. */
const MAX_DAYS_AHEAD = 366;

type LineResult = { command: Command } | { problem: string };
type ParsedLine = { command: Command; line: string };
type Handler = (rest: string, options: ParseReplyOptions) => LineResult;

const COURTESY_WORDS: readonly string[] = ["thank you", "thanks", "thx", "ty", "please", "pls", "cheers"];
const ITEM_FILLERS: ReadonlySet<string> = new Set(["and", "draft", "drafts", "item", "items", "number", "numbers"]);
const COMPANY_PREFIXES: ReadonlySet<string> = new Set(["by", "from", "at"]);
const OPENING_QUOTES = "`'\"“‘";
const CLOSING_QUOTES = "`'\"”’";

export function parseReply(text: string, options: ParseReplyOptions): ReplyParse {
  const parsed: ParsedLine[] = [];
  const problems: ReplyProblem[] = [];
  const ignored: string[] = [];
  let attempted = 0;

  for (const rawLine of extractReplyText(text).split("\n")) {
    const line = cleanLine(rawLine);
    if (line.length === 0) continue;
    const match = matchKeyword(line);
    if (match === null) {
      if (ignored.length < MAX_IGNORED_LINES) ignored.push(shorten(line));
      continue;
    }
    attempted++;
    if (attempted > MAX_COMMANDS_PER_REPLY) {
      const message = `Too many commands: send at most ${MAX_COMMANDS_PER_REPLY} per reply.`;
      problems.push({ line: shorten(line), message });
      break;
    }
    const result =
      line.length > MAX_COMMAND_LINE_CHARS
        ? { problem: `This line is too long for a command. Put each command on its own short line.` }
        : match.handler(match.rest, options);
    if ("problem" in result) {
      problems.push({ line: shorten(line), message: result.problem });
    } else {
      parsed.push({ command: result.command, line: shorten(line) });
    }
  }
  if (problems.length === 0) problems.push(...findConflicts(parsed));
  return { commands: problems.length === 0 ? parsed.map(({ command }) => command) : [], problems, ignored };
}

/** The help text: plain, short, one example per command. */
export function describeCommands(): string {
  return [
    "Reply with one command per line. Numbers are the numbers in the message you reply to.",
    "",
    "done 1 3              I sent drafts 1 and 3 (just \"done\" when there was one)",
    "rejected 2            application 2 was turned down (or: rejected: Acme)",
    "offer 2               I got an offer",
    "withdraw 2            I withdrew",
    "heard back 2          they replied; stop nudging until something new happens",
    "skip 2                don't send draft 2",
    "snooze 2 monday       remind me later (or: 3d, 2026-12-01)",
    "timeline 2 5 business days   when they said they would answer (or: friday)",
    "offer elsewhere 2 friday     another offer, with its deadline: follow up sooner",
    "company: Acme         correct the company I understood",
    "role: Data Engineer   correct the role",
    "time: tue 3pm PT      correct the interview time",
    "contact: Jo Park <jo@acme.example>   correct the contact",
    "ignore                that email was not about a job",
    "timezone Europe/Berlin   your time zone",
    "digest 7:30           when the morning digest arrives",
    "country DE            public holidays to skip",
    "pause / resume        stop or restart digests",
    "undo                  reverse the last change",
    "list                  show open applications",
    "forget 2              delete application 2 (forget all: delete everything)",
    "help                  this list",
    "",
    "If a line is not understood, nothing in the reply is changed.",
  ].join("\n");
}

// ── Keywords ────────────────────────────────────────────────────────────────────────────

const HANDLERS: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ["done", (rest) => itemsCommand(rest, "done", "done 1 3")],
  ["rejected", parseRejected],
  ["rejection", parseRejected],
  ["offer", (rest) => itemsCommand(rest, "offer", "offer 2")],
  ["withdraw", (rest) => itemsCommand(rest, "withdraw", "withdraw 2")],
  ["withdrawn", (rest) => itemsCommand(rest, "withdraw", "withdraw 2")],
  ["withdrew", (rest) => itemsCommand(rest, "withdraw", "withdraw 2")],
  ["skip", (rest) => itemsCommand(rest, "skip", "skip 2")],
  ["snooze", parseSnooze],
  ["timeline", parseTimeline],
  ["company", (rest) => nameCommand(rest, "company", "company: Acme")],
  ["role", (rest) => nameCommand(rest, "role", "role: Data Engineer")],
  ["time", parseTime],
  ["contact", parseContact],
  ["ignore", (rest) => bareCommand(rest, { kind: "ignore" }, ["this", "it", "this email", "that", "that email"])],
  ["timezone", parseTimeZone],
  ["tz", parseTimeZone],
  ["digest", parseDigestTime],
  ["country", parseCountry],
  ["pause", (rest) => bareCommand(rest, { kind: "pause" }, ["digest", "digests"])],
  ["resume", (rest) => bareCommand(rest, { kind: "resume" }, ["digest", "digests"])],
  ["undo", (rest) => bareCommand(rest, { kind: "undo" }, ["that", "last", "it"])],
  ["list", (rest) => bareCommand(rest, { kind: "list" }, [])],
  ["help", (rest) => bareCommand(rest, { kind: "help" }, [])],
  ["forget", parseForget],
  ["reject", () => ({ problem: `Write "rejected 2" if they turned you down, or "withdraw 2" if you withdrew.` })],
]);

const SPELLED_KEYWORDS: ReadonlyMap<CommandKind, string> = new Map<CommandKind, string>([
  ["heard_back", "heard back"],
  ["offer_elsewhere", "offer elsewhere"],
  ["forget_all", "forget all"],
  ["digest_time", "digest"],
]);

/** Two-word commands, read before their first word alone. */
const PHRASES: ReadonlyArray<{ first: string; second: string; handler: Handler }> = [
  {
    first: "heard",
    second: "back",
    handler: (rest) => itemsCommand(stripLeadingWord(rest, "from"), "heard_back", "heard back 2"),
  },
  { first: "offer", second: "elsewhere", handler: parseOfferElsewhere },
  { first: "time", second: "zone", handler: parseTimeZone },
];

/** First words of a two-word command, seen alone: an attempted command, answered with a hint. */
const LONE_FIRST_WORDS: ReadonlyMap<string, string> = new Map([
  ["heard", `Write "heard back 2" when the employer replied.`],
]);

/**
 * The command word a line starts with. Matched on the line as written, ASCII letters only:
 * lower-casing first would let look-alikes (the Kelvin sign "K" lower-cases to "k") spell a
 * command the text does not contain.
 */
function matchKeyword(line: string): { handler: Handler; rest: string } | null {
  const word = /^[a-z]+/i.exec(line)?.[0];
  if (word === undefined) return null;
  const afterWord = line.slice(word.length);
  const second = /^\s+([a-z]+)/i.exec(afterWord);
  for (const phrase of PHRASES) {
    if (phrase.first === word.toLowerCase() && second?.[1]?.toLowerCase() === phrase.second) {
      return { handler: phrase.handler, rest: afterWord.slice(second[0].length) };
    }
  }
  const handler = HANDLERS.get(word.toLowerCase());
  if (handler !== undefined) return { handler, rest: afterWord };
  const hint = LONE_FIRST_WORDS.get(word.toLowerCase());
  return hint === undefined ? null : { handler: () => ({ problem: hint }), rest: afterWord };
}

// ── Handlers ────────────────────────────────────────────────────────────────────────────

type ItemsKind = "done" | "offer" | "withdraw" | "heard_back" | "skip" | "forget";

function itemsCommand(rest: string, kind: ItemsKind, example: string): LineResult {
  const value = valueOf(rest);
  const items = readItems(value);
  if (items === "too_many") return { problem: `At most ${MAX_ITEMS_PER_COMMAND} numbers per command.` };
  if (items === "out_of_range") return { problem: itemRangeMessage(example) };
  if (items === null && /\d-\d/.test(value)) return { problem: `Write every number, e.g. "${keywordOf(kind)} 1 2 3".` };
  if (items === null) return { problem: `After "${keywordOf(kind)}" I expect item numbers, e.g. "${example}".` };
  if (kind === "skip" && items.length === 0) return { problem: `Say which draft to skip, e.g. "${example}".` };
  return { command: { kind, items } };
}

function parseRejected(rest: string): LineResult {
  const value = valueOf(rest);
  const items = readItems(value);
  if (items === "too_many") return { problem: `At most ${MAX_ITEMS_PER_COMMAND} numbers per command.` };
  if (items === "out_of_range") return { problem: itemRangeMessage("rejected 2") };
  if (items !== null) return { command: { kind: "rejected", items, company: null } };
  const company = readName(stripLeadingWord(nameValueOf(rest), ...COMPANY_PREFIXES));
  if (company === null || /^#?\d+(?:[\s,;&+]|$)/.test(company)) {
    const message = `After "rejected" I expect an item number or a company, e.g. "rejected 2" or "rejected: Acme".`;
    return { problem: message };
  }
  return { command: { kind: "rejected", items: [], company } };
}

function parseForget(rest: string): LineResult {
  const value = valueOf(rest).toLowerCase();
  if (value === "all" || value === "everything") return { command: { kind: "forget_all" } };
  return itemsCommand(rest, "forget", "forget 2");
}

function parseSnooze(rest: string, options: ParseReplyOptions): LineResult {
  const example = `"snooze 2 monday", "snooze 2 3d" or "snooze 2 2026-12-01"`;
  const [itemToken, ...dateTokens] = tokenize(valueOf(rest));
  const item = itemToken === undefined ? null : readItem(itemToken);
  if (item === null || dateTokens.length === 0) return { problem: `Say which item and until when, e.g. ${example}.` };
  if (item === "out_of_range") return { problem: itemRangeMessage("snooze 2 monday") };
  const until = resolveDatePhrase(dateTokens, options.today, "after_today");
  if (until === null) return { problem: `I could not read the date. Write it like ${example}.` };
  const ahead = daysBetween(options.today, until);
  if (ahead < 1) return { problem: `The snooze date must be after today (${options.today}).` };
  if (ahead > MAX_DAYS_AHEAD) return { problem: `The snooze date is more than a year away; check the year.` };
  return { command: { kind: "snooze", item, until } };
}

function parseTimeline(rest: string, options: ParseReplyOptions): LineResult {
  const example = `"timeline 2 5 business days" or "timeline 2 friday"`;
  const value = valueOf(rest);
  const itemToken = /^\S+/.exec(value)?.[0] ?? "";
  const item = readItem(itemToken);
  if (item === null) return { problem: `Say which item and what they promised, e.g. ${example}.` };
  if (item === "out_of_range") return { problem: itemRangeMessage("timeline 2 friday") };
  const phrase = value.slice(itemToken.length).trim();
  const timeline = phrase.length === 0 ? null : resolveTimelinePhrase(phrase, options.today);
  if (timeline === null) return { problem: `I could not read the timeline. Write it like ${example}.` };
  return { command: { kind: "timeline", item, timeline } };
}

/**
 * "offer elsewhere [N] <date>". "offer elsewhere 1 dec" could be item 1 with a deadline or
 * the deadline Dec 1: the phrase is read both ways and refused when both readings work.
 */
function parseOfferElsewhere(rest: string, options: ParseReplyOptions): LineResult {
  const example = `"offer elsewhere 2 friday" or "offer elsewhere 2026-12-01"`;
  const tokens = tokenize(valueOf(rest));
  const whole = resolveDatePhrase(tokens, options.today, "from_today");
  const first = tokens[0] === undefined ? null : readItem(tokens[0]);
  const split = typeof first === "number" ? resolveDatePhrase(tokens.slice(1), options.today, "from_today") : null;
  if (whole !== null && split !== null) {
    return { problem: `That could be read two ways. Write the deadline as a date, e.g. ${example}.` };
  }
  if (first === "out_of_range" && whole === null) return { problem: itemRangeMessage("offer elsewhere 2 friday") };
  const deadline = whole ?? split;
  if (deadline === null) return { problem: `Say the deadline of the other offer, e.g. ${example}.` };
  const ahead = daysBetween(options.today, deadline);
  if (ahead < 0) return { problem: `The deadline has passed (today is ${options.today}).` };
  if (ahead > MAX_DAYS_AHEAD) return { problem: `The deadline is more than a year away; check the year.` };
  const item = whole === null && typeof first === "number" ? first : null;
  return { command: { kind: "offer_elsewhere", item, deadline } };
}

function nameCommand(rest: string, kind: "company" | "role", example: string): LineResult {
  const value = readName(nameValueOf(rest));
  if (value === null) return { problem: `Write the ${kind} after the colon, e.g. "${example}".` };
  return { command: kind === "company" ? { kind, company: value } : { kind, role: value } };
}

/** "time: tue 3pm PT": [date words] [at] time [zone]. */
function parseTime(rest: string, options: ParseReplyOptions): LineResult {
  const example = `"time: tue 3pm PT" or "time: 2026-12-03 15:00 Europe/Berlin"`;
  const tokens = tokenize(valueOf(rest));
  const last = tokens.at(-1);
  const zone = last === undefined ? null : resolveZoneToken(last);
  if (zone !== null) tokens.pop();
  const found = readTimeAtEnd(tokens);
  if (found === null) {
    const unknownZone = zone === null && last !== undefined && readTimeAtEnd(tokens.slice(0, -1)) !== null;
    return unknownZone
      ? { problem: `I do not know the time zone "${last}". Write its name, e.g. "time: tue 3pm Asia/Kolkata".` }
      : { problem: `I could not read the time. Write it like ${example}.` };
  }
  const dateTokens = tokens.slice(0, tokens.length - found.width);
  if (dateTokens.at(-1) === "at") dateTokens.pop();
  const date = dateTokens.length === 0 ? null : resolveDatePhrase(dateTokens, options.today, "from_today");
  if (dateTokens.length > 0 && date === null) {
    return { problem: `I could not read the date. Write it like ${example}.` };
  }
  return { command: { kind: "time", date, time: found.time, timeZone: zone ?? options.timeZone } };
}

/** The time of day the tokens end with ("3pm", "3 pm", "15:00") and how many tokens it takes. */
function readTimeAtEnd(tokens: readonly string[]): { time: string; width: number } | null {
  for (const width of [2, 1]) {
    const time = tokens.length < width ? null : resolveTimeOfDay(tokens.slice(-width), false);
    if (time !== null) return { time, width };
  }
  return null;
}

/** "contact: Jo Park <jo@acme.example>", "contact: jo@acme.example" or "contact: Jo Park". */
function parseContact(rest: string): LineResult {
  const unreadable = { problem: `I could not read the contact. Write it like "contact: Jo Park <jo@acme.example>".` };
  const value = nameValueOf(rest);
  const open = value.indexOf("<");
  if (open >= 0) {
    const email = value.endsWith(">") ? value.slice(open + 1, -1).trim() : "";
    const name = open === 0 ? null : readName(value.slice(0, open));
    if (!isEmailAddress(email) || (open > 0 && name === null)) return unreadable;
    return { command: { kind: "contact", name, email } };
  }
  if (isEmailAddress(value)) return { command: { kind: "contact", name: null, email: value } };
  const name = readName(value);
  if (name === null || name.includes("@")) return unreadable;
  return { command: { kind: "contact", name, email: null } };
}

function parseTimeZone(rest: string): LineResult {
  const value = valueOf(rest);
  const timeZone = canonicalTimeZone(value);
  if (timeZone === null) {
    const example = `"timezone Europe/Berlin" or "timezone America/New_York"`;
    return { problem: `"${shorten(value)}" is not a time zone I know. Use a name like ${example}.` };
  }
  return { command: { kind: "timezone", timeZone } };
}

function parseDigestTime(rest: string): LineResult {
  const tokens = tokenize(valueOf(rest));
  const words = tokens[0] === "time" || tokens[0] === "at" ? tokens.slice(tokens[1] === "at" ? 2 : 1) : tokens;
  const time = resolveTimeOfDay(words, true);
  if (time === null) {
    return { problem: `Write the digest time between 0:00 and 23:59, e.g. "digest 7:30" or "digest 7am".` };
  }
  return { command: { kind: "digest_time", time } };
}

function parseCountry(rest: string): LineResult {
  const value = valueOf(rest).toUpperCase();
  if (value === "NONE" || value === "OFF") return { command: { kind: "country", country: null } };
  // "UK" is not an ISO 3166-1 code, but everyone means GB by it.
  if (value === "UK") return { command: { kind: "country", country: "GB" } };
  if (!/^[A-Z]{2}$/.test(value)) {
    return { problem: `Write the two-letter country code, e.g. "country DE" (or "country none").` };
  }
  return { command: { kind: "country", country: value } };
}

function bareCommand(rest: string, command: Command, allowedTails: readonly string[]): LineResult {
  const tail = valueOf(rest).toLowerCase().replace(/\s+/g, " ");
  if (tail === "" || allowedTails.includes(tail)) return { command };
  const word = keywordOf(command.kind);
  return { problem: `"${word}" takes nothing after it: write just "${word}".` };
}

// ── Conflicts ───────────────────────────────────────────────────────────────────────────

const SINGLE_VALUE_KINDS: ReadonlySet<CommandKind> = new Set<CommandKind>([
  "company",
  "role",
  "time",
  "contact",
  "timezone",
  "digest_time",
  "country",
]);
const CORRECTION_KINDS: ReadonlySet<CommandKind> = new Set<CommandKind>(["company", "role", "time", "contact"]);

function findConflicts(parsed: readonly ParsedLine[]): ReplyProblem[] {
  const problems: ReplyProblem[] = [];
  const seen = new Map<CommandKind, string>();
  for (const { command, line } of parsed) {
    const { kind } = command;
    if ((kind === "undo" || kind === "forget_all") && parsed.length > 1) {
      const message = `Send "${keywordOf(kind)}" in a reply of its own, so nothing else is changed by accident.`;
      problems.push({ line, message });
    }
    if (SINGLE_VALUE_KINDS.has(kind)) {
      const value = JSON.stringify(command);
      const earlier = seen.get(kind);
      if (earlier !== undefined && earlier !== value) {
        problems.push({ line, message: `Two different values for "${keywordOf(kind)}"; send only the right one.` });
      }
      seen.set(kind, value);
    }
  }
  const commands = parsed.map(({ command }) => command);
  const has = (kind: CommandKind): boolean => commands.some((command) => command.kind === kind);
  if (has("pause") && has("resume")) {
    problems.push({ line: "pause / resume", message: `"pause" and "resume" contradict each other; send only one.` });
  }
  if (has("ignore") && commands.some((command) => CORRECTION_KINDS.has(command.kind))) {
    const message = `"ignore" says the email is not about a job, but the reply also corrects it; send only one.`;
    problems.push({ line: "ignore", message });
  }
  return problems;
}

// ── Reading values ──────────────────────────────────────────────────────────────────────

/**
 * Item numbers: "1 3", "1, 3", "#2", "1 and 3", "draft 2". Null when anything else is there
 * (a range "1-3" included: every number must be written). Duplicates are dropped.
 */
function readItems(value: string): number[] | "too_many" | "out_of_range" | null {
  const items: number[] = [];
  let outOfRange = false;
  for (const token of value.toLowerCase().split(/[\s,;&+]+/)) {
    if (token.length === 0 || ITEM_FILLERS.has(token)) continue;
    const item = readItem(token);
    if (item === null) return null;
    if (item === "out_of_range") outOfRange = true;
    else if (!items.includes(item)) items.push(item);
    if (items.length > MAX_ITEMS_PER_COMMAND) return "too_many";
  }
  return outOfRange ? "out_of_range" : items;
}

function readItem(token: string): number | "out_of_range" | null {
  const match = /^#?(\d{1,6})$/.exec(token);
  if (!match) return null;
  const item = Number(match[1]);
  return item >= 1 && item <= MAX_ITEM_NUMBER ? item : "out_of_range";
}

/**
 * A company, role or person name: starts with a letter or digit (so "rejected, sadly" names
 * no company), has no control characters, of bounded length. Wrapping quotes are dropped.
 */
function readName(value: string): string | null {
  const name = value.trim().replace(/^"(.*)"$/, "$1").trim().replace(/\s+/g, " ");
  if (name.length === 0 || name.length > MAX_NAME_CHARS) return null;
  if (!/^[\p{L}\p{N}]/u.test(name) || /\p{Cc}/u.test(name)) return null;
  return name;
}

function isEmailAddress(value: string): boolean {
  const at = value.indexOf("@");
  if (at <= 0 || at !== value.lastIndexOf("@") || value.length > 254) return false;
  const domain = value.slice(at + 1);
  return !/[\s<>(),;:"]/.test(value) && domain.includes(".") && !domain.startsWith(".") && !domain.endsWith(".");
}

/**
 * The text after a keyword, without the ":" people put after it ("snooze: 2 monday"), the
 * closing "." or "!" and a courtesy word ("done 1, thanks!").
 */
function valueOf(rest: string): string {
  let value = trimEndChars(withoutColon(rest));
  for (;;) {
    const lower = value.toLowerCase();
    const word = COURTESY_WORDS.find((w) => lower.endsWith(w) && isBoundary(lower[lower.length - w.length - 1]));
    if (word === undefined) return value;
    value = trimEndChars(value.slice(0, value.length - word.length));
  }
}

/**
 * A name after a keyword ("company: Acme Inc."), kept as written but for a courtesy word set
 * off by punctuation ("Acme, thanks!") and a sentence's closing full stop. Abbreviations keep
 * their dot: the stop is dropped only after a word of five or more letters in a value with no
 * other dot ("role: Data Engineer." → "Data Engineer", "Acme Inc." stays).
 */
function nameValueOf(rest: string): string {
  let value = withoutColon(rest);
  for (;;) {
    const bare = trimEndChars(value, ".!");
    const lower = bare.toLowerCase();
    const word = COURTESY_WORDS.find((w) => lower.endsWith(w));
    const before = word === undefined ? "" : bare.slice(0, bare.length - word.length).trimEnd();
    if (before.length < 2 || !",.;!".includes(before.at(-1) ?? "")) break;
    value = before.slice(0, -1).trimEnd();
  }
  if (!value.endsWith(".") || value.indexOf(".") !== value.length - 1) return value;
  let start = value.length - 1;
  while (start > 0 && /\p{L}/u.test(value[start - 1] ?? "")) start--;
  return value.length - 1 - start >= 5 ? value.slice(0, -1) : value;
}

function withoutColon(rest: string): string {
  const trimmed = rest.trim();
  return (trimmed.startsWith(":") ? trimmed.slice(1) : trimmed).trim();
}

function stripLeadingWord(value: string, ...words: string[]): string {
  const trimmed = value.trim();
  const first = /^\S+/.exec(trimmed)?.[0].toLowerCase();
  return first !== undefined && words.includes(first) ? trimmed.slice(first.length).trim() : trimmed;
}

/** A line as a command can be read from it: without bullets, wrapping quotes, a leading "please". */
function cleanLine(raw: string): string {
  let line = raw.trim().replace(/^(?:[-*•·]\s+)/, "");
  const first = line[0];
  const last = line.at(-1);
  const wrapped = first !== undefined && last !== undefined && OPENING_QUOTES.includes(first) && CLOSING_QUOTES.includes(last);
  if (line.length >= 2 && wrapped) {
    line = line.slice(1, -1).trim();
  }
  return stripLeadingWord(line, "please", "pls");
}

function isBoundary(char: string | undefined): boolean {
  return char === undefined || /[\s,.;:!]/.test(char);
}

function trimEndChars(value: string, chars = " \t.,;!"): string {
  let end = value.length;
  while (end > 0 && chars.includes(value[end - 1] ?? "")) end--;
  return value.slice(0, end);
}

/** The command word the user writes for a kind, for messages. */
function keywordOf(kind: CommandKind): string {
  return SPELLED_KEYWORDS.get(kind) ?? kind;
}

function itemRangeMessage(example: string): string {
  return `Item numbers are the numbers in the message you reply to (1 to ${MAX_ITEM_NUMBER}), e.g. "${example}".`;
}

function shorten(line: string): string {
  return line.length <= MAX_SHOWN_LINE_CHARS ? line : `${line.slice(0, MAX_SHOWN_LINE_CHARS - 1)}…`;
}
