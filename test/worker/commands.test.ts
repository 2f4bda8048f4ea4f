/**
 * Reply commands end to end: the real email() handler and real D1, starting from a forwarded
 * invitation and a real digest, then the owner's replies, forgeries, duplicates and undo.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { forwardingAddress, replyAddress } from "../helpers/addresses.ts";
import { eml, gmailForward } from "../helpers/eml.ts";
import { makeEmail } from "../helpers/email-message.ts";
import { clearAll } from "../helpers/seed.ts";
import { recordSendEmail, type SendEmailRecorder } from "../helpers/send-email-recorder.ts";

const OWNER = "me@example.com";
let mail: SendEmailRecorder;

/** The owner's reply address: the token binds it to the owner's user row. */
const ownerTokenAddress = replyAddress;

/** The owner's forwards go to the private forwarding address. */
async function forward(raw: string) {
  return deliver({ from: OWNER, to: await forwardingAddress() }, raw);
}

async function deliver(envelope: { from: string; to: string }, raw: string) {
  const { message, rejections } = makeEmail(envelope, raw);
  await worker.email(message, { ...env, EMAIL: mail.binding });
  return rejections;
}

async function runDigest(at: string) {
  const before = mail.raws.length;
  await worker.scheduled(createScheduledController({ cron: "*/15 * * * *", scheduledTime: Date.parse(at) }), { ...env, EMAIL: mail.binding });
  expect(mail.raws.length).toBe(before + 1);
  return mail.parsed(before);
}

/** The owner's reply to one of the assistant's messages, sent to its Reply-To token address. */
async function reply(body: string, options: { inReplyTo?: string; to?: string; from?: string; headerFrom?: string; messageId?: string; subject?: string } = {}) {
  const before = mail.raws.length;
  const tokenAddress = await ownerTokenAddress();
  const raw = eml({
    from: options.headerFrom ?? `Me <${options.from ?? OWNER}>`,
    to: options.to ?? tokenAddress,
    subject: options.subject ?? "Re: Follow-ups",
    messageId: options.messageId,
    headers: options.inReplyTo ? { "In-Reply-To": options.inReplyTo, References: options.inReplyTo } : {},
    body,
  });
  const rejections = await deliver({ from: options.from ?? OWNER, to: options.to ?? tokenAddress }, raw);
  const answer = mail.raws.length > before ? await mail.parsed(before) : null;
  return { rejections, answer };
}

async function rows<T>(query: string): Promise<T[]> {
  return (await env.DB.prepare(query).all<T>()).results;
}

async function applicationStatus(): Promise<string[]> {
  return (await rows<{ status: string }>("SELECT status FROM applications WHERE archived_at IS NULL ORDER BY id")).map((r) => r.status);
}

/** States of the thank-you (R1) and rejection reply (R8) drafts; R4 status checks are planned alongside. */
async function followUpStates(): Promise<string[]> {
  return (await rows<{ rule: string; state: string }>("SELECT rule, state FROM follow_ups WHERE rule IN ('R1', 'R8') ORDER BY id")).map((r) => `${r.rule}:${r.state}`);
}

/** Forwards one invitation on Monday 2 March (interview Tuesday 14:30 PT) and returns the digest of Wednesday 07:00 PT. */
async function setUpOneDraft() {
  await forward(gmailForward({ note: "we talked about their Kafka migration", outerId: "<fwd-1@example.com>" }));
  return runDigest("2026-03-04T15:00:00Z");
}

beforeEach(async () => {
  await clearAll(env.DB);
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-03-02T18:00:00Z"));
  mail = recordSendEmail(env.EMAIL);
});
afterEach(() => vi.useRealTimers());

describe("done and skip", () => {
  it("done marks the draft sent and confirms with how to undo", async () => {
    const digest = await setUpOneDraft();
    expect(digest.text).toContain("1. Thank-you note: Quillfeather Systems");
    vi.setSystemTime(new Date("2026-03-04T16:00:00Z"));
    const { answer } = await reply("done 1", { inReplyTo: digest.messageId });
    expect(await followUpStates()).toEqual(["R1:sent"]);
    expect(answer?.subject).toBe("Done");
    expect(answer?.text).toContain("Quillfeather Systems (Senior Backend Engineer): thank-you note marked sent");
    expect(answer?.text).toContain('Reply "undo"');
    // R4: the status check is planned 5 business days after the interview (Tuesday 3 March).
    expect(answer?.text).toMatch(/next, the status check, in your digest on Tue 10 Mar 2026/);
  });

  it("a bare done applies when the digest had exactly one draft", async () => {
    const digest = await setUpOneDraft();
    await reply("Done", { inReplyTo: digest.messageId });
    expect(await followUpStates()).toEqual(["R1:sent"]);
  });

  it("a bare done with two drafts lists the choices and changes nothing", async () => {
    await forward(gmailForward({}));
    await forward(gmailForward({ company: "Brambleworth", recruiter: "Ola Nordmann <ola@brambleworth.example>" }));
    const digest = await runDigest("2026-03-04T15:00:00Z");
    const { answer } = await reply("done", { inReplyTo: digest.messageId });
    expect(await followUpStates()).toEqual(["R1:shown", "R1:shown"]);
    expect(answer?.subject).toBe("Nothing changed");
    expect(answer?.text).toContain("1. Quillfeather Systems (Senior Backend Engineer); 2. Brambleworth (Senior Backend Engineer)");
  });

  it("skip and the one-tap link subject (no threading) find the digest by its date", async () => {
    await setUpOneDraft();
    await reply("skip 1", { subject: "Digest 2026-03-04: skip 1" });
    expect(await followUpStates()).toEqual(["R1:skipped"]);
  });

  it("text it does not understand changes nothing and gets the help text", async () => {
    const digest = await setUpOneDraft();
    const { answer } = await reply("done with this, thx", { inReplyTo: digest.messageId });
    expect(await followUpStates()).toEqual(["R1:shown"]);
    expect(answer?.subject).toBe("Nothing changed: I did not understand your reply");
    expect(answer?.text).toContain("done 1 3");
  });
});

describe("rejected, undo", () => {
  it("rejected cancels the pending nudges and prepares the R8 reply; undo restores, again and again", async () => {
    const digest = await setUpOneDraft();
    await reply("rejected 1", { inReplyTo: digest.messageId });
    expect(await applicationStatus()).toEqual(["rejected"]);
    expect(await followUpStates()).toEqual(["R1:cancelled", "R8:pending"]);

    const first = await reply("undo", { inReplyTo: digest.messageId, messageId: "<undo-1@example.com>" });
    expect(first.answer?.subject).toBe("Undone");
    expect(await applicationStatus()).toEqual(["waiting"]);
    // The thank-you is planned again (pending until the next digest shows it); R8 is withdrawn.
    expect(await followUpStates()).toEqual(["R1:pending", "R8:cancelled"]);

    // The change before that was the filing of the forwarded invitation itself.
    await reply("undo", { inReplyTo: digest.messageId, messageId: "<undo-2@example.com>" });
    expect(await applicationStatus()).toEqual([]);
    expect(await rows("SELECT id FROM interviews")).toEqual([]);
  });

  it("rejected by company name", async () => {
    const digest = await setUpOneDraft();
    await reply("rejected: Quillfeather Systems Inc.", { inReplyTo: digest.messageId });
    expect(await applicationStatus()).toEqual(["rejected"]);
  });
});

describe("exactly once", () => {
  it("the same reply delivered twice is applied once", async () => {
    const digest = await setUpOneDraft();
    await reply("done 1", { inReplyTo: digest.messageId, messageId: "<reply-1@example.com>" });
    await reply("undo", { inReplyTo: digest.messageId, messageId: "<reply-2@example.com>" });
    // The first reply again (a redelivery with the same Message-ID): not applied a second time.
    const again = await reply("done 1", { inReplyTo: digest.messageId, messageId: "<reply-1@example.com>" });
    expect(again.answer).toBeNull();
    expect(await followUpStates()).toEqual(["R1:shown"]);
  });
});

describe("forgery changes nothing", () => {
  it("a wrong token is refused before the reply is read: nothing stored, nothing answered", async () => {
    const digest = await setUpOneDraft();
    const before = await rows("SELECT id FROM inbound_messages");
    const { rejections, answer } = await reply("rejected 1", { inReplyTo: digest.messageId, to: "assistant+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com" });
    expect(rejections).toEqual(["This is a private assistant: it only accepts mail from its owner. Nothing was stored."]);
    expect(answer).toBeNull();
    expect(await rows("SELECT id FROM inbound_messages")).toEqual(before);
    expect(await applicationStatus()).toEqual(["waiting"]);
  });

  it("no token: the plain address takes only signed forwards, so 'rejected' is not a command", async () => {
    const digest = await setUpOneDraft();
    const { rejections } = await reply("rejected 1", { inReplyTo: digest.messageId, to: "assistant@example.com" });
    expect(rejections[0]).toMatch(/no valid signature/);
    expect(await applicationStatus()).toEqual(["waiting"]);
  });

  it("a stranger with the right token is refused and nothing is stored", async () => {
    const digest = await setUpOneDraft();
    const before = await rows("SELECT id FROM inbound_messages");
    const { rejections, answer } = await reply("rejected 1", { inReplyTo: digest.messageId, from: "me@examp1e.com", headerFrom: "Me <me@examp1e.com>" });
    expect(rejections).toHaveLength(1);
    expect(answer).toBeNull();
    expect(await rows("SELECT id FROM inbound_messages")).toEqual(before);
    expect(await applicationStatus()).toEqual(["waiting"]);
  });

  it("the owner's envelope with a stranger's From header is refused without an answer", async () => {
    const digest = await setUpOneDraft();
    const { rejections, answer } = await reply("rejected 1", { inReplyTo: digest.messageId, headerFrom: "Someone <someone@elsewhere.example>" });
    expect(rejections).toHaveLength(1);
    expect(answer).toBeNull();
    expect(await applicationStatus()).toEqual(["waiting"]);
  });
});

describe("corrections and settings", () => {
  it("corrects company, role and time in reply to a confirmation", async () => {
    await forward(gmailForward({ outerId: "<fwd-9@example.com>" }));
    const confirmation = await mail.parsed(0);
    expect(confirmation.replyTo?.[0]?.address).toBe(await ownerTokenAddress());
    const { answer } = await reply("company: Quillfeather Labs\nrole: Staff Engineer\ntime: wed 4pm PT", { inReplyTo: confirmation.messageId });
    expect(answer?.subject).toBe("Done");
    expect(await rows("SELECT company, role FROM applications")).toEqual([{ company: "Quillfeather Labs", role: "Staff Engineer" }]);
    expect(await rows("SELECT start_at FROM interviews")).toEqual([{ start_at: Date.parse("2026-03-04T16:00:00-08:00") }]);
  });

  it("ignore: the confirmed email was not about a job", async () => {
    await forward(gmailForward({}));
    const confirmation = await mail.parsed(0);
    await reply("ignore", { inReplyTo: confirmation.messageId });
    expect(await applicationStatus()).toEqual([]);
    const listed = await worker.fetch(new Request("http://local/api/applications", { headers: { authorization: "Bearer test-api-token" } }), env, createExecutionContext());
    expect(await listed.json()).toEqual([]);
  });

  it("settings: time zone, digest time, pause", async () => {
    const digest = await setUpOneDraft();
    await reply("timezone Europe/Berlin\ndigest 7:30\npause", { inReplyTo: digest.messageId });
    expect(await rows("SELECT time_zone, paused, settings FROM users")).toEqual([{ time_zone: "Europe/Berlin", paused: 1, settings: expect.stringContaining('"digestMinute":30') }]);
  });

  it("list and help answer without changing anything", async () => {
    const digest = await setUpOneDraft();
    const list = await reply("list", { inReplyTo: digest.messageId });
    expect(list.answer?.text).toContain("Quillfeather Systems (Senior Backend Engineer): waiting");
    const help = await reply("help", { inReplyTo: digest.messageId, messageId: "<help@example.com>" });
    expect(help.answer?.text).toContain("rejected 2");
    expect(await followUpStates()).toEqual(["R1:shown"]);
  });

  it("forget deletes an application and everything about it", async () => {
    const digest = await setUpOneDraft();
    await reply("forget 1", { inReplyTo: digest.messageId });
    expect(await rows("SELECT id FROM applications")).toEqual([]);
    expect(await rows("SELECT id FROM follow_ups")).toEqual([]);
    expect(await rows("SELECT id FROM inbound_messages WHERE channel = 'forward'")).toEqual([]);
  });
});

describe("the other commands", () => {
  it("offer and withdraw change the status and stop the nudges", async () => {
    await forward(gmailForward({}));
    await forward(gmailForward({ company: "Brambleworth", recruiter: "Ola Nordmann <ola@brambleworth.example>" }));
    const digest = await runDigest("2026-03-04T15:00:00Z");
    const { answer } = await reply("offer 1\nwithdraw 2", { inReplyTo: digest.messageId });
    expect(await applicationStatus()).toEqual(["offer", "withdrawn"]);
    expect(await rows("SELECT id FROM follow_ups WHERE state IN ('pending', 'shown')")).toEqual([]);
    expect(answer?.text).toContain("status waiting → offer");
  });

  it("heard back records the employer's answer (R11): pending nudges stop", async () => {
    const digest = await setUpOneDraft();
    vi.setSystemTime(new Date("2026-03-04T16:00:00Z"));
    await reply("done 1", { inReplyTo: digest.messageId, messageId: "<done@example.com>" });
    expect(await rows("SELECT rule FROM follow_ups WHERE state = 'pending'")).toEqual([{ rule: "R4" }]);
    await reply("heard back 1", { inReplyTo: digest.messageId, messageId: "<heard@example.com>" });
    expect(await rows("SELECT rule, state FROM follow_ups WHERE rule = 'R4'")).toEqual([{ rule: "R4", state: "cancelled" }]);
    expect(await rows("SELECT rule FROM follow_ups WHERE state = 'pending' AND rule IN ('R3', 'R4', 'R6')")).toEqual([]);
    expect(await rows("SELECT type FROM events WHERE type = 'employer_replied' AND payload LIKE '%command%'")).toEqual([{ type: "employer_replied" }]);
  });

  it("snooze hides the draft until the digest of the given day", async () => {
    const digest = await setUpOneDraft();
    await reply("snooze 1 friday", { inReplyTo: digest.messageId });
    // Friday 6 March at the 07:00 digest time in Los Angeles.
    expect(await rows("SELECT state, snoozed_until FROM follow_ups WHERE rule = 'R1'")).toEqual([{ state: "shown", snoozed_until: Date.parse("2026-03-06T07:00:00-08:00") }]);
    const next = await runDigest("2026-03-05T15:00:00Z").catch(() => null);
    expect(next).toBeNull();
  });

  it("timeline records their promise (R2) and plans the status check after it (R3)", async () => {
    const digest = await setUpOneDraft();
    vi.setSystemTime(new Date("2026-03-04T16:00:00Z"));
    await reply("done 1", { inReplyTo: digest.messageId, messageId: "<done@example.com>" });
    await reply("timeline 1 2 business days", { inReplyTo: digest.messageId, messageId: "<timeline@example.com>" });
    expect(JSON.parse((await rows<{ promised_timeline: string }>("SELECT promised_timeline FROM applications"))[0]!.promised_timeline)).toMatchObject({ amount: 2, unit: "business_days" });
    expect(await rows("SELECT rule FROM follow_ups WHERE state = 'pending'")).toEqual([{ rule: "R3" }]);
  });

  it("offer elsewhere drafts an earlier, polite note (R10)", async () => {
    const digest = await setUpOneDraft();
    await reply("offer elsewhere 1 2026-03-13", { inReplyTo: digest.messageId });
    expect(await rows("SELECT rule, state FROM follow_ups WHERE rule = 'R10'")).toEqual([{ rule: "R10", state: "pending" }]);
  });

  it("country and resume change the settings", async () => {
    const digest = await setUpOneDraft();
    await reply("pause", { inReplyTo: digest.messageId, messageId: "<pause@example.com>" });
    await reply("country US\nresume", { inReplyTo: digest.messageId, messageId: "<resume@example.com>" });
    expect(await rows("SELECT country, paused FROM users")).toEqual([{ country: "US", paused: 0 }]);
  });

  it("forget all deletes everything but the user's settings", async () => {
    const digest = await setUpOneDraft();
    const { answer } = await reply("forget all", { inReplyTo: digest.messageId });
    for (const table of ["applications", "interviews", "follow_ups", "digests"]) expect(await rows(`SELECT 1 FROM ${table}`), table).toEqual([]);
    expect(await rows("SELECT id FROM inbound_messages WHERE channel = 'forward'")).toEqual([]);
    expect(await rows("SELECT email FROM users")).toEqual([{ email: OWNER }]);
    expect(answer?.text).toContain("cannot be undone");
  });
});
