/**
 * Reads kept messages again, so that mail the assistant could not understand (or understood
 * with an older parser) benefits from improvements. A message that was never filed is filed
 * now; one already filed only has its stored understanding refreshed, because filing it again
 * would apply its changes twice.
 */
import type { Db } from "../db/client.ts";
import { getInbound, getUser, listInboundIds, loadRawChunks, markInbound } from "../db/queries.ts";
import { gunzip, joinChunks } from "./raw-codec.ts";
import { PARSER_VERSION, readKeptMessage, understandAndFile, type IngestDeps } from "./receive.ts";

export interface RereadReport {
  messageId: number;
  before: string;
  after: string;
}

export async function loadRaw(db: Db, messageId: number): Promise<Uint8Array> {
  return gunzip(joinChunks(await loadRawChunks(db, messageId)));
}

export async function rereadMessage(deps: IngestDeps, messageId: number): Promise<RereadReport | null> {
  const row = await getInbound(deps.db, messageId);
  if (!row || row.channel !== "forward") return null;
  const user = await getUser(deps.db, row.userId);
  if (!user) return null;
  const raw = await loadRaw(deps.db, row.id);
  if (row.state === "understood" || row.state === "ignored") {
    const read = await readKeptMessage(raw, deps.config);
    if (read.ok) await markInbound(deps.db, row.id, { state: row.state, understanding: read.reading.understanding, parserVersion: PARSER_VERSION });
    return { messageId: row.id, before: row.state, after: row.state };
  }
  const after = await understandAndFile(deps, user, row, raw, { confirm: false });
  return { messageId: row.id, before: row.state, after };
}

export async function rereadAll(deps: IngestDeps, userId: number): Promise<RereadReport[]> {
  const reports: RereadReport[] = [];
  for (const id of await listInboundIds(deps.db, userId, "forward")) {
    const report = await rereadMessage(deps, id);
    if (report) reports.push(report);
  }
  return reports;
}
