/**
 * An action on the private page, kept as an inbound row of channel "page", as a reply is kept:
 * the changes it makes are events of that row, so `undo` (a reply or the page's button) finds
 * and reverses them as it does a reply's. Its raw bytes are a short text naming the command,
 * when and where it was given; a random id in it keeps two identical actions apart (rows are
 * unique per user and SHA-256 of their bytes).
 */
import type { Db } from "./client.ts";
import { storeInbound, type InboundRow } from "./messages.ts";
import { gzip, sha256Hex, splitChunks } from "./raw-codec.ts";
import { randomSecret } from "./sessions.ts";

/** What the row's envelope says in place of addresses: the owner acted, on the page. */
const PAGE_ENVELOPE_TO = "private page";

export async function storePageAction(db: Db, user: { id: number; email: string }, command: string, now: Date): Promise<InboundRow> {
  const raw = new TextEncoder().encode([`Action: ${command}`, `Given on: the private page`, `At: ${now.toISOString()}`, `Id: ${randomSecret()}`, ""].join("\r\n"));
  const { row } = await storeInbound(db, {
    userId: user.id,
    receivedAt: now,
    envelopeFrom: user.email,
    envelopeTo: PAGE_ENVELOPE_TO,
    rawSha256: await sha256Hex(raw),
    rawSize: raw.byteLength,
    channel: "page",
    outerMessageId: null,
    subject: command,
    compressedChunks: splitChunks(await gzip(raw)),
  });
  return row;
}
