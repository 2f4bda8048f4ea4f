/**
 * HTML → plain text for reading mail, never for display. Pure and linear: one left-to-right
 * scan, every search (`indexOf`) starts where the previous one ended, so hostile markup
 * (unclosed tags, endless attributes) costs O(n). Block tags become line breaks, table
 * cells are separated by a tab (so "Company | Acme" rows read as "Company\tAcme"),
 * script/style/head content is dropped, entities are decoded, and every anchor's href is
 * kept with its position in the output so callers can find links in a region of the text.
 */

export interface HtmlLink {
  href: string;
  /** The anchor's visible text, whitespace-collapsed. */
  text: string;
  /** Offset in the produced text where the anchor's text starts. */
  index: number;
}

export interface HtmlText {
  text: string;
  links: HtmlLink[];
}

// A paragraph-level block is set off by a blank line; a line-level one (a row, an item) starts a
// line only when it opens, so rows of a table stay on consecutive lines. A div-like block only
// ends the line it is on, as a browser draws it: "<div>a</div><div>b</div>" is two lines, not
// two paragraphs (Apple Mail writes each forwarded header line as its own div).
const PARAGRAPH_TAGS = ["blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "p", "pre", "table", "ul"];
const LINE_TAGS = [
  "address", "article", "aside", "center", "div", "dl", "fieldset", "figcaption", "figure", "footer",
  "form", "header", "hr", "main", "nav", "section", "tbody", "thead", "tfoot",
];
const OPENING_LINE_TAGS = ["br", "dd", "dt", "li", "tr"];
const CELL_TAGS = ["td", "th"];
// Their content is never text a reader sees.
const SKIPPED_CONTENT_TAGS = ["script", "style", "head", "title", "template", "noscript", "xml"];
// Replaced elements: a space keeps the words on either side apart.
const SPACED_TAGS = ["img", "input"];

type TagKind = "paragraph" | "line" | "openingLine" | "cell" | "skippedContent" | "spaced";
// One lookup per tag instead of one per list: most tags (span, b, font) are in none of them.
const TAG_KINDS = new Map<string, TagKind>();
for (const [kind, names] of [
  ["paragraph", PARAGRAPH_TAGS], ["line", LINE_TAGS], ["openingLine", OPENING_LINE_TAGS],
  ["cell", CELL_TAGS], ["skippedContent", SKIPPED_CONTENT_TAGS], ["spaced", SPACED_TAGS],
] as const) {
  for (const name of names) TAG_KINDS.set(name, kind);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ensp: " ", emsp: " ", thinsp: " ",
  ndash: "–", mdash: "—", hellip: "…", lsquo: "‘", rsquo: "’", sbquo: "‚", ldquo: "“", rdquo: "”",
  bdquo: "„", laquo: "«", raquo: "»", bull: "•", middot: "·", euro: "€", pound: "£", yen: "¥",
  cent: "¢", copy: "©", reg: "®", trade: "™", deg: "°", times: "×", divide: "÷", sect: "§",
  para: "¶", iexcl: "¡", iquest: "¿", ordf: "ª", ordm: "º", shy: "", zwnj: "", zwj: "",
  szlig: "ß", aelig: "æ", AElig: "Æ", oslash: "ø", Oslash: "Ø", aring: "å", Aring: "Å",
  ccedil: "ç", Ccedil: "Ç", ntilde: "ñ", Ntilde: "Ñ", eth: "ð", thorn: "þ",
};
// Accented vowels: &aacute; &Egrave; &ouml; &ecirc; &atilde; ...
const ACCENTS: Record<string, string> = { acute: "\u0301", grave: "\u0300", uml: "\u0308", circ: "\u0302", tilde: "\u0303" };

function decodeEntity(name: string): string | null {
  if (name.startsWith("#")) {
    const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return null;
    return String.fromCodePoint(code);
  }
  const named = NAMED_ENTITIES[name];
  if (named !== undefined) return named;
  const base = name[0];
  const accent = ACCENTS[name.slice(1)];
  if (base && accent && /[aeiouyAEIOUYnoNO]/.test(base)) return (base + accent).normalize("NFC");
  return null;
}

/** Decodes HTML character references in `text` (also used for inline header lines). */
export function decodeEntities(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const amp = text.indexOf("&", i);
    if (amp < 0) break;
    out += text.slice(i, amp);
    // Entity names are short; only a nearby ';' can end one (and the search stays bounded).
    const semi = text.slice(amp + 1, amp + 14).indexOf(";");
    if (semi > 0) {
      const decoded = decodeEntity(text.slice(amp + 1, amp + 1 + semi));
      if (decoded !== null) {
        out += decoded;
        i = amp + 2 + semi;
        continue;
      }
    }
    out += "&";
    i = amp + 1;
  }
  return out + text.slice(i);
}

/** Letters, digits, ':' and '-': the characters of a tag name as read here. */
function isTagNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 58 || code === 45;
}

/** A character that can follow '<' in a tag: a letter, '/', '!' or '?'. */
function opensTag(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 47 || code === 33 || code === 63;
}

function readHref(tag: string): string | null {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
  if (!match) return null;
  return decodeEntities((match[1] ?? match[2] ?? match[3] ?? "").trim());
}

// An anchor's opening tag: "<a" and no more of a tag name.
const ANCHOR_TAG = /<a(?![A-Za-z0-9:-])/i;

/**
 * Whether `htmlToText(html)` can find a link: not without an anchor tag. Its text is never longer
 * than `html` either (a tag gives at most two characters, entities and whitespace only shrink),
 * so a caller can tell both without converting.
 */
export function mayHaveLinks(html: string): boolean {
  return ANCHOR_TAG.test(html);
}

/**
 * What `/\s+/g` → " " changes: runs of whitespace, and single whitespace other than a space.
 * Matching only those, a text with single spaces between its words is left as it is, rather
 * than rebuilt with one replacement per space.
 */
const WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

export function htmlToText(html: string): HtmlText {
  const pieces: string[] = [];
  let length = 0;
  const links: HtmlLink[] = [];
  let openLink: { href: string; start: number; firstPiece: number } | null = null;
  let preDepth = 0;

  // Whether the current output line holds anything but whitespace.
  let lineHasText = false;
  const emitText = (raw: string): void => {
    // Most text between tags holds no entity.
    const decoded = raw.includes("&") ? decodeEntities(raw) : raw;
    if (preDepth > 0) {
      const text = decoded.replace(/\r\n?/g, "\n");
      pieces.push(text);
      length += text.length;
      const lastBreak = text.lastIndexOf("\n");
      if (lastBreak >= 0) lineHasText = /\S/.test(text.slice(lastBreak + 1));
      else if (/\S/.test(text)) lineHasText = true;
      return;
    }
    const text = decoded.replace(WHITESPACE_TO_COLLAPSE, " ");
    pieces.push(text);
    length += text.length;
    // Collapsed, the text has no line break, and holds a non-space unless it is "" or " ".
    if (text.length > 1 || (text.length === 1 && text !== " ")) lineHasText = true;
  };
  const emitBreak = (piece: "\n" | "\n\n"): void => {
    pieces.push(piece);
    length += piece.length;
    lineHasText = false;
  };
  // A tab or a space: neither ends the line nor puts text on it.
  const emitSpace = (piece: "\t" | " "): void => {
    pieces.push(piece);
    length += 1;
  };

  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      emitText(html.slice(i));
      break;
    }
    if (lt > i) emitText(html.slice(i, lt));
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    // A '<' not followed by a tag name, '/', '!' or '?' is text ("5 < 6").
    if (!opensTag(html.charCodeAt(lt + 1))) {
      emitText("<");
      i = lt + 1;
      continue;
    }
    const gt = html.indexOf(">", lt + 1);
    if (gt < 0) {
      emitText(html.slice(lt));
      break;
    }
    const closing = html.charCodeAt(lt + 1) === 47;
    const nameStart = closing ? lt + 2 : lt + 1;
    let nameEnd = nameStart;
    while (nameEnd < gt && isTagNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    i = gt + 1;
    // "<!doctype>", "<?xml?>" and "</>" carry no text.
    if (nameEnd === nameStart) continue;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    const kind = TAG_KINDS.get(name);
    if (kind === "skippedContent" && !closing) {
      const end = findClosingTag(html, name, i);
      const endGt = end < 0 ? -1 : html.indexOf(">", end);
      i = endGt < 0 ? html.length : endGt + 1;
      continue;
    }
    if (name === "pre") preDepth = closing ? Math.max(0, preDepth - 1) : preDepth + 1;
    if (name === "a") {
      if (openLink) {
        links.push(closeLink(openLink, pieces));
        openLink = null;
      }
      if (!closing) {
        const href = readHref(html.slice(lt + 1, gt));
        if (href) openLink = { href, start: length, firstPiece: pieces.length };
      }
      continue;
    }
    if (kind === undefined) continue;
    if (kind === "paragraph") emitBreak("\n\n");
    else if (kind === "line") {
      if (lineHasText) emitBreak("\n");
    } else if (kind === "spaced") emitSpace(" ");
    else if (closing) continue;
    else if (kind === "openingLine") emitBreak("\n");
    else if (kind === "cell") emitSpace("\t");
  }
  if (openLink) links.push(closeLink(openLink, pieces));

  return tidy(pieces.join(""), links);
}

/** Offset of `</name` at or after `from` (case-insensitive), or -1. */
function findClosingTag(html: string, name: string, from: number): number {
  let pos = from;
  for (;;) {
    const idx = html.indexOf("</", pos);
    if (idx < 0) return -1;
    if (html.slice(idx + 2, idx + 2 + name.length).toLowerCase() === name) return idx;
    pos = idx + 2;
  }
}

function closeLink(open: { href: string; start: number; firstPiece: number }, pieces: string[]): HtmlLink {
  const raw = pieces.slice(open.firstPiece).join("");
  // The offset of the first visible character, not of the whitespace before it.
  const leading = raw.length - raw.trimStart().length;
  return { href: open.href, text: raw.replace(/\s+/g, " ").trim(), index: open.start + leading };
}

/**
 * Trims each line and collapses runs of blank lines to one, shifting link offsets to match.
 * Done in one pass so offsets stay exact; a line's offset map is built only when a link needs it.
 */
function tidy(raw: string, links: HtmlLink[]): HtmlText {
  const lines = raw.split("\n");
  const out: string[] = [];
  const lineStarts: { rawStart: number; outStart: number; line: string; kept: boolean }[] = [];
  let rawPos = 0;
  let outLength = 0;
  let blankRun = 0;
  for (const line of lines) {
    // Table cells start with a tab; keep inner tabs, drop the leading one.
    const edgesTrimmed = trimEdgeSpace(line);
    const trimmed = edgesTrimmed.includes("\t") ? edgesTrimmed.replace(/ *\t */g, "\t") : edgesTrimmed;
    let kept = true;
    if (trimmed === "") {
      blankRun++;
      kept = blankRun <= 1 && out.length > 0;
    } else blankRun = 0;
    // Only a link's offset needs mapping back to its line.
    if (links.length > 0) lineStarts.push({ rawStart: rawPos, outStart: outLength, line, kept });
    if (kept) {
      out.push(trimmed);
      outLength += trimmed.length + 1;
    }
    rawPos += line.length + 1;
  }
  const offsetMaps = new Map<number, Int32Array>();
  const toOut = (rawIndex: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid]?.rawStart ?? 0) <= rawIndex) lo = mid;
      else hi = mid - 1;
    }
    const line = lineStarts[lo];
    if (!line) return 0;
    if (!line.kept) return line.outStart;
    let offsets = offsetMaps.get(lo);
    if (!offsets) {
      offsets = mapLineOffsets(line.line);
      offsetMaps.set(lo, offsets);
    }
    return line.outStart + (offsets[Math.min(rawIndex - line.rawStart, line.line.length)] ?? 0);
  };
  const joined = out.join("\n");
  const text = joined.trim();
  const leading = joined.length - joined.trimStart().length;
  return {
    text,
    links: links.map((link) => ({ ...link, index: Math.min(text.length, Math.max(0, toOut(link.index) - leading)) })),
  };
}

/** A space, a tab or an NBSP, by character code (NaN past either end is none). */
const isEdgeSpace = (code: number): boolean => code === 32 || code === 9 || code === 0xa0;

/** The line without spaces, tabs and NBSPs at either end. */
function trimEdgeSpace(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && isEdgeSpace(line.charCodeAt(start))) start++;
  while (end > start && isEdgeSpace(line.charCodeAt(end - 1))) end--;
  return start === 0 && end === line.length ? line : line.slice(start, end);
}

/**
 * Where each character of a raw line ends up once `tidy` trims it (spaces, tabs and NBSPs at
 * both ends; the spaces around an inner tab): `offsets[i]` is the tidied offset of character i,
 * or of the next kept character when i was dropped; `offsets[line.length]` is the tidied length.
 */
function mapLineOffsets(line: string): Int32Array {
  const offsets = new Int32Array(line.length + 1);
  let start = 0;
  while (start < line.length && isEdgeSpace(line.charCodeAt(start))) start++;
  let end = line.length;
  while (end > start && isEdgeSpace(line.charCodeAt(end - 1))) end--;
  let kept = 0;
  let i = start;
  while (i < end) {
    if (line[i] !== " ") {
      offsets[i++] = kept++;
      continue;
    }
    let runEnd = i;
    while (runEnd < end && line[runEnd] === " ") runEnd++;
    const besideTab = line[i - 1] === "\t" || line[runEnd] === "\t";
    for (; i < runEnd; i++) offsets[i] = besideTab ? kept : kept++;
  }
  for (let k = end; k <= line.length; k++) offsets[k] = kept;
  return offsets;
}
