/**
 * Everything the digest job computes between its reads and its writes: the follow-ups
 * refreshed, the digest planned from the records as the refresh will leave them, and rendered.
 * Pure: no I/O, no clock; the tick's scheduled time is an argument. The job
 * (src/cron/digest-job.ts) reads the records and writes the result.
 */
import { planDigest, type DigestPlan } from "./plan.ts";
import { planLookBack } from "./look-back.ts";
import type { DetailSource } from "./doubts.ts";
import { renderDigest } from "./render.ts";
import type { RenderedDigest } from "./content.ts";
import { parseSettings } from "../follow-ups/settings.ts";
import { addShownTextUpdates, planRefresh, recordsAfterRefresh, type RefreshPlan, type RefreshUser, type UserRecords } from "../follow-ups/refresh.ts";

/**
 * A numbered digest item, by its follow-up's stable key: a follow-up first written in the same
 * batch as the outcome has no id until the batch runs.
 */
export interface DigestItemKey {
  number: number;
  applicationId: number;
  followUpKey: string;
}

export interface DigestInput {
  user: RefreshUser;
  records: UserRecords;
  undelivered: readonly { localDate: string }[];
  localDate: string;
  scheduledFor: number;
  replyAddress: string;
  /** The events that set each application's company, contact and interview times, for the drafts to check (absent: none doubted). */
  detailSources?: readonly DetailSource[];
  /** No digest went out yet this week (from Monday, in the user's zone): this one carries the look back. */
  firstOfWeek?: boolean;
}

export interface ComposedDigest {
  refresh: RefreshPlan;
  plan: DigestPlan;
  /** The numbered items by follow-up key: a follow-up the refresh adds has no id before the outcome batch. */
  items: DigestItemKey[];
  /** The email to send, or null on a quiet day the user did not ask to hear about. */
  email: RenderedDigest | null;
}

/**
 * The rules over every application, the follow-ups reconciled, the digest planned from the
 * records as the refresh will leave them, and rendered. The refresh also brings the shown
 * drafts' stored texts up to date.
 */
export function composeDigest(input: DigestInput): ComposedDigest {
  const refresh = planRefresh(input.records, input.user, input.scheduledFor);
  const after = recordsAfterRefresh(input.records, refresh);
  const lookBack = input.firstOfWeek
    ? planLookBack({
        localDate: input.localDate,
        timeZone: input.user.timeZone,
        applicationIds: after.applications.map((a) => a.id),
        events: input.records.events,
        interviews: after.interviews,
      })
    : null;
  const plan = planDigest({
    scheduledFor: input.scheduledFor,
    localDate: input.localDate,
    timeZone: input.user.timeZone,
    applications: after.applications,
    interviews: after.interviews,
    followUps: after.followUps,
    plans: refresh.plans,
    undelivered: input.undelivered.map((d) => d.localDate),
    replyAddress: input.replyAddress,
    settings: parseSettings(input.user.settings),
    detailSources: input.detailSources,
    lookBack,
  });
  const rowOf = new Map(after.followUps.map((f) => [f.id, f]));
  const shown: UserRecords["followUps"] = [];
  const items = plan.items.map((item) => {
    const row = rowOf.get(item.followUpId);
    if (row === undefined) throw new Error(`digest item ${item.number} has no follow-up`);
    shown.push(row);
    return { number: item.number, applicationId: item.applicationId, followUpKey: row.key };
  });
  const quietDay = plan.quiet && input.undelivered.length === 0 && !parseSettings(input.user.settings).quietDigest;
  return { refresh: addShownTextUpdates(refresh, shown), plan, items, email: quietDay ? null : renderDigest(plan.content) };
}
