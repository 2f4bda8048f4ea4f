/**
 * The owner's own words in an HTML-only reply. Pure. Mail clients quote the message replied to
 * inside the HTML (`<blockquote>`, Apple's `type="cite"`, Gmail's `gmail_quote`, Outlook's
 * `divRplyFwdMsg` / `appendonsend` and everything after them), and HTML can hide text
 * (`display:none`, `hidden`): a command written in the digest we sent, in a quoted recruiter
 * mail or in hidden markup must never be read as the owner's. Those parts are cut before the
 * HTML becomes text.
 */
import { htmlToText } from "../mail/html-to-text.ts";

/** Elements whose content is quoted or hidden, with everything inside them. */
const QUOTED_OR_HIDDEN =
  /^<(blockquote)\b|\btype\s*=\s*["']?cite\b|\bclass\s*=\s*["'][^"']*\b(gmail_quote|gmail_extra|yahoo_quoted|moz-cite-prefix|protonmail_quote)\b|\bstyle\s*=\s*["'][^"']*\b(display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)|\shidden(\s|=|>|\/)|\baria-hidden\s*=\s*["']?true/i;
/** Markers after which an Outlook reply holds only the quoted message. */
const QUOTE_STARTS_HERE = /\bid\s*=\s*["']?(divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)\b/i;
const TAG = /<\/?([a-z][a-z0-9]*)\b[^>]*>/gi;
/** Elements that never have a closing tag: their opening tag hides nothing after it. */
const VOID_ELEMENTS: ReadonlySet<string> = new Set(["br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"]);

export function replyTextFromHtml(html: string): string {
  return htmlToText(withoutQuotedAndHidden(html)).text;
}

/** The HTML with quoted and hidden elements (and an Outlook reply's quoted tail) removed. */
export function withoutQuotedAndHidden(html: string): string {
  let out = "";
  let copiedUpTo = 0;
  // The element being skipped and how deep inside nested elements of its name we are.
  let skipping: { name: string; depth: number } | null = null;
  for (const match of html.matchAll(TAG)) {
    const tag = match[0];
    const name = match[1]!.toLowerCase();
    const at = match.index;
    const closing = tag.startsWith("</");
    if (skipping) {
      if (name !== skipping.name || tag.endsWith("/>")) continue;
      skipping.depth += closing ? -1 : 1;
      if (skipping.depth === 0) {
        skipping = null;
        copiedUpTo = at + tag.length;
      }
      continue;
    }
    if (closing) continue;
    if (QUOTE_STARTS_HERE.test(tag)) return out + html.slice(copiedUpTo, at);
    if (QUOTED_OR_HIDDEN.test(tag) && !VOID_ELEMENTS.has(name) && !tag.endsWith("/>")) {
      out += html.slice(copiedUpTo, at);
      skipping = { name, depth: 1 };
    }
  }
  // An element left open to the end hides the rest, as a browser would show it.
  return skipping ? out : out + html.slice(copiedUpTo);
}
