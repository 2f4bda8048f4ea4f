/**
 * Ingest end to end: the real email() handler, the real local D1, and the simulated
 * send_email binding (which enforces production's rules) capturing the confirmation.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { MAX_RAW_BYTES } from "../../src/core/mail/limits.ts";
import { eml, gmailForward } from "../helpers/eml.ts";
import { makeEmail } from "../helpers/email-message.ts";
import { recordSendEmail, type SendEmailRecorder } from "../helpers/send-email-recorder.ts";
import { forwardingAddress } from "../helpers/addresses.ts";

/** The owner's forwards go to the private forwarding address (plain-address forwards need a DKIM signature: security.test.ts). */
let OWNER = { from: "me@example.com", to: "" };
let mail: SendEmailRecorder;

// The forwards arrive on Monday 2 March 2026, the day before the interview they announce.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-03-02T18:00:00Z"));
});
afterEach(() => vi.useRealTimers());

beforeEach(async () => {
  await env.DB.batch(["events", "interviews", "outbound_messages", "raw_chunks"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  await env.DB.prepare("UPDATE inbound_messages SET application_id = NULL").run();
  await env.DB.batch(["applications", "inbound_messages"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  mail = recordSendEmail(env.EMAIL);
  OWNER = { from: "me@example.com", to: await forwardingAddress() };
});

async function deliver(envelope: { from: string; to: string }, raw: string | Uint8Array, options: { rawSize?: number; db?: D1Database } = {}) {
  const { message, rejections } = makeEmail(envelope, raw, options);
  await worker.email(message, { ...env, EMAIL: mail.binding, DB: options.db ?? env.DB });
  return rejections;
}

async function count(table: string): Promise<number> {
  return (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
}

async function onlyInbound() {
  const { results } = await env.DB.prepare("SELECT * FROM inbound_messages").all<Record<string, unknown>>();
  expect(results).toHaveLength(1);
  return results[0]!;
}

describe("a forwarded invitation", () => {
  it("is kept raw, understood, filed, and confirmed in the owner's time zone", async () => {
    const raw = gmailForward({ note: "we talked about their Kafka migration; they said 2 weeks", outerId: "<fwd-1@example.com>" });
    expect(await deliver(OWNER, raw)).toEqual([]);

    const inbound = await onlyInbound();
    expect(inbound).toMatchObject({ state: "understood", channel: "forward", raw_size: new TextEncoder().encode(raw).byteLength });
    const app = await env.DB.prepare("SELECT * FROM applications").first<Record<string, unknown>>();
    expect(app).toMatchObject({ company: "Quillfeather Systems", role: "Senior Backend Engineer", status: "interviewing" });
    expect(JSON.parse(String(app!.notes))).toEqual(["we talked about their Kafka migration; they said 2 weeks"]);
    const interview = await env.DB.prepare("SELECT * FROM interviews").first<Record<string, unknown>>();
    expect(interview).toMatchObject({ start_at: Date.parse("2026-03-03T14:30:00-08:00"), time_zone: "America/Los_Angeles", format: "video" });

    expect(mail.raws).toHaveLength(1);
    const confirmation = await mail.parsed(0);
    expect(confirmation.to?.[0]).toMatchObject({ address: "me@example.com" });
    expect(confirmation.inReplyTo).toBe("<fwd-1@example.com>");
    expect(confirmation.subject).toBe("Filed: Quillfeather Systems");
    expect(confirmation.text).toContain("Senior Backend Engineer");
    // The owner's zone is America/Los_Angeles (wrangler.toml): 14:30 PT stays 14:30.
    expect(confirmation.text).toContain("Tue 3 Mar 2026, 14:30");
    expect(confirmation.text).toContain("https://meet.google.com/abc-defg-hij");
    expect(confirmation.headers.find((h) => h.key === "auto-submitted")?.value).toBe("auto-generated");
  });

  it("keeps the raw bytes exactly (compressed) so the message can be read again", async () => {
    const raw = gmailForward({});
    await deliver(OWNER, raw);
    const { id } = await onlyInbound();
    const res = await worker.fetch(new Request(`http://local/api/messages/${id}/raw`, { headers: { authorization: "Bearer test-api-token" } }), env, createExecutionContext());
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(raw);
  });

  it("the same delivery twice is stored once and confirmed once", async () => {
    const raw = gmailForward({});
    await deliver(OWNER, raw);
    await deliver(OWNER, raw);
    expect(await count("inbound_messages")).toBe(1);
    expect(await count("applications")).toBe(1);
    expect(mail.raws).toHaveLength(1);
  });

  it("the same original forwarded twice is one record", async () => {
    await deliver(OWNER, gmailForward({ note: "first", originalId: "<orig@quillfeather.example>" }));
    await deliver(OWNER, gmailForward({ note: "again", originalId: "<orig@quillfeather.example>" }));
    expect(await count("applications")).toBe(1);
    expect(await count("interviews")).toBe(1);
  });

  it("an email not filed can be forwarded again with a line saying what it is, and then it is filed", async () => {
    const chat = (note: string) =>
      eml({
        subject: "Fwd: quick chat?",
        body: [note, "", "---------- Forwarded message ---------", "From: Mara Quist <mara@veridian-data.example>", "Date: Mon, Mar 2, 2026 at 9:02 AM", "Subject: quick chat?", "To: Me <me@example.com>", "", "Hi,", "", "Would you have 20 minutes next week for a call?", "", "Mara"].join("\n"),
      });
    await deliver(OWNER, chat(""));
    expect((await mail.parsed(0)).subject).toBe("Not filed: quick chat?");
    expect((await mail.parsed(0)).text).toContain("forward it to me again with a first line saying what it is");
    await deliver(OWNER, chat("company: Veridian Data\nrole: Analytics Engineer"));
    expect((await mail.parsed(1)).subject).toBe("Filed: Veridian Data");
    expect(await env.DB.prepare("SELECT company, role, contact_email FROM applications").all()).toMatchObject({
      results: [{ company: "Veridian Data", role: "Analytics Engineer", contact_email: "mara@veridian-data.example" }],
    });
  });

  it("a second role at the same company is a second application", async () => {
    await deliver(OWNER, gmailForward({ role: "Senior Backend Engineer" }));
    await deliver(OWNER, gmailForward({ role: "Data Platform Engineer", when: "Thursday, March 5, 2026 at 10:00 AM PT" }));
    expect(await count("applications")).toBe(2);
  });

  it("a reschedule moves the interview of the same application", async () => {
    await deliver(OWNER, gmailForward({}));
    const reschedule = gmailForward({
      subject: "Rescheduled: Interview for Senior Backend Engineer at Quillfeather Systems",
      when: "Thursday, March 5, 2026 at 10:00 AM PT (moved from Tuesday)",
    }).replace("We would like to invite you to a video interview on", "We need to reschedule your interview. The new time is");
    await deliver(OWNER, reschedule);
    expect(await count("applications")).toBe(1);
    const { results } = await env.DB.prepare("SELECT start_at, status FROM interviews").all();
    expect(results).toEqual([{ start_at: Date.parse("2026-03-05T10:00:00-08:00"), status: "scheduled" }]);
  });
});

describe("refused and dropped mail", () => {
  it("refuses a stranger with setReject and stores nothing", async () => {
    const rejections = await deliver({ from: "stranger@elsewhere.example", to: "assistant@example.com" }, eml({ from: "stranger@elsewhere.example", body: "hello" }));
    expect(rejections).toEqual(["This is a private assistant: it only accepts mail from its owner. Nothing was stored."]);
    expect(await count("inbound_messages")).toBe(0);
    expect(mail.raws).toHaveLength(0);
  });

  it("refuses owner-looking mail without the owner's provider's signature, whatever the envelope", async () => {
    for (const from of ["attacker@evil.example", "me@example.com"]) {
      const rejections = await deliver({ from, to: "assistant@example.com" }, eml({ from: "Me <me@example.com>" }));
      expect(rejections[0]).toMatch(/no valid signature/);
    }
    expect(await count("inbound_messages")).toBe(0);
  });

  it("accepts an auto-forward with an SRS envelope at the private forwarding address", async () => {
    const raw = eml({
      from: "Dana Whitcombe <dana.whitcombe@quillfeather.example>",
      to: "me@example.com",
      subject: "Interview for Senior Backend Engineer",
      headers: { "X-Forwarded-For": "me@example.com assistant@example.com", "Delivered-To": "me@example.com" },
      body: "Hi,\n\nWe would like to invite you to a phone interview for the Senior Backend Engineer role at Quillfeather Systems on Tuesday, March 3, 2026 at 2:30 PM PT.\n\nDana Whitcombe\nQuillfeather Systems",
    });
    expect(await deliver({ from: "SRS0=x1=AB=quillfeather.example=dana.whitcombe@example.com", to: OWNER.to }, raw)).toEqual([]);
    expect(await onlyInbound()).toMatchObject({ state: "understood" });
    expect(await count("applications")).toBe(1);
  });

  it("never answers machine mail (an auto-reply to the assistant)", async () => {
    const rejections = await deliver(OWNER, eml({ subject: "Out of office", headers: { "Auto-Submitted": "auto-replied" }, body: "I am away." }));
    expect(rejections).toEqual([]);
    expect(await count("inbound_messages")).toBe(0);
    expect(mail.raws).toHaveLength(0);
  });

  it("refuses a message over the size limit before reading it, naming the limit", async () => {
    const rejections = await deliver(OWNER, eml({ body: "x" }), { rawSize: MAX_RAW_BYTES + 1 });
    expect(rejections).toEqual(["Message too large: 10.0 MiB. The assistant keeps messages up to 10 MiB; forward the email without its attachments."]);
    expect(await count("inbound_messages")).toBe(0);
  });
});

describe("bad input is kept and answered clearly", () => {
  it("an email that is not about a job: stored, reported, no application", async () => {
    await deliver(OWNER, eml({ subject: "Fwd: Your pizza order", body: "Your order #4411 (1 large margherita) is on its way. Enjoy your meal!" }));
    expect(await onlyInbound()).toMatchObject({ state: "not_understood" });
    expect(await count("applications")).toBe(0);
    expect((await mail.parsed(0)).subject).toBe("Not filed: Fwd: Your pizza order");
  });

  it("an empty body is stored and reported", async () => {
    await deliver(OWNER, eml({ subject: "Fwd:", body: "" }));
    expect(await onlyInbound()).toMatchObject({ state: "not_understood" });
    expect(mail.raws).toHaveLength(1);
  });

  it("no Message-ID: stored (deduplicated by content) and confirmed without threading", async () => {
    const raw = gmailForward({ outerId: null });
    await deliver(OWNER, raw);
    await deliver(OWNER, raw);
    expect(await onlyInbound()).toMatchObject({ state: "understood", outer_message_id: null });
    expect((await mail.parsed(0)).inReplyTo).toBeUndefined();
  });

  it("huge headers: kept, not parsed, and the reason is told", async () => {
    const raw = eml({ headers: { "X-Padding": "a".repeat(70 * 1024) }, body: "Interview on Tuesday" });
    await deliver(OWNER, raw);
    expect(await onlyInbound()).toMatchObject({ state: "not_understood", problem: "its header block is 70 KiB, over the 64 KiB the assistant reads" });
    expect((await mail.parsed(0)).text).toContain("The message is kept whole");
  });

  it("a D1 failure while filing leaves no half-written application, and the retry files it once", async () => {
    const raw = gmailForward({});
    let batches = 0;
    const failingDb = {
      prepare: (query: string) => env.DB.prepare(query),
      exec: (query: string) => env.DB.exec(query),
      dump: () => env.DB.dump(),
      withSession: (bookmark?: string) => env.DB.withSession(bookmark),
      // The first batch keeps the raw message; the second is the filing, which fails here.
      batch: (statements: D1PreparedStatement[]) => (++batches === 2 ? Promise.reject(new Error("D1_ERROR: Network connection lost.")) : env.DB.batch(statements)),
    } as unknown as D1Database;

    await expect(deliver(OWNER, raw, { db: failingDb })).rejects.toThrow(/Network connection lost/);
    expect(await onlyInbound()).toMatchObject({ state: "stored" });
    expect(await count("applications")).toBe(0);
    expect(await count("events")).toBe(0);
    expect(await count("raw_chunks")).toBeGreaterThan(0);

    await deliver(OWNER, raw);
    expect(await onlyInbound()).toMatchObject({ state: "understood" });
    expect(await count("applications")).toBe(1);
    expect(await count("interviews")).toBe(1);
    expect(mail.raws).toHaveLength(1);
  });
});
