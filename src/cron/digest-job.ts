/**
 * The morning digest job, run on every cron tick with the tick's scheduled time as "now".
 * Per user: due? → claim (unique per local date, with a lease) → refresh follow-ups → build →
 * mark sending → send → mark sent. A retried, overlapping or late tick finds the claim and does
 * nothing; a failed send is retried on the following ticks (up to MAX_DIGEST_ATTEMPTS) and
 * reported in the next digest if it never went out. Each user is handled in its own try/catch.
 */
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { claimDigest, finishDigest, listUndeliveredDigests, listUsers, markDigestSending, type UserRow } from "../db/queries.ts";
import { digestTiming, planDigest } from "../core/digest-plan.ts";
import { renderDigest } from "../core/digest.ts";
import { parseSettings } from "../core/settings.ts";
import { createReplyToken } from "../core/reply-token.ts";
import { refreshFollowUps } from "../services/follow-ups.ts";
import type { Mailer } from "../email/send.ts";

/** A claim not moved to "sending" within this time is considered abandoned and may be retaken. */
export const DIGEST_LEASE_MS = 10 * 60 * 1000;
/** Sends tried per digest before it is given up and reported as undelivered. */
export const MAX_DIGEST_ATTEMPTS = 4;

export interface DigestDeps {
  db: Db;
  mailer: Mailer;
  config: Config;
}

export interface DigestJobReport {
  sent: number;
  empty: number;
  failed: number;
  skipped: number;
  notDue: number;
}

/** The assistant's address with the user's reply token: commands are accepted only there. */
export async function replyAddressFor(config: Config, userId: number): Promise<string> {
  const [local, domain] = config.assistantEmail.split("@");
  return `${local}+${await createReplyToken(config.replyTokenSecret, userId)}@${domain}`;
}

export async function runDigestJob(deps: DigestDeps, scheduledFor: Date): Promise<DigestJobReport> {
  const report: DigestJobReport = { sent: 0, empty: 0, failed: 0, skipped: 0, notDue: 0 };
  for (const user of await listUsers(deps.db)) {
    try {
      report[await runUserDigest(deps, user, scheduledFor)]++;
    } catch (error) {
      report.failed++;
      console.error(JSON.stringify({ event: "digest_failed", userId: user.id, error: error instanceof Error ? error.message : String(error) }));
    }
  }
  return report;
}

async function runUserDigest(deps: DigestDeps, user: UserRow, scheduledFor: Date): Promise<keyof DigestJobReport> {
  const { db } = deps;
  const settings = parseSettings(user.settings);
  const timing = digestTiming(scheduledFor.getTime(), user.timeZone, settings, user.paused);
  if (!timing.due) return "notDue";
  const claim = await claimDigest(db, user.id, timing.localDate, scheduledFor, DIGEST_LEASE_MS, MAX_DIGEST_ATTEMPTS);
  if (!claim) return "skipped";

  const { records, plans } = await refreshFollowUps(db, user, scheduledFor);
  const undelivered = await listUndeliveredDigests(db, user.id, timing.localDate);
  const replyAddress = await replyAddressFor(deps.config, user.id);
  const plan = planDigest({
    scheduledFor: scheduledFor.getTime(),
    localDate: timing.localDate,
    timeZone: user.timeZone,
    applications: records.applications,
    interviews: records.interviews,
    followUps: records.followUps,
    plans,
    undelivered: undelivered.map((d) => d.localDate),
    replyAddress,
  });
  if (plan.quiet && undelivered.length === 0 && !settings.quietDigest) {
    await finishDigest(db, claim, { status: "empty" });
    return "empty";
  }
  const rendered = renderDigest(plan.content);
  if (!(await markDigestSending(db, claim))) return "skipped";
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({ to: user.email, subject: rendered.subject, text: rendered.text, html: rendered.html, replyTo: replyAddress }));
  } catch (error) {
    await finishDigest(db, claim, { status: "failed", error: error instanceof Error ? error.message : String(error) });
    return "failed";
  }
  await finishDigest(db, claim, {
    status: "sent",
    messageId,
    subject: rendered.subject,
    items: plan.items,
    shownFollowUpIds: plan.items.map((i) => i.followUpId),
    reportedDigestIds: undelivered.map((d) => d.id),
    at: scheduledFor,
  });
  return "sent";
}
