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
 *   4. runs the cron on the business morning after and prints that digest;
 *   5. replies "dashboard" to it, and ends by printing the private page's one-time login link
 *      and the calendar feed's URL, both on this local worker (PUBLIC_URL is its own address).
 * Each digest's HTML is written to demo-output/digest-YYYY-MM-DD.html. In an interactive
 * terminal the worker keeps running after that, so the two links can be opened, until Enter or
 * Ctrl-C; otherwise it stops at once.
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
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import PostalMime from "postal-mime";
import { addBusinessDays, atLocalTime, ExamplesError, isBusinessDay, loadExamples, localDateOf, ownerReply, readVars } from "./examples.mjs";
import { LocalWorker, LocalWorkerError, sleep, WRANGLER_BIN } from "./local-worker.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUTPUT_DIR = join(ROOT, "demo-output");
/** What the demo replies, and to which application's draft. */
const DONE_COMPANY = "Saltmarsh Robotics";
const REJECTED_COMPANY = "Bramblecone Games";
/** The job seeker of the examples, as the welcome mail is answered: every draft ends with this name. */
const OWNER_NAME = "Robin Ellery";

/** After a handler's mail came, how long to watch for one more that should not come. */
const POLL_MS = 200;
const DIGEST_HOUR = 7;

class DemoError extends Error {}

// ── The worker under wrangler dev ────────────────────────────────────────────────────────────

/** The local worker, and the mail it sends as wrangler's email simulator writes it out. */
class DemoWorker extends LocalWorker {
  constructor() {
    super({
      tempPrefix: "followup-demo-",
      // OWNER_COUNTRY is emptied so business days are Monday–Friday, as the demo counts them.
      vars: { OWNER_COUNTRY: "" },
      // The links it mails (the private page's login, the calendar) lead to this local worker.
      ownPublicUrl: true,
    });
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
    let paths;
    try {
      paths = await this.waitForMail(before, count);
    } catch (error) {
      throw new DemoError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
    await sleep(POLL_MS);
    if (this.sentMail.length !== before + count) throw new DemoError(`${what}: expected ${count} emails, the worker sent ${this.sentMail.length - before}.`);
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
  const { replyTo, raw } = ownerReply(vars, digest.email, command);
  console.log(`POST /cdn-cgi/local/email?from=${vars.owner}&to=${replyTo}`);
  console.log(`In-Reply-To: ${digest.email.messageId}`);
  console.log(`Subject: Re: ${digest.email.subject}\n`);
  const answer = await worker.expectMail(`The answer to "${command}"`, () => worker.sendEmail(vars.owner, replyTo, raw));
  printMail(answer);
  return answer;
}

/** The one-time link in the answer to "dashboard". */
const LOGIN_LINK = /Log in to your private page: (\S+)/;

/** Resolves when the person presses Enter. */
function waitForEnter() {
  return new Promise((resolve) => {
    process.stdin.resume();
    process.stdin.once("data", () => {
      process.stdin.pause();
      resolve();
    });
  });
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
    const later = await runDigest(worker, vars, secondMorning);
    const login = await reply(worker, vars, later, "dashboard", "You ask for a link to your private page: every application, draft and interview, with the same actions as the replies.");
    const loginLink = LOGIN_LINK.exec(login.email.text ?? "")?.[1];
    if (!loginLink) throw new DemoError('The answer to "dashboard" has no login link.');
    const { calendar } = await worker.addresses();
    if (!calendar) throw new DemoError("GET /api/addresses gave no calendar URL, though PUBLIC_URL is set.");

    heading("Done");
    console.log(`Sent mail was read from ${relative(ROOT, dirname(worker.sentMail[0]))}/*.eml`);
    console.log("(pattern .wrangler/tmp/email/*/email/<Message-ID>.eml; wrangler deletes it when it stops).");
    console.log(`Digests as HTML: ${relative(ROOT, OUTPUT_DIR)}/digest-${firstMorning}.html, digest-${secondMorning}.html`);
    console.log(`Finished in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);

    heading("Your private page and your calendar, on this local worker");
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    console.log(
      interactive
        ? `The worker keeps running on ${worker.base} until you press Enter (or Ctrl-C).`
        : "Not an interactive terminal, so the worker stops now; in a terminal it keeps running for you to open these.",
    );
    console.log('The login link works once, within 15 minutes: it opens a page with a "Log in" button.\n');
    console.log(`Private page (one-time login link): ${loginLink}`);
    console.log(`Calendar feed (subscribe from a calendar app): ${calendar}`);
    if (interactive) await waitForEnter();
  } catch (error) {
    console.error(`\nDemo failed: ${error instanceof Error ? error.message : String(error)}`);
    if (worker.log.length > 0) console.error(`\nLast lines of wrangler's log:\n${worker.logTail()}`);
    const explained = error instanceof DemoError || error instanceof ExamplesError || error instanceof LocalWorkerError;
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
