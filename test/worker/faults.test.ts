/**
 * Faults at the binding boundary, through the real handlers and the real local D1. D1 fails at
 * every call of each happy path (a forward, a reply command, the morning digest), once before
 * the call reaches D1 and once after it ran (the response was lost), and send_email fails with
 * Cloudflare's error codes. Every fault must leave the complete result or nothing, never half,
 * and the retry (the sender's redelivery after a thrown error, or the next cron tick) must
 * complete it exactly once.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { MAX_DIGEST_ATTEMPTS } from "../../src/cron/digest-job.ts";
import { forwardingAddress, replyAddress } from "../helpers/addresses.ts";
import { eml, gmailForward } from "../helpers/eml.ts";
import { makeEmail } from "../helpers/email-message.ts";
import { D1_ERRORS, faultyD1, faultySendEmail, sendError, type FaultTiming, type SendErrorCode } from "../helpers/faulty-bindings.ts";
import { clearAll } from "../helpers/seed.ts";
import { recordSendEmail, type SendEmailRecorder } from "../helpers/send-email-recorder.ts";

const OWNER = "me@example.com";
/** The owner's forwards go to the private forwarding address (set before each test). */
let FORWARD_ENVELOPE = { from: OWNER, to: "" };
/** D1's per-invocation query limit on the Free plan (d1/platform/limits/). */
const D1_QUERIES_PER_INVOCATION_FREE = 50;
const TIMINGS: FaultTiming[] = ["before", "after"];
// The forward arrives on Monday 2 March; the interview is Tuesday; Wednesday's digest at 07:00
// Los Angeles time (15:00Z) holds the thank-you draft (R1).
const MONDAY = "2026-03-02T18:00:00Z";
const WEDNESDAY_DIGEST = "2026-03-04T15:00:00Z";
const QUARTER_HOUR_MS = 15 * 60 * 1000;

let mail: SendEmailRecorder;

beforeEach(async () => {
  await clearAll(env.DB);
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(MONDAY));
  mail = recordSendEmail(env.EMAIL);
  FORWARD_ENVELOPE = { from: OWNER, to: await forwardingAddress() };
});
afterEach(() => vi.useRealTimers());

interface Delivery {
  threw: Error | null;
  rejections: string[];
}

async function deliver(envelope: { from: string; to: string }, raw: string, bindings: { db?: D1Database; email?: SendEmail } = {}): Promise<Delivery> {
  const { message, rejections } = makeEmail(envelope, raw);
  try {
    await worker.email(message, { ...env, DB: bindings.db ?? env.DB, EMAIL: bindings.email ?? mail.binding });
    return { threw: null, rejections };
  } catch (error) {
    return { threw: error as Error, rejections };
  }
}

async function tick(at: string | number, bindings: { db?: D1Database; email?: SendEmail } = {}): Promise<Error | null> {
  const scheduledTime = typeof at === "number" ? at : Date.parse(at);
  try {
    await worker.scheduled(createScheduledController({ cron: "*/15 * * * *", scheduledTime }), { ...env, DB: bindings.db ?? env.DB, EMAIL: bindings.email ?? mail.binding });
    return null;
  } catch (error) {
    return error as Error;
  }
}

/** The error's whole text: drizzle wraps D1's error as the cause of a "Failed query" error. */
function errorText(error: Error | null): string {
  let text = "";
  for (let e: unknown = error; e instanceof Error; e = e.cause) text += `${e.message}\n`;
  return text;
}

/** Everything the handlers write, in one round trip. The owner's `users` row is left out: it is created from settings on first contact. */
interface State {
  inbound: string[];
  rawChunks: number;
  applications: string[];
  interviews: string[];
  events: string[];
  followUps: string[];
  outbound: string[];
  digests: string[];
}

async function readState(): Promise<State> {
  const queries = [
    "SELECT channel || ':' || state AS v FROM inbound_messages ORDER BY id",
    "SELECT count(*) AS v FROM raw_chunks",
    "SELECT company || ':' || status AS v FROM applications ORDER BY id",
    "SELECT start_at || ':' || status AS v FROM interviews ORDER BY id",
    "SELECT type || CASE WHEN undone_at IS NULL THEN '' ELSE ':undone' END AS v FROM events ORDER BY id",
    "SELECT rule || ':' || state AS v FROM follow_ups ORDER BY id",
    "SELECT kind AS v FROM outbound_messages ORDER BY id",
    "SELECT status || ':' || attempts AS v FROM digests ORDER BY id",
  ];
  const results = await env.DB.batch<{ v: string | number }>(queries.map((q) => env.DB.prepare(q)));
  const values = (i: number) => results[i]!.results.map((r) => String(r.v));
  return {
    inbound: values(0),
    rawChunks: Number(values(1)[0]),
    applications: values(2),
    interviews: values(3),
    events: values(4),
    followUps: values(5),
    outbound: values(6),
    digests: values(7),
  };
}

const TABLES_IN_INSERT_ORDER = ["users", "inbound_messages", "raw_chunks", "applications", "interviews", "events", "follow_ups", "outbound_messages", "digests"];
type SavedTables = Map<string, Record<string, unknown>[]>;

/** A copy of every row, so each fault starts from the same set-up without replaying it. */
async function saveTables(): Promise<SavedTables> {
  const saved: SavedTables = new Map();
  for (const table of TABLES_IN_INSERT_ORDER) saved.set(table, (await env.DB.prepare(`SELECT * FROM ${table}`).all<Record<string, unknown>>()).results);
  return saved;
}

async function restoreTables(saved: SavedTables): Promise<void> {
  await clearAll(env.DB);
  const statements: D1PreparedStatement[] = [];
  for (const table of TABLES_IN_INSERT_ORDER) {
    for (const row of saved.get(table)!) {
      // inbound_messages and applications point at each other: the link is set once both exist.
      const values = table === "inbound_messages" ? { ...row, application_id: null } : row;
      const columns = Object.keys(values);
      const bound = columns.map((c) => (Array.isArray(values[c]) ? new Uint8Array(values[c] as number[]) : values[c]));
      statements.push(env.DB.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).bind(...bound));
    }
  }
  for (const row of saved.get("inbound_messages")!) {
    if (row.application_id !== null) statements.push(env.DB.prepare("UPDATE inbound_messages SET application_id = ? WHERE id = ?").bind(row.application_id, row.id));
  }
  await env.DB.batch(statements);
}

/** Where a forward got to: nothing, kept (raw only), filed (all of the filing), or half-written. */
function forwardStage(state: State, complete: State): "nothing" | "kept" | "filed" | "half-written" {
  const noFiling = state.applications.length === 0 && state.interviews.length === 0 && state.events.length === 0 && state.followUps.length === 0 && state.outbound.length === 0;
  if (noFiling && state.inbound.length === 0 && state.rawChunks === 0) return "nothing";
  if (noFiling && state.inbound.join() === "forward:stored" && state.rawChunks === complete.rawChunks) return "kept";
  const filed =
    state.inbound.join() === complete.inbound.join() &&
    state.rawChunks === complete.rawChunks &&
    state.applications.join() === complete.applications.join() &&
    state.interviews.join() === complete.interviews.join() &&
    state.events.join() === complete.events.join() &&
    // Follow-ups are recomputed after the filing commits (and by every digest); the confirmation is sent last.
    [[], complete.followUps].some((f) => f.join() === state.followUps.join()) &&
    [[], complete.outbound].some((o) => o.join() === state.outbound.join());
  return filed ? "filed" : "half-written";
}

describe("ingest: a D1 fault at every call of a forward", () => {
  const raw = gmailForward({ note: "they said two weeks", outerId: "<fault-forward@example.com>" });

  for (const timing of TIMINGS) {
    it(`fault ${timing} the call: complete or nothing, and the redelivery files it exactly once`, async () => {
      const probe = faultyD1(env.DB);
      expect(await deliver(FORWARD_ENVELOPE, raw, { db: probe.db })).toEqual({ threw: null, rejections: [] });
      const complete = await readState();
      expect(complete).toMatchObject({ inbound: ["forward:understood"], applications: ["Quillfeather Systems:interviewing"], followUps: ["R1:pending"], outbound: ["confirmation"] });
      expect(complete.interviews).toHaveLength(1);
      expect(mail.raws).toHaveLength(1);
      const total = probe.calls;
      expect(total).toBeLessThan(D1_QUERIES_PER_INVOCATION_FREE);

      for (let n = 1; n <= total; n++) {
        await clearAll(env.DB);
        FORWARD_ENVELOPE = { from: OWNER, to: await forwardingAddress() };
        mail = recordSendEmail(env.EMAIL);
        const faulty = faultyD1(env.DB, { failOn: n, timing });
        const first = await deliver(FORWARD_ENVELOPE, raw, { db: faulty.db });
        const where = `fault ${timing} call ${n} of ${total}: ${faulty.log[n - 1] ?? ""}`;
        expect(faulty.faults, where).toBe(1);
        // A D1 fault is never a permanent bounce.
        expect(first.rejections, where).toEqual([]);
        const afterFault = await readState();
        const stage = forwardStage(afterFault, complete);
        expect(stage, where).not.toBe("half-written");

        if (first.threw) {
          // A temporary SMTP failure: the sender delivers the same bytes again later.
          expect(errorText(first.threw), where).toContain("Network connection lost");
          expect(await deliver(FORWARD_ENVELOPE, raw), where).toEqual({ threw: null, rejections: [] });
        } else {
          // Swallowed only once the filing is committed: a follow-up refresh or the confirmation's record.
          expect(stage, where).toBe("filed");
        }
        const final = await readState();
        expect(forwardStage(final, complete), where).toBe("filed");
        // Exactly one confirmation when the fault struck before the filing committed; never two.
        if (stage !== "filed") expect(mail.raws.length, where).toBe(1);
        expect(mail.raws.length, where).toBeLessThanOrEqual(1);
        if (final.followUps.length === 0) {
          // The refresh after the filing was lost with the fault; the next digest recomputes it.
          await tick(WEDNESDAY_DIGEST);
          expect((await readState()).followUps, where).toEqual(["R1:shown", "R4:pending"]);
        }
      }
    }, 60_000);
  }

  it("D1 overloaded while keeping the message: a temporary failure, never a bounce; the retry keeps it once", async () => {
    const raw2 = gmailForward({ outerId: "<overloaded@example.com>" });
    const first = await deliver(FORWARD_ENVELOPE, raw2, { db: faultyD1(env.DB, { failOn: 1, error: D1_ERRORS.overloaded }).db });
    expect(errorText(first.threw)).toContain("D1 DB is overloaded. Too many requests queued.");
    expect(first.rejections).toEqual([]);
    expect(forwardStage(await readState(), await readState())).toBe("nothing");
    expect(await deliver(FORWARD_ENVELOPE, raw2)).toEqual({ threw: null, rejections: [] });
    expect((await readState()).inbound).toEqual(["forward:understood"]);
  });

  it("a failing statement inside a D1 batch rolls back the statements before it (what keeping a message relies on)", async () => {
    // The owner's row exists (beforeEach); the batch keeps a message for it.
    const insertMessage = env.DB.prepare(
      "INSERT INTO inbound_messages (user_id, received_at, envelope_from, envelope_to, raw_sha256, raw_size, chunk_count, channel, state) SELECT id, 0, 'me@example.com', 'assistant@example.com', 'abc', 1, 1, 'forward', 'stored' FROM users",
    );
    const chunk = () => env.DB.prepare("INSERT INTO raw_chunks (message_id, seq, bytes) SELECT id, 0, x'00' FROM inbound_messages WHERE raw_sha256 = 'abc'");
    await expect(env.DB.batch([insertMessage, chunk(), chunk()])).rejects.toThrow(/UNIQUE constraint failed: raw_chunks/);
    expect(await readState()).toMatchObject({ inbound: [], rawChunks: 0 });
  });

  it("a UNIQUE constraint error on the keep batch stores nothing, and the retry keeps the message once", async () => {
    const raw2 = gmailForward({ outerId: "<constraint@example.com>" });
    const probe = faultyD1(env.DB);
    await deliver(FORWARD_ENVELOPE, raw2, { db: probe.db });
    const keepBatch = probe.log.findIndex((line) => line.startsWith("batch")) + 1;
    await clearAll(env.DB);
    FORWARD_ENVELOPE = { from: OWNER, to: await forwardingAddress() };
    const first = await deliver(FORWARD_ENVELOPE, raw2, { db: faultyD1(env.DB, { failOn: keepBatch, error: D1_ERRORS.uniqueConstraint }).db });
    expect(errorText(first.threw)).toContain("UNIQUE constraint failed");
    expect(await readState()).toMatchObject({ inbound: [], rawChunks: 0, applications: [] });
    await deliver(FORWARD_ENVELOPE, raw2);
    expect(await readState()).toMatchObject({ inbound: ["forward:understood"], rawChunks: 1, applications: ["Quillfeather Systems:interviewing"] });
  });
});

describe("ingest: the same message twice at once", () => {
  it("is filed once: one application, one interview, one set of events, one confirmation", async () => {
    const raw = gmailForward({ outerId: "<twice-at-once@example.com>" });
    const results = await Promise.all([deliver(FORWARD_ENVELOPE, raw), deliver(FORWARD_ENVELOPE, raw), deliver(FORWARD_ENVELOPE, raw)]);
    // The losers of the race fail temporarily (the sender retries) or see the finished filing.
    for (const result of results) {
      expect(result.rejections).toEqual([]);
      if (result.threw) expect(errorText(result.threw)).toContain("NOT NULL constraint failed: inbound_messages.state");
    }
    expect(results.filter((r) => r.threw === null).length).toBeGreaterThanOrEqual(1);
    expect(await deliver(FORWARD_ENVELOPE, raw)).toEqual({ threw: null, rejections: [] });
    const state = await readState();
    expect(state).toMatchObject({ inbound: ["forward:understood"], rawChunks: 1, applications: ["Quillfeather Systems:interviewing"], outbound: ["confirmation"] });
    expect(state.interviews).toHaveLength(1);
    expect([...state.events].sort()).toEqual(["application_created", "email_filed", "interview_scheduled", "status_changed"]);
    expect(mail.raws).toHaveLength(1);
  });
});

describe("ingest: send_email faults", () => {
  for (const code of ["E_RATE_LIMIT_EXCEEDED", "E_RECIPIENT_NOT_ALLOWED", "E_DELIVERY_FAILED"] as SendErrorCode[]) {
    it(`a confirmation refused with ${code} leaves the forward filed, with no bounce and no retry`, async () => {
      const send = faultySendEmail(mail.binding, { failOn: 1, code });
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      const result = await deliver(FORWARD_ENVELOPE, gmailForward({ outerId: `<send-${code}@example.com>` }), { email: send.binding });
      const failures = logged.mock.calls.map(([line]) => String(line)).filter((line) => line.includes("confirmation_failed"));
      logged.mockRestore();
      expect(result).toEqual({ threw: null, rejections: [] });
      expect(send.calls).toBe(1);
      // Logged once, saying whether a retry could ever help.
      expect(failures.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ code, permanent: code === "E_RECIPIENT_NOT_ALLOWED" })]);
      expect(await readState()).toMatchObject({ inbound: ["forward:understood"], applications: ["Quillfeather Systems:interviewing"], followUps: ["R1:pending"], outbound: [] });
      expect(mail.raws).toHaveLength(0);
    });
  }
});

describe("reply commands: a D1 fault at every call", () => {
  /** A forward, Wednesday's digest holding its thank-you draft (R1), and the owner's reply address. */
  async function setUpDigest(): Promise<{ envelope: { from: string; to: string }; replyTo: (body: string, messageId: string) => string }> {
    await deliver(FORWARD_ENVELOPE, gmailForward({ outerId: "<cmd-forward@example.com>" }));
    await tick(WEDNESDAY_DIGEST);
    const digestId = (await mail.parsed(1)).messageId;
    if (!digestId) throw new Error("the digest has no Message-ID");
    const tokenAddress = await replyAddress();
    vi.setSystemTime(new Date("2026-03-04T16:00:00Z"));
    return {
      envelope: { from: OWNER, to: tokenAddress },
      replyTo: (body, messageId) => eml({ to: tokenAddress, subject: "Re: Follow-ups", messageId, headers: { "In-Reply-To": digestId, References: digestId }, body }),
    };
  }

  const cases = [
    { command: "done 1", earlier: [], check: (s: State) => expect(s.followUps).toEqual(["R1:sent", "R4:pending"]) },
    // A repeated undo would undo one change too many (here: the filing of the forward itself).
    { command: "undo", earlier: ["done 1"], check: (s: State) => expect(s.followUps).toEqual(["R1:shown", "R4:pending"]) },
  ];

  for (const { command, earlier, check } of cases) {
    for (const timing of TIMINGS) {
      it(`\`${command}\`, fault ${timing} the call: applied exactly once, with one audit event and at most one answer`, async () => {
        const { envelope, replyTo } = await setUpDigest();
        for (const [i, body] of earlier.entries()) await deliver(envelope, replyTo(body, `<earlier-${i}@example.com>`));
        const saved = await saveTables();
        const base = await readState();
        const reply = replyTo(command, "<under-test@example.com>");

        mail = recordSendEmail(env.EMAIL);
        const probe = faultyD1(env.DB);
        expect(await deliver(envelope, reply, { db: probe.db })).toEqual({ threw: null, rejections: [] });
        const complete = await readState();
        check(complete);
        expect(complete.inbound).toEqual([...base.inbound, "command:understood"]);
        expect(complete.events).not.toEqual(base.events);
        expect(mail.raws).toHaveLength(1);
        const total = probe.calls;
        expect(total).toBeLessThan(D1_QUERIES_PER_INVOCATION_FREE);

        for (let n = 1; n <= total; n++) {
          await restoreTables(saved);
          mail = recordSendEmail(env.EMAIL);
          const faulty = faultyD1(env.DB, { failOn: n, timing });
          const first = await deliver(envelope, reply, { db: faulty.db });
          const where = `fault ${timing} call ${n} of ${total}: ${faulty.log[n - 1] ?? ""}`;
          expect(first.rejections, where).toEqual([]);
          const afterFault = await readState();
          const untouched = afterFault.events.join() === base.events.join() && afterFault.followUps.join() === base.followUps.join();
          const applied = afterFault.events.join() === complete.events.join() && afterFault.followUps.join() === complete.followUps.join();
          expect(untouched || applied, where).toBe(true);
          if (first.threw) {
            expect(errorText(first.threw), where).toContain("Network connection lost");
            expect(await deliver(envelope, reply), where).toEqual({ threw: null, rejections: [] });
          } else {
            expect(applied, where).toBe(true);
          }
          const final = await readState();
          expect(final.events, where).toEqual(complete.events);
          expect(final.followUps, where).toEqual(complete.followUps);
          expect(final.inbound, where).toEqual(complete.inbound);
          expect(final.applications, where).toEqual(complete.applications);
          // One answer when the fault struck before the change committed; never two.
          if (untouched) expect(mail.raws.length, where).toBe(1);
          expect(mail.raws.length, where).toBeLessThanOrEqual(1);
        }
      }, 60_000);
    }
  }

  it("an answer refused by send_email: the change stands, applied once, and nothing bounces", async () => {
    const { envelope, replyTo } = await setUpDigest();
    const base = await readState();
    const send = faultySendEmail(mail.binding, { failOn: 1, code: "E_DELIVERY_FAILED" });
    expect(await deliver(envelope, replyTo("done 1", "<refused-answer@example.com>"), { email: send.binding })).toEqual({ threw: null, rejections: [] });
    expect(send.calls).toBe(1);
    expect(await readState()).toMatchObject({ followUps: ["R1:sent", "R4:pending"], events: [...base.events, "follow_up_sent"], outbound: base.outbound });
  });
});

describe("digest: a D1 fault at every call of a tick", () => {
  for (const timing of TIMINGS) {
    it(`fault ${timing} the call: the next ticks send exactly one digest`, async () => {
      await deliver(FORWARD_ENVELOPE, gmailForward({ outerId: "<digest-forward@example.com>" }));
      const saved = await saveTables();

      mail = recordSendEmail(env.EMAIL);
      const probe = faultyD1(env.DB);
      expect(await tick(WEDNESDAY_DIGEST, { db: probe.db })).toBeNull();
      const complete = await readState();
      expect(complete.digests).toEqual(["sent:1"]);
      expect(complete.followUps).toEqual(["R1:shown", "R4:pending"]);
      expect(mail.raws).toHaveLength(1);
      const total = probe.calls;

      for (let n = 1; n <= total; n++) {
        await restoreTables(saved);
        mail = recordSendEmail(env.EMAIL);
        const faulty = faultyD1(env.DB, { failOn: n, timing });
        const thrown = await tick(WEDNESDAY_DIGEST, { db: faulty.db });
        const where = `fault ${timing} call ${n} of ${total}: ${faulty.log[n - 1] ?? ""}`;
        // Only the user list is read outside the per-user try/catch; the tick then fails as a whole.
        if (thrown) expect(n, where).toBe(1);
        const afterFault = await readState();
        const sentAtFault = mail.raws.length;
        expect([[], ["claimed:1"], ["failed:1"], ["sent:1"], ...(sentAtFault === 1 ? [["sending:1"]] : [])], where).toContainEqual(afterFault.digests);

        await tick(Date.parse(WEDNESDAY_DIGEST) + QUARTER_HOUR_MS);
        await tick(Date.parse(WEDNESDAY_DIGEST) + 2 * QUARTER_HOUR_MS);
        const final = await readState();
        expect(mail.raws.length, where).toBe(1);
        if (afterFault.digests.join() === "sending:1") {
          // Sent, but the write after the send was lost: at most once, so it is never sent again.
          expect(final.digests, where).toEqual(["sending:1"]);
        } else {
          expect(final.digests, where).toEqual([expect.stringMatching(/^sent:[12]$/)]);
          expect(final.followUps, where).toEqual(complete.followUps);
        }
        expect(final.applications, where).toEqual(complete.applications);
        expect(final.events, where).toEqual(complete.events);
      }
    }, 60_000);
  }

  it("D1 reads failing on two ticks, then working: one digest", async () => {
    await deliver(FORWARD_ENVELOPE, gmailForward({}));
    const flaky = faultyD1(env.DB, { failOn: [1, 2] });
    mail = recordSendEmail(env.EMAIL);
    for (let i = 0; i < 4; i++) await tick(Date.parse(WEDNESDAY_DIGEST) + i * QUARTER_HOUR_MS, { db: flaky.db });
    expect(flaky.faults).toBe(2);
    expect(mail.raws).toHaveLength(1);
    expect((await readState()).digests).toEqual(["sent:1"]);
  });

  it("the write after a successful send fails twice: the digest is not sent again, and the next day's digest says so (at most once)", async () => {
    await deliver(FORWARD_ENVELOPE, gmailForward({}));
    const saved = await saveTables();
    const probe = faultyD1(env.DB);
    await tick(WEDNESDAY_DIGEST, { db: probe.db });
    await restoreTables(saved);
    mail = recordSendEmail(env.EMAIL);
    // The last call is the outcome write; it is tried twice, and both attempts fail here.
    const faulty = faultyD1(env.DB, { failOn: [probe.calls, probe.calls + 1] });
    await tick(WEDNESDAY_DIGEST, { db: faulty.db });
    expect(faulty.faults).toBe(2);
    expect(mail.raws).toHaveLength(1);
    for (let i = 1; i <= 8; i++) await tick(Date.parse(WEDNESDAY_DIGEST) + i * QUARTER_HOUR_MS);
    expect(mail.raws).toHaveLength(1);
    expect((await readState()).digests).toEqual(["sending:1"]);
    await tick("2026-03-05T15:00:00Z");
    expect(mail.raws).toHaveLength(2);
    expect((await mail.parsed(1)).text).toContain("could not be delivered");
  });

  it("two ticks at once with the same scheduled time: one claim wins, one digest", async () => {
    await deliver(FORWARD_ENVELOPE, gmailForward({}));
    mail = recordSendEmail(env.EMAIL);
    expect(await Promise.all([tick(WEDNESDAY_DIGEST), tick(WEDNESDAY_DIGEST)])).toEqual([null, null]);
    expect(mail.raws).toHaveLength(1);
    expect((await readState()).digests).toEqual(["sent:1"]);
  });
});

describe("digest: send_email faults", () => {
  async function digestErrors(): Promise<{ status: string; attempts: number; error: string | null }[]> {
    return (await env.DB.prepare("SELECT status, attempts, error FROM digests ORDER BY id").all<{ status: string; attempts: number; error: string | null }>()).results;
  }

  for (const code of ["E_RATE_LIMIT_EXCEEDED", "E_DELIVERY_FAILED"] as SendErrorCode[]) {
    it(`${code} once: recorded as failed with the reason; the next tick sends it once`, async () => {
      await deliver(FORWARD_ENVELOPE, gmailForward({}));
      mail = recordSendEmail(env.EMAIL);
      const send = faultySendEmail(mail.binding, { failOn: 1, code });
      await tick(WEDNESDAY_DIGEST, { email: send.binding });
      expect(await digestErrors()).toEqual([{ status: "failed", attempts: 1, error: expect.stringContaining(code) }]);
      expect(mail.raws).toHaveLength(0);
      for (let i = 1; i <= 4; i++) await tick(Date.parse(WEDNESDAY_DIGEST) + i * QUARTER_HOUR_MS, { email: send.binding });
      expect(send.calls).toBe(2);
      expect(mail.raws).toHaveLength(1);
      expect(await digestErrors()).toEqual([{ status: "sent", attempts: 2, error: null }]);
    });
  }

  /** An error shaped like the binding's, for codes the shared helper does not list. */
  function codedError(code: string, message: string): Error {
    return Object.assign(new Error(`${code}: ${message}`), { code });
  }

  /** A binding that refuses every send with `error`, counting the tries. */
  function refusingEmail(error: () => Error): { binding: SendEmail; readonly calls: number } {
    let calls = 0;
    const binding = {
      async send() {
        calls++;
        throw error();
      },
    };
    return {
      binding: binding as unknown as SendEmail,
      get calls() {
        return calls;
      },
    };
  }

  const PERMANENT_REFUSALS: [name: string, error: () => Error, reason: string][] = [
    ["E_RECIPIENT_NOT_ALLOWED", () => sendError("E_RECIPIENT_NOT_ALLOWED"), "E_RECIPIENT_NOT_ALLOWED"],
    ["E_SENDER_NOT_VERIFIED", () => codedError("E_SENDER_NOT_VERIFIED", "Sender domain not verified."), "E_SENDER_NOT_VERIFIED"],
    // The legacy EmailMessage path words it without a code.
    ["an unverified destination address", () => new Error("destination address is not a verified address"), "destination address is not a verified address"],
  ];

  for (const [name, error, reason] of PERMANENT_REFUSALS) {
    it(`${name} will not heal: tried once, recorded with no attempts left, reported once, and told in the next digest that goes out`, async () => {
      await deliver(FORWARD_ENVELOPE, gmailForward({}));
      mail = recordSendEmail(env.EMAIL);
      const refusing = refusingEmail(error);
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      for (let i = 0; i < 12; i++) await tick(Date.parse(WEDNESDAY_DIGEST) + i * QUARTER_HOUR_MS, { email: refusing.binding });
      const refusals = logged.mock.calls.map(([line]) => String(line)).filter((line) => line.includes("digest_send_refused"));
      logged.mockRestore();
      expect(refusing.calls).toBe(1);
      expect(await digestErrors()).toEqual([{ status: "failed", attempts: MAX_DIGEST_ATTEMPTS, error: `not retried: ${error().message}` }]);
      expect(refusals).toHaveLength(1);
      expect(JSON.parse(refusals[0]!)).toMatchObject({ event: "digest_send_refused", error: expect.stringContaining(reason) });
      // The configuration is fixed; Thursday's digest tells the owner Wednesday's never arrived.
      await tick("2026-03-05T15:00:00Z");
      expect(mail.raws).toHaveLength(1);
      expect((await mail.parsed(0)).text).toMatch(/digest for .* could not be delivered/);
    });
  }

  it("E_DAILY_LIMIT_EXCEEDED may pass later: retried up to MAX_DIGEST_ATTEMPTS times, then left failed", async () => {
    await deliver(FORWARD_ENVELOPE, gmailForward({}));
    mail = recordSendEmail(env.EMAIL);
    const limited = refusingEmail(() => codedError("E_DAILY_LIMIT_EXCEEDED", "Daily limit exceeded."));
    for (let i = 0; i < 12; i++) await tick(Date.parse(WEDNESDAY_DIGEST) + i * QUARTER_HOUR_MS, { email: limited.binding });
    expect(limited.calls).toBe(MAX_DIGEST_ATTEMPTS);
    expect(await digestErrors()).toEqual([{ status: "failed", attempts: MAX_DIGEST_ATTEMPTS, error: expect.stringContaining("E_DAILY_LIMIT_EXCEEDED") }]);
  });
});
