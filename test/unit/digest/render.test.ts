import { describe, expect, it } from "vitest";
import type { DigestContent, DigestDraft, DigestInterview } from "../../../src/core/digest/content.ts";
import { MAX_LISTED_ITEMS, renderDigest } from "../../../src/core/digest/render.ts";
import { MAX_MAILTO_CHARS } from "../../../src/core/digest/mailto.ts";
import { decodeMailto } from "../../helpers/decode-mailto.ts";

const REPLY = "assistant+t0k3n@relay.example";
/** 2026-03-03 15:00 in Europe/Berlin (CET, UTC+1). */
const TUESDAY_3PM_BERLIN = Date.UTC(2026, 2, 3, 14, 0);

describe("renderDigest: text part", () => {
  it("lays out one interview and one draft exactly", () => {
    const { subject, text } = renderDigest(
      content({
        interviews: [
          interview({
            startAt: TUESDAY_3PM_BERLIN,
            durationMin: 45,
            interviewers: [{ name: "Mira Halvorsen", email: "mira@lumen.example" }, { name: "Tomás Ruiz", email: null }],
            format: "video",
            meetingUrl: "https://video.lumen.example/j/123",
          }),
        ],
        drafts: [
          draft({
            subject: "Thank you: Backend Engineer interview",
            body: "Hi Mira,\n\nThank you for today. I enjoyed [one point you discussed].\n\nBest,\nAda",
            placeholders: ["[one point you discussed]"],
          }),
        ],
      }),
    );
    expect(subject).toBe("Today: 1 interview, 1 follow-up to send");
    const mailto =
      "mailto:mira@lumen.example?subject=Thank%20you%3A%20Backend%20Engineer%20interview" +
      "&body=Hi%20Mira%2C%0D%0A%0D%0AThank%20you%20for%20today.%20I%20enjoyed%20%5Bone%20point%20you%20discussed%5D.%0D%0A%0D%0ABest%2C%0D%0AAda";
    expect(text).toBe(
      [
        "Your digest for Tuesday 3 March 2026",
        "",
        "1 interview today, 1 follow-up to send.",
        "Times are in Europe/Berlin.",
        "",
        "TODAY'S INTERVIEWS",
        "",
        "- Lumen Robotics, Backend Engineer",
        "  When:   Tue 3 Mar 2026, 15:00 CET (your time)",
        "  Length: 45 minutes",
        "  Format: video call",
        "  With:   Mira Halvorsen <mira@lumen.example>, Tomás Ruiz",
        "  Join:   https://video.lumen.example/j/123",
        "",
        "SEND TODAY",
        "Open each one, fill in anything marked, send it, then reply with its number.",
        "",
        "1. Thank-you note: Lumen Robotics, Backend Engineer",
        "   To:      Mira Halvorsen <mira@lumen.example>",
        "   Subject: Thank you: Backend Engineer interview",
        "   Fill in before sending: [one point you discussed]",
        "",
        "   Hi Mira,",
        "",
        "   Thank you for today. I enjoyed [one point you discussed].",
        "",
        "   Best,",
        "   Ada",
        "",
        `   Open it to fill in and send: <${mailto}>`,
        '   Sent it? Reply "done 1". Not sending it? Reply "skip 1".',
        "",
        "HOW TO REPLY",
        "Reply to this email with one command per line, for example:",
        "  done 1           I sent draft 1",
        "  done 1 3         I sent drafts 1 and 3",
        "  rejected 2       they turned me down",
        "  skip 2           I won't send draft 2",
        "  snooze 2 monday  remind me about 2 later",
        "  heard back 2     they replied: stop nudging",
        "  list             show my open applications",
        "  help             all commands",
        "  undo             reverse the last change",
        "",
      ].join("\n"),
    );
  });

  it("shows the interview in the user's zone and in its own zone when they differ", () => {
    const { text } = renderDigest(content({ interviews: [interview({ startAt: TUESDAY_3PM_BERLIN, timeZone: "America/New_York" })] }));
    expect(text).toContain("  When:   Tue 3 Mar 2026, 15:00 CET (your time); 09:00 New York time\n");
  });

  it("says when only a local time without a zone is known, and when no time is known", () => {
    const { text } = renderDigest(
      content({
        interviews: [
          interview({ startAt: null, startLocal: "2026-03-03T10:30:00" }),
          interview({ startAt: null, startLocal: null, company: "Orchard Pay", role: null }),
        ],
      }),
    );
    expect(text).toContain("- Lumen Robotics, Backend Engineer\n  When:   Tue 3 Mar 2026, 10:30, time zone not confirmed\n");
    expect(text).toContain("- Orchard Pay\n  When:   time not known\n");
  });

  it("gives an interview's length as one would say it", () => {
    const lengthOf = (durationMin: number) => renderDigest(content({ interviews: [interview({ durationMin })] })).text.split("\n").find((line) => line.startsWith("  Length:"));
    expect(lengthOf(180)).toBe("  Length: 3 hours");
    expect(lengthOf(90)).toBe("  Length: 1 hour 30 minutes");
    expect(lengthOf(60)).toBe("  Length: 1 hour");
    expect(lengthOf(30)).toBe("  Length: 30 minutes");
  });

  it("numbers the drafts 1..N in order, each with its own done and skip commands, and offers done for all", () => {
    const { subject, text, html } = renderDigest(
      content({
        drafts: [
          draft({ number: 1, company: "Lumen Robotics" }),
          draft({ number: 2, rule: "R4", company: "Orchard Pay", role: "Data Analyst" }),
          draft({ number: 3, rule: "R8", company: "Kestrel Health", role: null }),
        ],
      }),
    );
    expect(subject).toBe("Follow-ups: 3 to send");
    const headings = text.split("\n").filter((line) => /^\d+\. /.test(line));
    expect(headings).toEqual([
      "1. Thank-you note: Lumen Robotics, Backend Engineer",
      "2. Status check: Orchard Pay, Data Analyst",
      "3. Reply to their decision: Kestrel Health",
    ]);
    expect(text).toContain('Sent them all? Reply "done 1 2 3".');
    const commands = replyCommandLinks(html);
    expect(commands).toEqual([
      ["Mark 1 as sent", "done 1"],
      ["Skip 1", "skip 1"],
      ["Mark 2 as sent", "done 2"],
      ["Skip 2", "skip 2"],
      ["Mark 3 as sent", "done 3"],
      ["Skip 3", "skip 3"],
      ["Mark all as sent", "done 1 2 3"],
      ["List my applications", "list"],
      ["Help", "help"],
      ["Undo the last change", "undo"],
    ]);
  });

  it("R1: a late thank-you note is listed, clearly marked late, not dropped", () => {
    const dueAt = Date.UTC(2026, 2, 1, 15, 0);
    const { subject, text, html } = renderDigest(content({ drafts: [draft({ number: 1, late: true, dueAt }), draft({ number: 2 })] }));
    expect(subject).toBe("Follow-ups: 2 to send (1 late)");
    expect(text).toContain("1. Thank-you note: Lumen Robotics, Backend Engineer\n   Late: best sent on Sunday afternoon. Still worth sending today.\n");
    expect(text).toContain("2. Thank-you note: Lumen Robotics, Backend Engineer\n   To:");
    expect(text.match(/Late: /g)).toHaveLength(1);
    expect(html).toContain(">LATE</span>");
    expect(html).toContain("Late: best sent on Sunday afternoon. Still worth sending today.");
  });

  it("says when a late draft was best sent as one would the morning after, never as a deadline with a time", () => {
    const lateLine = (dueAt: number) => renderDigest(content({ drafts: [draft({ late: true, dueAt })] })).text.split("\n").find((line) => line.includes("Late: "));
    // The digest is Tuesday 3 March 2026's, in Berlin.
    expect(lateLine(Date.UTC(2026, 2, 2, 8, 0))).toBe("   Late: best sent yesterday morning. Still worth sending today.");
    expect(lateLine(Date.UTC(2026, 2, 2, 17, 30))).toBe("   Late: best sent yesterday evening. Still worth sending today.");
    expect(lateLine(Date.UTC(2026, 1, 25, 12, 0))).toBe("   Late: best sent on Wednesday afternoon. Still worth sending today.");
    expect(lateLine(Date.UTC(2026, 1, 20, 12, 0))).toBe("   Late: best sent on Fri 20 Feb 2026. Still worth sending today.");
    expect(lateLine(Date.UTC(2026, 2, 3, 6, 0))).toBe("   Late: best sent earlier today. Still worth sending today.");
  });

  it("lists waiting applications with their next check, gone-quiet suggestions (R7) and undelivered digests", () => {
    const { subject, text } = renderDigest(
      content({
        waiting: [
          { company: "Orchard Pay", role: "Data Analyst", nextCheck: "2026-03-10", promisedBy: "2026-03-06" },
          { company: null, role: "Site Reliability Engineer", nextCheck: null, promisedBy: null },
        ],
        goneQuiet: [{ company: "Kestrel Health", role: null, lastHeard: "2026-01-20", suggestion: "Consider moving on; it stays on file." }],
        undelivered: ["2026-03-01", "2026-03-02"],
      }),
    );
    expect(subject).toBe("Digest: nothing to send today");
    expect(text).toContain("Nothing to send today, waiting on 2, 1 gone quiet.");
    expect(text).toContain("NOTE: Your digests for Sun 1 Mar 2026 and Mon 2 Mar 2026 could not be delivered. Anything still open from them is in this one.");
    expect(text).toContain(
      [
        "WAITING ON THEM",
        "- Orchard Pay, Data Analyst: they said they would reply by Fri 6 Mar 2026; next check Tue 10 Mar 2026.",
        "- Site Reliability Engineer: no check planned yet.",
      ].join("\n"),
    );
    expect(text).toContain("GONE QUIET\n- Kestrel Health (last heard Tue 20 Jan 2026): Consider moving on; it stays on file.");
  });

  it("names the subject by what is on: interviews first, then drafts", () => {
    const two = [interview(), interview()];
    expect(renderDigest(content({ interviews: [interview()] })).subject).toBe("Today: 1 interview");
    expect(renderDigest(content({ interviews: two, drafts: [draft(), draft({ number: 2 })] })).subject).toBe(
      "Today: 2 interviews, 2 follow-ups to send",
    );
    expect(renderDigest(content({ drafts: [draft()] })).subject).toBe("Follow-ups: 1 to send");
  });

  it("renders an empty digest as a short 'nothing today' with only the commands that need no number", () => {
    const { subject, text, html } = renderDigest(content());
    expect(subject).toBe("Digest: nothing today");
    expect(text).toBe(
      [
        "Your digest for Tuesday 3 March 2026",
        "",
        "Nothing on today: no interviews and nothing to send. New interview emails you forward will show up here.",
        "",
        "HOW TO REPLY",
        "Reply to this email with one command per line, for example:",
        "  list  show my open applications",
        "  help  all commands",
        "  undo  reverse the last change",
        "",
      ].join("\n"),
    );
    expect(html).toContain("Nothing on today: no interviews and nothing to send.");
    expect(replyCommandLinks(html).map(([, command]) => command)).toEqual(["list", "help", "undo"]);
  });
});

describe("renderDigest: interviews ahead", () => {
  /** Wednesday 4 March 2026, 10:00 in Berlin (CET). */
  const WEDNESDAY_10AM_BERLIN = Date.UTC(2026, 2, 4, 9, 0);

  it("lists tomorrow's interviews under today's: company, role, both zones' times, format, and a join link on a known host", () => {
    const { subject, text, html } = renderDigest(
      content({
        interviews: [interview()],
        upcoming: [
          interview({ startAt: WEDNESDAY_10AM_BERLIN, timeZone: "America/New_York", format: "video", meetingUrl: "https://meet.google.com/abc-defg-hij", durationMin: 30 }),
          interview({ startAt: WEDNESDAY_10AM_BERLIN + 3_600_000, company: "Orchard Pay", role: "Data Analyst", format: "onsite", meetingUrl: "https://video.orchard.example/j/1" }),
        ],
      }),
    );
    expect(subject).toBe("Today: 1 interview");
    expect(text).toContain("1 interview today, 2 interviews tomorrow.");
    expect(text.indexOf("TODAY'S INTERVIEWS")).toBeLessThan(text.indexOf("TOMORROW'S INTERVIEWS"));
    expect(text).toContain(
      [
        "TOMORROW'S INTERVIEWS",
        "",
        "- Lumen Robotics, Backend Engineer",
        "  When:   Wed 4 Mar 2026, 10:00 CET (your time); 04:00 New York time",
        "  Format: video call",
        "  Join:   https://meet.google.com/abc-defg-hij",
        "",
        "- Orchard Pay, Data Analyst",
        "  When:   Wed 4 Mar 2026, 11:00 CET (your time)",
        "  Format: on site",
        "",
      ].join("\n"),
    );
    // A link on a host the digest does not vouch for is left out of the interviews ahead.
    expect(text).not.toContain("video.orchard.example");
    expect(anchors(html).filter((a) => a.href.startsWith("https:")).map((a) => a.href)).toEqual(["https://meet.google.com/abc-defg-hij"]);
  });

  it("says when an interview's time zone was guessed, today's or ahead, with the reply that confirms it", () => {
    const timeToConfirm = "time: 2026-03-04 04:00 America/New_York";
    const { text } = renderDigest(content({ interviews: [interview({ timeToConfirm })], upcoming: [interview({ startAt: WEDNESDAY_10AM_BERLIN, timeToConfirm })] }));
    const check = `  Check:  I was not sure of this time (its time zone was guessed): reply "${timeToConfirm}" to the confirmation of its email to confirm it, or with the right time.`;
    expect(text.split("\n").filter((line) => line === check)).toHaveLength(2);
    expect(renderDigest(content({ interviews: [interview()] })).text).not.toContain("Check:");
  });

  it("on a Friday before a weekend without digests, shows the interviews up to Monday under their weekdays", () => {
    const saturday = Date.UTC(2026, 2, 7, 10, 0);
    const monday = Date.UTC(2026, 2, 9, 8, 30);
    const { subject, text } = renderDigest(
      content({ localDate: "2026-03-06", upcomingUntil: "2026-03-09", upcoming: [interview({ startAt: saturday }), interview({ startAt: monday, company: "Orchard Pay", role: null })] }),
    );
    expect(subject).toBe("Coming up: 2 interviews by Monday");
    expect(text).toContain("Nothing to send today, 2 interviews by Monday.");
    expect(text).toContain(
      [
        "INTERVIEWS UNTIL MONDAY",
        "",
        "Saturday 7 March 2026",
        "- Lumen Robotics, Backend Engineer",
        "  When:   Sat 7 Mar 2026, 11:00 CET (your time)",
        "",
        "Monday 9 March 2026",
        "- Orchard Pay",
        "  When:   Mon 9 Mar 2026, 09:30 CET (your time)",
      ].join("\n"),
    );
  });
});

describe("renderDigest: an interview whose email gave no time zone", () => {
  it("is listed ahead on the day its email gave, under that day's heading", () => {
    const saturday = Date.UTC(2026, 2, 7, 10, 0);
    const { text } = renderDigest(
      content({
        localDate: "2026-03-06",
        upcomingUntil: "2026-03-09",
        upcoming: [interview({ startAt: saturday }), interview({ startAt: null, startLocal: "2026-03-09T10:30:00", company: "Atlasia Finance", role: null })],
      }),
    );
    expect(text).toContain(["Monday 9 March 2026", "- Atlasia Finance", "  When:   Mon 9 Mar 2026, 10:30, time zone not confirmed"].join("\n"));
  });
});

describe("renderDigest: drafts to check", () => {
  const contactCheck = { detail: "contact" as const, shown: "Mira Halvorsen <mira@lumen.example>", reply: "contact: Mira Halvorsen <mira@lumen.example>" };

  it("does not call a draft with an unsure detail ready: it says what to check and the reply that settles it", () => {
    const { subject, text, html } = renderDigest(content({ drafts: [draft({ checks: [contactCheck] }), draft({ number: 2 })] }));
    expect(subject).toBe("Follow-ups: 2 to send (1 to check before sending)");
    expect(text).toContain("2 follow-ups to send (1 to check before sending).");
    expect(text).toContain('Those marked "Check before sending" hold a detail I was not sure of.');
    expect(text).not.toContain("Each one is ready to send");
    expect(text).toContain(
      [
        "1. Thank-you note: Lumen Robotics, Backend Engineer",
        "   CHECK BEFORE SENDING:",
        '   - Is the contact "Mira Halvorsen <mira@lumen.example>"? Reply "contact: Mira Halvorsen <mira@lumen.example>" to confirm it, or with the right name and address.',
        "   To:      Mira Halvorsen <mira@lumen.example>",
      ].join("\n"),
    );
    expect(text).toContain("   Open it to check and send: <mailto:");
    expect(text).toContain("2. Thank-you note: Lumen Robotics, Backend Engineer\n   To:");
    expect(text).toContain("   Open it ready to send: <mailto:");
    expect(anchors(html).map((a) => a.label)).toEqual(expect.arrayContaining(["Open it to check and send", "Open it ready to send"]));
    expect(html).toContain(">CHECK BEFORE SENDING</span>");
    expect(html).not.toMatch(/check first/i);
    expect(decodeEntities(html)).toContain('Is the contact "Mira Halvorsen <mira');
  });

  it("names each detail in words, with the reply that settles it", () => {
    const checks = [
      { detail: "company" as const, shown: "Lumen", reply: "company 2: Lumen" },
      { detail: "time" as const, shown: "Tue 3 Mar 2026, 09:00 New York time (15:00 your time)", reply: "time 2: 2026-03-03 09:00 America/New_York" },
    ];
    const { text } = renderDigest(content({ drafts: [draft({ checks })] }));
    expect(text).toContain('   - Is the company "Lumen"? Reply "company 2: Lumen" to confirm it, or with the right name.\n');
    expect(text).toContain('   - Is the interview at Tue 3 Mar 2026, 09:00 New York time (15:00 your time)? Reply "time 2: 2026-03-03 09:00 America/New_York" to confirm it, or with the right time.\n');
    expect(text).not.toMatch(/\bR\d+\b/);
  });
});

describe("renderDigest: look back", () => {
  const none = { applications: 0, interviews: 0, answers: 0, medianDaysToAnswer: null, offers: 0, rejections: 0, goneQuiet: 0, followUpsSent: 0 };

  it("shows the past week and the whole search in words, leaving out what is zero", () => {
    const { subject, text } = renderDigest(
      content({
        localDate: "2026-03-09",
        lookBack: {
          firstDay: "2026-03-02",
          lastDay: "2026-03-08",
          week: { ...none, applications: 2, interviews: 1, answers: 3, medianDaysToAnswer: 3.4, followUpsSent: 1 },
          total: { applications: 9, interviews: 4, answers: 1, medianDaysToAnswer: 6.2, offers: 1, rejections: 2, goneQuiet: 1, followUpsSent: 12 },
        },
      }),
    );
    expect(subject).toBe("Digest: your week looking back");
    expect(text).toContain("Nothing on today. Below: how last week went, and your search so far.");
    expect(text).toContain(
      [
        "LOOKING BACK",
        "The past week, Mon 2 to Sun 8 March:",
        "- 2 new applications",
        "- 1 interview",
        "- 3 answers from employers; a typical wait of 3 days",
        "- 1 follow-up sent",
        "",
        "Your whole search so far:",
        "- 9 applications",
        "- 4 interviews",
        "- 1 answer from an employer, after a wait of 6 days",
        "- 1 offer",
        "- 2 rejections",
        "- 1 application went quiet after your follow-ups",
        "- 12 follow-ups sent",
      ].join("\n"),
    );
    expect(text).not.toMatch(/\b0 /);
  });

  it("says a quiet week was quiet, gives no wait without answers, and spans two months by their names", () => {
    const { text, html } = renderDigest(
      content({ localDate: "2026-03-02", lookBack: { firstDay: "2026-02-23", lastDay: "2026-03-01", week: none, total: { ...none, applications: 3, answers: 2 } } }),
    );
    expect(text).toContain("The past week, Mon 23 Feb to Sun 1 Mar: nothing new.\n\nYour whole search so far:\n- 3 applications\n- 2 answers from employers\n");
    expect(html).toContain("The past week, Mon 23 Feb to Sun 1 Mar: nothing new.");
    expect(html).toContain("2 answers from employers</li>");
  });

  it("says the figures once when the whole search began within the past week", () => {
    const figures = { ...none, applications: 2, interviews: 1 };
    const { text } = renderDigest(content({ localDate: "2026-03-09", lookBack: { firstDay: "2026-03-02", lastDay: "2026-03-08", week: figures, total: figures } }));
    expect(text).toContain("LOOKING BACK\nYour whole search so far, all of it in the past week (Mon 2 to Sun 8 March):\n- 2 applications\n- 1 interview\n");
    expect(text).not.toContain("The past week,");
  });
});

describe("renderDigest: draft links", () => {
  it("opens each draft pre-filled: decoding the link gives back exactly the recipients, subject and body", () => {
    const subject = "Merci, Zoë & Øystein: next steps? #2 (100% + more)";
    const body = "Hej Zoë & Øystein,\n\nQ&A? #notes 50% + 1=2 — 日本語 🎉\n\nBest,\nAda";
    const { html } = renderDigest(
      content({
        drafts: [
          draft({
            to: [
              { name: "Zoë Brandt", email: "zoe@fjordline.example" },
              { name: "Øystein Dahl", email: "oystein+hiring@fjordline.example" },
              { name: "Somebody Else", email: null },
            ],
            subject,
            body,
          }),
        ],
      }),
    );
    const [href] = draftLinks(html);
    expect(decodeMailto(href!)).toEqual({
      to: ["zoe@fjordline.example", "oystein+hiring@fjordline.example"],
      fields: { subject, body: body.replaceAll("\n", "\r\n") },
    });
  });

  it("falls back to a link with recipient and subject only when the body would make it too long, and says why", () => {
    const body = "Hi Mira,\n\n" + "I keep thinking about the robot fleet scheduling problem we discussed. ".repeat(40);
    const { text, html } = renderDigest(content({ drafts: [draft({ subject: "Thank you", body })] }));
    const [href] = draftLinks(html);
    expect(href).toBe("mailto:mira@lumen.example?subject=Thank%20you");
    expect(href!.length).toBeLessThanOrEqual(MAX_MAILTO_CHARS);
    const note =
      "The text is too long for a one-tap link (some mail apps cut or refuse links over 1,900 characters), so the link fills in the recipient and subject only: copy the text above into it.";
    expect(text).toContain(`   Open with recipient and subject: <mailto:mira@lumen.example?subject=Thank%20you>\n   ${note}\n`);
    expect(html).toContain(">Open with recipient and subject</a>");
    expect(html).toContain(note);
    // The whole body is still there to copy.
    expect(text).toContain(body.split("\n")[2]!.trim());
  });

  it("still shows a draft with no known address, with a note and a link without recipient", () => {
    const { text, html } = renderDigest(content({ drafts: [draft({ to: [{ name: "Priya Natarajan", email: null }], subject: "Hello", body: "Hi" })] }));
    expect(text).toContain("   To:      Priya Natarajan\n            No address known: add the recipient in your mail app.\n");
    expect(draftLinks(html)).toEqual(["mailto:?subject=Hello&body=Hi"]);
    expect(renderDigest(content({ drafts: [draft({ to: [] })] })).text).toContain("   To:      (not known)\n");
  });

  it("names the recipients without an address when others have one", () => {
    const to = [
      { name: "Mira Halvorsen", email: "mira@lumen.example" },
      { name: "Tomás Ruiz", email: null },
    ];
    const { text } = renderDigest(content({ drafts: [draft({ to })] }));
    expect(text).toContain("   To:      Mira Halvorsen <mira@lumen.example>, Tomás Ruiz\n            No address known for Tomás Ruiz: add it in your mail app.\n");
  });

  it("C10: lists the placeholders to fill and marks each in the HTML body", () => {
    const { html } = renderDigest(
      content({ drafts: [draft({ body: "I enjoyed [topic].\nBest,\n[Your name]", placeholders: ["[topic]", "[Your name]"] })] }),
    );
    expect(html).toContain("<strong>Fill in before sending:</strong> ");
    const marked = [...html.matchAll(/<span style="[^"]*border-bottom:2px[^"]*">([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(marked).toEqual(["[topic]", "[Your name]", "[topic]", "[Your name]"]);
    expect(html).toContain("I enjoyed <span");
    expect(html).toContain("</span>.<br>Best,<br><span");
  });

  it("mails a command to the reply address with the digest date in the subject", () => {
    const { html } = renderDigest(content({ drafts: [draft()] }));
    expect(html).toContain(`href="mailto:${REPLY}?subject=Digest%202026-03-03%3A%20done%201&amp;body=done%201"`);
  });
});

describe("renderDigest: HTML safety", () => {
  const HOSTILE = '"><img src=x onerror=alert(1)>';

  function hostileDigest() {
    return renderDigest(
      content({
        interviews: [
          interview({
            company: "<script>alert('company')</script>",
            role: HOSTILE,
            interviewers: [{ name: "<b onmouseover=alert(1)>Eve</b>", email: "eve@x.example\"><svg onload=alert(1)>" }],
            meetingUrl: "javascript:alert(document.cookie)",
          }),
          interview({ meetingUrl: 'https://zoom.us/j/1"onmouseover="alert(1)' }),
          interview({ meetingUrl: "https://meet.example/j/2" }),
        ],
        drafts: [
          draft({
            company: "<iframe src=//evil.example>",
            to: [{ name: "</div><script>x()</script>", email: 'a"b@evil.example' }],
            subject: "</title><script>alert(2)</script>",
            body: "Hi <b>there</b>,\nvisit javascript:alert(3) or <a href=\"javascript:alert(4)\">this</a>",
            placeholders: ["<i>x</i>"],
          }),
        ],
        waiting: [{ company: "<style>body{display:none}</style>", role: null, nextCheck: "<u>soon</u>", promisedBy: HOSTILE }],
        goneQuiet: [{ company: "Orchard Pay", role: null, lastHeard: null, suggestion: "<marquee>move on</marquee>" }],
        undelivered: ["<blink>2026-03-01</blink>"],
      }),
    );
  }

  it("contains only the tags and attributes it writes itself: every < from the content is escaped", () => {
    const { html } = hostileDigest();
    const tags = [...html.matchAll(/<\/?([a-zA-Z!][a-zA-Z0-9]*)([^>]*)>/g)];
    const names = new Set(tags.map((m) => m[1]!.toLowerCase()));
    const attributes = new Set(tags.filter((m) => m[1] !== "!doctype").flatMap((m) => [...m[2]!.replace(/"[^"]*"/g, "").matchAll(/\s([a-zA-Z-]+)/g)].map((a) => a[1]!.toLowerCase())));
    const allowedTags = ["!doctype", "a", "body", "br", "code", "div", "em", "h1", "h2", "head", "html", "li", "meta", "p", "span", "strong", "title", "ul"];
    expect([...names].filter((name) => !allowedTags.includes(name))).toEqual([]);
    expect([...attributes].sort()).toEqual(["charset", "content", "href", "lang", "name", "style"]);
    expect(html).toContain("&lt;script&gt;alert(&#39;company&#39;)&lt;/script&gt;");
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;b onmouseover=alert(1)&gt;Eve&lt;/b&gt;");
    expect(html).toContain("Hi &lt;b&gt;there&lt;/b&gt;,<br>");
  });

  it("links only meeting links on known hosts and its own mailto: links, never javascript:", () => {
    const { html } = hostileDigest();
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(https:\/\/|mailto:)/);
    expect(hrefs.filter((h) => h.startsWith("https://"))).toEqual(["https://zoom.us/j/1"]);
    expect(html).not.toMatch(/href="\s*javascript:/i);
    // A javascript: link is shown as text, not dropped and not linked, its ":" set apart so no mail app links it.
    expect(html).toContain('<span style="color:#59636e;">Join:</span> javascript<span>:</span>alert(document<span>.</span>cookie)</div>');
    // A join link on a host not in the table is text too.
    expect(html).toContain('<span style="color:#59636e;">Join:</span> https<span>:</span>//meet<span>.</span>example/j/2</div>');
  });

  it("shows URLs from a draft, a name or an address as text no mail app links", () => {
    const { html } = renderDigest(
      content({
        drafts: [draft({ to: [{ name: "Eve", email: "eve@evil.example" }], body: "Hi,\nsee https://evil.example/login or www.evil.example." })],
        waiting: [{ company: "evil.example", role: null, nextCheck: null, promisedBy: "check http://evil.example/x" }],
      }),
    );
    expect(anchors(html).filter((a) => !a.href.startsWith("mailto:"))).toEqual([]);
    expect(html).toContain("see https<span>:</span>//evil<span>.</span>example/login or www<span>.</span>evil<span>.</span>example.");
    expect(html).toContain("Eve &lt;eve<span>@</span>evil<span>.</span>example&gt;");
    expect(html).toContain("evil<span>.</span>example: they said they would reply by check http<span>:</span>//evil<span>.</span>example/x;");
  });

  it("returns its HTML as a plain string, a line break inside a placeholder included", () => {
    const { html } = renderDigest(content({ drafts: [draft({ body: "Dear [name\nhere],\r\nthanks", placeholders: ["[name\nhere]"] })] }));
    expect(typeof html).toBe("string");
    expect(html).toContain(`Dear <span style="background:#fff8c5;border-bottom:2px solid #d4a72c;font-weight:600;">[name<br>here]</span>,<br>thanks`);
  });

  it("says how many more drafts wait when a digest is capped", () => {
    const { text, html } = renderDigest(content({ drafts: [draft()], moreDrafts: 3 }));
    expect(text).toContain("3 more follow-ups are due; they come in the next digests.");
    expect(html).toContain("3 more follow-ups are due; they come in the next digests.");
  });

  it("strips bidi controls and zero-width characters from every string of the content, in both parts and the links", () => {
    const RLO = "\u202e";
    const PDF = "\u202c";
    const hidden = (text: string) => `${RLO}${text}${PDF}\u200b\u2066\ufeff\u061c`;
    const { text, html } = renderDigest(
      content({
        interviews: [interview({ company: hidden("Lumen"), role: hidden("SRE"), interviewers: [{ name: hidden("Mira"), email: hidden("mira@lumen.example") }], meetingUrl: hidden("https://zoom.us/j/9") })],
        drafts: [draft({ company: hidden("Lumen"), to: [{ name: hidden("Mira"), email: hidden("mira@lumen.example") }], subject: hidden("Thanks"), body: hidden("Hi Mira") })],
        waiting: [{ company: hidden("Orchard"), role: null, nextCheck: null, promisedBy: hidden("2026-03-06") }],
        goneQuiet: [{ company: hidden("Tidewater"), role: null, lastHeard: null, suggestion: hidden("Move on.") }],
      }),
    );
    for (const part of [text, html, ...draftLinks(html).map((href) => JSON.stringify(decodeMailto(href)))]) {
      expect(part).not.toMatch(/[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
    }
    expect(html).toContain('<a href="https://zoom.us/j/9">https://zoom.us/j/9</a>');
    expect(decodeMailto(draftLinks(html)[0]!)).toEqual({ to: ["mira@lumen.example"], fields: { subject: "Thanks", body: "Hi Mira" } });
  });

  it(`lists at most ${MAX_LISTED_ITEMS} entries per list and says how many more there are`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    const { text, html } = renderDigest(
      content({
        interviews: many(MAX_LISTED_ITEMS + 2).map((i) => interview({ company: `Interview Co ${i}` })),
        waiting: many(MAX_LISTED_ITEMS + 5).map((i) => ({ company: `Waiting Co ${i}`, role: null, nextCheck: null, promisedBy: null })),
        goneQuiet: many(MAX_LISTED_ITEMS).map((i) => ({ company: `Quiet Co ${i}`, role: null, lastHeard: null, suggestion: "Move on." })),
      }),
    );
    for (const part of [text, decodeEntities(html)]) {
      expect(part).toContain(`Interview Co ${MAX_LISTED_ITEMS},`);
      expect(part).not.toContain(`Interview Co ${MAX_LISTED_ITEMS + 1},`);
      expect(part).toContain('… (2 more; reply "list" to see all your applications)');
      expect(part).toContain(`Waiting Co ${MAX_LISTED_ITEMS}:`);
      expect(part).not.toContain(`Waiting Co ${MAX_LISTED_ITEMS + 1}:`);
      expect(part).toContain('… (5 more; reply "list" to see all your applications)');
      expect(part).toContain(`Quiet Co ${MAX_LISTED_ITEMS}:`);
      expect(part.match(/more; reply "list"/g)).toHaveLength(2);
    }
    // The summary still counts everything.
    expect(text).toContain(`${MAX_LISTED_ITEMS + 2} interviews today`);
  });

  it("keeps hostile addresses inside the link's path, encoded", () => {
    const { html } = hostileDigest();
    const [href] = draftLinks(html);
    expect(decodeMailto(href!).to).toEqual(['a"b@evil.example']);
  });
});

// ── Builders and readers ────────────────────────────────────────────────────────────────

function content(overrides: Partial<DigestContent> = {}): DigestContent {
  return {
    localDate: "2026-03-03",
    timeZone: "Europe/Berlin",
    interviews: [],
    upcoming: [],
    upcomingUntil: "2026-03-04",
    drafts: [],
    moreDrafts: 0,
    waiting: [],
    goneQuiet: [],
    undelivered: [],
    lookBack: null,
    replyAddress: REPLY,
    ...overrides,
  };
}

function interview(overrides: Partial<DigestInterview> = {}): DigestInterview {
  return {
    startAt: TUESDAY_3PM_BERLIN,
    startLocal: null,
    timeZone: null,
    durationMin: null,
    company: "Lumen Robotics",
    role: "Backend Engineer",
    interviewers: [],
    format: null,
    meetingUrl: null,
    ...overrides,
  };
}

function draft(overrides: Partial<DigestDraft> = {}): DigestDraft {
  return {
    number: 1,
    rule: "R1",
    company: "Lumen Robotics",
    role: "Backend Engineer",
    to: [{ name: "Mira Halvorsen", email: "mira@lumen.example" }],
    subject: "Thank you",
    body: "Hi Mira,\n\nThank you for today.\n\nBest,\nAda",
    placeholders: [],
    dueAt: TUESDAY_3PM_BERLIN,
    late: false,
    checks: [],
    ...overrides,
  };
}

function anchors(html: string): Array<{ href: string; label: string }> {
  return [...html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => ({ href: decodeEntities(m[1]!), label: decodeEntities(m[2]!) }));
}

/** The pre-filled draft links, in order (not the command links to the reply address). */
function draftLinks(html: string): string[] {
  return anchors(html)
    .filter((a) => a.href.startsWith("mailto:") && !a.href.startsWith(`mailto:${REPLY}`))
    .map((a) => a.href);
}

/** [label, command] of every link that mails a command to the reply address. */
function replyCommandLinks(html: string): Array<[string, string]> {
  return anchors(html)
    .filter((a) => a.href.startsWith(`mailto:${REPLY}?`))
    .map((a) => [a.label, decodeMailto(a.href).fields.body!]);
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name]!);
}
