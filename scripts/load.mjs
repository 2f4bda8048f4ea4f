/**
 * `npm run load -- [--count N] [--concurrency C] [--seed S]`: a load test of the email path on
 * loopback, with no Cloudflare account (defaults: 2000 emails over 16 connections).
 *
 * Starts the worker with `wrangler dev` on 127.0.0.1 and a free port, with its own temporary
 * persistence directory (migrations applied there) and secrets file, so the developer's
 * `.wrangler/state` and `.dev.vars` are neither read nor written. Then it posts N emails to the
 * local Email Routing endpoint (`/cdn-cgi/local/email`), C at a time. The owner's mail goes to
 * the private forwarding address (read from the API: a local worker reaches no DNS, so it cannot
 * check the signatures the plain address needs); strangers and forgeries go to the plain one:
 *   - forwards of generated recruiter mail (Gmail, Outlook, Apple Mail, Thunderbird, HTML-only
 *     and as-attachment shapes; invitations, confirmations, rejections, offers, receipts),
 *   - exact duplicates (the same bytes again, as an SMTP retry delivers them),
 *   - the same original forwarded again (a new outer Message-ID),
 *   - mail from strangers (the worker refuses it with a reason),
 *   - 200 forged auto-forwards (an SRS envelope on the attacker's domain and a forwarder header
 *     naming the owner, to the plain address): all refused, none stored,
 *   - oversized mail (over the worker's 10 MiB limit, refused by the worker; one over the
 *     local route's own 25 MiB limit, refused by the route),
 *   - mail without a Message-ID (the local route answers 400 before the worker runs; counted
 *     separately as "refused by the local route").
 * Afterwards it checks the outcome through the HTTP API (with the run's bearer token) and, once
 * the worker is stopped, in D1 (`wrangler d1 execute --local`): every accepted email stored
 * once, duplicates collapsed, one confirmation per stored email, nothing refused stored, every
 * stored email processed, zero 5xx. It prints throughput and latency percentiles.
 *
 * Bounded: at most MAX_COUNT emails and MAX_RUN_MS in all; loopback only. Exit code 0 when every
 * check holds, 1 otherwise; the wrangler process group and the temporary directory are removed
 * in every case.
 */
import { createHash, randomBytes } from "node:crypto";
import { LocalWorker, runWrangler } from "./local-worker.mjs";

const DEFAULT_COUNT = 2000;
const DEFAULT_CONCURRENCY = 16;
/** Bounds a mistyped count; the run stays a test, not a flood. */
const MAX_COUNT = 20_000;
const MAX_CONCURRENCY = 64;
/** The whole run, start-up and checks included. */
const MAX_RUN_MS = 20 * 60_000;
/** Start-up (a bundle is built first) and each wrangler command, the D1 query at the end included. */
const READY_TIMEOUT_MS = 90_000;
/** One email; a handler takes well under a second here, an oversized one a few. */
const REQUEST_TIMEOUT_MS = 60_000;
const POLL_MS = 250;

/** The worker's own limit (src/core/mail/limits.ts MAX_RAW_BYTES) and the local route's (production's 25 MiB). */
const WORKER_LIMIT_BYTES = 10 * 1024 * 1024;
const ROUTE_LIMIT_BYTES = 25 * 1024 * 1024;

/**
 * Shares of the mix; forwards of new originals take the rest. A "redelivery" is an exact
 * duplicate sent once the original was answered (an SMTP retry); a "concurrent duplicate" is
 * sent at the same moment as its original (reliability.md item 41).
 */
const MIX = { redelivery: 0.08, concurrentDuplicate: 0.02, reforward: 0.08, stranger: 0.05, noMessageId: 0.03, oversized: 0.005 };

const OWNER = "me@example.com";
const ASSISTANT = "assistant@example.com";
/** Forged forwards in every run, whatever its size: the flood a stranger would try. */
const FORGED_FORWARDS = 200;
/** Kinds sent to the plain address; the owner's forwards go to the private forwarding address. */
const TO_PLAIN = new Set(["stranger", "forgedForward"]);

class LoadError extends Error {}

// ── Command line ─────────────────────────────────────────────────────────────────────────────

function parseArgs(argv) {
  const options = { count: DEFAULT_COUNT, concurrency: DEFAULT_CONCURRENCY, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = argv[i + 1];
    const key = { "--count": "count", "--concurrency": "concurrency", "--seed": "seed" }[name];
    if (!key) throw new LoadError(`unknown option ${name}\nusage: npm run load -- [--count N] [--concurrency C] [--seed S]`);
    if (value === undefined || !/^\d+$/.test(value)) throw new LoadError(`${name} needs a whole number`);
    options[key] = Number(value);
    i++;
  }
  if (options.count < 1 || options.count > MAX_COUNT) throw new LoadError(`--count must be between 1 and ${MAX_COUNT}`);
  if (options.concurrency < 1 || options.concurrency > MAX_CONCURRENCY) throw new LoadError(`--concurrency must be between 1 and ${MAX_CONCURRENCY}`);
  return options;
}

// ── Generated mail ───────────────────────────────────────────────────────────────────────────

/** mulberry32: a small seeded generator, so a run can be repeated exactly. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPANY_FIRST = ["Quillfeather", "Brightfjord", "Lumen", "Orchard", "Kestrel", "Tessellate", "Marlowe", "Harborlight", "Cobalt", "Saffron", "Granite", "Willowmere", "Fernbrook", "Ironbark", "Moonlit", "Copperleaf", "Bluegate", "Heronsway", "Tidewater", "Amberline"];
const COMPANY_SECOND = ["Analytics", "Robotics", "Labs", "Health", "Freight", "Systems", "Studio", "Pay", "Works", "Energy", "Logistik GmbH", "Software", "Bio", "Data"];
const FIRST_NAMES = ["Dana", "Jonas", "Mira", "Tomás", "Priya", "Ole", "Amara", "Chen", "Lucía", "Henrik", "Noor", "Sade", "Felix", "Ines", "Kofi", "Yuki", "Marta", "Elif"];
const LAST_NAMES = ["Whitcombe", "Brandt", "Halvorsen", "Ruiz", "Raman", "Lindqvist", "Okafor", "Wei", "Navarro", "Kjær", "Haddad", "Adeyemi", "Krüger", "Sousa", "Mensah", "Tanaka", "Novak", "Yilmaz"];
const ROLES = ["Senior Backend Engineer", "Data Analyst", "Product Designer", "Platform Engineer", "Engineering Manager", "QA Lead", "Frontend Developer", "Site Reliability Engineer", "Machine Learning Engineer", "Technical Writer"];
const ZONES = [["PT", -480], ["ET", -300], ["CET", 60], ["GMT", 0], ["IST", 330]];
const MEETING_HOSTS = ["https://meet.google.com/", "https://zoom.us/j/", "https://teams.microsoft.com/l/meetup-join/"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** One recruiter email: what the owner forwards. */
function makeOriginal(random, n, sentAt) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const company = `${pick(COMPANY_FIRST)} ${pick(COMPANY_SECOND)}`;
  const first = pick(FIRST_NAMES);
  const last = pick(LAST_NAMES);
  const recruiter = { name: `${first} ${last}`, address: `${first.toLowerCase().normalize("NFKD").replace(/[^a-z]/g, "")}.${last.toLowerCase().normalize("NFKD").replace(/[^a-z]/g, "")}@${company.split(" ")[0].toLowerCase()}.example` };
  const role = pick(ROLES);
  const reference = `LT-${String(n).padStart(6, "0")}`;
  const day = new Date(sentAt.getTime() + (2 + Math.floor(random() * 10)) * 86_400_000);
  const [zone] = pick(ZONES);
  const hour = 9 + Math.floor(random() * 8);
  const when = `${WEEKDAYS[day.getUTCDay()]}, ${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}, ${day.getUTCFullYear()} at ${hour > 12 ? hour - 12 : hour}:${pick(["00", "30"])} ${hour >= 12 ? "PM" : "AM"} ${zone}`;
  const link = `${pick(MEETING_HOSTS)}${Math.floor(random() * 1e10)}`;
  const kinds = [
    [`Interview invitation: ${role} at ${company}`, `Thank you for applying for the ${role} position at ${company}. We would like to invite you to a video interview on ${when}.\nThe interview will last ${pick([30, 45, 60])} minutes. Join here: ${link}`],
    [`Interview confirmed: ${role}`, `This confirms your interview for the ${role} role on ${when} with ${pick(FIRST_NAMES)} ${pick(LAST_NAMES)} from our engineering team.\nMeeting link: ${link}`],
    [`Your application for ${role}`, `Thank you for your application for the ${role} position at ${company}. We will get back to you within ${pick([3, 5, 10])} business days.`],
    [`Update on your application at ${company}`, `Thank you for your time and interest in ${company}. After careful consideration we have decided not to move forward with your application for the ${role} role.`],
    [`Offer: ${role} at ${company}`, `We are delighted to offer you the ${role} position at ${company}. Please let us know your decision by ${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}.`],
    [`Next steps: ${role}`, `Great speaking with you! We would like to invite you to the next round for the ${role} role: a technical interview on ${when}.`],
  ];
  const [subject, text] = pick(kinds);
  return {
    recruiter,
    subject: `${subject} (${reference})`,
    date: sentAt,
    messageId: `<${reference}.${randomBytes(6).toString("hex")}@${company.split(" ")[0].toLowerCase()}.example>`,
    body: `Hi,\n\n${text}\n\nReference: ${reference}\n\nBest regards,\n${recruiter.name}\nTalent Acquisition, ${company}`,
  };
}

const STYLES = ["gmail", "outlook", "apple", "thunderbird", "html", "attachment"];

function rfc5322Date(date) {
  return date.toUTCString().replace("GMT", "+0000");
}

function from(person) {
  return /^[\x20-\x7e]*$/.test(person.name) ? `${person.name} <${person.address}>` : `=?utf-8?B?${Buffer.from(person.name).toString("base64")}?= <${person.address}>`;
}

function headerLines({ sender, to, subject, date, messageId, contentType }) {
  return [
    `From: ${sender}`,
    `To: ${to}`,
    `Subject: =?utf-8?B?${Buffer.from(subject).toString("base64")}?=`,
    `Date: ${rfc5322Date(date)}`,
    ...(messageId ? [`Message-ID: ${messageId}`] : []),
    "MIME-Version: 1.0",
    `Content-Type: ${contentType}`,
  ];
}

function crlf(text) {
  return text.replace(/\r?\n/g, "\r\n");
}

function inlineBlock(style, original) {
  const shown = original.date.toUTCString();
  const sender = `${original.recruiter.name} <${original.recruiter.address}>`;
  switch (style) {
    case "gmail":
    case "html":
      return ["---------- Forwarded message ---------", `From: ${sender}`, `Date: ${shown}`, `Subject: ${original.subject}`, `To: Me <${OWNER}>`, "", original.body].join("\n");
    case "outlook":
      return ["________________________________", `From: ${sender}`, `Sent: ${shown}`, `To: Me <${OWNER}>`, `Subject: ${original.subject}`, "", original.body].join("\n");
    case "apple":
      return ["Begin forwarded message:", "", `From: ${sender}`, `Subject: ${original.subject}`, `Date: ${shown}`, `To: Me <${OWNER}>`, "", original.body].join("\n");
    default:
      return ["-------- Forwarded Message --------", `Subject: \t${original.subject}`, `Date: \t${shown}`, `From: \t${sender}`, `To: \tMe <${OWNER}>`, "", original.body].join("\n");
  }
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The owner's forward of `original` in one client's shape, with a new outer Message-ID. */
function forwardOf(original, style, note, now) {
  const outer = { sender: `Me <${OWNER}>`, to: ASSISTANT, subject: `Fwd: ${original.subject}`, date: now, messageId: `<fwd.${randomBytes(8).toString("hex")}@mail.example>` };
  if (style === "attachment") {
    const boundary = `=_load_${randomBytes(6).toString("hex")}`;
    const inner = [...headerLines({ sender: from(original.recruiter), to: `Me <${OWNER}>`, subject: original.subject, date: original.date, messageId: original.messageId, contentType: "text/plain; charset=utf-8" }), "", original.body].join("\n");
    return crlf([...headerLines({ ...outer, contentType: `multipart/mixed; boundary="${boundary}"` }), "", `--${boundary}`, "Content-Type: text/plain; charset=utf-8", "", note, `--${boundary}`, "Content-Type: message/rfc822", 'Content-Disposition: attachment; filename="original.eml"', "", inner, `--${boundary}--`, ""].join("\n"));
  }
  const text = `${note}\n\n${inlineBlock(style, original)}`;
  if (style === "html") {
    const html = `<html><body><div dir="ltr">${escapeHtml(note)}<br><br><div class="gmail_quote">${text.slice(note.length + 2).split("\n").map((line) => escapeHtml(line)).join("<br>\n")}</div></div></body></html>`;
    return crlf([...headerLines({ ...outer, contentType: "text/html; charset=utf-8" }), "", html].join("\n"));
  }
  return crlf([...headerLines({ ...outer, contentType: "text/plain; charset=utf-8" }), "", text].join("\n"));
}

function strangerMail(random, n, now) {
  const original = makeOriginal(random, n, now);
  return crlf([...headerLines({ sender: from(original.recruiter), to: ASSISTANT, subject: original.subject, date: now, messageId: original.messageId, contentType: "text/plain; charset=utf-8" }), "", original.body].join("\n"));
}

/** A stranger's mail dressed as the owner's auto-forward: an SRS envelope and X-Forwarded-To naming the owner. */
function forgedForward(random, n, now) {
  const original = makeOriginal(random, n, now);
  return crlf([...headerLines({ sender: from(original.recruiter), to: `Me <${OWNER}>`, subject: `Rescheduled: ${original.subject}`, date: now, messageId: `<forged.${n}.${randomBytes(6).toString("hex")}@evil.test>`, contentType: "text/plain; charset=utf-8" }), `X-Forwarded-To: ${OWNER}`, "", "Your interview moved. Join here instead: https://evil.test/join"].join("\n"));
}

function oversizedMail(size, now) {
  const head = crlf([...headerLines({ sender: `Me <${OWNER}>`, to: ASSISTANT, subject: "Fwd: portfolio", date: now, messageId: `<big.${randomBytes(6).toString("hex")}@mail.example>`, contentType: "text/plain; charset=utf-8" }), "", ""].join("\n"));
  const line = `${"x".repeat(76)}\r\n`;
  return head + line.repeat(Math.ceil((size - head.length) / line.length));
}

/**
 * The run's emails in posting order. A redelivery or re-forward comes after its original and is
 * only posted once the original was answered (`after`); a concurrent duplicate is posted right
 * next to its original, so both are handled at once.
 */
function buildMix(count, seed) {
  const random = seededRandom(seed);
  const now = new Date();
  const n = (share) => Math.round(count * share);
  const oversized = count >= 50 ? Math.max(2, n(MIX.oversized)) : 0;
  const special = {
    redelivery: n(MIX.redelivery),
    concurrentDuplicate: n(MIX.concurrentDuplicate),
    reforward: n(MIX.reforward),
    stranger: n(MIX.stranger),
    noMessageId: n(MIX.noMessageId),
    oversized,
  };
  const uniques = count - Object.values(special).reduce((a, b) => a + b, 0);
  const items = [];
  const originals = [];
  for (let i = 0; i < uniques; i++) {
    const original = makeOriginal(random, i, new Date(now.getTime() - Math.floor(random() * 5 * 86_400_000)));
    const style = STYLES[i % STYLES.length];
    const raw = forwardOf(original, style, random() < 0.3 ? "Looks promising, role: see below." : "", now);
    originals.push({ original, style, raw });
    items.push({ kind: "forward", style, raw });
  }
  const later = (kind, make) => {
    // Somewhere after a random earlier forward, so the original was posted first.
    const source = originals[Math.floor(random() * originals.length)];
    const after = items.findIndex((item) => item.raw === source.raw && item.kind === "forward");
    const at = after + 1 + Math.floor(random() * (items.length - after));
    items.splice(at, 0, { kind, ...make(source), original: source });
  };
  for (let i = 0; i < special.redelivery; i++) later("redelivery", (o) => ({ style: o.style, raw: o.raw }));
  for (let i = 0; i < special.reforward; i++) later("reforward", (o) => ({ style: o.style, raw: forwardOf(o.original, o.style, "Forwarding this again.", now), originalRaw: o.raw }));
  for (let i = 0; i < special.concurrentDuplicate; i++) {
    const source = originals[Math.floor(random() * originals.length)];
    const at = items.findIndex((item) => item.raw === source.raw && item.kind === "forward");
    items.splice(at + 1, 0, { kind: "concurrentDuplicate", style: source.style, raw: source.raw });
  }
  const insertAnywhere = (item) => items.splice(Math.floor(random() * (items.length + 1)), 0, item);
  for (let i = 0; i < special.stranger; i++) insertAnywhere({ kind: "stranger", raw: strangerMail(random, uniques + i, now) });
  for (let i = 0; i < FORGED_FORWARDS; i++) insertAnywhere({ kind: "forgedForward", raw: forgedForward(random, count + 1000 + i, now) });
  for (let i = 0; i < special.noMessageId; i++) {
    const original = makeOriginal(random, count + i, now);
    insertAnywhere({ kind: "noMessageId", raw: forwardOf(original, "gmail", "", now).replace(/^Message-ID: .*\r\n/m, "") });
  }
  if (oversized > 0) {
    // Built once each: refused before anything is stored, so the same bytes can be posted again.
    const overWorker = oversizedMail(WORKER_LIMIT_BYTES + 64 * 1024, now);
    const overRoute = oversizedMail(ROUTE_LIMIT_BYTES + 64 * 1024, now);
    insertAnywhere({ kind: "oversizedRoute", raw: overRoute });
    for (let i = 1; i < oversized; i++) insertAnywhere({ kind: "oversized", raw: overWorker });
  }
  const encoded = new Map();
  const firstIndex = new Map();
  items.forEach((item, i) => {
    if (item.kind === "forward") firstIndex.set(item.raw, i);
  });
  for (const item of items) {
    if (item.original) item.after = firstIndex.get(item.original.raw);
    delete item.original;
    if (!encoded.has(item.raw)) {
      const bytes = Buffer.from(item.raw, "utf8");
      encoded.set(item.raw, { bytes, sha256: createHash("sha256").update(bytes).digest("hex") });
    }
    Object.assign(item, encoded.get(item.raw));
    item.envelopeFrom = item.kind === "stranger" ? /^From: .*<([^>]+)>/m.exec(item.raw)[1] : item.kind === "forgedForward" ? `SRS0=ab${randomBytes(2).toString("hex")}=XY=evil.test=attacker@evil.test` : OWNER;
    if (item.originalRaw) item.originalSha256 = createHash("sha256").update(Buffer.from(item.originalRaw, "utf8")).digest("hex");
  }
  return items;
}

// ── The worker under wrangler dev ────────────────────────────────────────────────────────────

function createWorker() {
  return new LocalWorker({
    tempPrefix: "followup-load-",
    serveBuilt: true,
    logLevel: "warn",
    readyTimeoutMs: READY_TIMEOUT_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    pollMs: POLL_MS,
  });
}

function post(worker, item) {
  return worker.sendEmail(item.envelopeFrom, TO_PLAIN.has(item.kind) ? ASSISTANT : worker.forwardingAddress, item.bytes);
}

function callApi(worker, path, token = worker.apiToken) {
  return fetch(`${worker.base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

/** Rows of each statement, run on the stopped worker's local D1. */
function queryD1(worker, sql) {
  const out = runWrangler(["d1", "execute", "DB", "--local", "--persist-to", worker.stateDir, "--json", "--command", sql], READY_TIMEOUT_MS);
  return JSON.parse(out).map((statement) => statement.results);
}

// ── Posting ──────────────────────────────────────────────────────────────────────────────────

/** How the local route answered, by what it says (see miniflare's handleEmail). */
function classify(status, body) {
  if (status >= 500) return "server_error";
  if (status === 200) return "accepted";
  if (body.startsWith("Worker rejected email with the following reason: ")) return "rejected";
  if (/no message id/i.test(body)) return "route_no_message_id";
  if (/bigger than the production size limit/i.test(body)) return "route_too_large";
  return "other";
}

async function postAll(worker, items, concurrency, deadline) {
  let next = 0;
  const results = new Array(items.length);
  const answered = items.map(() => {
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    return { promise, resolve };
  });
  const started = performance.now();
  async function lane() {
    while (next < items.length) {
      if (Date.now() > deadline) throw new LoadError(`The run passed its ${MAX_RUN_MS / 60_000} min bound.`);
      const index = next++;
      const item = items[index];
      if (item.after !== undefined) await answered[item.after].promise;
      const t0 = performance.now();
      try {
        const response = await post(worker, item);
        const body = await response.text();
        results[index] = { status: response.status, body, outcome: classify(response.status, body), ms: performance.now() - t0 };
      } catch (error) {
        results[index] = { status: 0, body: error instanceof Error ? error.message : String(error), outcome: "network_error", ms: performance.now() - t0 };
      }
      answered[index].resolve();
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return { results, seconds: (performance.now() - started) / 1000 };
}

/**
 * What a sending server does after a temporary failure: deliver the same bytes again later.
 * The 5xx still fail the run; this shows whether anything would have been lost.
 */
async function redeliverFailures(worker, items, results) {
  const again = [];
  for (const [index, result] of results.entries()) {
    if (result.status < 500 && result.outcome !== "network_error") continue;
    try {
      const response = await post(worker, items[index]);
      again.push({ index, status: response.status, outcome: classify(response.status, await response.text()) });
    } catch (error) {
      again.push({ index, status: 0, outcome: "network_error" });
    }
  }
  return again;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// ── Checks ───────────────────────────────────────────────────────────────────────────────────

const EXPECTED_OUTCOME = {
  forward: "accepted",
  redelivery: "accepted",
  concurrentDuplicate: "accepted",
  reforward: "accepted",
  stranger: "rejected",
  forgedForward: "rejected",
  oversized: "rejected",
  oversizedRoute: "route_too_large",
  noMessageId: "route_no_message_id",
};

async function check(worker, items, results, redelivered) {
  const failures = [];
  const expect = (ok, message) => {
    if (!ok) failures.push(message);
  };

  // Answers on the wire.
  const serverErrors = results.filter((r) => r.status >= 500 || r.outcome === "network_error");
  expect(serverErrors.length === 0, `${serverErrors.length} emails got a 5xx or no answer`);
  const unexpected = new Map();
  items.forEach((item, i) => {
    const result = results[i];
    if (result.outcome === EXPECTED_OUTCOME[item.kind]) return;
    const key = `${item.kind} answered ${result.status}: ${result.body.split("\n")[0].slice(0, 160)}`;
    unexpected.set(key, [...(unexpected.get(key) ?? []), i]);
  });
  for (const [key, indexes] of unexpected) expect(false, `${indexes.length} × ${key} (#${indexes.slice(0, 5).join(", #")}${indexes.length > 5 ? ", ..." : ""})`);
  const reasons = new Map();
  items.forEach((item, i) => {
    if (results[i].outcome !== "rejected") return;
    const reason = results[i].body.replace("Worker rejected email with the following reason: ", "").replace(/[\d.]+ MiB/, "N MiB");
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    if (item.kind === "stranger") expect(/only accepts mail from its owner/.test(reason), `stranger refused with an unexpected reason: ${reason}`);
    if (item.kind === "forgedForward") expect(/private forwarding address/.test(reason), `forged forward refused with an unexpected reason: ${reason}`);
    if (item.kind === "oversized") expect(/^Message too large/.test(reason), `oversized mail refused with an unexpected reason: ${reason}`);
  });

  // Through the API, while the worker runs.
  const applicationsResponse = await callApi(worker, "/api/applications");
  expect(applicationsResponse.status === 200, `GET /api/applications answered ${applicationsResponse.status}`);
  const applications = applicationsResponse.status === 200 ? await applicationsResponse.json() : [];
  expect((await callApi(worker, "/api/applications", null)).status === 401, "GET /api/applications without the token was not refused");
  const firstMessage = await callApi(worker, "/api/messages/1");
  expect(firstMessage.status === 200 && (await firstMessage.json()).id === 1, `GET /api/messages/1 answered ${firstMessage.status}`);

  await worker.stop();

  // In D1, once the worker is stopped.
  const [inbound, confirmations, [counts], repeatedInterviews] = queryD1(
    worker,
    [
      "SELECT id, raw_sha256 AS sha, state, problem, original_message_id AS original, application_id AS app FROM inbound_messages",
      "SELECT in_reply_to AS inbound, count(*) AS n FROM outbound_messages WHERE kind = 'confirmation' GROUP BY in_reply_to",
      "SELECT (SELECT count(*) FROM applications) AS applications, (SELECT count(*) FROM interviews) AS interviews",
      "SELECT application_id AS app, coalesce(start_at, start_local) AS slot, count(*) AS n FROM interviews WHERE status = 'scheduled' GROUP BY 1, 2 HAVING count(*) > 1",
    ].join("; "),
  );
  const recovered = redelivered.filter((r) => r.outcome === "accepted");
  expect(recovered.length === redelivered.length, `${redelivered.length - recovered.length} of ${redelivered.length} failed emails also failed on redelivery`);
  const acceptedIndexes = new Set([...results.flatMap((r, i) => (r.outcome === "accepted" ? [i] : [])), ...recovered.map((r) => r.index)]);
  const accepted = new Set(items.filter((item, i) => acceptedIndexes.has(i)).map((item) => item.sha256));
  const refused = new Set(items.filter((item, i) => results[i].outcome !== "accepted" && !accepted.has(item.sha256)).map((item) => item.sha256));
  const stored = new Map();
  for (const row of inbound) stored.set(row.sha, (stored.get(row.sha) ?? 0) + 1);
  const storedTwice = [...stored].filter(([, n]) => n > 1);
  expect(storedTwice.length === 0, `${storedTwice.length} emails are stored more than once`);
  const missing = [...accepted].filter((sha) => !stored.has(sha));
  expect(missing.length === 0, `${missing.length} accepted emails are not stored`);
  const refusedButStored = [...refused].filter((sha) => stored.has(sha));
  expect(refusedButStored.length === 0, `${refusedButStored.length} refused emails were stored`);
  expect(inbound.length === accepted.size, `${inbound.length} stored emails for ${accepted.size} distinct accepted ones`);
  const unprocessed = inbound.filter((row) => row.state === "stored" || row.state === "failed");
  expect(unprocessed.length === 0, `${unprocessed.length} stored emails were left unprocessed (state stored/failed)`);
  const confirmed = new Map(confirmations.map((row) => [row.inbound, row.n]));
  const unconfirmed = inbound.filter((row) => confirmed.get(row.id) !== 1);
  expect(unconfirmed.length === 0, `${unconfirmed.length} stored emails do not have exactly one confirmation`);
  expect(repeatedInterviews.length === 0, `${repeatedInterviews.length} interviews are filed twice (same application and time), e.g. ${JSON.stringify(repeatedInterviews[0])}`);
  expect(counts.applications === applications.length, `the API lists ${applications.length} applications, D1 holds ${counts.applications}`);

  // The same original forwarded again: never filed a second time.
  const bySha = new Map(inbound.map((row) => [row.sha, row]));
  const reforwardsCollapsed = {};
  const refiled = [];
  for (const item of items.filter((x) => x.kind === "reforward")) {
    const again = bySha.get(item.sha256);
    const first = bySha.get(item.originalSha256);
    if (!again || !first) continue;
    // Collapsed: marked as the same original, or filed to the same application (or, like the first, to none).
    if (again.state === "ignored" || again.app === first.app) {
      const how = `${item.style} ${again.state === "ignored" ? "marked as the same original" : "filed to the same application"}`;
      reforwardsCollapsed[how] = (reforwardsCollapsed[how] ?? 0) + 1;
    } else refiled.push(`${item.style}: first #${first.id} ${first.state} app ${first.app}, again #${again.id} ${again.state} app ${again.app}`);
  }
  const filedTwice = Object.entries(
    inbound.filter((row) => row.state === "understood" && row.original).reduce((acc, row) => ({ ...acc, [row.original]: (acc[row.original] ?? 0) + 1 }), {}),
  ).filter(([, n]) => n > 1);
  expect(filedTwice.length === 0, `${filedTwice.length} originals (by Message-ID) were filed more than once`);
  expect(refiled.length === 0, `${refiled.length} re-forwards were filed apart from their original (${refiled.slice(0, 3).join("; ")})`);

  const states = inbound.reduce((acc, row) => ({ ...acc, [row.state]: (acc[row.state] ?? 0) + 1 }), {});
  return { failures, reasons, states, counts, reforwardsCollapsed, redelivered: { total: redelivered.length, recovered: recovered.length } };
}

// ── Report ───────────────────────────────────────────────────────────────────────────────────

function report(items, results, seconds, outcome, options) {
  const byKind = {};
  items.forEach((item, i) => {
    const entry = (byKind[item.kind] ??= { sent: 0, answers: {} });
    entry.sent++;
    const answer = `${results[i].status} ${results[i].outcome}`;
    entry.answers[answer] = (entry.answers[answer] ?? 0) + 1;
  });
  const latencies = (filter) => results.filter((r, i) => filter(items[i], r)).map((r) => r.ms).sort((a, b) => a - b);
  const all = latencies(() => true);
  const forwards = latencies((item) => item.kind === "forward");
  const line = (label, values) => `${label.padEnd(26)} p50 ${percentile(values, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(values, 95).toFixed(0).padStart(5)} ms   p99 ${percentile(values, 99).toFixed(0).padStart(5)} ms   max ${(values.at(-1) ?? 0).toFixed(0).padStart(5)} ms`;
  console.log(`\nLoad: ${items.length} emails over ${options.concurrency} connections (seed ${options.seed}) in ${seconds.toFixed(1)} s: ${(items.length / seconds).toFixed(1)} emails/s`);
  console.log(line("all emails", all));
  console.log(line("forwards of new originals", forwards));
  // Each email is filed against all of the owner's applications, so later ones see a larger D1.
  const forwardIndexes = items.flatMap((item, i) => (item.kind === "forward" ? [i] : []));
  const tenth = Math.max(1, Math.floor(forwardIndexes.length / 10));
  const slice = (indexes) => indexes.map((i) => results[i].ms).sort((a, b) => a - b);
  console.log(line("  first tenth of them", slice(forwardIndexes.slice(0, tenth))));
  console.log(line("  last tenth of them", slice(forwardIndexes.slice(-tenth))));
  console.log("\nBy kind (HTTP status and outcome):");
  const LABELS = {
    forward: "forward of a new original",
    redelivery: "exact duplicate, after the answer",
    concurrentDuplicate: "exact duplicate, at the same time",
    reforward: "same original forwarded again",
    forgedForward: "forged auto-forward (refused)",
    noMessageId: "no Message-ID (refused by the local route)",
    oversizedRoute: "over 25 MiB (local route)",
    oversized: "over 10 MiB (worker)",
  };
  for (const [kind, entry] of Object.entries(byKind)) {
    console.log(`  ${(LABELS[kind] ?? kind).padEnd(44)} ${String(entry.sent).padStart(5)}   ${Object.entries(entry.answers).map(([a, n]) => `${a}: ${n}`).join(", ")}`);
  }
  if (outcome) {
    console.log("\nRefusal reasons from the worker:");
    for (const [reason, n] of outcome.reasons) console.log(`  ${String(n).padStart(5)}  ${reason}`);
    console.log(`\nStored emails by state: ${Object.entries(outcome.states).map(([s, n]) => `${s} ${n}`).join(", ")}; applications: ${outcome.counts.applications}; interviews: ${outcome.counts.interviews}`);
    if (outcome.redelivered.total > 0) console.log(`Emails that failed (5xx), delivered again as a sending server would: ${outcome.redelivered.recovered} of ${outcome.redelivered.total} accepted`);
    console.log(`Re-forwards kept with their original: ${Object.entries(outcome.reforwardsCollapsed).sort().map(([how, n]) => `${how}: ${n}`).join(", ")}`);
  }
}

// ── Main ─────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const deadline = Date.now() + MAX_RUN_MS;
  const worker = createWorker();
  worker.closeOnSignals();
  let failed = false;
  try {
    const items = buildMix(options.count, options.seed);
    console.log(`Starting the worker (wrangler dev, temporary state in ${worker.workDir}) ...`);
    worker.migrate();
    await worker.start();
    worker.forwardingAddress = (await worker.addresses()).forwarding;
    console.log(`Posting ${items.length} emails to ${worker.base}/cdn-cgi/local/email over ${options.concurrency} connections ...`);
    const { results, seconds } = await postAll(worker, items, options.concurrency, deadline);
    const redelivered = await redeliverFailures(worker, items, results);
    const outcome = await check(worker, items, results, redelivered);
    report(items, results, seconds, outcome, options);
    if (outcome.failures.length > 0) {
      failed = true;
      console.error(`\nFAILED: ${outcome.failures.length} checks\n${outcome.failures.slice(0, 20).map((f) => `  - ${f}`).join("\n")}`);
      console.error(`\nLast lines of wrangler's output:\n${worker.logTail()}`);
    } else {
      console.log("\nAll checks passed: every accepted email stored once, duplicates collapsed, refusals carry reasons, no 5xx.");
    }
  } catch (error) {
    failed = true;
    console.error(`\nFAILED: ${error instanceof Error ? error.message : String(error)}`);
    if (worker.log.length > 0) console.error(`\nLast lines of wrangler's output:\n${worker.logTail()}`);
  } finally {
    await worker.close();
  }
  process.exit(failed ? 1 : 0);
}

await main();
