/**
 * Only the owner's mail gets in, tried as an attacker would: the real email() handler, real D1,
 * real DKIM signatures made here with generated keys, and DNS-over-HTTPS answered from a table
 * (dns-over-https.ts). The owner is me@example.com; example.com signs the owner's mail.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { eml, gmailForward } from "../helpers/eml.ts";
import { makeEmail } from "../helpers/email-message.ts";
import { clearAll } from "../helpers/seed.ts";
import { recordSendEmail, type SendEmailRecorder } from "../helpers/send-email-recorder.ts";
import { generateDkimKey, keyName, signMessage, type DkimKey } from "../helpers/dkim-sign.ts";
import { serveDns } from "../helpers/dns-over-https.ts";
import { forwardingAddress, replyAddress } from "../helpers/addresses.ts";

const OWNER = "me@example.com";
const PLAIN = "assistant@example.com";
const STRANGER_REFUSAL = "This is a private assistant: it only accepts mail from its owner. Nothing was stored.";

let mail: SendEmailRecorder;
let ownerKey: DkimKey;
let otherKey: DkimKey;
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
  otherKey ??= await generateDkimKey("ed25519-sha256");
  selector = `s${++selectors}`;
});
afterEach(() => {
  dns?.restore();
  dns = null;
  vi.useRealTimers();
});

interface Delivery {
  rejections: string[];
  threw: string | null;
  stored: number;
  applications: number;
  sent: number;
}

async function deliver(envelope: { from: string; to: string }, raw: string, options: { rawSize?: number } = {}): Promise<Delivery> {
  const { message, rejections } = makeEmail(envelope, raw, options);
  let threw: string | null = null;
  try {
    await worker.email(message, { ...env, EMAIL: mail.binding });
  } catch (error) {
    threw = String(error);
  }
  const counts = await env.DB.prepare("SELECT (SELECT count(*) FROM inbound_messages) AS stored, (SELECT count(*) FROM applications) AS applications").first<{ stored: number; applications: number }>();
  return { rejections, threw, stored: counts!.stored, applications: counts!.applications, sent: mail.raws.length };
}

const NOTHING = { threw: null, stored: 0, applications: 0, sent: 0 };

/** The owner's manual forward as their provider sends it: signed by example.com. */
async function signedForward(options: { key?: DkimKey; domain?: string; raw?: string } = {}): Promise<string> {
  return signMessage(options.raw ?? gmailForward({}), options.key ?? ownerKey, { domain: options.domain ?? "example.com", selector });
}

function publish(records: Record<string, string | "SERVFAIL">) {
  dns = serveDns(records);
  return dns;
}

describe("the plain address takes the owner's mail only with the owner's provider's signature", () => {
  it("a forward signed by the owner's domain is filed and confirmed; the first one brings the welcome", async () => {
    publish({ [keyName(selector, "example.com")]: ownerKey.record });
    expect(await deliver({ from: OWNER, to: PLAIN }, await signedForward())).toEqual({ rejections: [], threw: null, stored: 1, applications: 1, sent: 2 });
    const [confirmation, welcome] = [await mail.parsed(0), await mail.parsed(1)];
    expect(confirmation.subject).toBe("Filed: Quillfeather Systems");
    expect(welcome.subject).toBe("Welcome: how to use your follow-up assistant");
    expect(welcome.text).toContain(await forwardingAddress());
    expect(welcome.text).toContain("reply `dashboard` for a link to your private page");
    expect(confirmation.text).toContain(await forwardingAddress());
    expect(confirmation.text).toContain("reply with a line like `signature: Jane Doe`");
  });

  it("a signature from a subdomain of the owner's domain aligns (relaxed alignment)", async () => {
    publish({ [keyName(selector, "mail.example.com")]: ownerKey.record });
    expect(await deliver({ from: OWNER, to: PLAIN }, await signedForward({ domain: "mail.example.com" }))).toMatchObject({ rejections: [], stored: 1, applications: 1 });
  });

  it.each([
    ["the owner's envelope", OWNER],
    ["a stranger's envelope", "attacker@evil.example"],
  ])("the owner's From without a signature, with %s: refused, nothing stored, nothing sent", async (_name, envelopeFrom) => {
    const result = await deliver({ from: envelopeFrom, to: PLAIN }, gmailForward({}));
    expect(result).toMatchObject(NOTHING);
    expect(result.rejections[0]).toMatch(/no valid signature of the owner's mail provider/);
  });

  it("a valid signature of a domain not aligned with the owner's From: refused", async () => {
    publish({ [keyName(selector, "evil.example")]: otherKey.record });
    const result = await deliver({ from: OWNER, to: PLAIN }, await signedForward({ key: otherKey, domain: "evil.example" }));
    expect(result).toMatchObject(NOTHING);
    expect(result.rejections[0]).toMatch(/no valid signature/);
  });

  it("a body changed after signing: refused", async () => {
    publish({ [keyName(selector, "example.com")]: ownerKey.record });
    const tampered = (await signedForward()).replace("Quillfeather Systems", "Quillfeather Systemz");
    const result = await deliver({ from: OWNER, to: PLAIN }, tampered);
    expect(result).toMatchObject(NOTHING);
    expect(result.rejections[0]).toMatch(/no valid signature/);
  });

  it("DNS failing: the delivery fails temporarily (the sender retries), nothing stored, nothing let in", async () => {
    publish({ [keyName(selector, "example.com")]: "SERVFAIL" });
    const result = await deliver({ from: OWNER, to: PLAIN }, await signedForward());
    expect(result).toMatchObject({ rejections: [], stored: 0, applications: 0, sent: 0 });
    expect(result.threw).toMatch(/DNS/);
  });

  it.each([
    ["X-Forwarded-To", { "X-Forwarded-To": OWNER }],
    ["Delivered-To", { "Delivered-To": OWNER }],
    ["Resent-From", { "Resent-From": `Me <${OWNER}>` }],
    ["X-Forwarded-For", { "X-Forwarded-For": `${OWNER} ${PLAIN}` }],
  ])("a fake auto-forward (an SRS envelope on the attacker's domain and %s naming the owner): refused", async (_name, headers) => {
    const raw = eml({ from: "Recruiter <hr@evil.test>", to: OWNER, headers, subject: "Interview rescheduled", body: "Your interview moved to Friday 3 PM. New link: https://evil.test/join" });
    const result = await deliver({ from: "SRS0=abcd=XY=evil.test=attacker@evil.test", to: PLAIN }, raw);
    expect(result).toMatchObject(NOTHING);
    expect(result.rejections[0]).toMatch(/private forwarding address/);
  });

  it("a flood of forged forwards stores nothing and sends nothing", async () => {
    for (let i = 0; i < 50; i++) {
      const raw = eml({ from: `Recruiter <hr${i}@evil.test>`, to: OWNER, headers: { "X-Forwarded-To": OWNER }, body: `Rejection ${i}` });
      const result = await deliver({ from: `SRS0=${i}=XY=evil.test=a@evil.test`, to: PLAIN }, raw);
      expect(result.rejections).toHaveLength(1);
    }
    expect(await deliver({ from: "x@evil.test", to: PLAIN }, eml({ from: "x@evil.test" }))).toMatchObject(NOTHING);
  });
});

describe("the private forwarding address", () => {
  it("takes an auto-forward from anyone, and mail from an unsigned domain", async () => {
    const address = await forwardingAddress();
    const autoForward = eml({ from: "Dana Whitcombe <dana@quillfeather.example>", to: OWNER, headers: { "X-Forwarded-To": OWNER }, subject: "Interview for Platform Engineer at Quillfeather Systems", body: "We would like to invite you to an interview for the Platform Engineer role at Quillfeather Systems on Tuesday, March 3, 2026 at 2:30 PM PT." });
    expect(await deliver({ from: "SRS0=x=YZ=quillfeather.example=dana@example.com", to: address }, autoForward)).toMatchObject({ rejections: [], threw: null, stored: 1, applications: 1, sent: 1 });
    // Not the owner's first message (welcomed before): the confirmation does not ask for a signature again.
    expect((await mail.parsed(0)).text).not.toContain("signature:");
  });

  it("a made-up or tampered token: refused as a stranger, nothing stored", async () => {
    const address = await forwardingAddress();
    const tampered = address.replace(/\+(.)/, (_m, c: string) => `+${c === "a" ? "b" : "a"}`);
    for (const to of [tampered, "assistant+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com", "assistant+hello@example.com"]) {
      expect(await deliver({ from: "x@evil.test", to }, eml({ from: "x@evil.test" }))).toEqual({ rejections: [STRANGER_REFUSAL], ...NOTHING });
    }
  });

  it("a reply token does not open the forwarding channel for a stranger", async () => {
    const reply = await replyAddress();
    expect(await deliver({ from: "x@evil.test", to: reply }, eml({ from: "x@evil.test", body: "rejected 1" }))).toEqual({ rejections: [STRANGER_REFUSAL], ...NOTHING });
  });

  it("\"new forwarding address\" replaces it: the answer names the new one, the old one is refused", async () => {
    const old = await forwardingAddress();
    await deliver({ from: OWNER, to: old }, gmailForward({}));
    const reply = await replyAddress();
    await deliver({ from: OWNER, to: reply }, eml({ to: reply, subject: "Re: Filed", body: "new forwarding address" }));
    const answer = await mail.parsed(1);
    const fresh = await forwardingAddress();
    expect(fresh).not.toBe(old);
    expect(answer.text).toContain(`Your new private forwarding address: ${fresh}`);
    const refused = await deliver({ from: OWNER, to: old }, gmailForward({ company: "Brambleworth" }));
    expect(refused.rejections[0]).toMatch(/this forwarding address was replaced/);
    expect(await deliver({ from: OWNER, to: fresh }, gmailForward({ company: "Brambleworth" }))).toMatchObject({ rejections: [], applications: 2 });
  });
});

describe("Gmail's forwarding confirmation", () => {
  const confirmation = (to: string) =>
    eml({
      from: "Gmail Team <forwarding-noreply@google.com>",
      to,
      subject: "(#428913376) Gmail Forwarding Confirmation - Receive Mail from me@example.com",
      body: `me@example.com has requested to automatically forward mail to your email address\n${to}.\n\nConfirmation code: 428913376\n\nTo allow me@example.com to automatically forward mail to your address, please click the link below to confirm the request:\n\nhttps://mail-settings.google.com/mail/vf-%5BANGjdJ9x%5D-abc\n`,
    });

  it("signed by google.com and sent to the private address: passed on to the owner with the code, not filed", async () => {
    publish({ [keyName(selector, "google.com")]: otherKey.record });
    const address = await forwardingAddress();
    const signed = await signMessage(confirmation(address), otherKey, { domain: "google.com", selector });
    expect(await deliver({ from: "forwarding-noreply@google.com", to: address }, signed)).toMatchObject({ rejections: [], threw: null, stored: 1, applications: 0, sent: 1 });
    const relayed = await mail.parsed(0);
    expect(relayed.to?.[0]?.address).toBe(OWNER);
    expect(relayed.subject).toBe("Gmail: confirm forwarding to your assistant");
    expect(relayed.text).toContain("Confirmation code: 428913376");
  });

  it("the same text without Google's signature is not passed on as a confirmation", async () => {
    const address = await forwardingAddress();
    const result = await deliver({ from: "forwarding-noreply@google.com", to: address }, confirmation(address));
    const sent = await Promise.all(mail.raws.map((_, i) => mail.parsed(i)));
    expect(result.rejections).toEqual([]);
    expect(sent.map((m) => m.subject)).not.toContain("Gmail: confirm forwarding to your assistant");
  });
});

describe("replies are checked before they cost anything", () => {
  async function digestWithOneDraft(): Promise<string> {
    await deliver({ from: OWNER, to: await forwardingAddress() }, gmailForward({}));
    await worker.scheduled(createScheduledController({ cron: "*/15 * * * *", scheduledTime: Date.parse("2026-03-04T15:00:00Z") }), { ...env, EMAIL: mail.binding });
    vi.setSystemTime(new Date("2026-03-04T16:00:00Z"));
    return (await mail.parsed(mail.raws.length - 1)).messageId!;
  }

  async function draftStates(): Promise<string[]> {
    return (await env.DB.prepare("SELECT rule || ':' || state AS s FROM follow_ups WHERE rule = 'R1'").all<{ s: string }>()).results.map((r) => r.s);
  }

  it("a 9 MB reply is refused before it is read or stored", async () => {
    await digestWithOneDraft();
    const reply = await replyAddress();
    const storedBefore = (await env.DB.prepare("SELECT count(*) AS n FROM inbound_messages").first<{ n: number }>())!.n;
    const result = await deliver({ from: OWNER, to: reply }, eml({ to: reply, body: "done 1" }), { rawSize: 9 * 1024 * 1024 });
    expect(result.rejections[0]).toMatch(/Reply too large/);
    expect(result.stored).toBe(storedBefore);
    expect(await draftStates()).toEqual(["R1:shown"]);
  });

  it.each([
    ["a blockquote", `<div>Thanks!</div><blockquote>done 1</blockquote>`],
    ["Apple's type=cite", `<div>Thanks!</div><blockquote type="cite"><div>done 1</div></blockquote>`],
    ["Gmail's quote container", `<div dir="ltr">Thanks!</div><div class="gmail_quote"><div>done 1</div></div>`],
    ["Outlook's quoted tail", `<div>Thanks!</div><div id="appendonsend"></div><hr><div>done 1</div>`],
    ["hidden text", `<div>Thanks!</div><div style="display:none">done 1</div><span hidden>done 1</span>`],
  ])("a command in %s of an HTML-only reply is not read", async (_name, html) => {
    const digestId = await digestWithOneDraft();
    const reply = await replyAddress();
    const raw = eml({ to: reply, subject: "Re: Follow-ups", contentType: "text/html; charset=utf-8", headers: { "In-Reply-To": digestId }, body: `<html><body>${html}</body></html>` });
    await deliver({ from: OWNER, to: reply }, raw);
    expect(await draftStates()).toEqual(["R1:shown"]);
  });

  it("the same command as the owner's own words in an HTML-only reply is applied", async () => {
    const digestId = await digestWithOneDraft();
    const reply = await replyAddress();
    const raw = eml({ to: reply, subject: "Re: Follow-ups", contentType: "text/html; charset=utf-8", headers: { "In-Reply-To": digestId }, body: `<html><body><div>done 1</div><blockquote>skip 1</blockquote></body></html>` });
    await deliver({ from: OWNER, to: reply }, raw);
    expect(await draftStates()).toEqual(["R1:sent"]);
  });

  it("\"new reply address\": replies to earlier mail stop working", async () => {
    const digestId = await digestWithOneDraft();
    const old = await replyAddress();
    await deliver({ from: OWNER, to: old }, eml({ to: old, subject: "Re: Follow-ups", headers: { "In-Reply-To": digestId }, body: "new reply address" }));
    const refused = await deliver({ from: OWNER, to: old }, eml({ to: old, subject: "Re: Follow-ups", headers: { "In-Reply-To": digestId }, body: "done 1" }));
    expect(refused.rejections[0]).toMatch(/this reply address was replaced/);
    expect(await draftStates()).toEqual(["R1:shown"]);
    const fresh = await replyAddress();
    await deliver({ from: OWNER, to: fresh }, eml({ to: fresh, subject: "Re: Follow-ups", headers: { "In-Reply-To": digestId }, body: "done 1" }));
    expect(await draftStates()).toEqual(["R1:sent"]);
  });
});
