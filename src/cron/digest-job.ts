/**
 * The morning digest job, run on every cron tick with the tick's scheduled time as "now".
 * A tick reads the users and their recent digests (one query); a tick with nothing due, or
 * whose digests are done, ends there. Per due user: claim the digest (unique per local date)
 * and read everything it needs (one batch) → refresh the follow-ups and build the digest in
 * memory → send → write the refreshed follow-ups and the outcome (one idempotent batch, tried
 * again if it fails). So a digest costs three round trips however many applications the user
 * has.
 *
 * The claim marks the digest "sending" at once, so a retried, overlapping or late tick finds
 * it and does nothing, and a digest is sent at most once. A failed send is retried on the
 * following ticks (up to MAX_DIGEST_ATTEMPTS) and reported in the next digest if it never went
 * out; a send error no retry heals (classifySendError: an unverified destination, a refused
 * sender) is recorded and logged once, and not tried again. Each user is handled in its own
 * try/catch.
 */
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { claimDigest, digestOutcomeStatements, loadDigestRoster, releaseLostClaim, type ClaimedDigest, type DigestState } from "../db/digest.ts";
import { runBatch } from "../db/client.ts";
import type { UserRow } from "../db/users.ts";
import { digestTiming } from "../core/digest/plan.ts";
import { composeDigest, type ComposedDigest } from "../core/digest/compose.ts";
import { parseSettings } from "../core/follow-ups/settings.ts";
import { refreshStatements } from "../db/follow-ups.ts";
import { classifySendError, replyAddressFor, type Mailer } from "../mailer.ts";
import type { BatchItem } from "drizzle-orm/batch";

/** Sends tried per digest before it is given up and reported as undelivered. */
export const MAX_DIGEST_ATTEMPTS = 4;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DigestDeps {
  db: Db;
  mailer: Mailer;
  config: Config;
}

export interface DigestJobReport {
  sent: number;
  empty: number;
  failed: number;
  /** Refused with a permanent send error: recorded, not retried. */
  refused: number;
  skipped: number;
  notDue: number;
}

export async function runDigestJob(deps: DigestDeps, scheduledFor: Date): Promise<DigestJobReport> {
  const report: DigestJobReport = { sent: 0, empty: 0, failed: 0, refused: 0, skipped: 0, notDue: 0 };
  // Local dates run from UTC-12 to UTC+14: none is earlier than the UTC date a day ago.
  const roster = await loadDigestRoster(deps.db, new Date(scheduledFor.getTime() - DAY_MS).toISOString().slice(0, 10));
  const digestOf = new Map(roster.digests.map((d) => [dayKey(d.userId, d.localDate), d]));
  for (const user of roster.users) {
    try {
      report[await runUserDigest(deps, user, digestOf, scheduledFor)]++;
    } catch (error) {
      report.failed++;
      console.error(JSON.stringify({ event: "digest_failed", userId: user.id, error: describe(error) }));
    }
  }
  return report;
}

function dayKey(userId: number, localDate: string): string {
  return `${userId} ${localDate}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The last batch of a claimed digest, tried a second time if the first fails: every statement
 * in it is idempotent, and once the digest is out a lost write would leave it looking undelivered
 * and the refreshed follow-ups unwritten.
 */
async function writeOutcome(db: Db, statements: BatchItem<"sqlite">[]): Promise<void> {
  try {
    await runBatch(db, statements);
  } catch {
    await runBatch(db, statements);
  }
}

/** The claim's own condition (src/db/digest.ts claimDigest), checked first so a done digest costs no query. */
function isClaimable(digest: DigestState | undefined): boolean {
  return digest === undefined || (digest.status === "failed" && digest.attempts < MAX_DIGEST_ATTEMPTS);
}

async function runUserDigest(deps: DigestDeps, user: UserRow, digestOf: ReadonlyMap<string, DigestState>, scheduledFor: Date): Promise<keyof DigestJobReport> {
  const { db } = deps;
  const timing = digestTiming(scheduledFor.getTime(), user.timeZone, parseSettings(user.settings), user.paused);
  if (!timing.due) return "notDue";
  if (!isClaimable(digestOf.get(dayKey(user.id, timing.localDate)))) return "skipped";

  let claimed: ClaimedDigest | null;
  try {
    claimed = await claimDigest(db, user.id, timing.localDate, scheduledFor, MAX_DIGEST_ATTEMPTS);
  } catch (error) {
    await releaseLostClaim(db, user.id, timing.localDate, scheduledFor, describe(error));
    return "failed";
  }
  if (!claimed) return "skipped";
  const { claim, undelivered } = claimed;

  let digest: ComposedDigest;
  try {
    const replyAddress = await replyAddressFor(deps.config, user);
    digest = composeDigest({
      user,
      records: claimed.records,
      undelivered,
      localDate: timing.localDate,
      scheduledFor: scheduledFor.getTime(),
      replyAddress,
      detailSources: claimed.detailSources,
      firstOfWeek: claimed.firstOfWeek,
    });
  } catch (error) {
    // Nothing was sent: marked failed, the next tick tries again.
    await writeOutcome(db, digestOutcomeStatements(db, claim, { status: "failed", error: describe(error) }));
    throw error;
  }
  const refreshWrites = refreshStatements(db, user.id, digest.refresh, scheduledFor);
  if (!digest.email) {
    await writeOutcome(db, [...refreshWrites, ...digestOutcomeStatements(db, claim, { status: "empty" })]);
    return "empty";
  }

  const { subject, text, html } = digest.email;
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({ to: user.email, subject, text, html, replyTo: digest.plan.content.replyAddress }));
  } catch (error) {
    const failure = classifySendError(error);
    if (failure.permanent) {
      // Reported here, once: the digest is left with no attempts, so no tick sends it again.
      console.error(JSON.stringify({ event: "digest_send_refused", userId: user.id, code: failure.code, error: failure.message }));
      const refused = { status: "refused", error: `not retried: ${failure.message}`, maxAttempts: MAX_DIGEST_ATTEMPTS } as const;
      await writeOutcome(db, [...refreshWrites, ...digestOutcomeStatements(db, claim, refused)]);
      return "refused";
    }
    await writeOutcome(db, [...refreshWrites, ...digestOutcomeStatements(db, claim, { status: "failed", error: describe(error) })]);
    return "failed";
  }
  await writeOutcome(db, [
    ...refreshWrites,
    ...digestOutcomeStatements(db, claim, { status: "sent", messageId, subject, items: digest.items, reportedDigestIds: undelivered.map((d) => d.id), at: scheduledFor }),
  ]);
  return "sent";
}
