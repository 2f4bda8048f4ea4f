/**
 * The calendar end to end, through the real email() and fetch() handlers and real D1: a
 * forwarded invitation, the `calendar` reply that mails the feed's URL, the feed read back with
 * ical.js, `new calendar link` and `undo`, every kind of wrong token, a `time:` correction, a
 * reschedule and a cancellation, and the invite attached to a confirmation.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import PostalMime from "postal-mime";
import { parseConfig } from "../../src/config.ts";
import { buildMime, MAX_ATTACHMENT_BYTES } from "../../src/mailer.ts";
import { createAddressToken, tokenFromAddress } from "../../src/core/mail/address-token.ts";
import { forwardingAddress, replyAddress } from "../helpers/addresses.ts";
import { eml, gmailForward } from "../helpers/eml.ts";
import { makeEmail } from "../helpers/email-message.ts";
import { lineProblems, readCalendar } from "../helpers/ical.ts";
import { clearAll, seedUser } from "../helpers/seed.ts";
import { recordSendEmail, type SendEmailRecorder } from "../helpers/send-email-recorder.ts";

const OWNER = "me@example.com";
let mail: SendEmailRecorder;

beforeEach(async () => {
  await clearAll(env.DB);
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-03-02T18:00:00Z"));
  mail = recordSendEmail(env.EMAIL);
});
afterEach(() => vi.useRealTimers());

async function deliver(envelope: { from: string; to: string }, raw: string) {
  const { message, rejections } = makeEmail(envelope, raw);
  await worker.email(message, { ...env, EMAIL: mail.binding });
  return rejections;
}

/** Forwards `raw` to the private forwarding address; returns the confirmation. */
async function forward(raw: string) {
  const before = mail.raws.length;
  expect(await deliver({ from: OWNER, to: await forwardingAddress() }, raw)).toEqual([]);
  expect(mail.raws.length).toBe(before + 1);
  return { parsed: await mail.parsed(before), raw: mail.raws[before]! };
}

/** The owner's reply to the assistant's reply address; returns the answer's text. */
async function reply(body: string, inReplyTo?: string): Promise<string> {
  const before = mail.raws.length;
  const to = await replyAddress();
  const raw = eml({ from: `Me <${OWNER}>`, to, subject: "Re: Filed", headers: inReplyTo ? { "In-Reply-To": inReplyTo, References: inReplyTo } : {}, body });
  expect(await deliver({ from: OWNER, to }, raw)).toEqual([]);
  expect(mail.raws.length).toBe(before + 1);
  return (await mail.parsed(before)).text ?? "";
}

function fetchPath(path: string, init: RequestInit = {}): Promise<Response> {
  const request = new Request(`https://assistant.example.com${path}`, init) as Request<unknown, IncomingRequestCfProperties>;
  return Promise.resolve(worker.fetch!(request, env, createExecutionContext()));
}

/** The feed URL in an answer to `calendar` or `new calendar link`. */
function feedUrlIn(answer: string): string {
  const url = /https:\/\/assistant\.example\.com\/cal\/[a-z2-7]+\.ics/.exec(answer)?.[0];
  if (!url) throw new Error(`no feed URL in:\n${answer}`);
  return url;
}

async function feedAt(url: string) {
  const response = await fetchPath(new URL(url).pathname);
  expect(response.status).toBe(200);
  const ics = await response.text();
  expect(lineProblems(ics)).toEqual([]);
  return readCalendar(ics);
}

async function interviewEvents(url: string) {
  return (await feedAt(url)).events.filter((e) => e.uid.startsWith("interview-"));
}

describe("the calendar feed", () => {
  it("serves the forwarded interview at the URL the `calendar` reply gives, as a calendar ical.js reads", async () => {
    const confirmation = (await forward(gmailForward({}))).parsed.text ?? "";
    const answer = await reply("calendar");
    expect(answer).toContain("Google Calendar: Other calendars");
    expect(answer).toContain("your calendar shows your interviews, with reminders a day and an hour before, and the follow-ups due");
    const url = feedUrlIn(answer);

    const response = await fetchPath(new URL(url).pathname);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, max-age=300");
    expect(response.headers.get("x-robots-tag")).toBe("noindex");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("set-cookie")).toBeNull();

    const calendar = readCalendar(await response.text());
    expect(calendar.properties).toMatchObject({ METHOD: "PUBLISH", VERSION: "2.0", "X-WR-CALNAME": "Job search: interviews and follow-ups" });
    const [interview] = await rows<{ id: number }>("SELECT id FROM interviews");
    const event = calendar.events.find((e) => e.uid === `interview-${interview!.id}@example.com`);
    expect(event).toMatchObject({
      summary: "Interview: Senior Backend Engineer at Quillfeather Systems",
      startUtc: "2026-03-03T22:30:00.000Z",
      endUtc: "2026-03-03T23:15:00.000Z",
      location: "https://meet.google.com/abc-defg-hij",
      sequence: 0,
      status: "CONFIRMED",
    });
    expect(event!.description).toContain("When: Tue 3 Mar 2026, 14:30 GMT-8 (your time)\n");
    expect(event!.alarms.map((a) => a.triggerSeconds)).toEqual([-86_400, -3_600]);
    // The thank-you note planned after the interview, as a short event pointing to its digest.
    const thankYou = calendar.events.find((e) => e.summary.startsWith("Send: thank-you note"));
    expect(thankYou?.summary).toBe("Send: thank-you note to Dana Whitcombe (Quillfeather Systems)");
    expect(thankYou?.description).toContain("https://assistant.example.com/dashboard");
    // It names the digest the confirmation named for it.
    const digestDay = /^First follow-up: thank-you note, in your digest on (.+)\.$/m.exec(confirmation)?.[1];
    expect(digestDay).toBeDefined();
    expect(thankYou?.description).toContain(`Will be in your digest of ${digestDay}: your thank-you note to Dana Whitcombe`);

    // Drafts sent, skipped or cancelled leave the calendar.
    await env.DB.prepare("UPDATE follow_ups SET state = CASE WHEN rule = 'R1' THEN 'sent' ELSE 'skipped' END").run();
    expect((await feedAt(url)).events.map((e) => e.uid)).toEqual([`interview-${interview!.id}@example.com`]);
  });

  it("answers HEAD like GET, without a body", async () => {
    await forward(gmailForward({}));
    const path = new URL(feedUrlIn(await reply("calendar"))).pathname;
    const head = await fetchPath(path, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(await head.text()).toBe("");
  });

  it("`new calendar link` retires the old URL, and `undo` brings it back", async () => {
    await forward(gmailForward({}));
    const oldUrl = feedUrlIn(await reply("calendar"));
    const rotated = await reply("new calendar link");
    const newUrl = feedUrlIn(rotated);
    expect(newUrl).not.toBe(oldUrl);
    expect((await fetchPath(new URL(oldUrl).pathname)).status).toBe(404);
    expect(await interviewEvents(newUrl)).toHaveLength(1);

    await reply("undo");
    expect(await interviewEvents(oldUrl)).toHaveLength(1);
    expect((await fetchPath(new URL(newUrl).pathname)).status).toBe(404);
  });

  it("leaks nothing without its token: every wrong token gets the same 404", async () => {
    await forward(gmailForward({}));
    const good = new URL(feedUrlIn(await reply("calendar"))).pathname;
    const config = parseConfig(env);
    const stranger = await seedUser(env.DB, { email: "berlin@example.com", timeZone: "Europe/Berlin" });
    const tokenFor = (kind: "calendar" | "reply" | "forward", userId: number, generation = 0) => createAddressToken(config.tokenKeys, { kind, userId, generation });
    const ownerId = (await rows<{ id: number }>(`SELECT id FROM users WHERE email = '${OWNER}'`))[0]!.id;
    const otherSecret = await createAddressToken({ current: "another-deployment-secret-0123456789abcdef0123", previous: null }, { kind: "calendar", userId: ownerId, generation: 0 });
    const goodToken = good.slice("/cal/".length, -".ics".length);
    const flipped = `${goodToken.slice(0, -1)}${goodToken.endsWith("a") ? "b" : "a"}`;

    const wrong = {
      "a made-up token": `/cal/${"a".repeat(40)}.ics`,
      "the right token with one character changed": `/cal/${flipped}.ics`,
      "a token of a user that does not exist": `/cal/${await tokenFor("calendar", 9_999)}.ics`,
      "the owner's token of a later generation": `/cal/${await tokenFor("calendar", ownerId, 1)}.ics`,
      "a token made with another secret": `/cal/${otherSecret}.ics`,
      "the reply token": `/cal/${tokenFromAddress(await replyAddress(), config.assistantEmail)}.ics`,
      "the forwarding token": `/cal/${tokenFromAddress(await forwardingAddress(), config.assistantEmail)}.ics`,
      "the right token without .ics": `/cal/${goodToken}`,
      "the right token with more after it": `/cal/${goodToken}.ics.txt`,
      "no token": "/cal/.ics",
    };
    const answers = await Promise.all(
      Object.entries(wrong).map(async ([what, path]) => {
        const response = await fetchPath(path);
        return { what, status: response.status, body: await response.text(), type: response.headers.get("content-type") };
      }),
    );
    for (const answer of answers) expect(answer, answer.what).toEqual({ what: answer.what, status: 404, body: "not found", type: "text/plain; charset=utf-8" });

    // Another user's own token opens that user's calendar, which holds nothing of the owner's.
    const theirs = await fetchPath(`/cal/${await tokenFor("calendar", stranger.id)}.ics`);
    expect(theirs.status).toBe(200);
    expect(readCalendar(await theirs.text()).events).toEqual([]);
    expect((await fetchPath(good)).status).toBe(200);
  });

  it("a `time:` correction moves the event and raises its SEQUENCE; undo moves it back with a higher one still", async () => {
    const confirmation = await forward(gmailForward({}));
    const url = feedUrlIn(await reply("calendar"));
    const [before] = await interviewEvents(url);

    await reply("time: wed 4pm PT", confirmation.parsed.messageId);
    const [moved] = await interviewEvents(url);
    expect(moved).toMatchObject({ uid: before!.uid, startUtc: "2026-03-05T00:00:00.000Z", sequence: 1 });

    await reply("undo");
    const [back] = await interviewEvents(url);
    expect(back).toMatchObject({ uid: before!.uid, startUtc: before!.startUtc, sequence: 2 });
  });

  it("a forwarded reschedule keeps the UID and raises SEQUENCE; a forwarded cancellation removes the event", async () => {
    await forward(gmailForward({}));
    const url = feedUrlIn(await reply("calendar"));
    const [first] = await interviewEvents(url);

    await forward(
      gmailForward({
        subject: "Rescheduled: Interview for Senior Backend Engineer at Quillfeather Systems",
        when: "Thursday, March 5, 2026 at 10:00 AM PT (moved from Tuesday)",
      }).replace("We would like to invite you to a video interview on", "We need to reschedule your interview. The new time is"),
    );
    const [moved] = await interviewEvents(url);
    expect(moved).toMatchObject({ uid: first!.uid, startUtc: "2026-03-05T18:00:00.000Z", sequence: 1 });

    await forward(
      gmailForward({ subject: "Cancelled: Interview for Senior Backend Engineer at Quillfeather Systems", when: "Thursday, March 5, 2026 at 10:00 AM PT" })
        .replace("We would like to invite you to a video interview on", "Unfortunately we have to cancel your interview on")
        .replace("The interview will last 45 minutes. Join here: https://meet.google.com/abc-defg-hij", "We are sorry for the inconvenience."),
    );
    expect(await rows("SELECT status, sequence FROM interviews")).toEqual([{ status: "cancelled", sequence: 2 }]);
    expect(await interviewEvents(url)).toEqual([]);
  });

  it("an interview still ahead leaves the calendar when its application ends, and comes back with undo", async () => {
    await forward(gmailForward({}));
    const url = feedUrlIn(await reply("calendar"));
    expect(await interviewEvents(url)).toHaveLength(1);
    expect(await reply("rejected: Quillfeather")).toContain("Done:");
    expect(await interviewEvents(url)).toEqual([]);
    await reply("undo");
    expect(await interviewEvents(url)).toHaveLength(1);
  });

  it("undoing a forwarded reschedule puts the event back with its zone, as a newer version", async () => {
    await forward(gmailForward({}));
    const url = feedUrlIn(await reply("calendar"));
    const [first] = await interviewEvents(url);
    const [zoneBefore] = await rows("SELECT time_zone FROM interviews");
    expect(zoneBefore).toEqual({ time_zone: "America/Los_Angeles" });
    await forward(
      gmailForward({
        subject: "Rescheduled: Interview for Senior Backend Engineer at Quillfeather Systems",
        when: "Thursday, March 5, 2026 at 10:00 AM PT (moved from Tuesday)",
      }).replace("We would like to invite you to a video interview on", "We need to reschedule your interview. The new time is"),
    );
    await reply("undo");
    expect(await rows("SELECT time_zone, sequence FROM interviews")).toEqual([{ time_zone: "America/Los_Angeles", sequence: 2 }]);
    expect(await interviewEvents(url)).toMatchObject([{ uid: first!.uid, startUtc: first!.startUtc, sequence: 2 }]);
  });

  it("is listed by GET /api/addresses", async () => {
    const response = await fetchPath("/api/addresses", { headers: { authorization: "Bearer test-api-token" } });
    const addresses = await response.json<{ calendar: string }>();
    expect(addresses.calendar).toMatch(/^https:\/\/assistant\.example\.com\/cal\/[a-z2-7]{40}\.ics$/);
    expect((await fetchPath(new URL(addresses.calendar).pathname)).status).toBe(200);
  });
});

describe("the confirmation of an invitation", () => {
  it("attaches invite.ics with the feed's UID and gives a Google Calendar link with the UTC times", async () => {
    const { parsed, raw } = await forward(gmailForward({}));
    const invite = parsed.attachments.find((a) => a.filename === "invite.ics");
    expect(invite).toMatchObject({ mimeType: "text/calendar", method: "PUBLISH", disposition: "attachment" });
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=PUBLISH; name="invite.ics"/);
    // The bytes as sent (a mail reader turns the calendar's CRLF into LF).
    const content = attachedText(raw, "invite.ics");
    expect(lineProblems(content)).toEqual([]);
    const attached = readCalendar(content);
    expect(attached.properties.METHOD).toBe("PUBLISH");
    expect(attached.events).toHaveLength(1);

    const link = /https:\/\/calendar\.google\.com\/calendar\/render\?\S+/.exec(parsed.text ?? "")?.[0];
    expect(parsed.text).toContain("Add it to your calendar: open the attached invite.ics");
    // The assistant's own link is a link in the HTML part too; the sender's links stay text.
    expect(parsed.html).toContain(`<a href="${link!.replace(/&/g, "&amp;")}">`);
    const google = new URL(link!);
    expect(google.searchParams.get("action")).toBe("TEMPLATE");
    expect(google.searchParams.get("dates")).toBe("20260303T223000Z/20260303T231500Z");
    expect(google.searchParams.get("text")).toBe("Interview: Senior Backend Engineer at Quillfeather Systems");
    expect(google.searchParams.get("location")).toBe("https://meet.google.com/abc-defg-hij");

    const url = feedUrlIn(await reply("calendar"));
    const [fromFeed] = await interviewEvents(url);
    expect(attached.events[0]!.uid).toBe(fromFeed!.uid);
    expect(attached.events[0]!.startUtc).toBe(fromFeed!.startUtc);
  });

  it("offers neither for an interview forwarded after it took place, and says no digest will list it", async () => {
    vi.setSystemTime(new Date("2026-03-04T09:00:00Z"));
    const { parsed } = await forward(gmailForward({}));
    expect(parsed.attachments).toEqual([]);
    expect(parsed.text).not.toContain("calendar.google.com");
    expect(parsed.text).toContain("Next: The interview has already taken place, so no digest will list it; I'll draft a thank-you note for it.");
  });

  it("offers neither for a time the email gave without a zone, which the feed shows as floating", async () => {
    const { parsed } = await forward(gmailForward({ when: "Tuesday, March 3, 2026 at 2:30 PM" }));
    expect(await rows("SELECT start_at, start_local, time_zone FROM interviews")).toEqual([{ start_at: null, start_local: "2026-03-03T14:30:00", time_zone: null }]);
    expect(parsed.attachments).toEqual([]);
    expect(parsed.text).not.toContain("calendar.google.com");

    const [event] = await interviewEvents(feedUrlIn(await reply("calendar")));
    expect(event).toMatchObject({ startIsFloating: true, startLocal: "2026-03-03T14:30:00" });
    expect(event!.description).toContain("The time zone is not confirmed");
  });
});

describe("the mailer's attachments", () => {
  const base = { to: OWNER, subject: "Filed: Acme", text: "Filed.", html: "<p>Filed.</p>" };
  const invite = { filename: "invite.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH", content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" };

  it("sends a file beside the text and HTML, base64 in a mixed message", async () => {
    const raw = buildMime("assistant@example.com", { ...base, attachments: [invite] }, "<m1@example.com>");
    expect(raw).toMatch(/^Content-Type: multipart\/mixed; boundary=/m);
    expect(raw).toContain('Content-Disposition: attachment; filename="invite.ics"');
    expect(attachedText(raw, "invite.ics")).toBe(invite.content);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.text).toBe("Filed.");
    expect(parsed.html).toContain("Filed.");
    expect(parsed.attachments.map((a) => a.filename)).toEqual(["invite.ics"]);
  });

  it("refuses a file name or type that could write a header, and leaves out a file over the cap", () => {
    expect(() => buildMime("assistant@example.com", { ...base, attachments: [{ ...invite, filename: 'x.ics"\r\nBcc: a@b.example' }] }, "<m2@example.com>")).toThrow(/file name/);
    expect(() => buildMime("assistant@example.com", { ...base, attachments: [{ ...invite, contentType: "text/calendar\r\nX-Evil: 1" }] }, "<m3@example.com>")).toThrow(/type/);
    const big = buildMime("assistant@example.com", { ...base, attachments: [{ ...invite, content: "x".repeat(MAX_ATTACHMENT_BYTES + 1) }] }, "<m4@example.com>");
    expect(big).not.toContain("invite.ics");
  });
});

async function rows<T>(query: string): Promise<T[]> {
  return (await env.DB.prepare(query).all<T>()).results;
}

/** An attachment's text exactly as sent: its base64 body in the raw message, decoded. */
function attachedText(raw: string, filename: string): string {
  const headers = raw.indexOf(`filename="${filename}"`);
  const body = raw.slice(raw.indexOf("\r\n\r\n", headers) + 4);
  const base64 = body.slice(0, body.indexOf("\r\n--")).replace(/\r\n/g, "");
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)));
}
