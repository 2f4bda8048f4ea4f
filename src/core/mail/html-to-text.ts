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
const PARAGRAPH_TAGS = new Set(["blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "p", "pre", "table", "ul"]);
const LINE_TAGS = new Set([
  "address", "article", "aside", "center", "div", "dl", "fieldset", "figcaption", "figure", "footer",
  "form", "header", "hr", "main", "nav", "section", "tbody", "thead", "tfoot",
]);
const OPENING_LINE_TAGS = new Set(["br", "dd", "dt", "li", "tr"]);
const CELL_TAGS = new Set(["td", "th"]);
// Their content is never text a reader sees.
const SKIPPED_CONTENT_TAGS = new Set(["script", "style", "head", "title", "template", "noscript", "xml"]);

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

function readTagName(tag: string): { name: string; closing: boolean } {
  let i = 0;
  const closing = tag[0] === "/";
  if (closing) i = 1;
  let name = "";
  while (i < tag.length) {
    const ch = tag.charCodeAt(i);
    const isNameChar = (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 58 || ch === 45;
    if (!isNameChar) break;
    name += tag[i];
    i++;
  }
  return { name: name.toLowerCase(), closing };
}

function readHref(tag: string): string | null {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
  if (!match) return null;
  return decodeEntities((match[1] ?? match[2] ?? match[3] ?? "").trim());
}

export function htmlToText(html: string): HtmlText {
  const pieces: string[] = [];
  let length = 0;
  const links: HtmlLink[] = [];
  let openLink: { href: string; start: number; firstPiece: number } | null = null;
  let preDepth = 0;

  // Whether the current output line holds anything but whitespace.
  let lineHasText = false;
  const emit = (piece: string): void => {
    pieces.push(piece);
    length += piece.length;
    const lastBreak = piece.lastIndexOf("\n");
    if (lastBreak >= 0) lineHasText = /\S/.test(piece.slice(lastBreak + 1));
    else if (/\S/.test(piece)) lineHasText = true;
  };
  const emitText = (raw: string): void => {
    let text = decodeEntities(raw);
    if (preDepth === 0) text = text.replace(/\s+/g, " ");
    else text = text.replace(/\r\n?/g, "\n");
    emit(text);
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
    if (!/[A-Za-z/!?]/.test(html[lt + 1] ?? "")) {
      emitText("<");
      i = lt + 1;
      continue;
    }
    const gt = html.indexOf(">", lt + 1);
    if (gt < 0) {
      emitText(html.slice(lt));
      break;
    }
    const tag = html.slice(lt + 1, gt);
    const { name, closing } = readTagName(tag);
    i = gt + 1;
    // "<!doctype>", "<?xml?>" and "</>" carry no text.
    if (name === "") continue;
    if (!closing && SKIPPED_CONTENT_TAGS.has(name)) {
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
        const href = readHref(tag);
        if (href) openLink = { href, start: length, firstPiece: pieces.length };
      }
      continue;
    }
    if (PARAGRAPH_TAGS.has(name)) emit("\n\n");
    else if (LINE_TAGS.has(name)) {
      if (lineHasText) emit("\n");
    } else if (OPENING_LINE_TAGS.has(name) && !closing) emit("\n");
    else if (CELL_TAGS.has(name) && !closing) emit("\t");
    else if (name === "img" || name === "input") emit(" ");
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
    const edgesTrimmed = isEdgeSpace(line[0]) || isEdgeSpace(line[line.length - 1]) ? line.replace(/^[ \t\u00a0]+/, "").replace(/[ \t\u00a0]+$/, "") : line;
    const trimmed = edgesTrimmed.includes("\t") ? edgesTrimmed.replace(/ *\t */g, "\t") : edgesTrimmed;
    let kept = true;
    if (trimmed === "") {
      blankRun++;
      kept = blankRun <= 1 && out.length > 0;
    } else blankRun = 0;
    lineStarts.push({ rawStart: rawPos, outStart: outLength, line, kept });
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

const isEdgeSpace = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\u00a0";

/**
 * Where each character of a raw line ends up once `tidy` trims it (spaces, tabs and NBSPs at
 * both ends; the spaces around an inner tab): `offsets[i]` is the tidied offset of character i,
 * or of the next kept character when i was dropped; `offsets[line.length]` is the tidied length.
 */
function mapLineOffsets(line: string): Int32Array {
  const offsets = new Int32Array(line.length + 1);
  let start = 0;
  while (start < line.length && isEdgeSpace(line[start])) start++;
  let end = line.length;
  while (end > start && isEdgeSpace(line[end - 1])) end--;
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
