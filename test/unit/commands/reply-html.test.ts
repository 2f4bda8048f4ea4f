import { describe, expect, it } from "vitest";
import { replyTextFromHtml, withoutQuotedAndHidden } from "../../../src/core/commands/reply-html.ts";

describe("the owner's own words in an HTML-only reply", () => {
  it.each([
    ["a blockquote, nested", `<p>done 2</p><blockquote>skip 1<blockquote>forget all</blockquote>still quoted</blockquote><p>thanks</p>`],
    ["Apple's cite", `<p>done 2</p><blockquote type="cite">skip 1</blockquote><p>thanks</p>`],
    ["Gmail's quote", `<div dir="ltr">done 2</div><div class="gmail_quote"><div class="gmail_attr">On Wed, Assistant wrote:</div><div>skip 1</div></div><p>thanks</p>`],
    ["Yahoo's quote", `<div>done 2</div><div class="yahoo_quoted"><div>skip 1</div></div><p>thanks</p>`],
    ["display:none", `<div>done 2</div><div style="color:red; display: none">skip 1</div><p>thanks</p>`],
    ["the hidden attribute", `<div>done 2</div><span hidden>skip 1</span><p>thanks</p>`],
    ["mso-hide", `<div>done 2</div><div style="mso-hide:all">skip 1</div><p>thanks</p>`],
  ])("drops %s", (_name, html) => {
    const text = replyTextFromHtml(html);
    expect(text).toContain("done 2");
    expect(text).toContain("thanks");
    expect(text).not.toMatch(/skip 1|forget all|still quoted/);
  });

  it("cuts an Outlook reply at its quoted message, whatever follows", () => {
    for (const marker of [`<div id="divRplyFwdMsg">`, `<div id="appendonsend"></div>`, `<div id=mail-editor-reference-message-container>`]) {
      const text = replyTextFromHtml(`<div>done 2</div>${marker}<hr><b>From:</b> Assistant<div>skip 1</div></div>`);
      expect(text.trim()).toBe("done 2");
    }
  });

  it("an element left open hides the rest, as a browser shows it", () => {
    expect(replyTextFromHtml(`<p>done 2</p><blockquote>skip 1<p>more`).trim()).toBe("done 2");
  });

  it("keeps everything when nothing is quoted or hidden, void elements included", () => {
    const html = `<div>done 2<br>skip 3<img src="x.png" hidden></div>`;
    expect(withoutQuotedAndHidden(html)).toBe(html);
  });
});
