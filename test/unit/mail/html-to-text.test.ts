import { describe, expect, it } from "vitest";
import { decodeEntities, htmlToText } from "../../../src/core/mail/html-to-text.ts";

describe("htmlToText", () => {
  it("turns paragraphs and line breaks into lines and table rows into tab-separated cells", () => {
    const html = "<p>Hello&nbsp;Mira,</p><table><tr><td>Date</td><td><b>12.05.2026</b></td></tr><tr><td>Time</td><td>10:00</td></tr></table><p>Bye<br>Team</p>";
    expect(htmlToText(html).text).toBe("Hello Mira,\n\nDate\t12.05.2026\nTime\t10:00\n\nBye\nTeam");
  });

  it("drops script, style, head and comments, but keeps the text around them", () => {
    const html = "<html><head><title>x</title><style>p{color:red}</style></head><body><!-- hidden --><p>Visible</p><script>var a = '<p>no</p>';</script><p>Also visible</p></body></html>";
    expect(htmlToText(html).text).toBe("Visible\n\nAlso visible");
  });

  it("decodes named, numeric and accented entities", () => {
    expect(decodeEntities("Caf&eacute; &amp; B&uuml;ro &#8211; &#x2014; &lt;ok&gt; &unknown; &")).toBe("Café & Büro – — <ok> &unknown; &");
  });

  it("keeps each anchor's href and visible text at its position in the produced text", () => {
    const { text, links } = htmlToText('<p>Join here: <a href="https://meet.google.com/abc-defg-hij">Join&nbsp;meeting</a> or <a href=\'mailto:a@b.example\'>mail</a></p>');
    expect(text).toBe("Join here: Join meeting or mail");
    expect(links).toEqual([
      { href: "https://meet.google.com/abc-defg-hij", text: "Join meeting", index: 11 },
      { href: "mailto:a@b.example", text: "mail", index: 27 },
    ]);
    for (const link of links) expect(text.slice(link.index, link.index + link.text.length)).toBe(link.text);
  });

  it("keeps the line breaks of <pre> and collapses whitespace elsewhere", () => {
    expect(htmlToText("<div>a\n   b</div><pre>x\n  y</pre>").text).toBe("a b\n\nx\ny");
  });

  it("reads broken markup as text instead of dropping it", () => {
    expect(htmlToText("5 < 6 and <b>bold").text).toBe("5 < 6 and bold");
    expect(htmlToText('<a href="x').text).toBe('<a href="x');
    const unclosed = `<div title="${"x".repeat(50_000)}`;
    expect(htmlToText(unclosed).text.length).toBe(unclosed.length);
  });
});
