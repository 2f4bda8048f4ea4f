/**
 * Text someone else wrote (a recruiter's names, subjects, sentences and links), made fit to
 * repeat in the assistant's own mail. Pure.
 *
 * Every string from an inbound email that reaches a confirmation, a digest, a draft or a mailto:
 * link goes through `stripHiddenControls` on its way in; the assistant's own words never contain
 * these characters, so stripping a whole rendered text is the same as stripping its parts.
 */

/**
 * Characters that change what a reader sees without being seen: the bidi embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069) and the Arabic letter mark (U+061C) reorder text,
 * so "Dana ‮gpj.exe‬" reads as "Dana exe.jpg" and an address or a link can read as another; the
 * zero-width space, joiners and marks (U+200B–U+200F), the word joiner (U+2060) and the byte
 * order mark (U+FEFF) hide inside a word, so two strings that read alike differ, and a draft
 * would carry them to the employer unseen.
 */
const HIDDEN_CONTROLS = /[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

export function stripHiddenControls(text: string): string {
  return text.replace(HIDDEN_CONTROLS, "");
}

/**
 * RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?iso-8859-1?Q?…?=`), with an optional RFC 2231
 * language tag. The text is bounded (no "?" or white space inside), so the scan is linear.
 */
const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bq])\?([^?\s]*)\?=/gi;
const BETWEEN_ADJACENT_WORDS = /^[ \t\r\n]*$/;

/**
 * A header value with its encoded words decoded, for a raw header (as the runtime's `headers`
 * give it) that reaches a subject we write; a value without any comes back as given.
 *
 * Defensive by design: white space between two encoded words is dropped (RFC 2047 §6.2) and
 * their bytes are joined before decoding, so a character split across words comes out whole;
 * broken base64 is read as far as it goes; an unknown charset is read as UTF-8. A raw encoded
 * word never survives, whatever the sender wrote. Written here rather than taken from
 * postal-mime's `decodeWords`: the drafts that need it may not depend on the mail parser, and
 * this decoder is linear in the header's length, where postal-mime 4.0.0's is not.
 */
export function decodeEncodedWords(header: string): string {
  if (!header.includes("=?")) return header;
  let decoded = "";
  let last = 0;
  let run: { charset: string; chunks: Uint8Array[] } | null = null;
  for (const match of header.matchAll(ENCODED_WORD)) {
    const between = header.slice(last, match.index);
    const charset = match[1]!.toLowerCase();
    const bytes = match[2]!.toLowerCase() === "b" ? decodeBase64Word(match[3]!) : decodeQWord(match[3]!);
    if (run !== null && BETWEEN_ADJACENT_WORDS.test(between) && run.charset === charset) {
      run.chunks.push(bytes);
    } else {
      if (run !== null) decoded += decodeBytes(run.charset, run.chunks);
      // Only white space between two encoded words is dropped; any other text stays.
      decoded += run !== null && BETWEEN_ADJACENT_WORDS.test(between) ? "" : between;
      run = { charset, chunks: [bytes] };
    }
    last = match.index + match[0].length;
  }
  if (run !== null) decoded += decodeBytes(run.charset, run.chunks);
  return decoded + header.slice(last);
}

function decodeBase64Word(text: string): Uint8Array {
  // atob refuses characters outside the alphabet and a length of 4n+1; both are the sender's error.
  let clean = text.replace(/[^A-Za-z0-9+/]/g, "");
  if (clean.length % 4 === 1) clean = clean.slice(0, -1);
  const binary = atob(clean);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function decodeQWord(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const hex = char === "=" ? text.slice(i + 1, i + 3) : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(char === "_" ? 0x20 : char.charCodeAt(0) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

function decodeBytes(charset: string, chunks: readonly Uint8Array[]): string {
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  return decoder.decode(bytes);
}
