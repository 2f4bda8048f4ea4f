/**
 * What a recruiter writes, as it comes back in the assistant's own mail, through the real
 * email() and scheduled() handlers, the real local D1 and the simulated send_email binding: a
 * display name with bidi controls and zero-width characters, a `javascript:` URL in a sentence
 * of the recruiter's and in the note above the forward, a phishing link, and a subject sent as
 * RFC 2047 encoded words. Each is neutralised in the confirmation, the digest and the draft's
 * one-tap mailto: link.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { PLACEHOLDERS } from "../../src/core/follow-ups/drafts.ts";
import { forwardingAddress } from "../helpers/addresses.ts";
import { decodeMailto } from "../helpers/decode-mailto.ts";
import { eml } from "../helpers/eml.ts";
import { makeEmail } from "../helpers/email-message.ts";
import { clearAll } from "../helpers/seed.ts";
import { recordSendEmail, type SendEmailRecorder } from "../helpers/send-email-recorder.ts";

const OWNER = "me@example.com";
// Forwarded on Monday; the interview is Tuesday; Wednesday's 07:00 digest (Los Angeles) holds the thank-you.
const MONDAY = "2026-03-02T18:00:00Z";
const WEDNESDAY_DIGEST = "2026-03-04T15:00:00Z";

const RLO = "\u202e";
const PDF = "\u202c";
const ZWSP = "\u200b";
/** Reads as "Dana exe.jpg Whitcombe" while the override is in place. */
const BIDI_NAME = `Dana ${RLO}gpj.exe${PDF} Whit${ZWSP}combe`;
const SHOWN_NAME = "Dana gpj.exe Whitcombe";
const RECRUITER_ADDRESS = "dana.whitcombe@quillfeather.example";
const SUBJECT = "Interview for Senior Backend Engineer at Quillfeather Systems";
/** A thank-you's subject is its own, from the decoded role: never the original's, never a raw encoded word. */
const THANK_YOU_SUBJECT = "Thank you – Senior Backend Engineer interview";
const SCRIPT_URL = "javascript:alert(document.domain)//https://evil.example/next";
const HIDDEN_CONTROL = /[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

let mail: SendEmailRecorder;
let envelope = { from: OWNER, to: "" };

beforeEach(async () => {
  await clearAll(env.DB);
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(MONDAY));
  mail = recordSendEmail(env.EMAIL);
  envelope = { from: OWNER, to: await forwardingAddress() };
});
afterEach(() => vi.useRealTimers());

/** A Gmail-style forward whose recruiter writes hostile names, links and sentences; the Subject is one encoded word. */
function hostileForward(): string {
  const body = [
    `They liked my ${SCRIPT_URL.replace("evil.example/next", "evil.example/phish")} demo a lot.`,
    "",
    "---------- Forwarded message ---------",
    `From: ${BIDI_NAME} <${RECRUITER_ADDRESS}>`,
    "Date: Mon, Mar 2, 2026 at 9:02 AM",
    `Subject: ${SUBJECT}`,
    "To: Me <me@example.com>",
    "",
    "Hi,",
    "",
    "Thank you for applying for the Senior Backend Engineer position at Quillfeather Systems. We would like to invite you to a video interview on Tuesday, March 3, 2026 at 2:30 PM PT.",
    "The interview will last 45 minutes. Join here: https://meet.google.com/abc-defg-hij",
    "Before the call, please sign in at https://evil.example/portal.",
    `We will get back to you within a week, details at ${SCRIPT_URL}.`,
    "",
    "Best regards,",
    BIDI_NAME,
    "Talent Acquisition, Quillfeather Systems",
  ].join("\n");
  const encodedSubject = `=?UTF-8?B?${btoa(`Fwd: ${SUBJECT}`)}?=`;
  return eml({ subject: encodedSubject, body, messageId: "<hostile-forward@example.com>" });
}

async function deliver(raw: string): Promise<void> {
  const { message, rejections } = makeEmail(envelope, raw);
  await worker.email(message, { ...env, EMAIL: mail.binding });
  expect(rejections).toEqual([]);
}

async function tick(at: string): Promise<void> {
  await worker.scheduled(createScheduledController({ cron: "*/15 * * * *", scheduledTime: Date.parse(at) }), { ...env, EMAIL: mail.binding });
}

/** Every href in the HTML, entities decoded. */
function hrefsOf(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
}

describe("a recruiter's hidden characters and links in the assistant's mail", () => {
  it("the confirmation shows the name without its bidi controls and links only the meeting", async () => {
    await deliver(hostileForward());
    expect(mail.raws).toHaveLength(1);
    const confirmation = await mail.parsed(0);
    for (const part of [confirmation.subject!, confirmation.text!, confirmation.html!]) expect(part).not.toMatch(HIDDEN_CONTROL);
    expect(confirmation.subject).toBe("Filed: Quillfeather Systems");
    expect(confirmation.text).toContain(`Contact:   ${SHOWN_NAME} <${RECRUITER_ADDRESS}>`);

    // The recruiter's sentence is quoted as text; the only links are the meeting's and the assistant's own "add to Google Calendar".
    expect(confirmation.text).toContain(`details at ${SCRIPT_URL}.`);
    const [meeting, google, ...others] = hrefsOf(confirmation.html!);
    expect(meeting).toBe("https://meet.google.com/abc-defg-hij");
    expect(google).toMatch(/^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&/);
    expect(new URL(google!).searchParams.get("details")).not.toContain("javascript:");
    expect(others).toEqual([]);
    expect(confirmation.html).toContain("details at javascript<span>:</span>alert(document<span>.</span>domain)//https<span>:</span>//evil<span>.</span>example/next<span>.</span>&quot;");
  });

  it("the digest and the draft's mailto: link carry neither the bidi controls nor the javascript: URL", async () => {
    await deliver(hostileForward());
    await tick(WEDNESDAY_DIGEST);
    expect(mail.raws).toHaveLength(2);
    const digest = await mail.parsed(1);
    for (const part of [digest.text!, digest.html!]) expect(part).not.toMatch(HIDDEN_CONTROL);
    expect(digest.text).toContain(`To:      ${SHOWN_NAME} <${RECRUITER_ADDRESS}>`);
    // C9: the recruiter wrote "Hi," so the draft greets them by the first name of the name as shown.
    expect(digest.text).toContain("Hi Dana,");
    expect(digest.html).toContain("Dana gpj<span>.</span>exe Whitcombe &lt;dana<span>.</span>whitcombe<span>@</span>quillfeather<span>.</span>example&gt;");

    const hrefs = hrefsOf(digest.html!);
    for (const href of hrefs) expect(href).toMatch(/^mailto:/);
    const drafts = hrefs.map(decodeMailto).filter((link) => link.to.includes(RECRUITER_ADDRESS));
    expect(drafts).toHaveLength(1);
    const draft = drafts[0]!;
    expect(JSON.stringify(draft)).not.toMatch(HIDDEN_CONTROL);
    // The thank-you answers the decoded subject, never the raw encoded word.
    expect(draft.fields.subject).toBe(THANK_YOU_SUBJECT);
    // The note carrying the javascript: URL is not quoted: the point is left to fill in.
    expect(draft.fields.body).not.toMatch(/javascript|evil\.example/i);
    expect(draft.fields.body).toContain(PLACEHOLDERS.point);
    expect(digest.text).not.toMatch(/javascript/i);
  });

  it("a subject kept as a raw encoded word (as older rows hold it) still reaches the draft decoded", async () => {
    await deliver(hostileForward());
    await env.DB.prepare("UPDATE inbound_messages SET subject = ?").bind(`=?UTF-8?B?${btoa(`Fwd: ${SUBJECT}`)}?=`).run();
    await tick(WEDNESDAY_DIGEST);
    const digest = await mail.parsed(1);
    const draft = hrefsOf(digest.html!).map(decodeMailto).find((link) => link.to.includes(RECRUITER_ADDRESS));
    expect(draft?.fields.subject).toBe(THANK_YOU_SUBJECT);
    expect(digest.text).toContain(`Subject: ${THANK_YOU_SUBJECT}`);
    expect(digest.text).not.toContain("=?UTF-8?");
  });
});
