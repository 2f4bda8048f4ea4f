/**
 * Reads kept messages again, so that mail the assistant could not understand (or understood
 * with an older reader) benefits from improvements. A message that was never filed is filed
 * now, through the same steps as on arrival (src/db/filing.ts `fileKeptRaw`), without a
 * confirmation; one already filed only has its stored understanding refreshed, because filing
 * it again would apply its changes twice.
 */
import type { Db } from "../db/client.ts";
import { fileKeptRaw } from "../db/filing.ts";
import { getInbound, listInboundIds, loadRawChunks, markInbound } from "../db/messages.ts";
import { getUser } from "../db/users.ts";
import { gunzip, joinChunks } from "../db/raw-codec.ts";
import { PARSER_VERSION, readEmail } from "../core/understanding/read.ts";
import type { Deps } from "../deps.ts";

export interface RereadReport {
  messageId: number;
  before: string;
  after: string;
}

export async function loadRaw(db: Db, messageId: number): Promise<Uint8Array> {
  return gunzip(joinChunks(await loadRawChunks(db, messageId)));
}

export async function rereadMessage(deps: Deps, messageId: number): Promise<RereadReport | null> {
  const row = await getInbound(deps.db, messageId);
  if (!row || row.channel !== "forward") return null;
  const user = await getUser(deps.db, row.userId);
  if (!user) return null;
  const raw = await loadRaw(deps.db, row.id);
  const ownerAddresses = deps.config.ownerEmails;
  if (row.state === "understood" || row.state === "ignored") {
    const read = await readEmail(raw, { ownerAddresses });
    if (read.ok) await markInbound(deps.db, row.id, { state: row.state, understanding: read.value.understanding, parserVersion: PARSER_VERSION });
    return { messageId: row.id, before: row.state, after: row.state };
  }
  const filing = await fileKeptRaw(deps.db, user, row, raw, { ownerAddresses, now: deps.now });
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
