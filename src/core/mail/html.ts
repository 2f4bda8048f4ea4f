/**
 * HTML for mail the assistant sends. Pure. Markup is written with hono's `html` tag, which
 * escapes every interpolated string: recruiter names, subjects and links are attacker-controlled,
 * and nothing from an inbound email is ever rendered as HTML.
 *
 * Text from mail goes through `renderUntrustedText`. Any link in it would be a link under the
 * assistant's name, so only a join link on a known meeting host (MEETING_LINK_RULES) becomes an
 * anchor; every other URL, domain or address stays text, and is broken up so that mail apps,
 * which turn text that looks like a link into one, find nothing to link. The only other anchors
 * in our mail are our own, written by their callers (the digest's mailto: buttons).
 */
import { html as honoHtml } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { stripHiddenControls } from "../text/untrusted.ts";

/**
 * What `html` interpolates: strings (escaped), numbers, markup already built (kept as is), arrays
 * (concatenated), and null, undefined and booleans (left out). Never a promise, so `html`
 * returns its string synchronously.
 */
export type HtmlValue = string | number | boolean | null | undefined | HtmlEscapedString | readonly HtmlValue[];

/** hono's `html` tag for synchronous callers: it returns a promise only when a value is one. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): HtmlEscapedString {
  const rendered = honoHtml(strings, ...values);
  if (rendered instanceof Promise) throw new TypeError("html: an interpolated value was a promise");
  return rendered;
}

/** Text as HTML character data or attribute value: & < > " ' become references. */
export function escapeHtml(text: string): string {
  return html`${text}`.toString();
}

interface MeetingLinkRule {
  host: string;
  /**
   * "none": the host only. "label": the host or one plain label under it (acme.zoom.us, never
   * a.b.zoom.us). "site": exactly one plain label under it (acme.webex.com, the customer's site).
   */
  subdomains: "none" | "label" | "site";
  /** The join paths; any other path on the host (sign-in, downloads, redirects) stays text. */
  path: RegExp;
}

/**
 * The meeting links made clickable: the hosts of the video services recruiters invite through,
 * each with its join paths. Kept here, by hand, as the list of links we vouch for; a service
 * is added with its join-link format, and one that closes is removed (BlueJeans, shut down in
 * 2024, is not here). A link on any other host, or another path on these hosts, is shown as
 * text the owner can copy. Wider than this on purpose: src/core/understanding/format.ts, which
 * only decides that an interview is a video call, also accepts look-alike hosts.
 */
export const MEETING_LINK_RULES: readonly MeetingLinkRule[] = [
  { host: "zoom.us", subdomains: "label", path: /^\/(?:j|my|w)\/[^/]+$|^\/wc\/join\/[^/]+$/ },
  { host: "zoomgov.com", subdomains: "label", path: /^\/(?:j|my|w)\/[^/]+$/ },
  { host: "teams.microsoft.com", subdomains: "none", path: /^\/l\/meetup-join\/|^\/meet\/[^/]+$/ },
  { host: "teams.live.com", subdomains: "none", path: /^\/meet\/[^/]+$/ },
  { host: "meet.google.com", subdomains: "none", path: /^\/[a-z]{3}-[a-z]{4}-[a-z]{3}$|^\/lookup\/[a-z0-9]+$/ },
  { host: "webex.com", subdomains: "site", path: /^\/(?:meet|join)\/[^/]+$|^\/wbxmjs\/joinservice\/|^\/[a-z0-9-]+\/j\.php$/ },
  { host: "whereby.com", subdomains: "none", path: /^\/[a-z0-9-]+$/ },
  { host: "gotomeet.me", subdomains: "none", path: /^\/[a-z0-9._-]+$/ },
  { host: "meet.goto.com", subdomains: "none", path: /^\/\d+$/ },
  { host: "global.gotomeeting.com", subdomains: "none", path: /^\/join\/\d+$/ },
  { host: "chime.aws", subdomains: "none", path: /^\/\d+$/ },
];

/** One DNS label of letters, digits and inner hyphens: no dots, no punycode tricks beyond ASCII. */
const PLAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * True for an https join link on a host in MEETING_LINK_RULES. The link must be exactly what
 * the URL parser makes of it (so the text shown is the target), without user info or a port.
 */
export function isMeetingLink(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" || url.username !== "" || url.password !== "" || url.port !== "" || url.href !== text) return false;
  const host = url.hostname;
  const path = url.pathname.toLowerCase();
  return MEETING_LINK_RULES.some((rule) => {
    if (!rule.path.test(path)) return false;
    if (host === rule.host) return rule.subdomains !== "site";
    return rule.subdomains !== "none" && host.endsWith(`.${rule.host}`) && PLAIN_LABEL.test(host.slice(0, -rule.host.length - 1));
  });
}

const HTTPS_URL = /https?:\/\/[^\s<>"']+/g;
const NO_LINKS: ReadonlySet<string> = new Set();
/** Punctuation that ends a sentence rather than the URL. */
const TRAILING_PUNCTUATION = /[.,;:)\]]+$/;
/**
 * The characters a mail app needs to see a link in text: the "." of a domain, the ":" of a
 * scheme ("https:", "javascript:") and the "@" of an address. Each one inside a word is put in
 * its own <span>, so the text reads and copies as written but no text node holds a link.
 */
const LINK_SEPARATOR = /(?<=\S)([.:@])(?=\S)/;

/**
 * Untrusted text as HTML: escaped, hidden controls removed, meeting links (isMeetingLink) as
 * anchors, and every other link-like piece left as text that mail apps do not link. `ownLinks`
 * are links the assistant itself made for this message (a login link, a calendar link): each is
 * an anchor where it appears exactly, and nothing a sender wrote can become one of them.
 */
export function renderUntrustedText(text: string, ownLinks: ReadonlySet<string> = NO_LINKS): HtmlEscapedString {
  const clean = stripHiddenControls(text);
  const pieces: HtmlValue[] = [];
  let last = 0;
  for (const match of clean.matchAll(HTTPS_URL)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, "");
    if (!isMeetingLink(url) && !ownLinks.has(url)) continue;
    pieces.push(breakLinks(clean.slice(last, match.index)), html`<a href="${url}">${url}</a>`);
    last = match.index + url.length;
  }
  pieces.push(breakLinks(clean.slice(last)));
  return html`${pieces}`;
}

function breakLinks(text: string): HtmlEscapedString {
  // split() with a capturing group puts the separators at the odd indices.
  return html`${text.split(LINK_SEPARATOR).map((piece, i) => (i % 2 === 1 ? html`<span>${piece}</span>` : piece))}`;
}

const PLAIN_TEXT_STYLE =
  "font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2328;white-space:pre-wrap;word-wrap:break-word;max-width:640px;";

/**
 * A plain-text message as a small, self-contained HTML document (inline styles, no scripts). No
 * whitespace around the text: the frame keeps it as written (pre-wrap). The text may quote mail,
 * so it is rendered as untrusted.
 */
export function renderPlainTextHtml(text: string, ownLinks: ReadonlySet<string> = NO_LINKS): string {
  return html`<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="margin:0;padding:16px;background:#ffffff;"><div style="${PLAIN_TEXT_STYLE}">${renderUntrustedText(text, ownLinks)}</div></body></html>`.toString();
}
