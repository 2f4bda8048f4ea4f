/**
 * The digest job's own CPU for a user with many active applications: what it computes between
 * its reads and its writes (`composeDigest`: buildHistory → planFollowUps → reconcileFollowUps
 * → planDigest → renderDigest), over the same applications the D1 query test seeds
 * (test/helpers/seed-bulk.ts). Their follow-ups are stored as a refresh at the same instant
 * leaves them, as on a typical morning, so the time is the steady state. Pure: no D1.
 */
import { Bench } from "tinybench";
import { composeDigest } from "../src/core/digest/compose.ts";
import { planDigest } from "../src/core/digest/plan.ts";
import { renderDigest } from "../src/core/digest/render.ts";
import { planRefresh, recordsAfterRefresh, type UserRecords } from "../src/core/follow-ups/refresh.ts";
import { activeUserRecords } from "../test/helpers/seed-bulk.ts";

/** Monday 9 March 2026, 07:00 in Berlin: the default digest time. */
const NOW = Date.parse("2026-03-09T06:00:00Z");
const LOCAL_DATE = "2026-03-09";
const TIME_ZONE = "Europe/Berlin";
const USER = { timeZone: TIME_ZONE, country: "DE", settings: {} };
const REPLY_ADDRESS = "assistant+token@example.com";

export interface DigestLoadCost {
  applications: number;
  drafts: number;
  /** Medians, in milliseconds. */
  composeMs: number;
  refreshMs: number;
  planMs: number;
  renderMs: number;
}

/** The user's records as the claim batch would read them, follow-ups stored as of `NOW`. */
export function userRecords(count: number): UserRecords {
  const records = activeUserRecords({ count, now: new Date(NOW), timeZone: TIME_ZONE });
  return recordsAfterRefresh(records, planRefresh(records, USER, NOW));
}

export async function measureDigestLoad(counts: readonly number[]): Promise<DigestLoadCost[]> {
  const costs: DigestLoadCost[] = [];
  for (const count of counts) {
    const records = userRecords(count);
    const input = { user: USER, records, undelivered: [], localDate: LOCAL_DATE, scheduledFor: NOW, replyAddress: REPLY_ADDRESS };
    const composed = composeDigest(input);
    const refresh = planRefresh(records, USER, NOW);
    const after = recordsAfterRefresh(records, refresh);
    const planInput = { scheduledFor: NOW, localDate: LOCAL_DATE, timeZone: TIME_ZONE, ...after, plans: refresh.plans, undelivered: [], replyAddress: REPLY_ADDRESS };

    const bench = new Bench({ time: 300, iterations: 10, warmupIterations: 3 });
    bench
      .add("compose", () => void composeDigest(input))
      .add("refresh", () => void recordsAfterRefresh(records, planRefresh(records, USER, NOW)))
      .add("plan", () => void planDigest(planInput))
      .add("render", () => void renderDigest(composed.plan.content));
    await bench.run();
    const p50 = (name: string): number => {
      const result = bench.getTask(name)?.result;
      if (!result || !("latency" in result)) throw new Error(`benchmark task did not complete: ${name}`);
      return result.latency.p50;
    };
    costs.push({ applications: count, drafts: composed.items.length, composeMs: p50("compose"), refreshMs: p50("refresh"), planMs: p50("plan"), renderMs: p50("render") });
  }
  return costs;
}
