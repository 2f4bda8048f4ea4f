import { describe, expect, it } from "vitest";
import { buildDraftMailto, buildMailto, MAX_MAILTO_CHARS } from "../../../src/core/digest/mailto.ts";
import { decodeMailto } from "../../helpers/decode-mailto.ts";

describe("buildMailto", () => {
  it("puts the addresses in the path, comma-separated, and encodes subject and body with CRLF line breaks", () => {
    const href = buildMailto({ to: ["mira@lumen.example", "tomas@lumen.example"], subject: "Hi there", body: "Line 1\nLine 2" });
    expect(href).toBe("mailto:mira@lumen.example,tomas@lumen.example?subject=Hi%20there&body=Line%201%0D%0ALine%202");
  });

  it("round-trips recipients, subject and body with non-ASCII, &, ?, #, %, +, = and line breaks", () => {
    const subject = "Danke, Zoë & Øystein: ¿Qué tal? #1 at 100% + more = 🎉";
    const body = "Hallo Zoë,\n\nQ&A? #tags 50% off + 1=2\r\nSecond line\rThird line\n\n— Jürgen 日本語";
    const href = buildMailto({ to: ["zoe.o@brightfjord.example", "ole+jobs@brightfjord.example"], subject, body });
    expect(decodeMailto(href)).toEqual({
      to: ["zoe.o@brightfjord.example", "ole+jobs@brightfjord.example"],
      fields: { subject, body: "Hallo Zoë,\r\n\r\nQ&A? #tags 50% off + 1=2\r\nSecond line\r\nThird line\r\n\r\n— Jürgen 日本語" },
    });
    // Only the separators we put there are literal; everything else from the content is encoded.
    expect(href.match(/[?&#]/g)).toEqual(["?", "&"]);
  });

  it("keeps + and @ literal in addresses, as plus addresses are common", () => {
    expect(buildMailto({ to: ["assistant+k3y@relay.example"], body: "done 1" })).toBe("mailto:assistant+k3y@relay.example?body=done%201");
  });

  it("encodes ?, &, # and , inside an untrusted address so it cannot add a header field or a recipient", () => {
    const href = buildMailto({ to: ["x@evil.example?bcc=me@evil.example&body=hi#,y@evil.example"], subject: "S" });
    expect(href).toBe("mailto:x@evil.example%3Fbcc%3Dme@evil.example%26body%3Dhi%23%2Cy@evil.example?subject=S");
    expect(decodeMailto(href)).toEqual({ to: ["x@evil.example?bcc=me@evil.example&body=hi#,y@evil.example"], fields: { subject: "S" } });
  });

  it("turns line breaks in the subject into spaces: a subject is one header line", () => {
    expect(decodeMailto(buildMailto({ to: ["a@b.example"], subject: "One\r\nBcc: x@y.example" })).fields).toEqual({ subject: "One Bcc: x@y.example" });
  });

  it("leaves the path empty when no address is known (RFC 6068 allows it)", () => {
    expect(buildMailto({ to: [], subject: "Thanks", body: "Hi" })).toBe("mailto:?subject=Thanks&body=Hi");
  });

  it("drops blank addresses and empty fields", () => {
    expect(buildMailto({ to: [" ", "a@b.example"], subject: "", body: null })).toBe("mailto:a@b.example");
  });

  it("removes bidi controls and zero-width characters from the addresses, the subject and the body", () => {
    const href = buildMailto({ to: ["dana\u200b@quill\u202efeather.example\u202c", "\u2066\u2069"], subject: "Re: \u202egpj.exe\u202c", body: "Hi Dana\u200d,\n\ufeffthanks\u061c" });
    expect(href).not.toMatch(/%E2%80%8[B-F]|%E2%80%A[A-E]|%E2%81%A[6-9]|%EF%BB%BF|%D8%9C/i);
    expect(decodeMailto(href)).toEqual({ to: ["dana@quillfeather.example"], fields: { subject: "Re: gpj.exe", body: "Hi Dana,\r\nthanks" } });
  });
});

describe("buildDraftMailto", () => {
  const to = ["a@b.example"];
  const overhead = "mailto:a@b.example?subject=S&body=".length;

  it("keeps the body when the link is exactly at the limit", () => {
    const link = buildDraftMailto({ to, subject: "S", body: "x".repeat(MAX_MAILTO_CHARS - overhead) });
    expect(link.includesBody).toBe(true);
    expect(link.href).toHaveLength(MAX_MAILTO_CHARS);
  });

  it("drops the body, keeping recipients and subject, one character over the limit", () => {
    const link = buildDraftMailto({ to, subject: "S", body: "x".repeat(MAX_MAILTO_CHARS - overhead + 1) });
    expect(link).toEqual({ href: "mailto:a@b.example?subject=S", includesBody: false });
  });

  it("counts the encoded length: a non-ASCII letter takes 6 to 12 characters", () => {
    const body = "ü".repeat(Math.ceil(MAX_MAILTO_CHARS / 6) + 1);
    expect(buildDraftMailto({ to, subject: "S", body }).includesBody).toBe(false);
  });

  it("gives no link at all when even the subject alone is too long", () => {
    expect(buildDraftMailto({ to, subject: "ü".repeat(MAX_MAILTO_CHARS), body: "Hi" })).toEqual({ href: null, includesBody: false });
  });
});
