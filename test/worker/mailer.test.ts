/**
 * The mailer's own guarantees, in workerd (it imports `cloudflare:email`): every message within
 * its size caps and free of hidden controls, whichever adapter wrote it, and the send errors
 * that no retry heals told apart from those that may pass.
 */
import { describe, expect, it } from "vitest";
import PostalMime from "postal-mime";
import { buildMime, capText, classifySendError, MAX_HTML_BYTES, MAX_TEXT_BYTES } from "../../src/mailer.ts";
import { sendError } from "../helpers/faulty-bindings.ts";

const FROM = "assistant@example.com";
const MESSAGE_ID = "<test@example.com>";
/** Email Service refuses a larger message with E_CONTENT_TOO_LARGE. */
const SEND_LIMIT_BYTES = 5 * 1024 * 1024;

function bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

describe("size caps", () => {
  it("keeps a text within MAX_TEXT_BYTES as it is", () => {
    const text = "- Acme, Data Engineer: interviewing\n".repeat(1000);
    expect(capText(text)).toBe(text);
  });

  it("cuts a longer text at a line and says how many lines were left out and where to see them", () => {
    const line = "- Quillfeather Systems, Senior Backend Engineer: interviewing; next R4 on Tue 10 Mar 2026, 08:00 PST";
    const lines = Array.from({ length: 20_000 }, (_, i) => `${line} #${i + 1}`);
    const capped = capText(["Your applications:", ...lines].join("\n"));
    expect(bytes(capped)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    const out = capped.split("\n");
    const shown = out.length - 2; // the heading and the last line are not applications
    expect(out[0]).toBe("Your applications:");
    expect(out[shown]).toBe(lines[shown - 1]);
    expect(out.at(-1)).toBe(`… (${lines.length - shown} more lines; see GET /api/applications for everything on file)`);
  });

  it("cuts one line longer than the cap on a character boundary", () => {
    const capped = capText("日本".repeat(MAX_TEXT_BYTES));
    expect(bytes(capped)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(capped).not.toContain("\ufffd");
    expect(capped.endsWith("\n… (1 more line; see GET /api/applications for everything on file)")).toBe(true);
  });

  it("sends a `list` reply of 20,000 applications within Email Service's 5 MiB, ending with the line that says what was cut", async () => {
    const text = ["Your applications:", ...Array.from({ length: 20_000 }, (_, i) => `- Company ${i + 1}, Engineer: applied`.padEnd(120, "."))].join("\n");
    const html = `<!doctype html><p>${"x".repeat(MAX_HTML_BYTES)}</p>`;
    const raw = buildMime(FROM, { to: "me@example.com", subject: "Your open applications", text, html }, MESSAGE_ID);
    expect(bytes(raw)).toBeLessThan(SEND_LIMIT_BYTES);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.text).toMatch(/\n… \(\d+ more lines; see GET \/api\/applications for everything on file\)\n?$/);
    // An HTML part over its cap is left out; the text says everything it did.
    expect(parsed.html).toBeUndefined();
  });

  it("keeps an HTML part within MAX_HTML_BYTES", async () => {
    const html = "<!doctype html><p>Hello</p>";
    const parsed = await PostalMime.parse(buildMime(FROM, { to: "me@example.com", subject: "Hi", text: "Hello", html }, MESSAGE_ID));
    expect(parsed.html?.trim()).toBe(html);
  });
});

describe("hidden controls", () => {
  it("are removed from the subject, the text and the HTML of every message", async () => {
    const hidden = "\u202eAcme\u202c\u200b\u2066\ufeff\u061c";
    const raw = buildMime(FROM, { to: "me@example.com", subject: `Done: ${hidden}`, text: `- ${hidden}: applied`, html: `<p>${hidden}</p>` }, MESSAGE_ID);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe("Done: Acme");
    expect(parsed.text?.trim()).toBe("- Acme: applied");
    expect(parsed.html?.trim()).toBe("<p>Acme</p>");
  });
});

describe("classifySendError", () => {
  it.each([
    ["E_RECIPIENT_NOT_ALLOWED", sendError("E_RECIPIENT_NOT_ALLOWED")],
    ["E_SENDER_NOT_VERIFIED", Object.assign(new Error("E_SENDER_NOT_VERIFIED: Sender domain not verified"), { code: "E_SENDER_NOT_VERIFIED" })],
    ["E_RECIPIENT_SUPPRESSED", Object.assign(new Error("Recipient is on suppression list"), { code: "E_RECIPIENT_SUPPRESSED" })],
    ["E_CONTENT_TOO_LARGE", new Error("E_CONTENT_TOO_LARGE: Email content exceeds size limit")],
    ["E_HEADER_NOT_ALLOWED", Object.assign(new Error("Header not allowed"), { code: "E_HEADER_NOT_ALLOWED" })],
  ])("%s will not heal", (code, error) => {
    expect(classifySendError(error)).toEqual({ code, permanent: true, message: error.message });
  });

  it.each([
    ["an unverified destination, worded without a code", "destination address is not a verified address"],
    ["the local simulator's refused recipient", "email to stranger@evil.example not allowed"],
  ])("%s will not heal", (_, message) => {
    expect(classifySendError(new Error(message))).toEqual({ code: null, permanent: true, message });
  });

  it.each([
    ["E_RATE_LIMIT_EXCEEDED", sendError("E_RATE_LIMIT_EXCEEDED")],
    ["E_DELIVERY_FAILED", sendError("E_DELIVERY_FAILED")],
    ["E_DAILY_LIMIT_EXCEEDED", Object.assign(new Error("Daily limit exceeded"), { code: "E_DAILY_LIMIT_EXCEEDED" })],
    ["E_INTERNAL_SERVER_ERROR", new Error("E_INTERNAL_SERVER_ERROR: Email Service temporarily unavailable")],
    ["E_SOMETHING_NEW", Object.assign(new Error("a code added later"), { code: "E_SOMETHING_NEW" })],
  ])("%s may pass on a later try", (code, error) => {
    expect(classifySendError(error)).toEqual({ code, permanent: false, message: error.message });
  });

  it("takes anything without a code or a known wording (a network error) as one that may pass", () => {
    expect(classifySendError(new TypeError("Network connection lost."))).toEqual({ code: null, permanent: false, message: "Network connection lost." });
    expect(classifySendError("socket hang up")).toEqual({ code: null, permanent: false, message: "socket hang up" });
  });
});
