import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Command, type CommandKind, parseReply } from "../../../src/core/commands/parse.ts";
import { extractReplyText } from "../../../src/core/commands/reply-text.ts";

/**
 * Properties of the reply grammar over arbitrary and command-like text. The large-input cases
 * have no timing assertion: a regex with catastrophic backtracking would run for minutes on
 * them, and the test timeout is the bound.
 */

/** The words that must appear in a reply for each kind of command (any one alternative). */
const KEYWORDS: Record<CommandKind, readonly string[]> = {
  done: ["done"],
  rejected: ["rejected", "rejection"],
  offer: ["offer"],
  withdraw: ["withdraw", "withdrawn", "withdrew"],
  heard_back: ["heard back"],
  skip: ["skip"],
  snooze: ["snooze"],
  timeline: ["timeline"],
  offer_elsewhere: ["offer elsewhere"],
  company: ["company"],
  role: ["role"],
  signature: ["signature", "signatur", "unterschrift"],
  time: ["time"],
  contact: ["contact"],
  ignore: ["ignore"],
  timezone: ["timezone", "time zone", "tz"],
  digest_time: ["digest"],
  country: ["country"],
  pause: ["pause"],
  resume: ["resume"],
  undo: ["undo"],
  list: ["list"],
  help: ["help"],
  forget: ["forget"],
  forget_all: ["forget all", "forget everything"],
  new_forwarding_address: ["new forwarding"],
  new_reply_address: ["new reply"],
  calendar_link: ["calendar", "kalender", "calendrier", "calendario"],
  new_calendar_link: ["new calendar"],
  dashboard: ["dashboard", "login", "log in", "sign in", "ubersicht", "uebersicht", "tableau de bord", "panel"],
  logout: ["logout", "log out", "sign out", "abmelden", "deconnexion", "cerrar sesion"],
};

const FRAGMENTS = [
  "done", "Done", "DONE", "rejected", "rejection", "offer", "elsewhere", "heard", "back", "withdraw", "skip",
  "snooze", "timeline", "forget", "all", "undo", "list", "help", "pause", "resume", "company:", "role:", "time:",
  "contact:", "timezone", "time zone", "tz", "digest", "country", "ignore", "1", "2", "#3", "12", "007", "0",
  "999", "1000", "and", ",", "&", "-", "monday", "fri", "3d", "2 weeks", "5 business days", "2026-12-01",
  "dec 1", "3pm", "15:00", "PT", "Europe/Berlin", "DE", "Acme", "<jo@acme.example>", "thanks", "please", "!",
  ".", ":", "until", "by", " ", "\n", "\r\n", "\n> ", "\n-- \n",
  "\nOn Mon, Mar 2, 2026 Jo <jo@assist.example> wrote:\n", "\nFrom: Jo\nSent: Monday\n",
  "\n-----Original Message-----\n", "\u00a0", "\u200b",
];

const replyText = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), {
    maxLength: 40,
  })
  .chain((parts) => fc.constantFrom(" ", "", "\n").map((separator) => parts.join(separator)));

const isoDate = fc
  .date({ min: new Date("1999-01-01T00:00:00Z"), max: new Date("2101-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const item = fc.oneof(fc.integer({ min: 0, max: 1200 }).map(String), fc.integer({ min: 1, max: 40 }).map((n) => `#${n}`));
const datePhrase = fc.oneof(
  fc.constantFrom("monday", "until fri", "tomorrow", "today", "3d", "in 2 weeks", "dec 1", "1st march", "feb 29", "next monday"),
  fc.integer({ min: 0, max: 400 }).map((n) => `${n} days`),
  isoDate,
);
const timePhrase = fc.constantFrom("3pm", "3 pm", "15:00", "9:30am", "12am", "noon", "25:00", "14h30", "7");
const zonePhrase = fc.constantFrom("", " PT", " Europe/Berlin", " CET", " IST", " utc");

/** A reply of one to four lines that are mostly real commands, with numbers and dates drawn at random. */
const commandReply = fc
  .array(
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom("done", "Done", "DONE", "skip", "offer", "withdraw", "heard back", "forget", "rejected"),
          fc.array(item, { maxLength: 4 }),
          fc.constantFrom(" ", ", ", " and "),
        )
        .map(([keyword, items, separator]) => `${keyword} ${items.join(separator)}`),
      fc.tuple(item, datePhrase).map(([n, date]) => `snooze ${n} ${date}`),
      fc.tuple(item, fc.oneof(datePhrase, fc.constantFrom("5 business days", "3-5 days", "2 weeks"))).map(([n, phrase]) => `timeline ${n} ${phrase}`),
      fc.tuple(fc.option(item), datePhrase).map(([n, date]) => `offer elsewhere ${n ?? ""} ${date}`),
      fc.tuple(fc.option(datePhrase), timePhrase, zonePhrase).map(([date, time, zone]) => `time: ${date ?? ""} ${time}${zone}`),
      timePhrase.map((time) => `digest ${time}`),
      fc.constantFrom("rejected: Acme", "company: Acme Inc.", "role: Data Engineer", "contact: Jo <jo@acme.example>", "undo", "list", "help", "pause", "timezone Europe/Berlin", "country DE"),
      fc.constantFrom("Thanks!", "ok", "Hi Sam,", "> done 9", ""),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((lines) => lines.join("\n"));

const anyText = fc.oneof(replyText, commandReply, fc.string({ unit: "binary", maxLength: 400 }));

const today = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const timeZone = fc.constantFrom("Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo", "UTC");

describe("parseReply and extractReplyText on arbitrary text", () => {
  it("never throw, and a reply with problems carries no commands", () => {
    fc.assert(
      fc.property(anyText, today, timeZone, (text, day, zone) => {
        expect(typeof extractReplyText(text)).toBe("string");
        const result = parseReply(text, { today: day, timeZone: zone });
        if (result.problems.length > 0) expect(result.commands).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("yield only commands whose keyword the text contains", () => {
    fc.assert(
      fc.property(anyText, today, (text, day) => {
        const visible = normalise(text);
        for (const command of parseReply(text, { today: day, timeZone: "UTC" }).commands) {
          expect(KEYWORDS[command.kind].some((word) => visible.includes(word)), `${command.kind} in ${JSON.stringify(text)}`).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("yield item numbers that are positive integers written as digits in the text", () => {
    fc.assert(
      fc.property(anyText, today, (text, day) => {
        for (const command of parseReply(text, { today: day, timeZone: "UTC" }).commands) {
          for (const item of itemsOf(command)) {
            expect(Number.isInteger(item) && item > 0).toBe(true);
            expect(text).toContain(String(item));
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("resolve every date to a real calendar day on the right side of today", () => {
    fc.assert(
      fc.property(fc.oneof(replyText, commandReply), today, (text, day) => {
        for (const command of parseReply(text, { today: day, timeZone: "UTC" }).commands) {
          if (command.kind === "snooze") expect(isRealDate(command.until) && command.until > day).toBe(true);
          if (command.kind === "offer_elsewhere") expect(isRealDate(command.deadline) && command.deadline >= day).toBe(true);
          if (command.kind === "timeline" && command.timeline.by !== null) {
            expect(isRealDate(command.timeline.by) && command.timeline.by >= day).toBe(true);
          }
          if (command.kind === "time" && command.date !== null) expect(isRealDate(command.date)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("read no command from text that is entirely quoted with '>'", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const quoted = text
          .split(/\r\n|\r|\n/)
          .map((line) => `> ${line}`)
          .join("\n");
        expect(parseReply(quoted, { today: "2026-03-04", timeZone: "UTC" }).commands).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it("extractReplyText is idempotent, so extracting before parseReply changes nothing", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = extractReplyText(text);
        expect(extractReplyText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("parseReply and extractReplyText on 100 kB input", () => {
  const HUNDRED_KB = 100 * 1024;
  const hostileChunk = fc.oneof(
    fc.constantFrom(
      "On ", " ", "\t", "-", "--", "_", ">", "done ", "1 ", "#", ":", "wrote", "@", "a", "schrieb ", "\n", "\r\n",
      ",", ".", "From: x\n", "Sent: y\n", "snooze 2 until ", "time: ", "contact: <", "company: ", "a.", "thanks ",
      "a écrit", "1-", "\u00a0", "\u200b", "Ä",
    ),
    fc.string({ minLength: 1, maxLength: 12 }),
  );

  it("finish on any repeated chunk", () => {
    fc.assert(
      fc.property(fc.array(hostileChunk, { minLength: 1, maxLength: 4 }), (chunks) => {
        const unit = chunks.join("");
        const text = unit.repeat(Math.ceil(HUNDRED_KB / unit.length));
        expect(typeof extractReplyText(text)).toBe("string");
        expect(Array.isArray(parseReply(text, { today: "2026-03-04", timeZone: "UTC" }).commands)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    ["one line of spaces", `done${" ".repeat(HUNDRED_KB)}x`],
    ["one long command line", `done ${"1 ".repeat(HUNDRED_KB / 2)}`],
    ["attribution openers without a close", "On a b c ".repeat(HUNDRED_KB / 9)],
    ["many Outlook 'From:' lines", "From: x\n".repeat(HUNDRED_KB / 8)],
    ["dashes", "-".repeat(HUNDRED_KB)],
    ["a name of letters ending in a dot", `company: ${"a".repeat(HUNDRED_KB)}.`],
    ["short lines of commands", "done 1\n".repeat(HUNDRED_KB / 7)],
  ])("finishes on %s", (_name, text) => {
    expect(typeof extractReplyText(text)).toBe("string");
    expect(parseReply(text, { today: "2026-03-04", timeZone: "UTC" }).problems.length).toBeGreaterThanOrEqual(0);
  });

  it("reads commands in a long reply only up to the scan bound, and caps how many", () => {
    const result = parseReply("done 1\n".repeat(HUNDRED_KB / 7), { today: "2026-03-04", timeZone: "UTC" });
    expect(result.commands).toEqual([]);
    expect(result.problems).toEqual([{ line: "done 1", message: "Too many commands: send at most 30 per reply.", closest: [] }]);
  });
});

function itemsOf(command: Command): number[] {
  if ("items" in command) return command.items;
  if ("item" in command && command.item !== null && command.item !== undefined) return [command.item];
  return [];
}

/** The text as the reader sees it: lower case, invisible characters gone, whitespace runs as one space. */
function normalise(text: string): string {
  return text
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ");
}

function isRealDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
}
