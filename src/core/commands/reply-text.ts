/**
 * The new text of a reply: what the user wrote, without the quoted message and without the
 * signature. Pure: no I/O, no clock.
 *
 * Reading stops at the first line that starts quoted or appended material:
 * - an attribution line ("On … wrote:", "Am … schrieb …:", "Le … a écrit :", "El … escribió:",
 *   "Op … schreef …:", "Em … escreveu:", "Il … ha scritto:", or any "… <a@b> wrote:"), even
 *   when the client wrapped it over up to three lines;
 * - an Outlook header block ("From:"/"Von:"/"De:"/"Van:"/"Da:" followed within a few lines by
 *   "Sent:"/"Date:"/"Subject:" or their translations), "-----Original Message-----" and other
 *   "--- words ---" separators, and Outlook's line of underscores;
 * - a forwarded-message marker ("Begin forwarded message:" and its translations);
 * - a signature: the "-- " delimiter, "Sent from my iPhone" and its translations, "Get Outlook
 *   for iOS".
 * Lines quoted with ">" are dropped wherever they are, so inline and bottom-posted replies
 * keep the user's own lines; an attribution directly above such a block is dropped with it
 * instead of ending the reading. Where it is unclear whether text is quoted, it is cut: a
 * command lost is reported to the user as "nothing understood", a quoted command applied
 * would change data the user never asked to change.
 */

/**
 * Characters read from a reply. A bottom-posted reply sits below a quoted digest, and a digest
 * with its drafts runs to tens of KB; nothing a person types as a command lies further down.
 */
export const MAX_REPLY_SCAN_CHARS = 64 * 1024;

/** Attribution lines are short; a longer line is text, and skipping it bounds the work. */
const MAX_ATTRIBUTION_LINE_CHARS = 400;
/** Lines a client may wrap one attribution over (Gmail breaks before a long address). */
const MAX_ATTRIBUTION_LINES = 3;
/** Lines between Outlook's "From:" and the "Sent:"/"Date:" line that confirms the header block. */
const MAX_HEADER_BLOCK_GAP_LINES = 4;

/** Openers of attribution lines and the phrase that closes them, per language. */
const ATTRIBUTIONS: ReadonlyArray<{ opener: string; closes: (lower: string) => boolean }> = [
  { opener: "on ", closes: (lower) => endsWithBeforeColon(lower, "wrote") },
  { opener: "am ", closes: (lower) => lower.endsWith(":") && lower.includes("schrieb") },
  { opener: "le ", closes: (lower) => endsWithBeforeColon(lower, "a écrit") || endsWithBeforeColon(lower, "a ecrit") },
  {
    opener: "el ",
    closes: (lower) => endsWithBeforeColon(lower, "escribió") || endsWithBeforeColon(lower, "escribio"),
  },
  { opener: "op ", closes: (lower) => lower.endsWith(":") && lower.includes("schreef") },
  { opener: "em ", closes: (lower) => endsWithBeforeColon(lower, "escreveu") },
  { opener: "il ", closes: (lower) => endsWithBeforeColon(lower, "ha scritto") },
];

const FROM_LABELS: ReadonlySet<string> = new Set(["from", "von", "de", "van", "da"]);
const HEADER_LABELS: ReadonlySet<string> = new Set([
  "sent", "date", "subject",
  "gesendet", "datum", "betreff",
  "envoyé", "objet",
  "enviado", "enviada", "fecha", "asunto", "data", "assunto",
  "verzonden", "onderwerp",
  "inviato", "oggetto",
]);

/** Lines that begin a signature or a client's appended footer (lower-case prefixes). */
const FOOTER_PREFIXES: readonly string[] = [
  "sent from ", "sent via ", "get outlook for ",
  "von meinem ", "gesendet von ",
  "envoyé de mon ", "envoyé depuis ",
  "enviado desde mi ", "enviado do meu ", "enviado de meu ",
  "verstuurd vanaf mijn ", "verzonden vanaf mijn ",
  "inviato da ",
];

const FORWARD_MARKERS: readonly string[] = [
  "begin forwarded message:",
  "anfang der weitergeleiteten nachricht:",
  "début du message réexpédié :",
  "début du message réexpédié:",
  "begin doorgestuurd bericht:",
  "comienzo del mensaje reenviado:",
  "início da mensagem reencaminhada:",
];

export function extractReplyText(text: string): string {
  const lines = splitLines(boundText(text));
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const trimmed = line.trim();
    if (isQuoted(trimmed)) continue;
    const attributionLines = countAttributionLines(lines, i);
    if (attributionLines > 0) {
      if (!isQuoted(nextNonBlank(lines, i + attributionLines))) break;
      i += attributionLines - 1;
      continue;
    }
    if (startsQuotedMaterial(lines, i, trimmed)) break;
    kept.push(line.trimEnd());
  }
  return kept.join("\n").trim();
}

/** The first MAX_REPLY_SCAN_CHARS, cut back to a whole line so no number is read half-written. */
function boundText(text: string): string {
  if (text.length <= MAX_REPLY_SCAN_CHARS) return text;
  const head = text.slice(0, MAX_REPLY_SCAN_CHARS);
  const lastBreak = Math.max(head.lastIndexOf("\n"), head.lastIndexOf("\r"));
  return lastBreak < 0 ? "" : head.slice(0, lastBreak);
}

/** Lines with line endings unified and invisible characters clients insert made plain. */
function splitLines(text: string): string[] {
  return text
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/[\u00A0\u202F]/g, " ")
    .split(/\r\n|\r|\n/);
}

function isQuoted(trimmed: string): boolean {
  return trimmed.startsWith(">");
}

function nextNonBlank(lines: readonly string[], from: number): string {
  for (let i = from; i < lines.length; i++) {
    const trimmed = (lines[i] ?? "").trim();
    if (trimmed.length > 0) return trimmed;
  }
  return "";
}

/** How many lines (1..MAX_ATTRIBUTION_LINES) the attribution starting at line `i` spans; 0 if none. */
function countAttributionLines(lines: readonly string[], i: number): number {
  let candidate = "";
  for (let span = 1; span <= MAX_ATTRIBUTION_LINES && i + span - 1 < lines.length; span++) {
    const part = (lines[i + span - 1] ?? "").trim();
    if (part.length > MAX_ATTRIBUTION_LINE_CHARS || (span > 1 && part.length === 0)) return 0;
    candidate = span === 1 ? part.toLowerCase() : `${candidate} ${part.toLowerCase()}`;
    if (span === 1 && !ATTRIBUTIONS.some((a) => candidate.startsWith(a.opener)) && !isAddressAttribution(candidate)) {
      return 0;
    }
    if (isAttribution(candidate)) return span;
  }
  return 0;
}

function isAttribution(lower: string): boolean {
  return isAddressAttribution(lower) || ATTRIBUTIONS.some((a) => lower.startsWith(a.opener) && a.closes(lower));
}

/** "Jo Doe <jo@x.example> wrote:" and other clients' attributions that name an address. */
function isAddressAttribution(lower: string): boolean {
  return lower.includes("@") && endsWithBeforeColon(lower, "wrote");
}

function startsQuotedMaterial(lines: readonly string[], i: number, trimmed: string): boolean {
  const lower = trimmed.toLowerCase();
  if (lower === "--" || isWordSeparator(lower) || isUnderscoreRule(lower)) return true;
  if (FOOTER_PREFIXES.some((prefix) => lower.startsWith(prefix))) return true;
  if (FORWARD_MARKERS.includes(lower)) return true;
  return isOutlookHeaderBlock(lines, i, lower);
}

/** "-----Original Message-----", "---------- Forwarded message ---------" and translations. */
function isWordSeparator(lower: string): boolean {
  return lower.length >= 6 && lower.startsWith("--") && lower.endsWith("--") && /\p{L}/u.test(lower);
}

function isUnderscoreRule(lower: string): boolean {
  return lower.length >= 10 && /^_+$/.test(lower);
}

function isOutlookHeaderBlock(lines: readonly string[], i: number, lower: string): boolean {
  const label = headerLabel(lower);
  if (label === null || !FROM_LABELS.has(label)) return false;
  for (let k = i + 1; k < lines.length && k <= i + MAX_HEADER_BLOCK_GAP_LINES; k++) {
    const next = headerLabel((lines[k] ?? "").trim().toLowerCase());
    if (next !== null && HEADER_LABELS.has(next)) return true;
  }
  return false;
}

/** The label of a "Label: value" header line, also in Outlook's bold "*From:*" form. */
function headerLabel(lower: string): string | null {
  const match = /^\*{0,2}(\p{L}+)\*{0,2} ?:/u.exec(lower);
  return match ? (match[1] ?? null) : null;
}

/** Whether `lower` ends with `phrase` and a colon, with or without a space between (French style). */
function endsWithBeforeColon(lower: string, phrase: string): boolean {
  if (!lower.endsWith(":")) return false;
  return lower.slice(0, -1).trimEnd().endsWith(phrase);
}
