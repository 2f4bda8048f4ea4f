/**
 * The morning digest through the real scheduled() handler, real D1 and the simulated
 * send_email binding: local digest times in three zones across a DST change, exactly once
 * under repeated and overlapping ticks, retry after a failed send, the weekly look back once a
 * week, and a draft whose contact was read unsure until the owner's reply settles it.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../src/index.ts";
import { MAX_DIGEST_ATTEMPTS } from "../../src/cron/digest-job.ts";
import { createDb } from "../../src/db/client.ts";
import { applications, events, inboundMessages, interviews } from "../../src/db/schema.ts";
import { replyAddress } from "../helpers/addresses.ts";
import { eml } from "../helpers/eml.ts";
import { makeEmail } from "../helpers/email-message.ts";
import { clearAll, seedInterviewedApplication, seedUser } from "../helpers/seed.ts";
import { recordSendEmail, type SendEmailRecorder } from "../helpers/send-email-recorder.ts";
import { doubted, understanding } from "../helpers/understanding-builder.ts";

const QUARTER_HOUR_MS = 15 * 60 * 1000;

async function tick(at: string | number, mail: SendEmailRecorder) {
  const scheduledTime = typeof at === "number" ? at : Date.parse(at);
  await worker.scheduled(createScheduledController({ cron: "*/15 * * * *", scheduledTime }), { ...env, EMAIL: mail.binding });
}

async function digestRows() {
  const { results } = await env.DB.prepare("SELECT u.email, d.local_date, d.status, d.attempts, d.sent_at FROM digests d JOIN users u ON u.id = d.user_id ORDER BY d.id").all<{
    email: string;
    local_date: string;
    status: string;
    attempts: number;
    sent_at: number | null;
  }>();
  return results;
}

beforeEach(async () => {
  await clearAll(env.DB);
});

describe("digest timing", () => {
  it("sends at 07:00 local in three zones, across the US DST change, once per local day", async () => {
    const la = await seedUser(env.DB, { email: "me@example.com", timeZone: "America/Los_Angeles" });
    const berlin = await seedUser(env.DB, { email: "berlin@example.com", timeZone: "Europe/Berlin" });
    const tokyo = await seedUser(env.DB, { email: "tokyo@example.com", timeZone: "Asia/Tokyo" });
    // Each interviewed on Friday 6 March at 10:00 local; the thank-you (R1) stays due until sent.
    await seedInterviewedApplication(env.DB, { userId: la.id, company: "Larkspur Labs", role: "Backend Engineer", contact: { name: "Ana Ruiz", email: "ana@larkspur.example" }, startAt: "2026-03-06T10:00:00-08:00", timeZone: "America/Los_Angeles" });
    await seedInterviewedApplication(env.DB, { userId: berlin.id, company: "Spreewerk GmbH", role: "Data Engineer", contact: { name: "Jonas Keller", email: "jonas@spreewerk.example" }, startAt: "2026-03-06T10:00:00+01:00", timeZone: "Europe/Berlin" });
    await seedInterviewedApplication(env.DB, { userId: tokyo.id, company: "Kumo KK", role: "SRE", contact: { name: "Yui Sato", email: "yui@kumo.example" }, startAt: "2026-03-06T10:00:00+09:00", timeZone: "Asia/Tokyo" });

    const mail = recordSendEmail(env.EMAIL);
    // Every quarter-hour tick from Sat 7 March 12:00Z to Tue 10 March 00:00Z. Los Angeles moves
    // from UTC-8 to UTC-7 on Sunday 8 March at 02:00 local.
    const sends: { to: string; at: string }[] = [];
    for (let t = Date.parse("2026-03-07T12:00:00Z"); t < Date.parse("2026-03-10T00:00:00Z"); t += QUARTER_HOUR_MS) {
      const before = mail.raws.length;
      await tick(t, mail);
      for (const raw of mail.raws.slice(before)) sends.push({ to: /^To: (.*)$/m.exec(raw)![1]!.replace(/[<>]/g, ""), at: new Date(t).toISOString() });
    }

    expect(sends.filter((s) => s.to === "me@example.com").map((s) => s.at)).toEqual([
      "2026-03-07T15:00:00.000Z", // Sat 07:00 PST
      "2026-03-08T14:00:00.000Z", // Sun 07:00 PDT, after the change
      "2026-03-09T14:00:00.000Z", // Mon 07:00 PDT
    ]);
    // The run starts after Saturday's 07:00 in Berlin and Tokyo: its first tick catches that
    // day's digest up (a late cron never skips a day), then each goes at 07:00 local.
    expect(sends.filter((s) => s.to === "berlin@example.com").map((s) => s.at)).toEqual([
      "2026-03-07T12:00:00.000Z", // Sat, caught up
      "2026-03-08T06:00:00.000Z", // Sun 07:00 CET
      "2026-03-09T06:00:00.000Z", // Mon 07:00 CET
    ]);
    expect(sends.filter((s) => s.to === "tokyo@example.com").map((s) => s.at)).toEqual([
      "2026-03-07T12:00:00.000Z", // Sat, caught up
      "2026-03-07T22:00:00.000Z", // Sun 07:00 JST
      "2026-03-08T22:00:00.000Z", // Mon 07:00 JST
      "2026-03-09T22:00:00.000Z", // Tue 07:00 JST
    ]);

    const first = await mail.parsed(sends.findIndex((s) => s.to === "me@example.com"));
    expect(first.subject).toBe("Follow-ups: 1 to send");
    expect(first.text).toContain("Larkspur Labs");
    expect(first.text).toContain("ana@larkspur.example");
    expect(first.replyTo?.[0]).toMatchObject({ address: expect.stringMatching(/^assistant\+[a-z2-7]{40}@example\.com$/) });
    // Some 240 ticks of the real handler: seconds, not milliseconds.
  }, 60_000);

  it("a quiet day sends nothing unless the user asked for 'nothing today'", async () => {
    await seedUser(env.DB, { email: "me@example.com", timeZone: "Europe/Berlin" });
    await seedUser(env.DB, { email: "berlin@example.com", timeZone: "Europe/Berlin", settings: { quietDigest: true } });
    const mail = recordSendEmail(env.EMAIL);
    await tick("2026-03-09T06:00:00Z", mail);
    expect(mail.raws).toHaveLength(1);
    expect((await mail.parsed(0)).to?.[0]).toMatchObject({ address: "berlin@example.com" });
    expect((await digestRows()).map((d) => d.status).sort()).toEqual(["empty", "sent"]);
  });
});

describe("digest exactly once", () => {
  async function seedOwner() {
    const user = await seedUser(env.DB, { email: "me@example.com", timeZone: "Europe/Berlin" });
    await seedInterviewedApplication(env.DB, { userId: user.id, company: "Spreewerk GmbH", role: "Data Engineer", contact: { name: "Jonas Keller", email: "jonas@spreewerk.example" }, startAt: "2026-03-06T10:00:00+01:00", timeZone: "Europe/Berlin" });
    return user;
  }

  it("a second tick in the same hour, or a retried tick, sends nothing", async () => {
    await seedOwner();
    const mail = recordSendEmail(env.EMAIL);
    await tick("2026-03-09T06:00:00Z", mail);
    await tick("2026-03-09T06:00:00Z", mail);
    await tick("2026-03-09T06:15:00Z", mail);
    await tick("2026-03-09T06:45:00Z", mail);
    expect(mail.raws).toHaveLength(1);
    expect(await digestRows()).toEqual([{ email: "me@example.com", local_date: "2026-03-09", status: "sent", attempts: 1, sent_at: Date.parse("2026-03-09T06:00:00Z") }]);
  });

  it("two overlapping runs send one digest", async () => {
    await seedOwner();
    const mail = recordSendEmail(env.EMAIL);
    await Promise.all([tick("2026-03-09T06:00:00Z", mail), tick("2026-03-09T06:00:00Z", mail), tick("2026-03-09T06:15:00Z", mail)]);
    expect(mail.raws).toHaveLength(1);
  });

  it("a failed send is retried on the next tick and never duplicated", async () => {
    await seedOwner();
    const mail = recordSendEmail(env.EMAIL, { failTimes: 1 });
    await tick("2026-03-09T06:00:00Z", mail);
    expect(await digestRows()).toMatchObject([{ status: "failed", attempts: 1 }]);
    await tick("2026-03-09T06:15:00Z", mail);
    await tick("2026-03-09T06:30:00Z", mail);
    expect(mail.raws).toHaveLength(1);
    expect(await digestRows()).toMatchObject([{ status: "sent", attempts: 2 }]);
  });

  it("a digest that never went out is reported in the next day's digest", async () => {
    await seedOwner();
    const mail = recordSendEmail(env.EMAIL, { failTimes: MAX_DIGEST_ATTEMPTS });
    for (let i = 0; i < MAX_DIGEST_ATTEMPTS + 2; i++) await tick(Date.parse("2026-03-09T06:00:00Z") + i * QUARTER_HOUR_MS, mail);
    expect(mail.raws).toHaveLength(0);
    await tick("2026-03-10T06:00:00Z", mail);
    expect(mail.raws).toHaveLength(1);
    expect((await mail.parsed(0)).text).toContain("Your digest for Mon 9 Mar 2026 could not be delivered");
    await tick("2026-03-11T06:00:00Z", mail);
    expect((await mail.parsed(1)).text).not.toContain("could not be delivered");
  });
});

describe("digest drafts", () => {
  it("a draft shows what changed since it was stored, and is stored as shown", async () => {
    const user = await seedUser(env.DB, { email: "me@example.com", timeZone: "Europe/Berlin" });
    const app = await seedInterviewedApplication(env.DB, { userId: user.id, company: "Spreewerk GmbH", role: "Data Engineer", contact: { name: "Jonas Keller", email: "jonas@spreewerk.example" }, startAt: "2026-03-06T10:00:00+01:00", timeZone: "Europe/Berlin" });
    const mail = recordSendEmail(env.EMAIL);
    const storedBody = async () => (await env.DB.prepare("SELECT body FROM follow_ups WHERE rule = 'R1'").first<{ body: string }>())?.body;

    await tick("2026-03-09T06:00:00Z", mail);
    expect((await mail.parsed(0)).text).toContain("Data Engineer position");
    expect(await storedBody()).toContain("Data Engineer position");

    await env.DB.prepare("UPDATE applications SET role = 'Platform Engineer' WHERE id = ?").bind(app.id).run();
    await tick("2026-03-10T06:00:00Z", mail);
    const second = await mail.parsed(1);
    expect(second.text).toContain("Platform Engineer position");
    expect(second.text).not.toContain("Data Engineer position");
    expect(await storedBody()).toContain("Platform Engineer position");
  });
});

describe("weekly look back", () => {
  async function seedOwner() {
    const user = await seedUser(env.DB, { email: "me@example.com", timeZone: "Europe/Berlin" });
    // Interviewed on Friday 6 March; turned down on Sunday 8 March, after the interview.
    const app = await seedInterviewedApplication(env.DB, { userId: user.id, company: "Spreewerk GmbH", role: "Data Engineer", contact: { name: "Jonas Keller", email: "jonas@spreewerk.example" }, startAt: "2026-03-06T10:00:00+01:00", timeZone: "Europe/Berlin" });
    const rejectedAt = new Date("2026-03-08T09:00:00+01:00");
    await createDb(env.DB)
      .insert(events)
      .values([
        { userId: user.id, applicationId: app.id, type: "status_changed", payload: { from: "interviewing", to: "rejected", because: "rejection", sentAt: rejectedAt.getTime() }, inverse: { op: "set_status", status: "interviewing" }, at: rejectedAt },
        { userId: user.id, applicationId: app.id, type: "email_filed", payload: { kind: "rejection", subject: "Your application", sentAt: rejectedAt.getTime() }, inverse: null, at: rejectedAt },
      ]);
    await env.DB.prepare("UPDATE applications SET status = 'rejected' WHERE id = ?").bind(app.id).run();
  }

  it("comes with Monday's digest only: not again on a retried tick, nor on Tuesday", async () => {
    await seedOwner();
    const mail = recordSendEmail(env.EMAIL);
    await tick("2026-03-09T06:00:00Z", mail);
    await tick("2026-03-09T06:00:00Z", mail);
    await tick("2026-03-09T06:15:00Z", mail);
    await tick("2026-03-10T06:00:00Z", mail);
    expect(mail.raws).toHaveLength(2);
    const monday = await mail.parsed(0);
    expect(monday.text).toContain(
      [
        "LOOKING BACK",
        // The whole search began that week: its figures are said once.
        "Your whole search so far, all of it in the past week (Mon 2 to Sun 8 March):",
        "- 1 application",
        "- 1 interview",
        // The invitation opened the application: no wait before it. The rejection came two days after the interview.
        "- 2 answers from employers; a typical wait of 2 days",
        "- 1 rejection",
      ].join("\n"),
    );
    expect(monday.html).toContain("Looking back");
    expect((await mail.parsed(1)).text).not.toContain("LOOKING BACK");
  });

  it("a Monday digest that failed carries it when retried, once", async () => {
    await seedOwner();
    const mail = recordSendEmail(env.EMAIL, { failTimes: 1 });
    await tick("2026-03-09T06:00:00Z", mail);
    await tick("2026-03-09T06:15:00Z", mail);
    await tick("2026-03-10T06:00:00Z", mail);
    expect(mail.raws).toHaveLength(2);
    expect((await mail.parsed(0)).text).toContain("LOOKING BACK");
    expect((await mail.parsed(1)).text).not.toContain("LOOKING BACK");
  });
});

describe("drafts to check", () => {
  /** An application filed from an email whose contact was read with a confidence below SURE_SCORE, and its thank-you due. */
  async function seedUnsureContact(userId: number) {
    const db = createDb(env.DB);
    const at = new Date("2026-03-02T09:00:00+01:00");
    const contact = { name: "Jonas Keller", email: "jonas@spreewerk.example" };
    const read = understanding({ company: "Spreewerk GmbH", role: "Data Engineer", contact, confidence: { company: doubted(0.9, "sender domain"), contact: doubted(0.5, "signature only") } });
    const [message] = await db
      .insert(inboundMessages)
      .values({ userId, receivedAt: at, envelopeFrom: "me@example.com", envelopeTo: "in@example.com", rawSha256: "a".repeat(64), rawSize: 1, chunkCount: 0, channel: "forward", state: "understood", understanding: read })
      .returning();
    const [app] = await db
      .insert(applications)
      .values({ userId, company: "Spreewerk GmbH", companyKey: "spreewerk", role: "Data Engineer", roleKey: "data engineer", status: "interviewing", contactName: contact.name, contactEmail: contact.email, sourceMessageId: message!.id, createdAt: at, updatedAt: at })
      .returning();
    await env.DB.prepare("UPDATE inbound_messages SET application_id = ? WHERE id = ?").bind(app!.id, message!.id).run();
    await db.insert(interviews).values({ applicationId: app!.id, startAt: new Date("2026-03-06T10:00:00+01:00"), timeZone: "Europe/Berlin", durationMin: 45, format: "video", interviewers: [contact], status: "scheduled", createdAt: at });
    await db.insert(events).values([
      { userId, applicationId: app!.id, inboundMessageId: message!.id, type: "application_created", payload: { company: "Spreewerk GmbH", sentAt: at.getTime() }, inverse: { op: "archive_application" }, at },
      { userId, applicationId: app!.id, inboundMessageId: message!.id, type: "email_filed", payload: { kind: "invitation", subject: "Interview: Data Engineer", sentAt: at.getTime() }, inverse: null, at },
    ]);
  }

  async function reply(body: string, inReplyTo: string, mail: SendEmailRecorder) {
    const to = await replyAddress();
    const raw = eml({ from: "Me <me@example.com>", to, subject: "Re: Follow-ups", headers: { "In-Reply-To": inReplyTo, References: inReplyTo }, body });
    await worker.email(makeEmail({ from: "me@example.com", to }, raw).message, { ...env, EMAIL: mail.binding });
  }

  it("an unsure contact makes the draft one to check, with the reply that settles it; the owner's reply makes it ready again", async () => {
    const user = await seedUser(env.DB, { email: "me@example.com", timeZone: "Europe/Berlin" });
    await seedUnsureContact(user.id);
    const mail = recordSendEmail(env.EMAIL);

    await tick("2026-03-09T06:00:00Z", mail);
    const first = await mail.parsed(0);
    expect(first.subject).toBe("Follow-ups: 1 to send (1 to check before sending)");
    expect(first.text).toContain(
      '   CHECK BEFORE SENDING:\n   - Is the contact "Jonas Keller <jonas@spreewerk.example>"? Reply "contact: Jonas Keller <jonas@spreewerk.example>" to confirm it, or with the right name and address.\n',
    );
    expect(first.text).not.toContain("Each one is ready to send");
    expect(first.text).toContain("Open it to check and send:");

    await reply("contact: Jonas Keller <jonas@spreewerk.example>", first.messageId!, mail);
    expect(mail.raws).toHaveLength(2);
    expect((await mail.parsed(1)).text).toContain("contact confirmed as Jonas Keller jonas@spreewerk.example");

    await tick("2026-03-10T06:00:00Z", mail);
    const second = await mail.parsed(2);
    // The thank-you is past its 48 hours by Tuesday: still shown, marked late, and no longer one to check.
    expect(second.subject).toBe("Follow-ups: 1 to send (1 late)");
    expect(second.text).not.toContain("CHECK BEFORE SENDING");
    // No signature is set, so the draft still has a name to fill in, and the digest says so.
    expect(second.text).toContain("Fill in before sending: [ONE THING YOU DISCUSSED], [YOUR NAME]");
    expect(second.text).toContain("Open each one, fill in anything marked, send it, then reply with its number.");
    expect(second.text).toContain("Open it to fill in and send:");
  });
});
