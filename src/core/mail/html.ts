/**
 * HTML for mail the assistant sends. Pure. All text is escaped here, in one place: recruiter
 * names, subjects and links are attacker-controlled, and nothing from an inbound email is ever
 * rendered as HTML. Only https links become anchors, and their href is escaped too.
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const HTTPS_URL = /https:\/\/[^\s<>"']+/g;

/** Escapes text and turns bare https URLs into links; everything else stays text. */
export function linkifyEscaped(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(HTTPS_URL)) {
    const url = match[0].replace(/[.,;:)\]]+$/, "");
    out += escapeHtml(text.slice(last, match.index)) + `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return out + escapeHtml(text.slice(last));
}

/** A plain-text message as a small, self-contained HTML document (inline styles, no scripts). */
export function renderPlainTextHtml(text: string): string {
  return [
    "<!doctype html>",
    '<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>',
    '<body style="margin:0;padding:16px;background:#ffffff;">',
    '<div style="font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2328;white-space:pre-wrap;word-wrap:break-word;max-width:640px;">',
    linkifyEscaped(text),
    "</div></body></html>",
  ].join("");
}
