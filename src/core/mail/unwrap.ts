/**
 * Recovers the original message from a forward: inline forwards of every common client (the
 * marker and header tables live in forward-headers.ts), forward-as-attachment (a
 * message/rfc822 part, parsed again and unwrapped recursively up to MAX_FORWARD_DEPTH),
 * HTML-only forwards (converted to text first), forwards of forwards (the innermost original
 * wins), and the untouched auto-forward ("direct": the message itself is the original).
 *
 * Pure: no I/O, no clock. Async only because an attached original is parsed with postal-mime.
 * Calendar parts of the outer forward are kept with the original's, because clients often
 * attach the invitation to the forward rather than to the forwarded text.
 */
import type { Attachment, Email, Mailbox } from "postal-mime";
import type { Address, CalendarPart, ForwardedEmail, Link, OriginalMessage, OwnerNote } from "./forwarded-email.ts";
import { findInlineForward, parseAddressList, type InlineForward } from "./forward-headers.ts";
import { parseHeaderDate, toIsoWithOffset } from "./header-date.ts";
import { htmlToText, mayHaveLinks } from "./html-to-text.ts";
import { MAX_FORWARD_DEPTH, MAX_TEXT_CHARS } from "./limits.ts";
import { readOwnerNote } from "./owner-note.ts";
import { parseMime } from "./parse.ts";

export interface UnwrapOptions {
  /** The owner's own addresses; compared case-insensitively. */
  ownerAddresses: string[];
}

const REPLY_SUBJECT = /^\s*(?:re|aw|antw|sv|vs|r|res|ref)\s*(?:\[\d+\])?\s*:/i;
const FORWARD_SUBJECT = /^\s*(?:fwd?|fw|wg|tr|rv|enc|doorst|i|vl)\s*:/i;
const AUTO_FORWARD_HEADERS = new Set(["x-forwarded-for", "x-forwarded-to", "delivered-to"]);

interface Body {
  text: string;
  html: string | null;
  /** Links of the HTML part, with their offset in `htmlText`. */
  links: { href: string; text: string; index: number }[];
  /** The HTML part as text; null without one, or when it has no links and was not needed (readBody). */
  htmlText: string | null;
}

export async function unwrapForward(email: Email, options: UnwrapOptions): Promise<ForwardedEmail> {
  const owners = new Set<string>();
  for (const address of options.ownerAddresses) {
    const owner = address.trim().toLowerCase();
    if (owner) owners.add(owner);
  }
  return unwrapLayer(email, owners, 0);
}

async function unwrapLayer(email: Email, owners: Set<string>, depth: number): Promise<ForwardedEmail> {
  const body = readBody(email);
  const calendars = readCalendarParts(email.attachments);
  const headerDate = readDateHeader(email);

  if (isAutoForwardedFromOthers(email, owners)) return direct(email, body, calendars, headerDate);

  const inline = findInlineForward(body.text);
  if (inline && depth < MAX_FORWARD_DEPTH && !isQuotedReply(email, inline)) {
    return unwrapInline(inline, body, calendars, headerDate, owners, depth);
  }

  const attached = depth < MAX_FORWARD_DEPTH ? email.attachments.find(isAttachedMessage) : undefined;
  if (attached) {
    const parsed = await parseMime(toBytes(attached.content));
    if (parsed.ok) {
      const inner = await unwrapLayer(parsed.value, owners, depth + 1);
      const note = readOwnerNote(body.text);
      return {
        style: inner.style === "direct" ? "attachment" : inner.style,
        original: { ...inner.original, calendars: mergeCalendars(inner.original.calendars, calendars) },
        note: mergeNotes(note, inner.note, isOwner(toAddress(parsed.value.from), owners)),
        depth: inner.depth + 1,
      };
    }
  }
  return direct(email, body, calendars, headerDate, inline);
}

/** The forwarded message of an inline forward, unwrapping nested inline forwards inside it. */
function unwrapInline(
  first: InlineForward,
  body: Body,
  calendars: CalendarPart[],
  headerDate: { iso: string | null; offsetMin: number | null },
  owners: Set<string>,
  depth: number,
): ForwardedEmail {
  let block = first;
  let note = readOwnerNote(first.note);
  // `level` is the absolute nesting depth, so the limit holds across attachment and inline layers.
  let level = depth + 1;
  let bodyStart = first.bodyIndex;
  // findInlineForward(block.body) once it has been searched: cutQuotedHistory needs it too.
  let innerBlock: InlineForward | null | undefined;
  while (level < MAX_FORWARD_DEPTH) {
    const nested = findInlineForward(block.body);
    if (!nested || !isNestedForward(block, nested)) {
      innerBlock = nested;
      break;
    }
    const forwarder = parseAddressList(block.fields.from)[0] ?? null;
    note = mergeNotes(note, readOwnerNote(nested.note), isOwner(forwarder, owners));
    bodyStart += nested.bodyIndex;
    block = nested;
    level++;
  }
  const innerBody = cutQuotedHistory(block.body, block.fields.subject ?? "", innerBlock);
  const from = parseAddressList(block.fields.from)[0] ?? null;
  const shown = block.fields.date ? parseHeaderDate(block.fields.date) : null;
  // Most clients print the forwarder's local time without an offset; the forward's own Date
  // header was written by the same client, so its offset is the best estimate for the instant.
  const offsetForInstant = shown?.offsetMin ?? headerDate.offsetMin ?? 0;
  const original: OriginalMessage = {
    from,
    to: parseAddressList(block.fields.to),
    cc: parseAddressList(block.fields.cc),
    replyTo: parseAddressList(block.fields.replyTo)[0] ?? null,
    date: shown ? toIsoWithOffset(shown.local, offsetForInstant) : null,
    dateOffsetMin: shown?.offsetMin ?? null,
    subject: block.fields.subject?.trim() || null,
    messageId: null,
    text: innerBody.slice(0, MAX_TEXT_CHARS),
    html: body.html,
    links: linksAfter(body, bodyStart),
    calendars,
  };
  return { style: first.style, original, note, depth: level - depth };
}

/** `knownBlock` is `findInlineForward(body.text)` when the caller already has it. */
function direct(
  email: Email,
  body: Body,
  calendars: CalendarPart[],
  headerDate: { iso: string | null; offsetMin: number | null },
  knownBlock?: InlineForward | null,
): ForwardedEmail {
  const original: OriginalMessage = {
    from: toAddress(email.from),
    to: toAddresses(email.to),
    cc: toAddresses(email.cc),
    replyTo: toAddresses(email.replyTo)[0] ?? null,
    date: headerDate.iso,
    dateOffsetMin: headerDate.offsetMin,
    subject: email.subject?.trim() || null,
    messageId: normaliseMessageId(email.messageId),
    text: cutQuotedHistory(body.text, email.subject ?? "", knownBlock).slice(0, MAX_TEXT_CHARS),
    html: body.html,
    links: body.links.map(({ href, text }) => ({ href, text })),
    calendars,
  };
  return { style: "direct", original, note: { text: "", hints: {} }, depth: 0 };
}

function readBody(email: Email): Body {
  const html = email.html?.trim() ? email.html : null;
  const plain = email.text?.replace(/\r\n?/g, "\n").trim() ?? "";
  // The HTML's text is needed for its links, or when the plain part may be a stub of it. It is
  // never longer than the HTML: a plain part that is no stub of that length needs no conversion.
  if (html && plain && !mayHaveLinks(html) && !isStubOf(plain, html.length)) {
    return { text: plain, html, links: [], htmlText: null };
  }
  const fromHtml = html ? htmlToText(html) : null;
  return {
    text: plain && !isStubOf(plain, (fromHtml?.text ?? "").trim().length) ? plain : fromHtml?.text || plain,
    html,
    links: fromHtml?.links ?? [],
    htmlText: fromHtml?.text ?? null,
  };
}

// A plain part rendered from its HTML is about as long; one under this share of the HTML's
// text is a summary ("You're invited to an interview. A calendar invite is attached."), and the
// names, labels and links a reader sees are in the HTML.
const STUB_SHARE = 0.6;

function isStubOf(plain: string, htmlTextLength: number): boolean {
  return plain.length < htmlTextLength * STUB_SHARE;
}

/**
 * Links of the forwarded part. When the body text came from the HTML, `bodyStart` is an offset
 * in that same text; otherwise the forwarded block is found again in the HTML's text.
 */
function linksAfter(body: Body, bodyStart: number): Link[] {
  if (body.htmlText === null || body.links.length === 0) return [];
  let start = 0;
  if (body.htmlText === body.text) start = bodyStart;
  else {
    const inHtml = findInlineForward(body.htmlText);
    if (inHtml) start = inHtml.bodyIndex;
  }
  return body.links.filter((link) => link.index >= start).map(({ href, text }) => ({ href, text }));
}

/** A nested block is unwrapped when it is a forward, not the quoted history of a reply. */
function isNestedForward(outer: InlineForward, nested: InlineForward): boolean {
  const subject = outer.fields.subject ?? "";
  if (REPLY_SUBJECT.test(subject)) return false;
  return nested.explicitForward || FORWARD_SUBJECT.test(subject);
}

// "On Tue, 3 Mar 2026, Ann <a@x> wrote:" and its translations.
const REPLY_ATTRIBUTION =
  /^(?:on\b.{5,200}\bwrote|am\b.{5,200}\bschrieb\b.{0,100}|le\b.{5,200}\ba écrit|el\b.{5,200}\bescribió|em\b.{5,200}\bescreveu|op\b.{5,200}\bschreef\b.{0,100})\s*:$/i;

/**
 * Cuts the quoted history of a reply ("-----Original Message-----", a bare Outlook header
 * block, "On ... wrote:") off a message's text: it is older mail, not what the message says.
 * A message whose subject says it is a forward keeps everything. `knownBlock` is the result of
 * `findInlineForward(text)` when the caller already has it.
 */
function cutQuotedHistory(text: string, subject: string, knownBlock?: InlineForward | null): string {
  if (FORWARD_SUBJECT.test(subject)) return text.trim();
  let cut = text;
  const quoted = knownBlock === undefined ? findInlineForward(cut) : knownBlock;
  if (quoted && !quoted.explicitForward) cut = quoted.note;
  // An attribution on the first line cuts nothing: there is no message above it.
  const attribution = findReplyAttribution(cut);
  if (attribution > 0) cut = cut.slice(0, attribution - 1);
  return withoutTrailingRules(cut).trim() || text.trim();
}

/** Offset of the first line that is a reply attribution, or -1. */
function findReplyAttribution(text: string): number {
  // Only a line ending in a colon can be one: visit the colons rather than every line.
  for (let colon = text.indexOf(":"); colon >= 0; colon = text.indexOf(":", colon + 1)) {
    const lineEnd = text.indexOf("\n", colon);
    const end = lineEnd < 0 ? text.length : lineEnd;
    if (text.slice(colon + 1, end).trim() !== "") continue;
    const start = text.lastIndexOf("\n", colon) + 1;
    if (REPLY_ATTRIBUTION.test(text.slice(start, end).trim())) return start;
  }
  return -1;
}

const RULE_OR_QUOTE_MARKS = /^[\s_\-=>]*$/;

/** The text without the lines of rules or quote marks left at its end ("____", "-----", ">"). */
function withoutTrailingRules(text: string): string {
  let end = text.length;
  for (;;) {
    const start = end === 0 ? 0 : text.lastIndexOf("\n", end - 1) + 1;
    if (!RULE_OR_QUOTE_MARKS.test(text.slice(start, end))) return text.slice(0, end);
    if (start === 0) return "";
    end = start - 1;
  }
}

/**
 * An untouched auto-forward: the owner's mailbox redirected someone else's message. Known only
 * when the owner's addresses are known.
 */
function isAutoForwardedFromOthers(email: Email, owners: Set<string>): boolean {
  if (owners.size === 0) return false;
  const from = toAddress(email.from)?.address ?? null;
  if (from && owners.has(from)) return false;
  for (const header of email.headers) {
    if (!AUTO_FORWARD_HEADERS.has(header.key)) continue;
    if (header.value.toLowerCase().split(/[\s,;<>]+/).some((token) => owners.has(token))) return true;
  }
  return false;
}

/**
 * A reply that quotes earlier mail is not a forward: the quoted message was sent by the reply's
 * recipient, and the reply's sender is not among the quoted message's recipients.
 */
function isQuotedReply(email: Email, inline: InlineForward): boolean {
  const subject = email.subject ?? "";
  if (REPLY_SUBJECT.test(subject) && !FORWARD_SUBJECT.test(subject) && !inline.explicitForward) return true;
  const quotedFrom = parseAddressList(inline.fields.from)[0]?.address ?? null;
  if (quotedFrom === null || !toAddresses(email.to).some((a) => a.address === quotedFrom)) return false;
  const outerFrom = toAddress(email.from)?.address ?? null;
  return outerFrom !== null && !parseAddressList(inline.fields.to).some((a) => a.address === outerFrom);
}

function isAttachedMessage(attachment: Attachment): boolean {
  const isMessage = attachment.mimeType === "message/rfc822" || /\.eml$/i.test(attachment.filename ?? "");
  return isMessage && !attachment.rfc822DepthExceeded;
}

function isOwner(address: Address | null, owners: Set<string>): boolean {
  return address?.address !== null && address?.address !== undefined && owners.has(address.address);
}

/** The outer note always counts; an inner one only when an owner wrote it. Outer hints win. */
function mergeNotes(outer: OwnerNote, inner: OwnerNote, innerIsOwner: boolean): OwnerNote {
  if (!innerIsOwner) return outer;
  return {
    text: [outer.text, inner.text].filter(Boolean).join("\n\n"),
    hints: { ...inner.hints, ...outer.hints },
  };
}

// Shared: decode() without streaming keeps no state between calls.
const UTF8 = new TextDecoder();

function readCalendarParts(attachments: Attachment[]): CalendarPart[] {
  const parts: CalendarPart[] = [];
  for (const attachment of attachments) {
    const isCalendar =
      attachment.mimeType === "text/calendar" ||
      attachment.mimeType === "application/ics" ||
      /\.(?:ics|vcs)$/i.test(attachment.filename ?? "");
    if (!isCalendar) continue;
    const content = typeof attachment.content === "string" && attachment.encoding !== "base64"
      ? attachment.content
      : UTF8.decode(toBytes(attachment.content));
    parts.push({ filename: attachment.filename, content });
  }
  return mergeCalendars(parts, []);
}

/** Concatenates calendar parts, dropping exact duplicates (a text/calendar body and its invite.ics). */
function mergeCalendars(first: CalendarPart[], second: CalendarPart[]): CalendarPart[] {
  // A single part has no duplicate: no need to normalise its content into a key.
  if (first.length + second.length <= 1) return [...first, ...second];
  const seen = new Set<string>();
  const merged: CalendarPart[] = [];
  for (const part of [...first, ...second]) {
    const key = part.content.replace(/\r\n?/g, "\n").trim();
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(part);
  }
  return merged;
}

function toBytes(content: Attachment["content"]): Uint8Array {
  if (content instanceof Uint8Array) return content;
  if (content instanceof ArrayBuffer) return new Uint8Array(content);
  return Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
}

function readDateHeader(email: Email): { iso: string | null; offsetMin: number | null } {
  const raw = email.headers.find((h) => h.key === "date")?.value;
  const parsed = raw ? parseHeaderDate(raw) : null;
  if (parsed) return { iso: toIsoWithOffset(parsed.local, parsed.offsetMin ?? 0), offsetMin: parsed.offsetMin };
  const fallback = email.date && !Number.isNaN(Date.parse(email.date)) ? new Date(Date.parse(email.date)).toISOString() : null;
  return { iso: fallback, offsetMin: null };
}

function toAddress(value: Email["from"]): Address | null {
  if (!value) return null;
  const mailbox: Mailbox | undefined = value.group ? value.group[0] : value;
  if (!mailbox) return null;
  return { name: mailbox.name.trim() || null, address: mailbox.address.trim().toLowerCase() || null };
}

function toAddresses(values: Email["to"]): Address[] {
  const out: Address[] = [];
  for (const value of values ?? []) {
    const mailboxes = value.group ?? [value];
    for (const mailbox of mailboxes) {
      out.push({ name: mailbox.name.trim() || null, address: mailbox.address.trim().toLowerCase() || null });
    }
  }
  return out;
}

/**
 * "<id@host>", the dedupe key of an original. The bracketed token wins over anything around it
 * (comments, a second id); whitespace and control characters, never part of an id, are dropped.
 */
function normaliseMessageId(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  const bracketed = /<([^<>]*[^<>\s\x00-\x1f\x7f][^<>]*)>/.exec(trimmed)?.[1];
  const id = (bracketed ?? trimmed.replace(/^<|>$/g, "")).replace(/[\s\x00-\x1f\x7f<>]/g, "");
  return id ? `<${id}>` : null;
}
