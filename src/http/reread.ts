/**
 * Reads kept messages again, so that mail the assistant could not understand (or understood
 * with an older reader) benefits from improvements. Every message is filed through the same
 * steps as on arrival (src/db/filing.ts `fileKeptRaw`), without a confirmation: a message filed
 * before has that filing taken back in the batch that files it anew (src/db/refiling.ts), so
 * its application, interviews, events and follow-ups end as a fresh filing of it would have
 * left them, and nothing is applied twice. Nothing else writes a stored understanding.
 *
 * Left as it is: a message already read by the current reader (PARSER_VERSION), and one whose
 * filing the owner undid or later changes build on.
 */
import type { Db } from "../db/client.ts";
import { fileKeptRaw } from "../db/filing.ts";
import { refreshFollowUps } from "../db/follow-ups.ts";
import { getInbound, listInboundIds, loadRawChunks } from "../db/messages.ts";
import { readEarlierFiling } from "../db/refiling.ts";
import { getUser } from "../db/users.ts";
import { gunzip, joinChunks } from "../db/raw-codec.ts";
import { PARSER_VERSION } from "../core/understanding/read.ts";
import type { Deps } from "../deps.ts";

export interface RereadReport {
  messageId: number;
  before: string;
  after: string;
  /** Why the message was left as it was, when it was. */
  kept?: string;
}

export async function loadRaw(db: Db, messageId: number): Promise<Uint8Array> {
  return gunzip(joinChunks(await loadRawChunks(db, messageId)));
}

export async function rereadMessage(deps: Deps, messageId: number): Promise<RereadReport | null> {
  const row = await getInbound(deps.db, messageId);
  if (!row || row.channel !== "forward") return null;
  const user = await getUser(deps.db, row.userId);
  if (!user) return null;
  const unchanged = (kept: string): RereadReport => ({ messageId: row.id, before: row.state, after: row.state, kept });
  if (row.parserVersion === PARSER_VERSION) return unchanged("already read by the current reader");
  const earlier = await readEarlierFiling(deps.db, row);
  if ("kept" in earlier) return unchanged(earlier.kept);
  const raw = await loadRaw(deps.db, row.id);
  // Its events keep the time the message arrived, as a filing on arrival records them.
  const filing = await fileKeptRaw(deps.db, user, row, raw, { ownerAddresses: deps.config.ownerEmails, now: deps.now, at: row.receivedAt, earlier: earlier.filing });
  // The filing brought its own application's follow-ups up to date; those of an application the
  // earlier filing changed follow that change back.
  const filedTo = filing.outcome?.kind === "filed" ? filing.outcome.applicationId : null;
  for (const applicationId of earlier.filing.touchedApplicationIds) {
    if (applicationId === filedTo) continue;
    try {
      await refreshFollowUps(deps.db, user, deps.now, applicationId);
    } catch (error) {
      // The re-read is complete; the next digest recomputes follow-ups anyway.
      console.error(JSON.stringify({ event: "follow_up_refresh_failed", applicationId, error: error instanceof Error ? error.message : String(error) }));
    }
  }
  return { messageId: row.id, before: row.state, after: filing.state };
}

export async function rereadAll(deps: Deps, userId: number): Promise<RereadReport[]> {
  const reports: RereadReport[] = [];
  for (const id of await listInboundIds(deps.db, userId, "forward")) {
    const report = await rereadMessage(deps, id);
    if (report) reports.push(report);
  }
  return reports;
}
