/**
 * HTML for mail the assistant sends. Pure. Markup is written with hono's `html` tag, which
 * escapes every interpolated string: recruiter names, subjects and links are attacker-controlled,
 * and nothing from an inbound email is ever rendered as HTML. Only https links become anchors,
 * and their href is escaped too.
 */
import { html as honoHtml, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

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

const HTTPS_URL = /https:\/\/[^\s<>"']+/g;
/** Punctuation that ends a sentence rather than the URL. */
const TRAILING_PUNCTUATION = /[.,;:)\]]+$/;

/** Escapes text and turns bare https URLs into links; everything else stays text. */
export function linkifyEscaped(text: string): string {
  const pieces: HtmlValue[] = [];
  let last = 0;
  for (const match of text.matchAll(HTTPS_URL)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, "");
    pieces.push(text.slice(last, match.index), html`<a href="${url}">${url}</a>`);
    last = match.index + url.length;
  }
  pieces.push(text.slice(last));
  return html`${pieces}`.toString();
}

const PLAIN_TEXT_STYLE =
  "font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2328;white-space:pre-wrap;word-wrap:break-word;max-width:640px;";

/**
 * A plain-text message as a small, self-contained HTML document (inline styles, no scripts). No
 * whitespace around the text: the frame keeps it as written (pre-wrap).
 */
export function renderPlainTextHtml(text: string): string {
  return html`<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="margin:0;padding:16px;background:#ffffff;"><div style="${PLAIN_TEXT_STYLE}">${raw(linkifyEscaped(text))}</div></body></html>`.toString();
}
