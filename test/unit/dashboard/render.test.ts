import { describe, expect, it } from "vitest";
import { renderDashboard, parseDashboardView, type DashboardOptions } from "../../../src/http/dashboard/page.tsx";
import { buildDashboard } from "../../../src/db/dashboard.ts";
import type { DetailSource } from "../../../src/core/digest/doubts.ts";
import { HOSTILE_COMPANY, HOSTILE_MEETING_URL, hostileDashboard, searchDashboard, searchInput } from "./fixture.ts";

const OPTIONS: DashboardOptions = {
  csrfToken: "tok_3f9a-Zq",
  notice: ["Done:", "  - Acme (Backend Engineer): status waiting → rejected", "", "<b>not markup</b>"],
  calendarUrl: "https://assistant.example.com/calendar/abc.ics",
  nonce: "n0nc3",
};

/** Each <form …>…</form> of a document. */
function formsOf(html: string): string[] {
  return [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]);
}

describe("the private page's HTML", () => {
  it("is a complete document with one style sheet and one script, both carrying the nonce, and nothing else inline", () => {
    const html = renderDashboard(searchDashboard(40), OPTIONS);
    expect(html.startsWith("<!doctype html><html lang=\"en\">")).toBe(true);
    expect(html.endsWith("</html>")).toBe(true);
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script nonce="n0nc3">']);
    expect([...html.matchAll(/<style\b[^>]*>/g)].map((m) => m[0])).toEqual(['<style nonce="n0nc3">']);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it("escapes text from emails: a company named like a script stays text, and a javascript: meeting link is no link", () => {
    const html = renderDashboard(hostileDashboard(), OPTIONS);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain(HOSTILE_COMPANY);
    expect(html).toContain("javascript:alert(document.cookie)//https://meet.example/x");
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((href) => !/^(https:|mailto:|webcal:|\/dashboard|#)/.test(href))).toEqual([]);
    expect(hrefs.some((href) => href.startsWith("https://meet.example/"))).toBe(true);
    expect(html).toContain("shown as text because it is not an https link: <code>javascript:alert(document.cookie)//https://meet.example/x</code>");
  });

  it("escapes the notes on an application's page", () => {
    const input = searchInput(20);
    const target = input.records.applications.find((a) => a.status === "interviewing")!;
    const data = hostileDashboard({ kind: "application", applicationId: target.id });
    const html = renderDashboard(data, OPTIONS);
    expect(html).toContain("<li><p><strong>Private note (never quoted):</strong><br/>&lt;img src=x onerror=&quot;alert(2)&quot;&gt;</p></li>");
    expect(html).toContain(`${HOSTILE_MEETING_URL.replace("&", "&amp;")}`);
    expect(html).not.toContain(`href="${HOSTILE_MEETING_URL}`);
  });

  it("puts the CSRF token in every form, each posting to one of the contract's actions", () => {
    for (const data of [searchDashboard(60), searchDashboard(60, { kind: "status", status: "rejected", page: 1 }), searchDashboard(60, { kind: "application", applicationId: 17 })]) {
      const forms = formsOf(renderDashboard(data, OPTIONS));
      expect(forms.length).toBeGreaterThan(3);
      for (const form of forms) {
        expect(form).toMatch(/^<form method="post" action="(\/dashboard\/follow-ups\/\d+\/(sent|skip)|\/dashboard\/applications\/\d+\/status|\/dashboard\/undo|\/dashboard\/settings|\/logout)"/);
        expect(form).toContain('<input type="hidden" name="csrf" value="tok_3f9a-Zq"/>');
      }
    }
  });

  it("shows the notice as text, lines and indentation kept, in a polite live region", () => {
    const html = renderDashboard(searchDashboard(5), OPTIONS);
    expect(html).toContain(
      '<div class="notice" role="status" aria-live="polite"><pre>Done:\n  - Acme (Backend Engineer): status waiting → rejected\n\n&lt;b&gt;not markup&lt;/b&gt;</pre></div>',
    );
    const quiet = renderDashboard(searchDashboard(5), { ...OPTIONS, notice: null });
    expect(quiet).toContain('<div class="notice" role="status" aria-live="polite"></div>');
  });

  it("has one Undo, beside the change it would reverse, saying what that was", () => {
    const data = searchDashboard(40);
    const html = renderDashboard(data, OPTIONS);
    expect(html.match(/<button type="submit">Undo<\/button>/g)).toHaveLength(1);
    expect(data.undo).not.toBeNull();
    const form = formsOf(html).find((f) => f.includes('action="/dashboard/undo"'))!;
    expect(data.undo!.changes).toEqual([{ label: null, words: expect.stringMatching(/^the filing of "/) }]);
    expect(form).toContain(`<p>Undo reverses the latest change: ${data.undo!.changes[0]!.words.replaceAll('"', "&quot;")}</p>`);
  });

  it("names the application of the change Undo would reverse where others are listed, and lists a change of several", () => {
    const data = searchDashboard(5);
    const one = renderDashboard({ ...data, undo: { changes: [{ label: "Acme (Backend Engineer)", words: "Status check snoozed to Fri 13 Mar 2026" }], applicationIds: [1] } }, OPTIONS);
    expect(one).toContain("<p>Undo reverses the latest change to <strong>Acme (Backend Engineer)</strong>: Status check snoozed to Fri 13 Mar 2026</p>");
    const two = renderDashboard(
      {
        ...data,
        undo: {
          changes: [
            { label: "Acme (Backend Engineer)", words: "Thank-you note marked sent" },
            { label: null, words: "Time zone set to Europe/Paris" },
          ],
          applicationIds: [1],
        },
      },
      OPTIONS,
    );
    expect(two).toContain("<p>Undo reverses the latest change:</p><ul><li><strong>Acme (Backend Engineer): </strong>Thank-you note marked sent</li><li>Time zone set to Europe/Paris</li></ul>");
  });

  it("gives every draft its text, a mail link, and Mark sent and Skip buttons named after it", () => {
    const data = searchDashboard(40);
    const html = renderDashboard(data, OPTIONS);
    if (data.page.kind !== "overview") throw new Error("expected the overview");
    expect(data.page.dueDrafts.length).toBeGreaterThan(0);
    for (const draft of data.page.dueDrafts) {
      expect(html).toContain(`<textarea id="draft-${draft.id}-text" readonly="" rows=`);
      expect(html).toContain(`action="/dashboard/follow-ups/${draft.id}/sent"`);
      expect(html).toContain(`action="/dashboard/follow-ups/${draft.id}/skip"`);
    }
    expect(html).toMatch(/<button type="submit" aria-label="Mark sent: [^"]+">Mark sent<\/button>/);
    expect(html).toMatch(/<a class="button primary" href="mailto:[^"]+">Open in mail<\/a>/);
    // The Copy buttons are hidden until the script shows them.
    expect(html).toMatch(/<button type="button" data-copy="draft-\d+-text" hidden="">Copy text<\/button>/);
  });

  it("marks a draft with something to check as not ready, listing each check and where to send the reply", () => {
    const input = searchInput(40);
    const page = buildDashboard(input)!.page;
    if (page.kind !== "overview") throw new Error("expected the overview");
    const draft = page.dueDrafts.find((d) => d.to.length > 0 && d.placeholders.length === 0 && d.to.every((p) => p.email))!;
    const app = input.records.applications.find((a) => a.id === draft.applicationId)!;
    const unsureCompany: DetailSource = { applicationId: app.id, interviewId: null, type: "application_created", payload: { company: app.company }, setBy: "email", confidence: { company: { score: 0.3 } } };
    const articleOf = (html: string) => new RegExp(`<article [^>]*aria-labelledby="draft-${draft.id}">[\\s\\S]*?</article>`).exec(html)![0];

    const ready = articleOf(renderDashboard(buildDashboard(input)!, OPTIONS));
    expect(ready).not.toContain("Needs your input:");
    expect(ready).not.toContain("Check before sending");

    const html = renderDashboard(buildDashboard({ ...input, detailSources: [unsureCompany] })!, OPTIONS);
    const article = articleOf(html);
    expect(article).toContain('<span class="badge">Check before sending</span>');
    expect(article).toContain("<strong>Needs your input:</strong>");
    expect(article).toContain(
      `<strong>Check before sending:</strong></p><ul><li>Is the company &quot;${app.company}&quot;? Reply &quot;company: ${app.company}&quot; to confirm it, or with the right name.</li></ul>`,
    );
    expect(article).toContain("Send the reply in answer to my confirmation of their email, the one whose subject starts with &quot;Filed:&quot;.");
    expect(html.match(/<strong>Check before sending:<\/strong>/g)!.length).toBe(page.dueDrafts.filter((d) => d.applicationId === app.id).length);
  });

  it("lists an optional spot apart: to fill in or delete, not to fill in before sending", () => {
    const input = searchInput(20);
    const app = input.records.applications.find((a) => a.status === "waiting")!;
    const data = buildDashboard({ ...input, view: { kind: "application", applicationId: app.id } })!;
    if (data.page.kind !== "application") throw new Error("expected the application's page");
    const check = data.page.drafts.find((d) => d.kind === "status check")!;
    const article = new RegExp(`<article [^>]*aria-labelledby="draft-${check.id}">[\\s\\S]*?</article>`).exec(renderDashboard(data, OPTIONS))![0];
    expect(article).toContain("<strong>Needs your input:</strong>");
    expect(article).toContain("<li>Optional: replace [OPTIONAL – SOMETHING NEW: A RESULT, AN IDEA, AN ARTICLE] with something new, or delete its sentence</li>");
    expect(article).not.toContain("Fill in before sending");
  });

  it("shows a note line by line: the private lines, and the line marked for the drafts", () => {
    const input = searchInput(20);
    const app = input.records.applications.find((a) => a.status === "waiting")!;
    const notes = ["point: their on-call rotation", "Their robots stream telemetry over flaky LTE;\nask Dev how they buffer it.\npoint: how your robots keep their telemetry"];
    const data = buildDashboard({
      ...input,
      records: { ...input.records, applications: input.records.applications.map((a) => (a.id === app.id ? { ...a, notes } : a)) },
      view: { kind: "application", applicationId: app.id },
    })!;
    const html = renderDashboard(data, OPTIONS);
    expect(html).toContain("<li><p><strong>Marked for the drafts, but a newer line is used:</strong> their on-call rotation</p></li>");
    expect(html).toContain(
      "<li><p><strong>Private note (never quoted):</strong><br/>Their robots stream telemetry over flaky LTE;<br/>ask Dev how they buffer it.</p><p><strong>For the thank-you and status check:</strong> how your robots keep their telemetry</p></li>",
    );
  });

  it("says a closed application's interview ahead is not expected to take place", () => {
    const input = searchInput(20);
    const app = input.records.applications.find((a) => a.status === "interviewing")!;
    const closed = { ...input, records: { ...input.records, applications: input.records.applications.map((a) => (a.id === app.id ? { ...a, status: "rejected" as const } : a)) } };
    const html = renderDashboard(buildDashboard({ ...closed, view: { kind: "application", applicationId: app.id } })!, OPTIONS);
    expect(html).toContain("<strong> (not expected to take place: the application is closed)</strong>");
    expect(renderDashboard(buildDashboard({ ...input, view: { kind: "application", applicationId: app.id } })!, OPTIONS)).not.toContain("not expected to take place");
  });

  it("says an interview's length in the words the mails use", () => {
    const input = searchInput(20);
    const app = input.records.applications.find((a) => a.status === "interviewing")!;
    const interviews = input.records.interviews.map((i) => (i.applicationId === app.id ? { ...i, durationMin: 180 } : i));
    const html = renderDashboard(buildDashboard({ ...input, records: { ...input.records, interviews }, view: { kind: "application", applicationId: app.id } })!, OPTIONS);
    expect(html).toContain("3 hours");
    expect(html).not.toContain("180 min");
  });

  it("says the typical wait for an answer as the digest does, in days", () => {
    const data = searchDashboard(20);
    if (data.page.kind !== "overview") throw new Error("expected the overview");
    const [week, month, whole] = data.page.funnel;
    const funnel = [
      { ...week!, figures: { ...week!.figures, medianDaysToAnswer: 0.3 } },
      { ...month!, figures: { ...month!.figures, medianDaysToAnswer: 4.4 } },
      { ...whole!, figures: { ...whole!.figures, medianDaysToAnswer: null } },
    ];
    const html = renderDashboard({ ...data, page: { ...data.page, funnel } }, OPTIONS);
    expect(html).toContain('<tr><th scope="row">Typical wait for an answer</th><td>less than a day</td><td>4 days</td><td>–</td></tr>');
  });

  it("gives every control a label", () => {
    const html = renderDashboard(searchDashboard(60), OPTIONS);
    const ids = [...html.matchAll(/<(?:select|textarea|input)\b(?![^>]*type="(?:hidden|submit)")[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(html, id).toContain(`<label for="${id}">`);
    const unnamed = [...html.matchAll(/<(?:select|textarea|input)\b(?![^>]*type="hidden")(?![^>]*\bid=)[^>]*>/g)];
    expect(unnamed).toEqual([]);
  });

  it("keeps the overview of 1,000 applications under 100 KB", () => {
    const html = renderDashboard(searchDashboard(1000), OPTIONS);
    expect(Buffer.byteLength(html)).toBeLessThan(100_000);
    const column = renderDashboard(searchDashboard(1000, { kind: "status", status: "rejected", page: 1 }), OPTIONS);
    expect(Buffer.byteLength(column)).toBeLessThan(100_000);
  });

  it("offers the calendar as an address to copy and, for an https address, a webcal: link", () => {
    const html = renderDashboard(searchDashboard(5), OPTIONS);
    expect(html).toContain('<input type="text" id="calendar-url" readonly="" value="https://assistant.example.com/calendar/abc.ics"/>');
    expect(html).toContain('<a href="webcal://assistant.example.com/calendar/abc.ics">Subscribe in your calendar app</a>');
    const none = renderDashboard(searchDashboard(5), { ...OPTIONS, calendarUrl: null });
    expect(none).not.toContain("calendar-url");
    expect(none).toContain("The interview calendar needs this assistant&#39;s web address");
  });

  it("shows a column's pages, and the board links to them when it leaves cards out", () => {
    const overview = renderDashboard(searchDashboard(200), OPTIONS);
    expect(overview).toContain('<a href="/dashboard?status=rejected">Show all 80 applications (rejected)</a>');
    const data = buildDashboard(searchInput(200, { kind: "status", status: "rejected", page: 2 }))!;
    const html = renderDashboard(data, OPTIONS);
    expect(html).toContain("Page 2 of 2");
    expect(html).toContain('<a href="/dashboard?status=rejected">Newer</a>');
    expect(html).not.toContain(">Older</a>");
  });
});

describe("parseDashboardView", () => {
  it("reads the overview, a column's page and an application, and refuses anything else", () => {
    expect(parseDashboardView({})).toEqual({ kind: "overview" });
    expect(parseDashboardView({ status: "rejected" })).toEqual({ kind: "status", status: "rejected", page: 1 });
    expect(parseDashboardView({ status: "gone_quiet", page: "3" })).toEqual({ kind: "status", status: "gone_quiet", page: 3 });
    expect(parseDashboardView({}, "42")).toEqual({ kind: "application", applicationId: 42 });
    expect(parseDashboardView({ status: "archived" })).toBeNull();
    expect(parseDashboardView({ status: "rejected", page: "0" })).toBeNull();
    expect(parseDashboardView({ status: "rejected", page: "-1" })).toBeNull();
    expect(parseDashboardView({}, "0")).toBeNull();
    expect(parseDashboardView({}, "1e3")).toBeNull();
  });
});
