/**
 * Replies as a job seeker writes them, end to end: the real email() handler, real D1 and the
 * owner's replies as full RFC 822 messages in the shapes real clients send (a Gmail quote, an
 * Outlook header block, an iPhone signature, HTML only), to the reply address and, when a mail
 * app ignored Reply-To, to the plain address with the owner's provider's DKIM signature.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { forwardingAddress, replyAddress } from "../helpers/addresses.ts";
import { eml, gmailForward } from "../helpers/eml.ts";
import { makeEmail } from "../helpers/email-message.ts";
import { clearAll } from "../helpers/seed.ts";
import { recordSendEmail, type SendEmailRecorder } from "../helpers/send-email-recorder.ts";
import { generateDkimKey, keyName, signMessage, type DkimKey } from "../helpers/dkim-sign.ts";
import { serveDns } from "../helpers/dns-over-https.ts";

const OWNER = "me@example.com";
const PLAIN = "assistant@example.com";

let mail: SendEmailRecorder;
let ownerKey: DkimKey;
/** A fresh selector per test: the worker caches DNS answers for their TTL. */
let selector: string;
let selectors = 0;
let dns: ReturnType<typeof serveDns> | null = null;

beforeEach(async () => {
  await clearAll(env.DB);
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-03-02T18:00:00Z"));
  mail = recordSendEmail(env.EMAIL);
  ownerKey ??= await generateDkimKey("rsa-sha256");
  selector = `r${++selectors}`;
  dns = serveDns({ [keyName(selector, "example.com")]: ownerKey.record });
});
afterEach(() => {
  dns?.restore();
  dns = null;
  vi.useRealTimers();
});

async function deliver(envelope: { from: string; to: string }, raw: string) {
  const before = mail.raws.length;
  const { message, rejections } = makeEmail(envelope, raw);
  await worker.email(message, { ...env, EMAIL: mail.binding });
  const answer = mail.raws.length > before ? await mail.parsed(mail.raws.length - 1) : null;
  return { rejections, answer };
}

async function forward(raw: string) {
  return deliver({ from: OWNER, to: await forwardingAddress() }, raw);
}

async function runDigest(at: string) {
  const before = mail.raws.length;
  await worker.scheduled(createScheduledController({ cron: "*/15 * * * *", scheduledTime: Date.parse(at) }), { ...env, EMAIL: mail.binding });
  return mail.raws.length > before ? mail.parsed(before) : null;
}

/** One forwarded invitation (interview Tue 3 Mar, 14:30 PT) and Wednesday's digest with its thank-you note as draft 1. */
async function setUpOneDraft() {
  await forward(gmailForward({ outerId: "<fwd-1@example.com>" }));
  const digest = await runDigest("2026-03-04T15:00:00Z");
  if (!digest) throw new Error("no digest");
  return digest;
}

interface ReplyShape {
  subject: string;
  inReplyTo?: string;
  to?: string;
  contentType?: string;
  body: string;
  messageId?: string;
}

function replyRaw(shape: ReplyShape, to: string): string {
  return eml({
    from: `Me <${OWNER}>`,
    to,
    subject: shape.subject,
    messageId: shape.messageId,
    headers: shape.inReplyTo ? { "In-Reply-To": shape.inReplyTo, References: `<older@example.com> ${shape.inReplyTo}` } : {},
    contentType: shape.contentType,
    body: shape.body,
  });
}

/** A reply sent to the reply address (the digest's Reply-To). */
async function replyToToken(shape: ReplyShape) {
  const to = await replyAddress();
  return deliver({ from: OWNER, to }, replyRaw(shape, to));
}

/** A reply a mail app sent to the plain address, signed by the owner's provider as Gmail signs. */
async function replyToPlain(shape: ReplyShape) {
  return deliver({ from: OWNER, to: PLAIN }, await signMessage(replyRaw(shape, PLAIN), ownerKey, { domain: "example.com", selector }));
}

async function rows<T>(query: string): Promise<T[]> {
  return (await env.DB.prepare(query).all<T>()).results;
}

async function thankYouState(): Promise<string | undefined> {
  return (await rows<{ state: string }>("SELECT state FROM follow_ups WHERE rule = 'R1'"))[0]?.state;
}

async function applications(): Promise<{ company: string; status: string }[]> {
  return rows("SELECT company, status FROM applications WHERE archived_at IS NULL ORDER BY id");
}

function gmailQuote(command: string, digestText: string): string {
  return [command, "", "On Wed, Mar 4, 2026 at 7:00 AM Follow-up Assistant <assistant@example.com> wrote:", ...digestText.split("\n").map((line) => `> ${line}`)].join("\n");
}

function outlookHeaderBlock(command: string, subject: string, digestText: string): string {
  return [
    command,
    "",
    "________________________________",
    "From: Follow-up Assistant <assistant@example.com>",
    "Sent: Wednesday, March 4, 2026 7:00 AM",
    "To: Me <me@example.com>",
    `Subject: ${subject}`,
    "",
    digestText,
  ].join("\n");
}

function iphoneReply(command: string, digestText: string): string {
  return [command, "", "Sent from my iPhone", "", "> On 4 Mar 2026, at 07:00, Follow-up Assistant <assistant@example.com> wrote:", ">", ...digestText.split("\n").map((line) => `> ${line}`)].join("\n");
}

function htmlOnlyReply(command: string, digestText: string): string {
  return `<div dir="ltr">${command}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Wed, Mar 4, 2026 at 7:00 AM Follow-up Assistant wrote:<br></div><blockquote class="gmail_quote">${digestText.replace(/\n/g, "<br>")}</blockquote></div>`;
}

describe("our own mail is never filed as a job email", () => {
  it("a Gmail reply to the plain address, 'skip 1' above the quoted digest, skips the draft", async () => {
    const digest = await setUpOneDraft();
    const { rejections, answer } = await replyToPlain({ subject: `Re: ${digest.subject}`, inReplyTo: digest.messageId, body: gmailQuote("skip 1", digest.text ?? "") });
    expect(rejections).toEqual([]);
    expect(await thankYouState()).toBe("skipped");
    expect(await applications()).toEqual([{ company: "Quillfeather Systems", status: "waiting" }]);
    expect(answer?.subject).toBe("Done");
    expect(answer?.text).not.toContain("started a new application");
    expect(await rows("SELECT channel, state FROM inbound_messages ORDER BY id DESC LIMIT 1")).toEqual([{ channel: "command", state: "understood" }]);
  });

  it("an Outlook reply with its header block and '1 done' at the plain address marks the draft sent", async () => {
    const digest = await setUpOneDraft();
    await replyToPlain({ subject: `RE: ${digest.subject}`, inReplyTo: digest.messageId, body: outlookHeaderBlock("1 done", digest.subject ?? "", digest.text ?? "") });
    expect(await thankYouState()).toBe("sent");
    expect(await applications()).toHaveLength(1);
  });

  it("our subject alone, with no threading, is enough: answered, never filed", async () => {
    const digest = await setUpOneDraft();
    const { answer } = await replyToPlain({ subject: `Re: ${digest.subject}`, body: gmailQuote("skip 1", digest.text ?? "") });
    expect(await applications()).toHaveLength(1);
    expect(await thankYouState()).toBe("shown");
    expect(answer?.subject).toBe("Nothing changed");
  });

  it("our loop header in an attached digest, forwarded back: answered, never filed", async () => {
    const digest = await setUpOneDraft();
    const attached = ["From: Follow-up Assistant <assistant@example.com>", "Subject: Digest", "X-Followup-Assistant: 1", "", "done 1"].join("\r\n");
    const body = ["--b1", "Content-Type: text/plain", "", "what is this?", "--b1", "Content-Type: message/rfc822", "", attached, "--b1--"].join("\r\n");
    await replyToPlain({ subject: "Fwd: Digest", contentType: 'multipart/mixed; boundary="b1"', body });
    expect(await applications()).toHaveLength(1);
    expect(await rows("SELECT channel FROM inbound_messages ORDER BY id DESC LIMIT 1")).toEqual([{ channel: "command" }]);
    expect(digest.subject).toBeTruthy();
  });

  it("at the private forwarding address, where anyone may send, nothing is read: the owner is told how to reply", async () => {
    const digest = await setUpOneDraft();
    const to = await forwardingAddress();
    const { answer } = await deliver({ from: OWNER, to }, replyRaw({ subject: `Re: ${digest.subject}`, inReplyTo: digest.messageId, body: "skip 1" }, to));
    expect(await thankYouState()).toBe("shown");
    expect(await applications()).toHaveLength(1);
    expect(answer?.subject).toBe("How to reply");
  });
});

describe("forgiving grammar, strict effects", () => {
  it("an iPhone reply 'they rejected me' applies to the one application of the digest", async () => {
    const digest = await setUpOneDraft();
    const { answer } = await replyToToken({ subject: `Re: ${digest.subject}`, inReplyTo: digest.messageId, body: iphoneReply("they rejected me", digest.text ?? "") });
    expect(await applications()).toEqual([{ company: "Quillfeather Systems", status: "rejected" }]);
    expect(answer?.text).toContain("status waiting → rejected");
  });

  it("an HTML-only reply in German: 'erledigt 1'", async () => {
    const digest = await setUpOneDraft();
    await replyToToken({ subject: `AW: ${digest.subject}`, inReplyTo: digest.messageId, contentType: "text/html; charset=utf-8", body: htmlOnlyReply("erledigt 1", digest.text ?? "") });
    expect(await thankYouState()).toBe("sent");
  });

  it.each([["sent 1"], ["#1 done"], ["done with 1"], ["envoyé 1"], ["hecho 1"]])("%j marks the draft sent", async (command) => {
    const digest = await setUpOneDraft();
    await replyToToken({ subject: `Re: ${digest.subject}`, inReplyTo: digest.messageId, body: gmailQuote(command, digest.text ?? "") });
    expect(await thankYouState()).toBe("sent");
  });

  it("a line not understood is quoted with the closest commands, and nothing changes", async () => {
    const digest = await setUpOneDraft();
    const { answer } = await replyToToken({ subject: `Re: ${digest.subject}`, inReplyTo: digest.messageId, body: gmailQuote("dnoe 1\nskip 1", digest.text ?? "") });
    expect(await thankYouState()).toBe("shown");
    expect(answer?.text).toContain('Nothing changed. I did not understand: "dnoe 1"');
    expect(answer?.text).toMatch(/Closest commands:\n\s+done 1 3/);
  });

  it("companies by name, forgivingly: 'rejected: quillfeather', 'heard back from Brambleworth'; an unknown one gets a suggestion", async () => {
    await forward(gmailForward({ outerId: "<fwd-a@example.com>" }));
    await forward(gmailForward({ company: "Brambleworth", recruiter: "Ola Nordmann <ola@brambleworth.example>", outerId: "<fwd-b@example.com>" }));
    const digest = await runDigest("2026-03-04T15:00:00Z");
    const refused = await replyToToken({ subject: "Re: digest", inReplyTo: digest!.messageId, body: "rejected: Bramblewood", messageId: "<r-1@example.com>" });
    expect(refused.answer?.text).toContain('No application at "Bramblewood". Did you mean "Brambleworth"?');
    await replyToToken({ subject: "Re: digest", inReplyTo: digest!.messageId, body: "rejected: quillfeather\nheard back from Brambleworth", messageId: "<r-2@example.com>" });
    expect(await applications()).toEqual([
      { company: "Quillfeather Systems", status: "rejected" },
      { company: "Brambleworth", status: "waiting" },
    ]);
    expect(await rows("SELECT count(*) AS n FROM events WHERE type = 'employer_replied'")).toEqual([{ n: 1 }]);
  });
});

describe("dates that agree everywhere", () => {
  it("snooze on Friday to Monday: the answer, list and Monday's digest name the same day", async () => {
    const digest = await setUpOneDraft();
    vi.setSystemTime(new Date("2026-03-06T17:00:00Z"));
    const { answer } = await replyToToken({ subject: `Re: ${digest.subject}`, inReplyTo: digest.messageId, body: "snooze 1 monday", messageId: "<s-1@example.com>" });
    expect(answer?.text).toContain("thank-you note snoozed to your digest on Mon 9 Mar 2026");
    expect(answer?.text).toContain("next, the thank-you note, in your digest on Mon 9 Mar 2026");
    expect(answer?.text).not.toMatch(/\bR\d+\b/);
    const list = await replyToToken({ subject: `Re: ${digest.subject}`, inReplyTo: digest.messageId, body: "list", messageId: "<s-2@example.com>" });
    expect(list.answer?.text).toContain("1. Quillfeather Systems (Senior Backend Engineer): waiting; next, the thank-you note, in your digest on Mon 9 Mar 2026");
    expect(await runDigest("2026-03-07T15:00:00Z")).toBeNull();
    const monday = await runDigest("2026-03-09T14:00:00Z");
    expect(monday?.text).toContain("Thank-you note: Quillfeather Systems");
  });

  it("the filing confirmation names the digest day, never a rule id or a time of day", async () => {
    vi.setSystemTime(new Date("2026-03-02T18:00:00Z"));
    const { answer } = await forward(gmailForward({ outerId: "<fwd-c@example.com>" }));
    expect(answer?.text).toContain("I'll list it in your digest on Tue 3 Mar 2026");
    expect(answer?.text).toMatch(/First follow-up: thank-you note, in your digest on Wed 4 Mar 2026\./);
    expect(answer?.text).not.toMatch(/\(R\d+\)/);
  });
});

describe("undo says what it undoes and only undoes applied changes", () => {
  it("done 1, a refused reply, undo: nothing is undone silently; undo again names and reverses done 1", async () => {
    const digest = await setUpOneDraft();
    const base = { subject: `Re: ${digest.subject}`, inReplyTo: digest.messageId };
    await replyToToken({ ...base, body: "done 1", messageId: "<u-1@example.com>" });
    await replyToToken({ ...base, body: "rejected: northwind", messageId: "<u-2@example.com>" });
    const first = await replyToToken({ ...base, body: "undo", messageId: "<u-3@example.com>" });
    expect(first.answer?.subject).toBe("Nothing undone");
    expect(first.answer?.text).toContain("done 1 — Quillfeather Systems (Senior Backend Engineer): thank-you note marked sent");
    expect(await thankYouState()).toBe("sent");
    const second = await replyToToken({ ...base, body: "undo", messageId: "<u-4@example.com>" });
    expect(second.answer?.text).toContain("Undid: done 1 — Quillfeather Systems (Senior Backend Engineer): thank-you note marked sent");
    expect(await thankYouState()).toBe("shown");
  });
});

describe("list is numbered, and its numbers work in the next reply", () => {
  it("forget 2 in reply to the list deletes the second application listed", async () => {
    await forward(gmailForward({ outerId: "<fwd-d@example.com>" }));
    await forward(gmailForward({ company: "Brambleworth", recruiter: "Ola Nordmann <ola@brambleworth.example>", outerId: "<fwd-e@example.com>" }));
    const confirmation = await mail.parsed(0);
    const list = await replyToToken({ subject: "Re: list", inReplyTo: confirmation.messageId, body: "list", messageId: "<l-1@example.com>" });
    expect(list.answer?.text).toMatch(/1\. Quillfeather Systems .*\n2\. Brambleworth /);
    const forgot = await replyToToken({ subject: "Re: Your open applications", inReplyTo: list.answer!.messageId, body: iphoneReply("forget 2", list.answer!.text ?? ""), messageId: "<l-2@example.com>" });
    expect(forgot.answer?.text).toContain("Brambleworth (Senior Backend Engineer): deleted");
    expect(await applications()).toEqual([{ company: "Quillfeather Systems", status: "interviewing" }]);
  });
});
