/**
 * The private page's data against the real local D1: what the owner sees of their search,
 * from the history (a rejection after an interview keeps the interview), nothing archived, and
 * nothing of anyone else's; the step Undo would reverse, found as the reply `undo` finds it;
 * and what to check before sending a draft, from the readings of the emails behind it.
 */
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createDb } from "../../src/db/client.ts";
import { loadDashboard, type DashboardData, type OverviewPage } from "../../src/db/dashboard.ts";
import { findLastChange } from "../../src/db/commands.ts";
import { refreshFollowUps } from "../../src/db/follow-ups.ts";
import { applications, events, followUps, inboundMessages, interviews } from "../../src/db/schema.ts";
import { renderDashboard } from "../../src/http/dashboard/page.tsx";
import { clearAll, seedInterviewedApplication, seedUser } from "../helpers/seed.ts";
import { doubted, understanding } from "../helpers/understanding-builder.ts";

const TIME_ZONE = "Europe/Berlin";
/** Tuesday 10 March 2026, 10:00 in Berlin. */
const NOW = new Date("2026-03-10T09:00:00Z");
const DAY_MS = 24 * 3600_000;

type UserRow = Awaited<ReturnType<typeof seedUser>>;

let sequence = 0;

/** An inbound message row, as a forward, a reply or a page action leaves it. */
async function seedInbound(userId: number, channel: "forward" | "command" | "page", subject: string, at: Date) {
  const [row] = await createDb(env.DB)
    .insert(inboundMessages)
    .values({
      userId,
      receivedAt: at,
      envelopeFrom: "me@example.com",
      envelopeTo: "assistant@example.com",
      rawSha256: `sha-${++sequence}`,
      rawSize: 10,
      chunkCount: 0,
      channel,
      state: "understood",
      subject,
    })
    .returning();
  return row!;
}

/** An application interviewed on 3 March, then rejected by email on 6 March. */
async function seedRejectedAfterInterview(user: UserRow, company: string) {
  const db = createDb(env.DB);
  const app = await seedInterviewedApplication(env.DB, {
    userId: user.id,
    company,
    role: "Backend Engineer",
    contact: { name: "Zoë Brandt", email: "zoe@lumen.example" },
    startAt: "2026-03-03T13:00:00Z",
    timeZone: TIME_ZONE,
  });
  const scheduledAt = new Date("2026-02-28T13:00:00Z");
  await db.insert(events).values({
    userId: user.id,
    applicationId: app.id,
    type: "interview_scheduled",
    payload: { startAt: Date.parse("2026-03-03T13:00:00Z"), startLocal: null, timeZone: TIME_ZONE },
    inverse: { op: "delete_interview_from_message" },
    at: scheduledAt,
  });
  const rejectedAt = new Date("2026-03-06T10:00:00Z");
  const rejection = await seedInbound(user.id, "forward", "Your application at Lumen", rejectedAt);
  await db.insert(events).values([
    {
      userId: user.id,
      applicationId: app.id,
      inboundMessageId: rejection.id,
      type: "status_changed",
      payload: { from: "interviewing", to: "rejected", because: "rejection", subject: "Your application at Lumen", sentAt: rejectedAt.getTime() },
      inverse: { op: "set_status", status: "interviewing" },
      at: rejectedAt,
    },
    {
      userId: user.id,
      applicationId: app.id,
      inboundMessageId: rejection.id,
      type: "email_filed",
      payload: { kind: "rejection", subject: "Your application at Lumen", sentAt: rejectedAt.getTime() },
      inverse: null,
      at: rejectedAt,
    },
  ]);
  await db.update(applications).set({ status: "rejected" }).where(eq(applications.id, app.id));
  return app;
}

/**
 * An application filed from a forward whose contact and time zone were read unsure (the company
 * sure), with the interview that email scheduled for Friday 6 March.
 */
async function seedUnsureReading(user: UserRow) {
  const db = createDb(env.DB);
  const at = new Date("2026-03-02T09:00:00+01:00");
  const startAt = new Date("2026-03-06T10:00:00+01:00");
  const contact = { name: "Jonas Keller", email: "jonas@spreewerk.example" };
  const read = understanding({
    company: "Spreewerk GmbH",
    role: "Data Engineer",
    contact,
    start: startAt.toISOString(),
    tz: "Europe/Berlin",
    confidence: { company: doubted(0.9, "sender domain"), contact: doubted(0.5, "signature only"), start: doubted(0.9, "date in the text"), tz: doubted(0.5, "no zone given") },
  });
  const [message] = await db
    .insert(inboundMessages)
    .values({ userId: user.id, receivedAt: at, envelopeFrom: "me@example.com", envelopeTo: "in@example.com", rawSha256: `sha-${++sequence}`, rawSize: 1, chunkCount: 0, channel: "forward", state: "understood", subject: "Interview: Data Engineer", understanding: read })
    .returning();
  const [app] = await db
    .insert(applications)
    .values({ userId: user.id, company: "Spreewerk GmbH", companyKey: "spreewerk", role: "Data Engineer", roleKey: "data engineer", status: "interviewing", contactName: contact.name, contactEmail: contact.email, sourceMessageId: message!.id, createdAt: at, updatedAt: at })
    .returning();
  await db.insert(interviews).values({ applicationId: app!.id, startAt, timeZone: "Europe/Berlin", durationMin: 45, format: "video", interviewers: [contact], status: "scheduled", sourceMessageId: message!.id, createdAt: at });
  await db.insert(events).values([
    { userId: user.id, applicationId: app!.id, inboundMessageId: message!.id, type: "application_created", payload: { company: "Spreewerk GmbH", sentAt: at.getTime() }, inverse: { op: "archive_application" }, at },
    { userId: user.id, applicationId: app!.id, inboundMessageId: message!.id, type: "interview_scheduled", payload: { startAt: startAt.getTime(), startLocal: null, timeZone: "Europe/Berlin" }, inverse: { op: "delete_interview_from_message" }, at },
    { userId: user.id, applicationId: app!.id, inboundMessageId: message!.id, type: "email_filed", payload: { kind: "invitation", subject: "Interview: Data Engineer", sentAt: at.getTime() }, inverse: null, at },
  ]);
  return { app: app!, contact };
}

function overviewOf(data: DashboardData | null): OverviewPage {
  if (data?.page.kind !== "overview") throw new Error("expected the overview");
  return data.page;
}

describe("loadDashboard", () => {
  beforeEach(async () => {
    await clearAll(env.DB);
  });

  it("keeps an interview in the timeline and the figures after the application was rejected", async () => {
    const user = await seedUser(env.DB, { email: "me@example.com", timeZone: TIME_ZONE });
    const app = await seedRejectedAfterInterview(user, "Lumen Robotics");
    const db = createDb(env.DB);

    const page = await loadDashboard(db, user, NOW, { kind: "application", applicationId: app.id });
    if (page?.page.kind !== "application") throw new Error("expected the application's page");
    const words = page.page.timeline.map((entry) => entry.words);
    expect(words).toContain("Interview scheduled for Tue 3 Mar 2026, 14:00 CET");
    expect(words).toContain("Marked as rejected (their email said so)");
    expect(words.indexOf("Interview scheduled for Tue 3 Mar 2026, 14:00 CET")).toBeLessThan(words.indexOf("Marked as rejected (their email said so)"));
    expect(page.page.interviews.map((i) => i.startAt)).toEqual([Date.parse("2026-03-03T13:00:00Z")]);
    expect(page.page.card.statusWords).toBe("rejected");

    const overview = overviewOf(await loadDashboard(db, user, NOW));
    const whole = overview.funnel.find((column) => column.title === "Whole search")!.figures;
    expect(whole).toMatchObject({ applications: 1, interviews: 1, rejections: 1 });
    expect(overview.board.find((column) => column.status === "rejected")!.cards.map((c) => c.company)).toEqual(["Lumen Robotics"]);
    expect(overview.board.find((column) => column.status === "interviewing")!.total).toBe(0);
  });

  it("hides archived applications everywhere", async () => {
    const user = await seedUser(env.DB, { email: "me@example.com", timeZone: TIME_ZONE });
    const kept = await seedInterviewedApplication(env.DB, { userId: user.id, company: "Orchard Pay", role: "Data Analyst", contact: { name: "Priya", email: "priya@orchard.example" }, startAt: "2026-03-12T09:00:00Z", timeZone: TIME_ZONE });
    const archived = await seedInterviewedApplication(env.DB, { userId: user.id, company: "Not A Job Ltd", role: "Newsletter", contact: { name: "Bot", email: "news@letter.example" }, startAt: "2026-03-11T09:00:00Z", timeZone: TIME_ZONE });
    const db = createDb(env.DB);
    await db.update(applications).set({ archivedAt: new Date(NOW.getTime() - DAY_MS) }).where(eq(applications.id, archived.id));

    const data = await loadDashboard(db, user, NOW);
    const overview = overviewOf(data);
    expect(JSON.stringify(data)).not.toContain("Not A Job Ltd");
    expect(overview.totalApplications).toBe(1);
    expect(overview.interviews.map((i) => i.applicationId)).toEqual([kept.id]);
    expect(overview.recent.every((entry) => entry.applicationId === kept.id)).toBe(true);
    expect(overview.funnel.find((column) => column.title === "Whole search")!.figures.applications).toBe(1);
    expect(await loadDashboard(db, user, NOW, { kind: "application", applicationId: archived.id })).toBeNull();
  });

  it("never loads another user's applications, drafts, changes or undo", async () => {
    const me = await seedUser(env.DB, { email: "me@example.com", timeZone: TIME_ZONE });
    const other = await seedUser(env.DB, { email: "berlin@example.com", timeZone: TIME_ZONE });
    await seedRejectedAfterInterview(me, "Lumen Robotics");
    const theirs = await seedRejectedAfterInterview(other, "Secret Employer AG");
    await seedInterviewedApplication(env.DB, { userId: other.id, company: "Hidden Startup", role: "CTO", contact: { name: "Eve", email: "eve@hidden.example" }, startAt: "2026-03-09T08:00:00Z", timeZone: TIME_ZONE });
    const db = createDb(env.DB);
    for (const user of [me, other]) await refreshFollowUps(db, user, new Date("2026-03-09T12:00:00Z"));
    expect((await db.select().from(followUps).where(eq(followUps.userId, other.id))).length).toBeGreaterThan(0);

    const mine = await loadDashboard(db, me, NOW);
    const text = JSON.stringify(mine);
    expect(text).toContain("Lumen Robotics");
    expect(text).not.toContain("Secret Employer");
    expect(text).not.toContain("Hidden Startup");
    expect(text).not.toContain("eve@hidden.example");
    expect(overviewOf(mine).totalApplications).toBe(1);
    expect(overviewOf(mine).dueDrafts.every((d) => d.label.startsWith("Lumen Robotics"))).toBe(true);
    // Their latest change is newer than mine, yet my Undo names my own.
    expect(mine!.undo?.applicationIds).not.toContain(theirs.id);
    expect(await loadDashboard(db, me, NOW, { kind: "application", applicationId: theirs.id })).toBeNull();
  });

  it("names the step Undo would reverse, the one findLastChange finds, and marks its events", async () => {
    const user = await seedUser(env.DB, { email: "me@example.com", timeZone: TIME_ZONE });
    const app = await seedRejectedAfterInterview(user, "Lumen Robotics");
    const db = createDb(env.DB);
    const action = await seedInbound(user.id, "page", "offer Lumen Robotics", new Date(NOW.getTime() - 3600_000));
    await db.insert(events).values({
      userId: user.id,
      applicationId: app.id,
      inboundMessageId: action.id,
      type: "status_changed",
      payload: { from: "rejected", to: "offer", because: "command", said: "offer", summary: "Lumen Robotics (Backend Engineer): status rejected → offer" },
      inverse: { op: "set_status", status: "rejected" },
      at: new Date(NOW.getTime() - 3600_000),
    });

    const data = await loadDashboard(db, user, NOW);
    const last = await findLastChange(db, user.id, -1);
    expect(last?.inboundMessageId).toBe(action.id);
    expect(data!.undo).toEqual({ changes: [{ label: "Lumen Robotics (Backend Engineer)", words: "Marked as an offer (you said so)" }], applicationIds: [app.id] });
    const marked = overviewOf(data).recent.filter((entry) => entry.inUndo);
    expect(marked.map((entry) => entry.eventId)).toEqual(last!.eventIds);

    // Once undone, Undo moves to the step before: the rejection's filing.
    await db.update(events).set({ undoneAt: NOW }).where(eq(events.inboundMessageId, action.id));
    const after = await loadDashboard(db, user, NOW);
    expect(after!.undo?.changes).toEqual([{ label: null, words: 'the filing of "Your application at Lumen"' }]);
    expect(overviewOf(after).recent.find((entry) => entry.words === "Marked as an offer (you said so)")?.undone).toBe(true);
  });

  it("shows the stored drafts with the text the rules write now, and writes nothing", async () => {
    const user = await seedUser(env.DB, { email: "me@example.com", timeZone: TIME_ZONE, settings: { signature: "Ana" } });
    const app = await seedInterviewedApplication(env.DB, { userId: user.id, company: "Brightfjord", role: "Platform Engineer", contact: { name: "Øystein Dahl", email: "oystein@brightfjord.example" }, startAt: "2026-03-09T13:00:00Z", timeZone: TIME_ZONE });
    const db = createDb(env.DB);
    // The filing's refresh stored the drafts; a text stored earlier may be out of date.
    await refreshFollowUps(db, user, new Date("2026-03-06T09:00:00Z"));
    await db.update(followUps).set({ body: "An older text" }).where(eq(followUps.applicationId, app.id));
    const storedBefore = await db.select().from(followUps).orderBy(followUps.id);
    const eventsBefore = await db.select().from(events).orderBy(events.id);

    const overview = overviewOf(await loadDashboard(db, user, NOW));
    const thankYou = overview.dueDrafts.find((d) => d.applicationId === app.id);
    expect(thankYou).toMatchObject({ kind: "thank-you note", to: [{ name: "Øystein Dahl", email: "oystein@brightfjord.example" }] });
    expect(storedBefore.map((row) => row.id)).toContain(thankYou!.id);
    expect(thankYou!.body).not.toBe("An older text");
    expect(thankYou!.body).toContain("Ana");
    expect(await db.select().from(followUps).orderBy(followUps.id)).toEqual(storedBefore);
    expect(await db.select().from(events).orderBy(events.id)).toEqual(eventsBefore);
  });

  it("says what to check before sending, as the digest does, until the owner's `contact:` settles it; undoing that reply brings it back", async () => {
    const user = await seedUser(env.DB, { email: "me@example.com", timeZone: TIME_ZONE });
    const { app, contact } = await seedUnsureReading(user);
    const db = createDb(env.DB);
    await refreshFollowUps(db, user, new Date("2026-03-06T12:00:00Z"));
    const checksOf = async () => {
      const data = await loadDashboard(db, user, NOW, { kind: "application", applicationId: app.id });
      if (data?.page.kind !== "application") throw new Error("expected the application's page");
      return data.page.drafts.map((d) => ({ kind: d.kind, checks: d.checks }));
    };
    const contactCheck = 'Is the contact "Jonas Keller <jonas@spreewerk.example>"? Reply "contact: Jonas Keller <jonas@spreewerk.example>" to confirm it, or with the right name and address.';
    const timeCheck = 'Is the interview at Fri 6 Mar 2026, 10:00 your time? Reply "time: 2026-03-06 10:00 Europe/Berlin" to confirm it, or with the right time.';

    expect(await checksOf()).toEqual([
      { kind: "thank-you note", checks: [contactCheck, timeCheck] },
      { kind: "status check", checks: [contactCheck, timeCheck] },
    ]);

    const at = new Date(NOW.getTime() - 3600_000);
    const reply = await seedInbound(user.id, "command", "Re: Filed: Spreewerk GmbH", at);
    const said = `contact: ${contact.name} <${contact.email}>`;
    await db.insert(events).values({
      userId: user.id,
      applicationId: app.id,
      inboundMessageId: reply.id,
      type: "details_updated",
      payload: { contactName: contact.name, contactEmail: contact.email, said, summary: `Spreewerk GmbH (Data Engineer): contact set to ${contact.name} ${contact.email}` },
      inverse: { op: "set_details", details: { contactName: contact.name, contactEmail: contact.email } },
      at,
    });
    expect(await checksOf()).toEqual([
      { kind: "thank-you note", checks: [timeCheck] },
      { kind: "status check", checks: [timeCheck] },
    ]);
    // The contact given as it was: the page reads the replaced values and says it was confirmed, not changed.
    const confirmed = await loadDashboard(db, user, NOW, { kind: "application", applicationId: app.id });
    if (confirmed?.page.kind !== "application") throw new Error("expected the application's page");
    expect(confirmed.page.timeline.at(-1)?.words).toBe("Contact confirmed: Jonas Keller <jonas@spreewerk.example>");
    expect(confirmed.undo?.changes).toEqual([{ label: null, words: "Contact confirmed: Jonas Keller <jonas@spreewerk.example>" }]);

    await db.update(events).set({ undoneAt: NOW }).where(eq(events.inboundMessageId, reply.id));
    expect(await checksOf()).toEqual([
      { kind: "thank-you note", checks: [contactCheck, timeCheck] },
      { kind: "status check", checks: [contactCheck, timeCheck] },
    ]);
  });

  it("renders in the Worker runtime, as the route serves it", async () => {
    const user = await seedUser(env.DB, { email: "me@example.com", timeZone: TIME_ZONE });
    await seedRejectedAfterInterview(user, "Lumen <Robotics>");
    const data = await loadDashboard(createDb(env.DB), user, NOW);
    const html = renderDashboard(data!, { csrfToken: "token", notice: null, calendarUrl: null, nonce: "abc" });
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toContain("Lumen &lt;Robotics&gt;");
    expect(html).toContain('<button type="submit">Undo</button>');
  });
});
