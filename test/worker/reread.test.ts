/**
 * Reading kept mail again, on the real local D1: a message filed by an older reader, with a
 * reading that is now stale, is filed again through the filing path, and ends exactly as a
 * fresh filing of the same bytes leaves them for another user; a message already read by the
 * current reader is left untouched; a fault at any D1 call leaves the old filing or the new
 * one, never a mix.
 */
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { createD1FilingStore, fileKeptRaw } from "../../src/db/filing.ts";
import { refreshFollowUps } from "../../src/db/follow-ups.ts";
import { getInbound, storeInbound, type InboundRow } from "../../src/db/messages.ts";
import { gzip, splitChunks } from "../../src/db/raw-codec.ts";
import { fileKeptMessage } from "../../src/core/filing/file.ts";
import { PARSER_VERSION, readEmail } from "../../src/core/understanding/read.ts";
import { depsFor } from "../../src/deps.ts";
import { rereadMessage } from "../../src/http/reread.ts";
import { eml } from "../helpers/eml.ts";
import { faultyD1, type FaultTiming } from "../helpers/faulty-bindings.ts";
import { clearAll, seedUser } from "../helpers/seed.ts";
import type { UserRow } from "../../src/db/users.ts";
import type { Understanding } from "../../src/core/understanding/types.ts";

const OWNER = "me@example.com";
const ARRIVED = new Date("2026-03-02T18:00:00Z");
const TIMINGS: FaultTiming[] = ["before", "after"];

const RAW = new TextEncoder().encode(
  eml({
    subject: "Fwd: Interview invitation - Platform Engineer",
    messageId: "<reread-forward@example.com>",
    body: [
      "Bring the portfolio.",
      "",
      "---------- Forwarded message ---------",
      "From: Dana Whitcombe <dana.whitcombe@quillfeather.example>",
      "Date: Mon, Mar 2, 2026 at 9:02 AM",
      "Subject: Interview invitation - Platform Engineer",
      "To: Me <me@example.com>",
      "",
      "Hi,",
      "",
      "Thank you for applying for the Platform Engineer position at Quillfeather Systems. We would like to invite you to a video interview on Thursday, March 5, 2026 at 2:30 PM PT.",
      "The interview will last 45 minutes. Join here: https://meet.google.com/abc-defg-hij",
      "We will get back to you within 5 business days after the interview.",
      "",
      "Best regards,",
      "Dana Whitcombe",
      "Talent Acquisition, Quillfeather Systems",
    ].join("\n"),
  }),
);

/** Not about a job at all: a shop's receipt, forwarded. */
const RECEIPT = new TextEncoder().encode(
  eml({
    subject: "Fwd: Your order has shipped",
    messageId: "<reread-receipt@example.com>",
    body: [
      "---------- Forwarded message ---------",
      "From: Crestline Outfitters <orders@crestline-outfitters.example>",
      "Date: Mon, Mar 2, 2026 at 8:40 AM",
      "Subject: Your order has shipped",
      "To: Me <me@example.com>",
      "",
      "Your parcel is on its way and should arrive on Thursday, March 5, 2026.",
      "Track it in your account.",
    ].join("\n"),
  }),
);

const db = createDb(env.DB);

async function keep(user: UserRow, raw: Uint8Array): Promise<InboundRow> {
  const { row } = await storeInbound(db, {
    userId: user.id,
    receivedAt: ARRIVED,
    envelopeFrom: OWNER,
    envelopeTo: "assistant@example.com",
    rawSha256: `reread-${user.id}-${raw.byteLength}`,
    rawSize: raw.byteLength,
    channel: "forward",
    outerMessageId: null,
    subject: "Fwd",
    compressedChunks: splitChunks(await gzip(raw)),
  });
  return row;
}

/**
 * The message as an older reader filed it, through the filing steps, with its reading changed
 * by `older`. Its follow-ups were planned from that, as on arrival.
 */
async function fileWithOlderReader(user: UserRow, raw: Uint8Array, older: (current: Understanding) => Understanding): Promise<InboundRow> {
  const row = await keep(user, raw);
  const read = await readEmail(raw, { ownerAddresses: [OWNER] });
  if (!read.ok) throw new Error(read.error.problem);
  const store = createD1FilingStore(db, user.id, PARSER_VERSION - 1);
  const result = await fileKeptMessage(store, { id: row.id, fallbackSubject: row.subject }, { ok: true, value: { ...read.value, understanding: older(read.value.understanding) } }, ARRIVED.getTime());
  if (result.state === "understood") await refreshFollowUps(db, user, ARRIVED, result.applicationId);
  return (await getInbound(db, row.id))!;
}

/** It took the signature's department for the employer, missed the role and the promised answer, and read the time an hour early. */
function misread(current: Understanding): Understanding {
  return { ...current, company: "Talent Acquisition", role: null, promisedTimeline: null, start: new Date(Date.parse(current.start!) - 3600_000).toISOString() };
}

/** A second user's fresh filing of the same bytes, as on arrival. */
async function fileFresh(user: UserRow, raw: Uint8Array): Promise<InboundRow> {
  const row = await keep(user, raw);
  await fileKeptRaw(db, user, row, raw, { ownerAddresses: [OWNER], now: ARRIVED });
  return (await getInbound(db, row.id))!;
}

type Row = Record<string, unknown>;

async function rowsOf(sql: string, userId: number): Promise<Row[]> {
  return (await env.DB.prepare(sql).bind(userId).all<Row>()).results;
}

/** Everything a filing writes for a user, every column. */
async function readAll(userId: number) {
  return {
    message: await rowsOf("SELECT * FROM inbound_messages WHERE user_id = ? ORDER BY id", userId),
    applications: await rowsOf("SELECT * FROM applications WHERE user_id = ? ORDER BY id", userId),
    interviews: await rowsOf("SELECT i.* FROM interviews i JOIN applications a ON a.id = i.application_id WHERE a.user_id = ? ORDER BY i.id", userId),
    events: await rowsOf("SELECT * FROM events WHERE user_id = ? ORDER BY id", userId),
    followUps: await rowsOf("SELECT * FROM follow_ups WHERE user_id = ? ORDER BY id", userId),
  };
}

/**
 * What a filing says, without what names the row (ids, the user, the application's keys into
 * other rows) or when a row was last touched: equal for two users who filed the same message.
 */
async function readFiling(userId: number) {
  const all = await readAll(userId);
  const without = (rows: Row[], columns: string[]) => rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !columns.includes(column))));
  return {
    message: without(all.message, ["id", "user_id", "raw_sha256", "application_id"]),
    applications: without(all.applications, ["id", "user_id", "source_message_id", "updated_at"]),
    interviews: without(all.interviews, ["id", "application_id", "source_message_id", "created_at"]),
    events: without(all.events, ["id", "user_id", "application_id", "inbound_message_id"]),
    // Follow-ups the older reading planned and a digest never showed are gone, not cancelled.
    // Their keys name the application and interview rows, and a draft's phrasing is picked by
    // its key: the draft is compared by what it is about.
    followUps: without(all.followUps, ["id", "user_id", "application_id", "created_at", "updated_at", "subject", "body"]).map((f) => ({ ...f, key: String(f.key).replace(/(application|interview):\d+/g, "$1:#") })),
    drafts: all.followUps.map((f) => [String(f.subject).includes("Platform Engineer"), String(f.body).includes("Platform Engineer")]),
  };
}

describe("reading a kept message again", () => {
  let owner: UserRow;
  let other: UserRow;

  beforeEach(async () => {
    await clearAll(env.DB);
    owner = await seedUser(env.DB, { email: OWNER, timeZone: "America/Los_Angeles" });
    other = await seedUser(env.DB, { email: "berlin@example.com", timeZone: "America/Los_Angeles" });
  });

  it("files it again through the filing path: application, interview, events and follow-ups end as a fresh filing of it leaves them", async () => {
    const stale = await fileWithOlderReader(owner, RAW, misread);
    const before = await readAll(owner.id);
    expect(before.applications).toMatchObject([{ company: "Talent Acquisition", role: null, promised_timeline: null }]);
    const fresh = await fileFresh(other, RAW);
    expect(await readFiling(owner.id)).not.toEqual(await readFiling(other.id));

    const report = await rereadMessage(depsFor(env, ARRIVED), stale.id);

    expect(report).toEqual({ messageId: stale.id, before: "understood", after: "understood" });
    expect(await readFiling(owner.id)).toEqual(await readFiling(other.id));
    const after = await readAll(owner.id);
    // The same application row, filed over: no second application, no second interview.
    expect(after.applications.map((a) => a.id)).toEqual(before.applications.map((a) => a.id));
    expect(after.applications).toMatchObject([{ company: "Quillfeather Systems", role: "Platform Engineer", archived_at: null }]);
    expect(after.interviews).toHaveLength(1);
    expect(after.message).toMatchObject([{ state: "understood", parser_version: PARSER_VERSION, application_id: before.applications[0]!.id }]);
    expect(after.message[0]!.understanding).toBe((await readAll(other.id)).message.find((m) => m.id === fresh.id)!.understanding);
  });

  it("leaves a message already read by the current reader untouched, every column", async () => {
    const fresh = await fileFresh(owner, RAW);
    const stale = await fileWithOlderReader(other, RAW, misread);
    await rereadMessage(depsFor(env, ARRIVED), stale.id);
    const owners = await readAll(owner.id);
    const others = await readAll(other.id);
    const later = depsFor(env, new Date("2026-03-09T08:00:00Z"));

    expect(await rereadMessage(later, fresh.id)).toEqual({ messageId: fresh.id, before: "understood", after: "understood", kept: "already read by the current reader" });
    expect(await rereadMessage(later, stale.id)).toEqual({ messageId: stale.id, before: "understood", after: "understood", kept: "already read by the current reader" });

    expect(await readAll(owner.id)).toEqual(owners);
    expect(await readAll(other.id)).toEqual(others);
  });

  it("leaves a filing the owner undid, or that a later change builds on, as it is", async () => {
    const stale = await fileWithOlderReader(owner, RAW, misread);
    await env.DB.prepare("UPDATE events SET undone_at = ? WHERE inbound_message_id = ?").bind(ARRIVED.getTime(), stale.id).run();
    const undone = await readAll(owner.id);
    expect(await rereadMessage(depsFor(env, ARRIVED), stale.id)).toMatchObject({ kept: "its filing was undone" });
    expect(await readAll(owner.id)).toEqual(undone);

    await env.DB.prepare("UPDATE events SET undone_at = NULL WHERE inbound_message_id = ?").bind(stale.id).run();
    await env.DB.prepare("INSERT INTO events (user_id, application_id, inbound_message_id, type, payload, inverse, at) VALUES (?, ?, NULL, 'status_changed', '{}', NULL, ?)")
      .bind(owner.id, stale.applicationId, ARRIVED.getTime() + 1)
      .run();
    const built = await readAll(owner.id);
    expect(await rereadMessage(depsFor(env, ARRIVED), stale.id)).toMatchObject({ kept: "later changes to its application build on its filing" });
    expect(await readAll(owner.id)).toEqual(built);
  });

  it("files a message the older reader set aside, through the same steps", async () => {
    const stale = await fileWithOlderReader(owner, RAW, (current) => ({ ...current, isJobRelated: false }));
    expect(stale.state).toBe("not_understood");
    await fileFresh(other, RAW);

    expect(await rereadMessage(depsFor(env, ARRIVED), stale.id)).toEqual({ messageId: stale.id, before: "not_understood", after: "understood" });
    expect(await readFiling(owner.id)).toEqual(await readFiling(other.id));
  });

  it("sets aside a message the older reader filed by mistake: the application that filing made goes with it", async () => {
    const stale = await fileWithOlderReader(owner, RECEIPT, (current) => ({ ...current, kind: "invitation", isJobRelated: true, company: "Crestline Outfitters" }));
    expect((await readAll(owner.id)).applications).toMatchObject([{ company: "Crestline Outfitters" }]);
    const fresh = await fileFresh(other, RECEIPT);
    expect(fresh.state).toBe("not_understood");

    expect(await rereadMessage(depsFor(env, ARRIVED), stale.id)).toEqual({ messageId: stale.id, before: "understood", after: "not_understood" });
    const after = await readAll(owner.id);
    expect(after.applications).toEqual([]);
    expect(after.interviews).toEqual([]);
    expect(after.events).toEqual([]);
    expect(after.followUps).toEqual([]);
    expect(await readFiling(owner.id)).toEqual(await readFiling(other.id));
  });

  for (const timing of TIMINGS) {
    it(`a D1 fault ${timing} any call leaves the older filing or the new one, never a mix, and the next re-read completes it`, async () => {
      const stale = await fileWithOlderReader(owner, RAW, misread);
      const probe = faultyD1(env.DB);
      await rereadMessage({ ...depsFor(env, ARRIVED), db: createDb(probe.db) }, stale.id);
      const complete = await readFiling(owner.id);
      const total = probe.calls;
      expect(total).toBeGreaterThan(3);
      const outcomes = new Set<string>();

      for (let n = 1; n <= total; n++) {
        await clearAll(env.DB);
        owner = await seedUser(env.DB, { email: OWNER, timeZone: "America/Los_Angeles" });
        const message = await fileWithOlderReader(owner, RAW, misread);
        const before = await readAll(owner.id);
        const faulty = faultyD1(env.DB, { failOn: n, timing });
        // A fault before the filing commits throws; one after it (in the follow-up refresh) is logged.
        await rereadMessage({ ...depsFor(env, ARRIVED), db: createDb(faulty.db) }, message.id).catch(() => null);
        const where = `fault ${timing} call ${n} of ${total}: ${faulty.log[n - 1] ?? ""}`;
        expect(faulty.faults, where).toBe(1);
        const afterFault = await readFiling(owner.id);
        const untouched = JSON.stringify(await readAll(owner.id)) === JSON.stringify(before);
        // The follow-ups are recomputed after the filing commits (and by every digest).
        const withoutFollowUps = (state: typeof complete) => JSON.stringify({ ...state, followUps: [], drafts: [] });
        const filed = withoutFollowUps(afterFault) === withoutFollowUps(complete) && [[], complete.followUps].some((f) => JSON.stringify(f) === JSON.stringify(afterFault.followUps));
        expect(untouched || filed, where).toBe(true);
        outcomes.add(untouched ? "untouched" : "filed");

        // The next re-read (or the next digest's refresh) completes what the fault left.
        await rereadMessage(depsFor(env, ARRIVED), message.id);
        const inbound = (await getInbound(db, message.id))!;
        expect(inbound.parserVersion, where).toBe(PARSER_VERSION);
        await refreshFollowUps(db, owner, ARRIVED, inbound.applicationId!);
        expect(await readFiling(owner.id), where).toEqual(complete);
      }
      // Faults struck both before the batch that files it and after it.
      expect([...outcomes].sort()).toEqual(["filed", "untouched"]);
    });
  }
});
