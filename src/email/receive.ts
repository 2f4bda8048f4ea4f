/**
 * The email() adapter: gate → keep raw → parse → unwrap → understand → file → confirm.
 *
 * Outcomes, as Email Routing sees them:
 * - `setReject(reason)`: a permanent bounce, only for mail refused on purpose (a stranger, too
 *   big). Nothing of it is stored.
 * - a thrown error: a temporary SMTP failure, so the sending server retries. Only before the
 *   raw message is safely stored, or when D1 fails while filing (the retry resumes from the
 *   stored copy and files it once).
 * - a normal return: the message is kept. Whatever could not be understood is recorded on it
 *   and told to the owner.
 */
import { admitMessage } from "../core/mail/gate.ts";
import { MAX_PARSE_BYTES, MAX_RAW_BYTES } from "../core/mail/limits.ts";
import { parseMime, type MimeRejection } from "../core/mail/parse.ts";
import { unwrapForward } from "../core/mail/unwrap.ts";
import { understandEmail } from "../core/understanding/understand.ts";
import { filingKeys, planFiling } from "../core/filing/plan.ts";
import { buildConfirmation, type ConfirmationOutcome } from "../core/filing/confirmation.ts";
import type { Understanding } from "../core/understanding/types.ts";
import { createDb } from "../db/client.ts";
import { ownerOf, parseConfig, type Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import {
  applyFilingPlan,
  ensureOwner,
  findFiledOriginal,
  getInbound,
  hasOutboundFor,
  loadApplicationSnapshots,
  markInbound,
  recordOutbound,
  storeInbound,
  type InboundRow,
  type UserRow,
} from "../db/queries.ts";
import { createMailer, isSafeMessageId, type Mailer } from "./send.ts";
import { gzip, sha256Hex, splitChunks } from "./raw-codec.ts";
import { renderPlainTextHtml } from "../core/mail/html.ts";
import { refreshFollowUps } from "../services/follow-ups.ts";
import { handleCommandReply } from "./commands.ts";
import { replyAddressFor } from "./reply-address.ts";

/** Bumped when understanding changes enough that kept messages are worth reading again. */
export const PARSER_VERSION = 1;

/** The adapters ingest needs, from the worker's bindings; `now` is the wall clock of this event. */
export function ingestDepsFor(env: Env): IngestDeps {
  const config = parseConfig(env);
  return { db: createDb(env.DB), mailer: createMailer(env.EMAIL, config.assistantEmail), config, now: new Date() };
}

export interface IngestDeps {
  db: Db;
  mailer: Mailer;
  config: Config;
  now: Date;
}

export type ReceiveOutcome =
  | { outcome: "rejected"; reason: string }
  | { outcome: "dropped"; reason: string }
  | { outcome: "stored"; messageId: number; duplicate: boolean; state: InboundRow["state"] };

const MIB = 1024 * 1024;
/** Control characters and bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const SUBJECT_UNSAFE = /[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]+/g;
/**
 * Characters of a confirmation's subject (which quotes the forward's). The mailer writes a
 * non-ASCII subject as one base64 encoded word: 150 characters of 4-byte UTF-8 keep that header
 * line under RFC 5322's 998 characters; a 2,000-character subject made a 1,221-character line.
 */
const MAX_CONFIRMATION_SUBJECT_CHARS = 150;

export async function receiveEmail(message: ForwardableEmailMessage, deps: IngestDeps): Promise<ReceiveOutcome> {
  const { config } = deps;
  if (message.rawSize > MAX_RAW_BYTES) {
    const reason = `Message too large: ${(message.rawSize / MIB).toFixed(1)} MiB. The assistant keeps messages up to ${MAX_RAW_BYTES / MIB} MiB; forward the email without its attachments.`;
    message.setReject(reason);
    return { outcome: "rejected", reason };
  }
  const admission = admitMessage({ from: message.from, to: message.to }, message.headers, {
    ownerAddresses: config.ownerEmails,
    assistantAddress: config.assistantEmail,
  });
  if (!admission.ok) {
    if (admission.error.action === "reject") {
      message.setReject(admission.error.message);
      return { outcome: "rejected", reason: admission.error.message };
    }
    return { outcome: "dropped", reason: admission.error.reason };
  }

  const raw = new Uint8Array(await new Response(message.raw).arrayBuffer());
  const user = await ensureOwner(deps.db, ownerOf(config), deps.now);
  const { row, duplicate } = await storeInbound(deps.db, {
    userId: user.id,
    receivedAt: deps.now,
    envelopeFrom: message.from,
    envelopeTo: message.to,
    rawSha256: await sha256Hex(raw),
    rawSize: raw.byteLength,
    channel: admission.value.channel,
    outerMessageId: headerOrNull(message.headers.get("message-id")),
    subject: headerOrNull(message.headers.get("subject")),
    compressedChunks: splitChunks(await gzip(raw)),
  });
  // The same delivery again (an SMTP retry): done if a previous attempt finished the work.
  if (duplicate && row.state !== "stored") return { outcome: "stored", messageId: row.id, duplicate, state: row.state };

  const state =
    admission.value.channel === "command"
      ? await handleCommandReply(deps, user, row, raw, { from: message.from, recipientTag: admission.value.recipientTag })
      : await understandAndFile(deps, user, row, raw, { confirm: true });
  return { outcome: "stored", messageId: row.id, duplicate, state };
}

/** At most `max` characters (code points, so no surrogate pair is split), with "…" when cut. */
function truncateChars(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

function headerOrNull(value: string | null): string | null {
  return value === null ? null : value.slice(0, 998);
}

interface Reading {
  understanding: Understanding;
  originalMessageId: string | null;
  originalSubject: string | null;
  sentAt: number | null;
  note: string | null;
}

function describeMimeRejection(rejection: MimeRejection): string {
  switch (rejection.reason) {
    case "headers_too_large":
      return `its header block is ${Math.round(rejection.bytes / 1024)} KiB, over the ${rejection.limit / 1024} KiB the assistant reads`;
    case "too_many_lines":
      return `it has ${rejection.lines} lines, over the ${rejection.limit} the assistant reads`;
    case "unparseable":
      return `its MIME structure could not be parsed (${rejection.detail})`;
  }
}

/** Pure work on a kept message. A thrown error here is a bug in reading, not a fault to retry. */
export async function readKeptMessage(raw: Uint8Array, config: Config): Promise<{ ok: true; reading: Reading } | { ok: false; problem: string }> {
  const parsed = await parseMime(raw);
  if (!parsed.ok) return { ok: false, problem: describeMimeRejection(parsed.error) };
  try {
    const forwarded = await unwrapForward(parsed.value, { ownerAddresses: config.ownerEmails });
    return {
      ok: true,
      reading: {
        understanding: understandEmail(forwarded),
        originalMessageId: forwarded.original.messageId,
        originalSubject: forwarded.original.subject,
        sentAt: forwarded.original.date ? Date.parse(forwarded.original.date) || null : null,
        note: forwarded.note.text || null,
      },
    };
  } catch (error) {
    console.error(JSON.stringify({ event: "understand_failed", error: error instanceof Error ? error.message : String(error) }));
    return { ok: false, problem: "reading it failed unexpectedly" };
  }
}

/**
 * Understands a kept message and files it, then tells the owner. Used on arrival and when kept
 * messages are read again. D1 errors propagate (the caller decides whether to retry).
 */
export async function understandAndFile(
  deps: IngestDeps,
  user: UserRow,
  row: InboundRow,
  raw: Uint8Array,
  options: { confirm: boolean },
): Promise<InboundRow["state"]> {
  const { db, config } = deps;
  let understanding: Understanding | null = null;
  let originalSubject: string | null = row.subject;
  let outcome: ConfirmationOutcome;
  let state: InboundRow["state"];

  if (raw.byteLength > MAX_PARSE_BYTES) {
    state = "not_understood";
    outcome = { kind: "too_large_to_read", rawSize: raw.byteLength };
    await markInbound(db, row.id, { state, problem: `larger than the ${MAX_PARSE_BYTES / MIB} MiB read automatically`, parserVersion: PARSER_VERSION });
  } else {
    const read = await readKeptMessage(raw, config);
    if (!read.ok) {
      state = "not_understood";
      outcome = { kind: "not_understood", problem: read.problem };
      await markInbound(db, row.id, { state, problem: read.problem, parserVersion: PARSER_VERSION });
    } else {
      const { reading } = read;
      understanding = reading.understanding;
      originalSubject = reading.originalSubject ?? row.subject;
      const earlier = reading.originalMessageId ? await findFiledOriginal(db, user.id, reading.originalMessageId, row.id) : null;
      if (earlier) {
        state = "ignored";
        outcome = { kind: "duplicate", applicationId: earlier.applicationId };
        await markInbound(db, row.id, {
          state,
          understanding,
          problem: `same original as message ${earlier.id}`,
          originalMessageId: reading.originalMessageId,
          applicationId: earlier.applicationId,
          parserVersion: PARSER_VERSION,
        });
      } else {
        const apps = await loadApplicationSnapshots(db, user.id, filingKeys(understanding));
        const plan = planFiling({ apps, understanding, note: reading.note, originalSubject, sentAt: reading.sentAt });
        if (plan.action === "skip") {
          state = "not_understood";
          outcome = { kind: "not_job_related" };
          await markInbound(db, row.id, {
            state,
            understanding,
            problem: "nothing in it is about a job application or an interview",
            originalMessageId: reading.originalMessageId,
            parserVersion: PARSER_VERSION,
          });
        } else {
          let applicationId: number;
          try {
            applicationId = await applyFilingPlan(db, {
              userId: user.id,
              messageId: row.id,
              plan,
              understanding,
              originalMessageId: reading.originalMessageId,
              parserVersion: PARSER_VERSION,
              at: deps.now,
            });
          } catch (error) {
            // A concurrent delivery of the same bytes filed it first (the batch's guard refused
            // this one): that delivery confirms; this one succeeds as a duplicate.
            const current = await getInbound(db, row.id);
            if (current && current.state !== "stored") return current.state;
            throw error;
          }
          state = "understood";
          outcome = {
            kind: "filed",
            applicationId,
            isNew: plan.target.kind === "new",
            nextFollowUp: await nextFollowUpAfterFiling(deps, user, applicationId),
            changes: plan.events.filter((e) => e.type !== "email_filed" && e.type !== "application_created").map(describeEvent),
          };
        }
      }
    }
  }

  if (options.confirm) await sendConfirmation(deps, user, row, { understanding, outcome, originalSubject });
  return state;
}

/** Recomputes the application's follow-ups; the first one planned is told in the confirmation. */
async function nextFollowUpAfterFiling(deps: IngestDeps, user: UserRow, applicationId: number): Promise<{ rule: string; dueAt: number } | null> {
  try {
    const { plans } = await refreshFollowUps(deps.db, user, deps.now, applicationId);
    const next = plans.get(applicationId)?.followUps[0];
    return next ? { rule: next.rule, dueAt: next.dueAt } : null;
  } catch (error) {
    // The filing is complete; the next digest recomputes follow-ups anyway.
    console.error(JSON.stringify({ event: "follow_up_refresh_failed", applicationId, error: error instanceof Error ? error.message : String(error) }));
    return null;
  }
}

function describeEvent(event: { type: string; payload: Record<string, unknown> }): string {
  switch (event.type) {
    case "status_changed":
      return `status: ${String(event.payload.from ?? "new")} → ${String(event.payload.to)}`;
    case "interview_scheduled":
      return "interview added";
    case "interview_moved":
      return "interview moved to the new time";
    case "interview_cancelled":
      return "interview cancelled";
    case "timeline_promised":
      return "their promised timeline noted";
    case "note_added":
      return "your note saved (used in follow-up drafts)";
    case "details_updated":
      return `details updated: ${Object.keys(event.payload).join(", ")}`;
    default:
      return event.type.replaceAll("_", " ");
  }
}

async function sendConfirmation(
  deps: IngestDeps,
  user: UserRow,
  row: InboundRow,
  content: { understanding: Understanding | null; outcome: ConfirmationOutcome; originalSubject: string | null },
): Promise<void> {
  if (await hasOutboundFor(deps.db, row.id, "confirmation")) return;
  const replyAddress = await replyAddressFor(deps.config, user.id);
  const confirmation = buildConfirmation({
    understanding: content.understanding,
    outcome: content.outcome,
    ownerTimeZone: user.timeZone,
    originalSubject: content.originalSubject,
    replyAddress,
  });
  // The subject quotes the forward's own, decoded: an encoded word can carry CR/LF (a line break
  // in a header is refused by the mailer, which would lose the confirmation) or bidi overrides
  // that make the subject read backwards in the owner's inbox.
  const subject = truncateChars(confirmation.subject.replace(SUBJECT_UNSAFE, " "), MAX_CONFIRMATION_SUBJECT_CHARS);
  try {
    const { messageId } = await deps.mailer.send({
      to: user.email,
      subject,
      text: confirmation.text,
      html: renderPlainTextHtml(confirmation.text),
      inReplyTo: isSafeMessageId(row.outerMessageId) ? row.outerMessageId : null,
      replyTo: replyAddress,
    });
    await recordOutbound(deps.db, { userId: user.id, kind: "confirmation", messageId, inReplyTo: row.id, subject, sentAt: deps.now });
  } catch (error) {
    // The message is filed; a lost confirmation is logged, not retried by bouncing the forward.
    console.error(JSON.stringify({ event: "confirmation_failed", inboundId: row.id, error: error instanceof Error ? error.message : String(error) }));
  }
}
