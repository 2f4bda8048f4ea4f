/**
 * The digest job's D1 round trips do not grow with the user's history. The real scheduled()
 * handler runs against the real local D1 wrapped in a counting proxy (a statement's run, all,
 * first or raw is one query; a batch is one query: one round trip, one transaction) for 10,
 * 100 and 1,000 active applications. The counts are also left in the test's metadata, where
 * `npm run bench` reads them from vitest's JSON report.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../src/index.ts";
import { MAX_DIGEST_DRAFTS } from "../../src/core/digest/plan.ts";
import { faultyD1 } from "../helpers/faulty-bindings.ts";
import { seedActiveApplications } from "../helpers/seed-bulk.ts";
import { clearAll, seedUser } from "../helpers/seed.ts";
import { recordSendEmail } from "../helpers/send-email-recorder.ts";

declare module "vitest" {
  interface TaskMeta {
    /** D1 queries of one digest tick, by number of active applications. */
    digestQueries?: { applications: number; queries: number; log: string[] };
  }
}

/** Users and claims; claim and everything the digest reads; follow-up writes and the outcome. */
const DIGEST_QUERY_BUDGET = 3;
const TIME_ZONE = "Europe/Berlin";
/** Monday 9 March 2026, 07:00 in Berlin: the default digest time. */
const DIGEST_TICK = Date.parse("2026-03-09T06:00:00Z");
const QUARTER_HOUR_MS = 15 * 60 * 1000;

async function tick(scheduledTime: number, mail = recordSendEmail(env.EMAIL)) {
  const counter = faultyD1(env.DB);
  await worker.scheduled(createScheduledController({ cron: "*/15 * * * *", scheduledTime }), { ...env, EMAIL: mail.binding, DB: counter.db });
  return { queries: counter.calls, log: [...counter.log], sent: mail.raws.length };
}

async function seedOwner(applications: number) {
  const user = await seedUser(env.DB, { email: "me@example.com", timeZone: TIME_ZONE });
  await seedActiveApplications(env.DB, { userId: user.id, count: applications, now: new Date(DIGEST_TICK), timeZone: TIME_ZONE });
}

beforeEach(async () => {
  await clearAll(env.DB);
});

describe("digest job D1 queries", () => {
  for (const applications of [10, 100, 1000]) {
    it(`sends the digest for ${applications} active applications in ${DIGEST_QUERY_BUDGET} queries`, { timeout: 120_000 }, async ({ task }) => {
      await seedOwner(applications);
      const run = await tick(DIGEST_TICK);
      task.meta.digestQueries = { applications, queries: run.queries, log: run.log };
      expect(run.sent).toBe(1);
      expect(run.queries, run.log.join("\n")).toBe(DIGEST_QUERY_BUDGET);
      // The items the commands read: numbered in order, each naming a draft this digest showed.
      const digest = await env.DB.prepare("SELECT items FROM digests").first<{ items: string }>();
      const items = JSON.parse(digest!.items) as { number: number; followUpId: number; applicationId: number }[];
      const { results: shown } = await env.DB.prepare("SELECT id, application_id FROM follow_ups WHERE state = 'shown'").all<{ id: number; application_id: number }>();
      expect(items.length).toBeLessThanOrEqual(MAX_DIGEST_DRAFTS);
      expect(items.length).toBeGreaterThanOrEqual(Math.min(MAX_DIGEST_DRAFTS, applications / 2));
      expect(items.map((i) => i.number)).toEqual(items.map((_, index) => index + 1));
      expect(items.map((i) => `${i.followUpId}/${i.applicationId}`).sort()).toEqual(shown.map((f) => `${f.id}/${f.application_id}`).sort());
    });
  }

  it("a tick before the digest time, or after the digest went out, is one query", async () => {
    await seedOwner(100);
    const before = await tick(DIGEST_TICK - QUARTER_HOUR_MS);
    await tick(DIGEST_TICK);
    const after = await tick(DIGEST_TICK + QUARTER_HOUR_MS);
    expect([before.queries, before.sent, after.queries, after.sent]).toEqual([1, 0, 1, 0]);
  });
});
