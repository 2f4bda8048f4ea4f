import { describe, expect, it } from "vitest";
import { isMeetingLink, renderPlainTextHtml, renderUntrustedText } from "../../../src/core/mail/html.ts";

describe("isMeetingLink", () => {
  it.each([
    "https://zoom.us/j/81234567890",
    "https://zoom.us/j/81234567890?pwd=abc123",
    "https://us02web.zoom.us/j/81234567890?pwd=abc123",
    "https://acme.zoom.us/my/dana.whitcombe",
    "https://zoom.us/w/91234567890",
    "https://zoom.us/wc/join/81234567890",
    "https://acme.zoomgov.com/j/1610000000",
    "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ5%40thread.v2/0?context=%7b%22Tid%22%3a%22x%22%7d",
    "https://teams.microsoft.com/meet/2345678901234?p=AbCdEf",
    "https://teams.live.com/meet/9312345678901",
    "https://meet.google.com/abc-defg-hij",
    "https://meet.google.com/abc-defg-hij?authuser=0",
    "https://acme.webex.com/meet/dana",
    "https://acme.webex.com/acme/j.php?MTID=m0123456789abcdef",
    "https://acme.webex.com/wbxmjs/joinservice/sites/acme/meeting/download/abc",
    "https://whereby.com/acme-interviews",
    "https://gotomeet.me/DanaW",
    "https://meet.goto.com/123456789",
    "https://global.gotomeeting.com/join/123456789",
    "https://chime.aws/1234567890",
  ])("links %s", (url) => {
    expect(isMeetingLink(url)).toBe(true);
  });

  it.each([
    ["plain http", "http://zoom.us/j/81234567890"],
    ["a look-alike host", "https://zoom.us.evil.example/j/81234567890"],
    ["a host that only ends the same", "https://evilzoom.us/j/81234567890"],
    ["two labels under zoom.us", "https://a.b.zoom.us/j/81234567890"],
    ["user info before the host", "https://zoom.us@evil.example/j/81234567890"],
    ["a port", "https://zoom.us:8443/j/81234567890"],
    ["a non-join path", "https://zoom.us/signin?next=https://evil.example"],
    ["the bare host", "https://zoom.us/"],
    ["a look-alike in another script", "https://zооm.us/j/81234567890"],
    ["text the parser rewrites", "https://ZOOM.us/j/81234567890"],
    ["a subdomain of a host without them", "https://evil.meet.google.com/abc-defg-hij"],
    ["a Meet path that is no meeting code", "https://meet.google.com/linkredirect?dest=https://evil.example"],
    ["a Teams deep link that is no meeting", "https://teams.microsoft.com/l/chat/0/0?users=x"],
    ["the bare Webex host", "https://webex.com/meet/dana"],
    ["a discontinued service", "https://bluejeans.com/123456789"],
    ["a script", "javascript:alert(1)//https://zoom.us/j/1"],
    ["an unknown meeting host", "https://video.example/j/123"],
  ])("does not link %s", (_, url) => {
    expect(isMeetingLink(url)).toBe(false);
  });
});

describe("renderUntrustedText", () => {
  it("links a known meeting link and shows every other link, domain and address as broken-up text", () => {
    expect(renderUntrustedText("Join https://zoom.us/j/123?pwd=a&b=1. Portal: https://evil.example/login, www.evil.example or dana@evil.example").toString()).toBe(
      'Join <a href="https://zoom.us/j/123?pwd=a&amp;b=1">https://zoom.us/j/123?pwd=a&amp;b=1</a>. Portal: https<span>:</span>//evil<span>.</span>example/login, www<span>.</span>evil<span>.</span>example or dana<span>@</span>evil<span>.</span>example',
    );
  });

  it("never links a javascript: URL, even one that ends in a meeting link", () => {
    const html = renderUntrustedText("details at javascript:alert(document.domain)//https://evil.example/next").toString();
    expect(html).not.toContain("<a ");
    expect(html).toBe("details at javascript<span>:</span>alert(document<span>.</span>domain)//https<span>:</span>//evil<span>.</span>example/next");
  });

  it("links the assistant's own links where they appear exactly, and nothing that only resembles one", () => {
    const own = new Set(["https://assistant.example.com/login/abc", "http://127.0.0.1:8787/login/abc"]);
    const html = renderUntrustedText("Log in: https://assistant.example.com/login/abc. Or http://127.0.0.1:8787/login/abc\nNot: https://assistant.example.com/login/abcd", own).toString();
    expect(html).toContain('<a href="https://assistant.example.com/login/abc">https://assistant.example.com/login/abc</a>.');
    expect(html).toContain('<a href="http://127.0.0.1:8787/login/abc">');
    expect(html.match(/<a /g)).toHaveLength(2);
  });

  it("removes bidi controls and zero-width characters", () => {
    expect(renderUntrustedText("Dana \u202egpj.exe\u202c Whit\u200bcombe\ufeff \u2066x\u2069\u061c").toString()).toBe("Dana gpj<span>.</span>exe Whitcombe x");
  });
});

describe("renderPlainTextHtml", () => {
  it("renders the text as untrusted inside a fixed frame", () => {
    const html = renderPlainTextHtml("Join: https://meet.google.com/abc-defg-hij\nThey said: see https://evil.example");
    expect(html).toContain('<a href="https://meet.google.com/abc-defg-hij">https://meet.google.com/abc-defg-hij</a>');
    expect(html).toContain("see https<span>:</span>//evil<span>.</span>example");
    expect(html.match(/<a /g)).toHaveLength(1);
  });
});
