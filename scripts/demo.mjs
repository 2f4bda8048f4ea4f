/**
 * `npm run demo`: the whole product on this machine, with no Cloudflare account.
 *
 * Starts the worker with `wrangler dev` (local workerd + local D1) on a free port, with its own
 * temporary persistence directory and secrets file, so the developer's `.wrangler/state` and
 * `.dev.vars` are never read or written. Then it plays one job seeker's week:
 *   1. forwards the sample emails in examples/ and prints each confirmation, then answers the
 *      welcome mail with "signature: Robin Ellery", the name every draft ends with;
 *   2. runs the cron at 07:00 (owner's zone) on the next business morning and prints the digest;
 *   3. replies "done N" (the thank-you) and "rejected N" (the application that went nowhere)
 *      to that digest and prints the assistant's answers;
 *   4. runs the cron on the business morning after and prints that digest.
 * Each digest's HTML is written to demo-output/digest-YYYY-MM-DD.html.
 *
 * Dates. The worker files forwards and applies commands at the wall clock, while digests use
 * the simulated cron time. The examples are written for a week whose "today" is
 * EXAMPLES_TODAY; before forwarding, every date in them is moved by business days so that
 * EXAMPLES_TODAY becomes the latest business day up to now (weekday names recomputed, UTC
 * offsets recomputed for daylight saving). So the story holds on any day it runs: the emails
 * were sent in the past, today's interview has happened by the first digest, and the digests
 * are for the business mornings after today.
 *
 * Exit code 0 when every step produced the mail it should; otherwise a message naming the
 * step and the tail of wrangler's log, exit code 1. The wrangler process group and the
 * temporary directory are removed in every case.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { TZDate, tzOffset } from "@date-fns/tz";
import PostalMime from "postal-mime";
import { LocalWorker, LocalWorkerError, sleep, WRANGLER_BIN } from "./local-worker.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const EXAMPLES_DIR = join(ROOT, "examples");
const OUTPUT_DIR = join(ROOT, "demo-output");

/** The business day the examples call "today"; see the header comment. */
const EXAMPLES_TODAY = "2026-11-20";
/** The zone the examples' senders write in (their Date headers carry its offset). */
const EXAMPLES_ZONE = "America/Los_Angeles";
/** The owner and assistant addresses the examples are written with; replaced by the configured ones. */
const EXAMPLES_OWNER = "me@example.com";
const EXAMPLES_ASSISTANT = "assistant@example.com";
/** What the demo replies, and to which application's draft. */
const DONE_COMPANY = "Saltmarsh Robotics";
const REJECTED_COMPANY = "Bramblecone Games";
/** The job seeker of the examples, as the welcome mail is answered: every draft ends with this name. */
const OWNER_NAME = "Robin Ellery";

/** A handler's mail is logged within milliseconds of the request returning. */
const MAIL_TIMEOUT_MS = 15_000;
const POLL_MS = 200;
const DIGEST_HOUR = 7;

const MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS_SHORT = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const WEEKDAYS_LONG = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

class DemoError extends Error {}

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

const isBusinessDay = (date) => weekdayOf(date) !== 0 && weekdayOf(date) !== 6;

function addBusinessDays(date, count) {
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

function localDateOf(instant, zone) {
  const local = new TZDate(instant, zone);
  return civil(local.getFullYear(), local.getMonth() + 1, local.getDate());
}

function atLocalTime(date, hour, minute, zone) {
  const { year, month, day } = parts(date);
  return new TZDate(year, month - 1, day, hour, minute, 0, zone).getTime();
}

function formatOffset(minutes) {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

/** An RFC 5322 date for an instant, in a zone. */
function rfc5322Date(instant, zone) {
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
      if (!isBusinessDay(date)) throw new DemoError(`${file}: ${date} is not a business day; the examples' dates must be.`);
      moved++;
      return form.write(addBusinessDays(today, businessDaysBetween(EXAMPLES_TODAY, date)), time);
    });
  }
  const years = text.match(/\b(?:19|20)\d{2}\b/g)?.length ?? 0;
  if (years !== moved) throw new DemoError(`${file}: ${years - moved} date(s) in a form the demo cannot move; use one of the forms in DATE_FORMS.`);
  return text;
}

// ── Settings ─────────────────────────────────────────────────────────────────────────────────

/** The [vars] the demo needs, read from wrangler.toml (plain `KEY = "value"` lines). */
function readVars() {
  const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  const value = (key) => {
    const match = new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, "m").exec(toml);
    if (!match) throw new DemoError(`wrangler.toml has no ${key} in [vars].`);
    return match[1];
  };
  return {
    owner: value("OWNER_EMAILS").split(",")[0].trim().toLowerCase(),
    assistant: value("ASSISTANT_EMAIL").trim().toLowerCase(),
    timeZone: value("OWNER_TIMEZONE").trim(),
  };
}

// ── The worker under wrangler dev ────────────────────────────────────────────────────────────

/** Lines like "Email: /…/.wrangler/tmp/email/miniflare-<hash>/email/<Message-ID>.eml". */
const SENT_MAIL_LINE = /(\S+\.wrangler[\\/]tmp[\\/]email[\\/]\S+\.eml)/;

/** The local worker, plus the mail it sends as wrangler's email simulator writes it out. */
class DemoWorker extends LocalWorker {
  constructor() {
    const sentMail = [];
    super({
      tempPrefix: "followup-demo-",
      // OWNER_COUNTRY is emptied so business days are Monday–Friday, as the demo counts them.
      secrets: { OWNER_COUNTRY: "" },
      onLine: (line) => {
        const sent = SENT_MAIL_LINE.exec(line);
        if (sent) sentMail.push(sent[1]);
      },
    });
    /** @type {string[]} paths of the .eml files, in the order they were sent */
    this.sentMail = sentMail;
  }

  /** Runs a request, then waits for the one email its handler sends and returns it parsed. */
  async expectMail(what, request) {
    return (await this.expectMails(what, request, 1))[0];
  }

  /** Runs `request` and returns the `count` emails the worker sends for it, in order. */
  async expectMails(what, request, count) {
    const before = this.sentMail.length;
    let response;
    let body;
    try {
      response = await request();
      body = await response.text();
    } catch (error) {
      throw new DemoError(`${what}: the request failed (${error instanceof Error ? error.message : String(error)}).`);
    }
    if (!response.ok) throw new DemoError(`${what}: HTTP ${response.status} ${body}`);
    const deadline = Date.now() + MAIL_TIMEOUT_MS;
    while (this.sentMail.length < before + count) {
      if (Date.now() > deadline) throw new DemoError(`${what}: the worker sent ${this.sentMail.length - before} of ${count} emails within ${MAIL_TIMEOUT_MS / 1000} s.`);
      await sleep(POLL_MS);
    }
    await sleep(POLL_MS);
    if (this.sentMail.length !== before + count) throw new DemoError(`${what}: expected ${count} emails, the worker sent ${this.sentMail.length - before}.`);
    const paths = this.sentMail.slice(before);
    return Promise.all(paths.map(async (path) => ({ path, email: await PostalMime.parse(readFileSync(path)) })));
  }
}

// ── Printing ─────────────────────────────────────────────────────────────────────────────────

function heading(title) {
  console.log(`\n${"=".repeat(78)}\n  ${title}\n${"=".repeat(78)}`);
}

function printMail({ path, email }) {
  console.log(`From:    ${formatAddress(email.from)}`);
  console.log(`To:      ${(email.to ?? []).map(formatAddress).join(", ")}`);
  if (email.replyTo?.length) console.log(`Reply-To: ${email.replyTo.map(formatAddress).join(", ")}`);
  console.log(`Subject: ${email.subject}`);
  console.log(`(written by the email simulator to ${relative(ROOT, path)})`);
  console.log("-".repeat(78));
  console.log((email.text ?? "").trimEnd());
  console.log("-".repeat(78));
}

function formatAddress(address) {
  if (!address) return "";
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

function describeLocal(instant, zone) {
  return new Intl.DateTimeFormat("en-US", { timeZone: zone, dateStyle: "full", timeStyle: "short" }).format(instant);
}

/** The number of the draft in a digest whose heading names a company, e.g. "2. Status check: Bramblecone Games (…)". */
function draftNumber(digestText, company) {
  for (const line of digestText.split(/\r?\n/)) {
    const match = /^(\d+)\. [^:]+: (.*)$/.exec(line);
    if (match && match[2].includes(company)) return Number(match[1]);
  }
  throw new DemoError(`The digest has no draft for ${company}; the story of the examples no longer holds.`);
}

// ── The story ────────────────────────────────────────────────────────────────────────────────

function loadExamples(vars, today) {
  const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".eml")).sort();
  if (files.length === 0) throw new DemoError(`No .eml files in ${relative(ROOT, EXAMPLES_DIR)}/.`);
  return files.map((file) => {
    // latin1 maps each byte to one character and back, so any charset passes through unchanged.
    const text = readFileSync(join(EXAMPLES_DIR, file), "latin1")
      .replaceAll(EXAMPLES_OWNER, vars.owner)
      .replaceAll(EXAMPLES_ASSISTANT, vars.assistant);
    return { file, raw: Buffer.from(moveDates(text, today, file), "latin1") };
  });
}

/** The owner's reply to a digest, as a mail app writes it: to its Reply-To, In-Reply-To its Message-ID. */
function commandReply(vars, digest, command) {
  const messageId = digest.email.messageId;
  const replyTo = digest.email.replyTo?.[0]?.address;
  if (!messageId || !replyTo) throw new DemoError("The digest has no Message-ID or Reply-To to answer.");
  const quoted = (digest.email.text ?? "").split(/\r?\n/).slice(0, 6).map((line) => `> ${line}`);
  const raw = [
    `From: Robin Ellery <${vars.owner}>`,
    `To: ${replyTo}`,
    `Subject: Re: ${digest.email.subject}`,
    `Date: ${rfc5322Date(Date.now(), vars.timeZone)}`,
    `Message-ID: <demo-reply-${randomUUID()}@${vars.owner.split("@")[1]}>`,
    `In-Reply-To: ${messageId}`,
    `References: ${messageId}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    command,
    "",
    `On ${digest.email.date}, Follow-up Assistant <${vars.assistant}> wrote:`,
    ...quoted,
    "",
  ].join("\r\n");
  return { replyTo, raw };
}

async function runDigest(worker, vars, date) {
  const instant = atLocalTime(date, DIGEST_HOUR, 0, vars.timeZone);
  heading(`Morning digest: cron at ${describeLocal(instant, vars.timeZone)} (${vars.timeZone})`);
  console.log(`GET /cdn-cgi/local/scheduled?time=${instant}\n`);
  const digest = await worker.expectMail(`The digest for ${date}`, () => worker.runCron(instant));
  printMail(digest);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const htmlPath = join(OUTPUT_DIR, `digest-${date}.html`);
  writeFileSync(htmlPath, digest.email.html ?? "");
  console.log(`HTML version: ${relative(ROOT, htmlPath)}`);
  return { ...digest, localDate: date };
}

async function reply(worker, vars, digest, command, story, to = "the digest") {
  heading(`Your reply to ${to}: "${command}"`);
  console.log(`${story}\n`);
  const { replyTo, raw } = commandReply(vars, digest, command);
  console.log(`POST /cdn-cgi/local/email?from=${vars.owner}&to=${replyTo}`);
  console.log(`In-Reply-To: ${digest.email.messageId}`);
  console.log(`Subject: Re: ${digest.email.subject}\n`);
  printMail(await worker.expectMail(`The answer to "${command}"`, () => worker.sendEmail(vars.owner, replyTo, raw)));
}

async function main() {
  const startedAt = Date.now();
  const vars = readVars();
  const today = localDateOf(startedAt, vars.timeZone);
  const storyToday = isBusinessDay(today) ? today : addBusinessDays(today, -1);
  const firstMorning = addBusinessDays(storyToday, 1);
  const secondMorning = addBusinessDays(storyToday, 2);
  const examples = loadExamples(vars, storyToday);

  const worker = new DemoWorker();
  worker.closeOnSignals();

  try {
    heading("Starting the worker locally (workerd + D1, no Cloudflare account)");
    console.log(`Owner ${vars.owner}, assistant ${vars.assistant}, zone ${vars.timeZone} (from wrangler.toml)`);
    console.log(`Temporary state: ${worker.workDir} (removed at the end)`);
    console.log(`Today is ${today}; the examples' week is moved so that their "today" is ${storyToday}.`);
    console.log(`The story: you forward three emails, read the digests of ${firstMorning} and ${secondMorning}`);
    console.log("(the cron runs with a simulated clock), and answer the first one by email.");
    worker.migrate();
    await worker.start();
    console.log(`Ready on ${worker.base} (GET /health answered) after ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);

    // A local worker reaches no DNS, so it cannot check the signature the plain address needs:
    // the forwards go to the private forwarding address, as an automatic forwarding rule sends them.
    const { forwarding } = await worker.addresses();
    console.log(`Your private forwarding address: ${forwarding}`);
    let welcome = null;
    for (const [i, example] of examples.entries()) {
      heading(`Forwarding examples/${example.file}`);
      console.log(`POST /cdn-cgi/local/email?from=${vars.owner}&to=${forwarding}\n`);
      // The first accepted email also brings the welcome mail.
      const sent = await worker.expectMails(`The confirmation for ${example.file}`, () => worker.sendEmail(vars.owner, forwarding, example.raw), i === 0 ? 2 : 1);
      for (const mail of sent) printMail(mail);
      welcome ??= sent.find((mail) => mail.email.subject?.startsWith("Welcome")) ?? null;
    }
    if (welcome === null) throw new DemoError("No welcome mail came with the first confirmation.");
    await reply(worker, vars, welcome, `signature: ${OWNER_NAME}`, "The welcome mail asks for the name your drafts end with.", "the welcome mail");

    const digest = await runDigest(worker, vars, firstMorning);
    const text = digest.email.text ?? "";
    await reply(worker, vars, digest, `done ${draftNumber(text, DONE_COMPANY)}`, `You sent the thank-you to ${DONE_COMPANY}.`);
    await reply(worker, vars, digest, `rejected ${draftNumber(text, REJECTED_COMPANY)}`, `${REJECTED_COMPANY} called: they went with another candidate.`);
    await runDigest(worker, vars, secondMorning);

    heading("Done");
    console.log(`Sent mail was read from ${relative(ROOT, dirname(worker.sentMail[0]))}/*.eml`);
    console.log("(pattern .wrangler/tmp/email/*/email/<Message-ID>.eml; wrangler deletes it when it stops).");
    console.log(`Digests as HTML: ${relative(ROOT, OUTPUT_DIR)}/digest-${firstMorning}.html, digest-${secondMorning}.html`);
    console.log(`Finished in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
  } catch (error) {
    console.error(`\nDemo failed: ${error instanceof Error ? error.message : String(error)}`);
    if (worker.log.length > 0) console.error(`\nLast lines of wrangler's log:\n${worker.logTail()}`);
    const explained = error instanceof DemoError || error instanceof LocalWorkerError;
    if (!explained && error instanceof Error) console.error(error.stack);
    process.exitCode = 1;
  } finally {
    await worker.close();
  }
}

if (!existsSync(WRANGLER_BIN)) {
  console.error("wrangler is not installed; run this through `npm run demo`, which installs the dependencies first.");
  process.exit(1);
}
await main();
