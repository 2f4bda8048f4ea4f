/**
 * The morning digest as an email: subject, plain text and HTML from a `DigestContent`. Pure: no
 * I/O, no clock. Times are shown in the user's zone (`content.timeZone`), and an interview's own
 * zone is added when it differs. Content is rendered in the order given; the caller sorts.
 *
 * Every string in the content is untrusted (it may come from an inbound email): hidden controls
 * (bidi overrides, zero-width characters) are stripped from all of it first. The text part shows
 * it as text; in the HTML part every such string goes through `renderUntrustedText`
 * (src/core/mail/html.ts), which escapes it and leaves links as text that mail apps do not link,
 * except join links on known meeting hosts. The only other anchors are the mailto: links built
 * here (src/core/digest/mailto.ts). The digest subject is built from counts only, so nothing from
 * an email reaches a header. Each list shows at most MAX_LISTED_ITEMS entries.
 *
 * The HTML is one column of divs with inline styles only (Gmail and Outlook drop <style>
 * blocks), no images, fonts or scripts, at most 640 px wide; every long URL, address or body
 * wraps, so it reads without horizontal scrolling on a 390 px phone. Line breaks are <br>
 * rather than `white-space: pre-wrap`, which Outlook on Windows ignores.
 *
 * Each draft gets a one-tap mailto: link that opens it pre-filled, and links that mail a
 * command ("done 1") to `content.replyAddress`. Such a link starts a new message with no
 * In-Reply-To (mail apps ignore that field in mailto: links), so its subject names the digest
 * date ("Digest 2026-03-03: done 1") for the command handler to resolve the numbers against.
 */
import { DAY_MS, civilFromDays, parseWallClock, weekdayOfDays } from "../time/civil-dates.ts";
import type {
  DigestContent,
  DigestDraft,
  DigestGoneQuiet,
  DigestInterview,
  DigestPerson,
  DigestWaiting,
  RenderedDigest,
} from "./content.ts";
import { describeCheck } from "./doubts.ts";
import type { FunnelFigures } from "../applications/funnel.ts";
import { describeBothTimes } from "../time/format.ts";
import { addCalendarDays, toLocalDate, toLocalMinuteOfDay } from "../time/business-days.ts";
import { raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { html, isMeetingLink, renderUntrustedText, type HtmlValue } from "../mail/html.ts";
import { buildDraftMailto, buildMailto, MAX_MAILTO_CHARS } from "./mailto.ts";
import { isIanaTimeZone } from "../time/zone-check.ts";
import { stripHiddenControls } from "../text/untrusted.ts";
import { describeInterviewFormat, describeInterviewLength, titleFollowUpKind } from "../applications/words.ts";

/**
 * Entries shown per list (today's interviews, waiting, gone quiet); the rest are counted in a
 * last line that points to `list`. A digest is read on a phone in the morning, and Gmail clips
 * a message over 102 KB behind "View entire message", which would hide the reply commands at
 * the bottom; drafts have their own limit (MAX_DIGEST_DRAFTS in src/core/digest/plan.ts).
 */
export const MAX_LISTED_ITEMS = 30;

export function renderDigest(untrusted: DigestContent): RenderedDigest {
  const content = stripHiddenContent(untrusted);
  const subject = describeSubject(content);
  const sections = [
    renderIntro(content),
    renderUndelivered(content),
    renderInterviews(content),
    renderUpcoming(content),
    renderDrafts(content),
    renderWaiting(content),
    renderGoneQuiet(content),
    renderLookBack(content),
    renderFooter(content),
  ].filter((section): section is Section => section !== null);
  return {
    subject,
    text: sections.map((s) => s.text.join("\n")).join("\n\n") + "\n",
    html: wrapHtml(subject, joinLines(sections.map((s) => s.html))).toString(),
  };
}

/** One part of the digest, in both renderings. */
interface Section {
  text: string[];
  html: HtmlEscapedString;
}

/** The commands the footer teaches, with what each does. */
const REPLY_COMMANDS: ReadonlyArray<readonly [command: string, meaning: string]> = [
  ["done 1", "I sent draft 1"],
  ["done 1 3", "I sent drafts 1 and 3"],
  ["rejected 2", "they turned me down"],
  ["skip 2", "I won't send draft 2"],
  ["snooze 2 monday", "remind me about 2 later"],
  ["heard back 2", "they replied: stop nudging"],
  ["list", "show my open applications"],
  ["help", "all commands"],
  ["undo", "reverse the last change"],
];

/** Commands that make sense without an item number, offered as one-tap links in the footer. */
const ONE_TAP_COMMANDS: ReadonlyArray<readonly [command: string, label: string]> = [
  ["list", "List my applications"],
  ["help", "Help"],
  ["undo", "Undo the last change"],
];

// ── Subject and intro ───────────────────────────────────────────────────────────────────

function describeSubject(content: DigestContent): string {
  const drafts = content.drafts.length;
  const draftNote = describeDraftNote(content.drafts);
  if (content.interviews.length > 0) {
    const parts = [formatCount(content.interviews.length, "interview")];
    if (drafts > 0) parts.push(`${formatCount(drafts, "follow-up")} to send${draftNote}`);
    return `Today: ${parts.join(", ")}`;
  }
  if (drafts > 0) return `Follow-ups: ${drafts} to send${draftNote}`;
  if (content.upcoming.length > 0) {
    const count = formatCount(content.upcoming.length, "interview");
    const until = describeUpcomingEnd(content);
    return until === null ? `Tomorrow: ${count}` : `Coming up: ${count} by ${until}`;
  }
  if (content.lookBack !== null) return "Digest: your week looking back";
  if (content.waiting.length > 0 || content.goneQuiet.length > 0) return "Digest: nothing to send today";
  return "Digest: nothing today";
}

/** " (1 late, 2 to check before sending)" after a count of drafts, or "" when all are on time and ready. */
function describeDraftNote(drafts: readonly DigestDraft[]): string {
  const late = drafts.filter((d) => d.late).length;
  const unsure = drafts.filter((d) => d.checks.length > 0).length;
  const notes = [...(late > 0 ? [`${late} late`] : []), ...(unsure > 0 ? [`${unsure} to check before sending`] : [])];
  return notes.length > 0 ? ` (${notes.join(", ")})` : "";
}

/** The weekday the interviews ahead run to ("Monday"), or null when they are tomorrow's only. */
function describeUpcomingEnd(content: DigestContent): string | null {
  const oneDay = !isDate(content.localDate) || !isDate(content.upcomingUntil) || content.upcomingUntil === addCalendarDays(content.localDate, 1);
  return oneDay ? null : describeWeekday(content.upcomingUntil);
}

function renderIntro(content: DigestContent): Section {
  const heading = `Your digest for ${describeDate(content.localDate, "long")}`;
  const summary = describeSummary(content);
  const showsTimes = content.interviews.length > 0 || content.upcoming.length > 0 || content.drafts.some((d) => d.sendAfter !== undefined || d.checks.some((c) => c.detail === "time"));
  const zone = showsTimes ? `Times are in ${content.timeZone}.` : null;
  return {
    text: zone ? [heading, "", summary, zone] : [heading, "", summary],
    html: joinLines([
      html`<h1 style="${STYLE.h1}">${heading}</h1>`,
      html`<p style="${STYLE.lead}">${summary}</p>`,
      zone ? html`<p style="${STYLE.muted}">${zone}</p>` : null,
    ]),
  };
}

function describeSummary(content: DigestContent): string {
  const parts: string[] = [];
  if (content.interviews.length > 0) parts.push(`${formatCount(content.interviews.length, "interview")} today`);
  if (content.upcoming.length > 0) {
    const until = describeUpcomingEnd(content);
    parts.push(`${formatCount(content.upcoming.length, "interview")} ${until === null ? "tomorrow" : `by ${until}`}`);
  }
  if (content.drafts.length > 0) parts.push(`${formatCount(content.drafts.length, "follow-up")} to send${describeDraftNote(content.drafts)}`);
  if (content.waiting.length > 0) parts.push(`waiting on ${content.waiting.length}`);
  if (content.goneQuiet.length > 0) parts.push(`${content.goneQuiet.length} gone quiet`);
  if (parts.length === 0 && content.lookBack !== null) return "Nothing on today. Below: how last week went, and your search so far.";
  if (parts.length === 0) return "Nothing on today: no interviews and nothing to send. New interview emails you forward will show up here.";
  if (content.interviews.length === 0 && content.drafts.length === 0) parts.unshift("Nothing to send today");
  return capitalize(parts.join(", ")) + ".";
}

function renderUndelivered(content: DigestContent): Section | null {
  if (content.undelivered.length === 0) return null;
  const dates = joinWords(content.undelivered.map((d) => describeDate(d, "short")));
  const what = content.undelivered.length === 1 ? "digest" : "digests";
  const line = `Your ${what} for ${dates} could not be delivered. Anything still open from ${content.undelivered.length === 1 ? "it" : "them"} is in this one.`;
  return { text: [`NOTE: ${line}`], html: html`<div style="${STYLE.warning}"><strong>Note:</strong> ${line}</div>` };
}

// ── Interviews ─────────────────────────────────────────────────────────────────────────

function renderInterviews(content: DigestContent): Section | null {
  if (content.interviews.length === 0) return null;
  const title = "Today's interviews";
  const text = [title.toUpperCase()];
  const cards: HtmlEscapedString[] = [];
  for (const interview of content.interviews.slice(0, MAX_LISTED_ITEMS)) {
    const card = renderInterviewCard(interview, listInterviewRows(interview, content.timeZone));
    text.push("", ...card.text);
    cards.push(card.html);
  }
  const more = describeOverflow(content.interviews.length);
  if (more) {
    text.push("", more);
    cards.push(html`<p style="${STYLE.paragraph}">${more}</p>`);
  }
  return { text, html: joinLines([renderSectionHeading(title), ...cards]) };
}

/**
 * The interviews before the next digest: tomorrow's, or over a weekend without digests, each
 * day's under its weekday. Shorter than today's: when, the format, and the join link only when it
 * is on a known meeting host (isMeetingLink), the one kind of link the digest vouches for.
 */
function renderUpcoming(content: DigestContent): Section | null {
  if (content.upcoming.length === 0) return null;
  const until = describeUpcomingEnd(content);
  const oneDay = until === null;
  const title = oneDay ? "Tomorrow's interviews" : `Interviews until ${until}`;
  const text = [title.toUpperCase()];
  const parts: HtmlEscapedString[] = [renderSectionHeading(title)];
  let shownDay: string | null = null;
  for (const interview of content.upcoming.slice(0, MAX_LISTED_ITEMS)) {
    const day = interviewDay(interview, content.timeZone);
    if (!oneDay && day !== null && day !== shownDay) {
      shownDay = day;
      const label = describeDate(day, "long");
      text.push("", label);
      parts.push(html`<div style="${STYLE.dayHeading}">${label}</div>`);
    } else {
      text.push("");
    }
    const rows: Array<[string, string]> = [["When", describeInterviewTime(interview, content.timeZone)], ...timeCheckRows(interview)];
    if (interview.format !== null) rows.push(["Format", describeInterviewFormat(interview.format)]);
    if (interview.meetingUrl !== null && isMeetingLink(interview.meetingUrl)) rows.push(["Join", interview.meetingUrl]);
    const card = renderInterviewCard(interview, rows);
    text.push(...card.text);
    parts.push(card.html);
  }
  const more = describeOverflow(content.upcoming.length);
  if (more) {
    text.push("", more);
    parts.push(html`<p style="${STYLE.paragraph}">${more}</p>`);
  }
  return { text, html: joinLines(parts) };
}

function renderInterviewCard(interview: DigestInterview, rows: ReadonlyArray<[string, string]>): Section {
  const name = describeApplication(interview.company, interview.role);
  return {
    text: [`- ${name}`, ...rows.map(([label, value]) => `  ${(label + ":").padEnd(8)}${value}`)],
    html: renderCard(joinLines([html`<div style="${STYLE.cardTitle}">${renderUntrustedText(name)}</div>`, ...rows.map(([label, value]) => renderLabelled(label, value))])),
  };
}

function listInterviewRows(interview: DigestInterview, userZone: string): Array<[string, string]> {
  const rows: Array<[string, string]> = [["When", describeInterviewTime(interview, userZone)], ...timeCheckRows(interview)];
  if (interview.durationMin !== null) rows.push(["Length", describeInterviewLength(interview.durationMin)]);
  if (interview.format !== null) rows.push(["Format", describeInterviewFormat(interview.format)]);
  if (interview.interviewers.length > 0) rows.push(["With", interview.interviewers.map(describePerson).join(", ")]);
  if (interview.meetingUrl !== null) rows.push(["Join", interview.meetingUrl]);
  return rows;
}

/** An interview whose time the reading was unsure of says so, with the reply that settles it. */
function timeCheckRows(interview: DigestInterview): Array<[string, string]> {
  if (interview.timeToConfirm === undefined) return [];
  return [["Check", `I was not sure of this time (its time zone was guessed): reply "${interview.timeToConfirm}" to the confirmation of its email to confirm it, or with the right time.`]];
}

function describeInterviewTime(interview: DigestInterview, userZone: string): string {
  if (interview.startAt !== null) {
    const theirs = interview.timeZone;
    return describeBothTimes(interview.startAt, userZone, theirs !== null && isIanaTimeZone(theirs) ? theirs : null);
  }
  const local = interview.startLocal === null ? null : /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(interview.startLocal);
  if (local) return `${describeDate(local[1]!, "short")}, ${local[2]}, time zone not confirmed`;
  return "time not known";
}

/** The user's local date of an interview; for one known only by its local time, the date its email gave. */
function interviewDay(interview: DigestInterview, userZone: string): string | null {
  if (interview.startAt !== null) return toLocalDate(interview.startAt, userZone);
  return interview.startLocal?.slice(0, 10) ?? null;
}

// ── Drafts ─────────────────────────────────────────────────────────────────────────────

function renderDrafts(content: DigestContent): Section | null {
  if (content.drafts.length === 0) return null;
  const title = "Send today";
  const intro = content.drafts.some((d) => d.checks.length > 0)
    ? `Open each one, fill in anything marked, send it, then reply with its number. Those marked "${CHECK_LABEL}" hold a detail I was not sure of.`
    : content.drafts.some((d) => d.placeholders.length > 0 || d.to.every((p) => !p.email))
      ? "Open each one, fill in anything marked, send it, then reply with its number."
      : "Each one is ready to send: open it, send it, then reply with its number.";
  const text = [title.toUpperCase(), intro];
  const cards: HtmlEscapedString[] = [];
  for (const draft of content.drafts) {
    const rendered = renderDraft(draft, content);
    text.push("", ...rendered.text);
    cards.push(rendered.html);
  }
  if (content.moreDrafts > 0) {
    const more = `${formatCount(content.moreDrafts, "more follow-up")} ${content.moreDrafts === 1 ? "is" : "are"} due; ${content.moreDrafts === 1 ? "it comes" : "they come"} in the next digests.`;
    text.push("", more);
    cards.push(html`<p style="${STYLE.paragraph}">${more}</p>`);
  }
  return { text, html: joinLines([renderSectionHeading(title), html`<p style="${STYLE.paragraph}">${intro}</p>`, ...cards]) };
}

function renderDraft(draft: DigestDraft, content: DigestContent): Section {
  const n = draft.number;
  const heading = `${n}. ${titleFollowUpKind(draft.rule)}: ${describeApplication(draft.company, draft.role)}`;
  const addresses = draft.to.flatMap((p) => (p.email ? [p.email] : []));
  const link = buildDraftMailto({ to: addresses, subject: draft.subject, body: draft.body });
  const lateLine = draft.late
    ? `Late: best sent ${describeBestSent(draft.dueAt, content)}. Still worth sending today.`
    : draft.sendAfter !== undefined
      ? `Not before the interview is over: send after ${formatClock(draft.sendAfter, content.timeZone)}, best around ${formatClock(Math.max(draft.dueAt, draft.sendAfter), content.timeZone)}.`
      : null;
  const recipientNote = describeMissingAddresses(draft.to);
  const fillIn = draft.placeholders.length > 0 ? draft.placeholders.join(", ") : null;
  const linkNote = describeLinkLimit(link.href, link.includesBody);
  const doneCommand = `done ${n}`;
  const skipCommand = `skip ${n}`;
  const checks = draft.checks.map(describeCheck);

  const text = [heading];
  if (lateLine) text.push(`   ${lateLine}`);
  if (checks.length > 0) text.push(`   ${CHECK_LABEL.toUpperCase()}:`, ...checks.map((line) => `   - ${line}`));
  text.push(`   To:      ${describeRecipients(draft.to)}`);
  if (recipientNote) text.push(`            ${recipientNote}`);
  text.push(`   Subject: ${draft.subject}`);
  if (fillIn) text.push(`   Fill in before sending: ${fillIn}`);
  text.push("", ...draft.body.split(/\r\n|\r|\n/).map((line) => (line === "" ? "" : `   ${line}`)), "");
  const linkLabel = !link.includesBody
    ? "Open with recipient and subject"
    : checks.length > 0
      ? "Open it to check and send"
      : draft.placeholders.length > 0
        ? "Open it to fill in and send"
        : "Open it ready to send";
  if (link.href) text.push(`   ${linkLabel}: <${link.href}>`);
  if (linkNote) text.push(`   ${linkNote}`);
  text.push(`   Sent it? Reply "${doneCommand}". Not sending it? Reply "${skipCommand}".`);

  const card = joinLines([
    html`<div style="${STYLE.cardTitle}">${renderUntrustedText(heading)}${draft.late ? html` <span style="${STYLE.lateBadge}">LATE</span>` : null}${
      checks.length > 0 ? html` <span style="${STYLE.checkBadge}">${CHECK_LABEL.toUpperCase()}</span>` : null
    }</div>`,
    lateLine ? html`<div style="${STYLE.late}">${lateLine}</div>` : null,
    checks.length > 0
      ? html`<div style="${STYLE.warning}"><strong>${CHECK_LABEL}:</strong>
<ul style="${STYLE.checkList}">
${joinLines(checks.map((line) => html`<li style="${STYLE.checkItem}">${renderUntrustedText(line)}</li>`))}
</ul></div>`
      : null,
    renderLabelled("To", [renderUntrustedText(describeRecipients(draft.to)), recipientNote ? html`<br><em>${renderUntrustedText(recipientNote)}</em>` : null]),
    renderLabelled("Subject", draft.subject),
    fillIn ? html`<div style="${STYLE.warning}"><strong>Fill in before sending:</strong> ${highlightPlaceholders(fillIn, draft.placeholders)}</div>` : null,
    html`<div style="${STYLE.draftBody}">${highlightPlaceholders(draft.body, draft.placeholders)}</div>`,
    renderActions([
      link.href ? renderButton(link.href, linkLabel, "primary") : null,
      renderButton(buildCommandHref(content, doneCommand), `Mark ${n} as sent`, "secondary"),
      renderButton(buildCommandHref(content, skipCommand), `Skip ${n}`, "secondary"),
    ]),
    linkNote ? html`<div style="${STYLE.muted}">${linkNote}</div>` : null,
  ]);
  return { text, html: renderCard(card, draft.late) };
}

const CHECK_LABEL = "Check before sending";

/**
 * When a late draft was best sent, as one says it the morning after: "yesterday afternoon", "on
 * Friday afternoon" within the week, "on Fri 27 Nov 2026" before. Its due time is the time
 * suggested for sending it, not a deadline, so the line names no exact time.
 */
function describeBestSent(dueAt: number, content: DigestContent): string {
  const day = toLocalDate(dueAt, content.timeZone);
  const minute = toLocalMinuteOfDay(dueAt, content.timeZone);
  const part = minute < 12 * 60 ? "morning" : minute < 17 * 60 ? "afternoon" : "evening";
  if (!isDate(content.localDate)) return `on ${describeDate(day, "short")}`;
  if (day >= content.localDate) return "earlier today";
  if (day === addCalendarDays(content.localDate, -1)) return `yesterday ${part}`;
  if (day >= addCalendarDays(content.localDate, -6)) return `on ${describeWeekday(day)} ${part}`;
  return `on ${describeDate(day, "short")}`;
}

/** "11:30" in the user's zone. */
function formatClock(instantMs: number, timeZone: string): string {
  const minute = toLocalMinuteOfDay(instantMs, timeZone);
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

function describeRecipients(to: DigestPerson[]): string {
  if (to.length === 0) return "(not known)";
  return to.map(describePerson).join(", ");
}

function describeMissingAddresses(to: DigestPerson[]): string | null {
  const missing = to.filter((p) => !p.email);
  if (to.length === 0 || missing.length === to.length) return "No address known: add the recipient in your mail app.";
  if (missing.length === 0) return null;
  return `No address known for ${joinWords(missing.map(describePerson))}: add it in your mail app.`;
}

function describeLinkLimit(href: string | null, includesBody: boolean): string | null {
  const limit = MAX_MAILTO_CHARS.toLocaleString("en-US");
  if (href === null) {
    return `This message is too long for a link (some mail apps cut or refuse links over ${limit} characters): copy the recipient, subject and text above into a new email.`;
  }
  if (!includesBody) {
    return `The text is too long for a one-tap link (some mail apps cut or refuse links over ${limit} characters), so the link fills in the recipient and subject only: copy the text above into it.`;
  }
  return null;
}

// ── Waiting and gone quiet ─────────────────────────────────────────────────────────────

function renderWaiting(content: DigestContent): Section | null {
  if (content.waiting.length === 0) return null;
  return renderList("Waiting on them", content.waiting.map(describeWaiting));
}

function describeWaiting(item: DigestWaiting): string {
  const details: string[] = [];
  if (item.promisedBy !== null) details.push(`they said they would reply by ${describeDate(item.promisedBy, "short")}`);
  details.push(item.nextCheck !== null ? `next check ${describeDate(item.nextCheck, "short")}` : "no check planned yet");
  return `${describeApplication(item.company, item.role)}: ${details.join("; ")}.`;
}

function renderGoneQuiet(content: DigestContent): Section | null {
  if (content.goneQuiet.length === 0) return null;
  return renderList("Gone quiet", content.goneQuiet.map(describeGoneQuiet));
}

function describeGoneQuiet(item: DigestGoneQuiet): string {
  const name = describeApplication(item.company, item.role);
  const lastHeard = item.lastHeard !== null ? ` (last heard ${describeDate(item.lastHeard, "short")})` : "";
  return `${name}${lastHeard}: ${item.suggestion}`;
}

function renderList(title: string, items: string[]): Section {
  const shown = items.slice(0, MAX_LISTED_ITEMS);
  const more = describeOverflow(items.length);
  return {
    text: [title.toUpperCase(), ...shown.map((item) => `- ${item}`), ...(more ? [more] : [])],
    html: joinLines([
      html`${renderSectionHeading(title)}
<ul style="${STYLE.list}">
${joinLines(shown.map((item) => html`<li style="${STYLE.listItem}">${renderUntrustedText(item)}</li>`))}
</ul>`,
      more ? html`<p style="${STYLE.paragraph}">${more}</p>` : null,
    ]),
  };
}

/** The last line of a list cut at MAX_LISTED_ITEMS, or null when nothing was left out. */
function describeOverflow(total: number): string | null {
  const hidden = total - MAX_LISTED_ITEMS;
  return hidden > 0 ? `… (${hidden} more; reply "list" to see all your applications)` : null;
}

// ── Look back ──────────────────────────────────────────────────────────────────────────

function renderLookBack(content: DigestContent): Section | null {
  const lookBack = content.lookBack;
  if (lookBack === null) return null;
  const title = "Looking back";
  const range = describeDayRange(lookBack.firstDay, lookBack.lastDay);
  // A search that began within the week: the week is the whole of it, said once.
  const parts: Array<{ label: string; lines: string[] }> = sameFigures(lookBack.week, lookBack.total)
    ? [{ label: `Your whole search so far, all of it in the past week${range === null ? "" : ` (${range})`}`, lines: describeFigures(lookBack.total, "total") }]
    : [
        { label: ["The past week", range].filter((part) => part !== null).join(", "), lines: describeFigures(lookBack.week, "week") },
        { label: "Your whole search so far", lines: describeFigures(lookBack.total, "total") },
      ];
  const text = [title.toUpperCase()];
  const blocks: HtmlEscapedString[] = [renderSectionHeading(title)];
  for (const [i, { label, lines }] of parts.entries()) {
    const heading = lines.length > 0 ? `${label}:` : `${label}: nothing new.`;
    text.push(...(i > 0 ? [""] : []), heading, ...lines.map((line) => `- ${line}`));
    blocks.push(html`<p style="${STYLE.lookBackLabel}">${heading}</p>`);
    if (lines.length > 0) blocks.push(html`<ul style="${STYLE.list}">${joinLines(lines.map((line) => html`<li style="${STYLE.listItem}">${line}</li>`))}</ul>`);
  }
  return { text, html: joinLines(blocks) };
}

function sameFigures(a: FunnelFigures, b: FunnelFigures): boolean {
  return (Object.keys(a) as (keyof FunnelFigures)[]).every((key) => a[key] === b[key]);
}

/** The figures in words, one line each; a figure that is zero is left out ("0 offers" says nothing worth reading). */
function describeFigures(figures: FunnelFigures, scope: "week" | "total"): string[] {
  const lines: string[] = [];
  if (figures.applications > 0) lines.push(formatCount(figures.applications, scope === "week" ? "new application" : "application"));
  if (figures.interviews > 0) lines.push(formatCount(figures.interviews, "interview"));
  if (figures.answers > 0) lines.push(describeAnswers(figures.answers, figures.medianDaysToAnswer));
  if (figures.offers > 0) lines.push(formatCount(figures.offers, "offer"));
  if (figures.rejections > 0) lines.push(formatCount(figures.rejections, "rejection"));
  if (figures.goneQuiet > 0) lines.push(`${formatCount(figures.goneQuiet, "application")} went quiet after your follow-ups`);
  if (figures.followUpsSent > 0) lines.push(`${formatCount(figures.followUpsSent, "follow-up")} sent`);
  return lines;
}

/** "3 answers from employers; a typical wait of 4 days": the median wait, from your last step before each answer. */
function describeAnswers(answers: number, medianDays: number | null): string {
  const wait = medianDays === null ? null : describeWait(medianDays);
  if (answers === 1) return `1 answer from an employer${wait === null ? "" : `, after a wait of ${wait}`}`;
  return `${answers} answers from employers${wait === null ? "" : `; a typical wait of ${wait}`}`;
}

// ── Footer ─────────────────────────────────────────────────────────────────────────────

function renderFooter(content: DigestContent): Section {
  const title = "How to reply";
  const intro = "Reply to this email with one command per line, for example:";
  // Numbered examples only make sense when there are numbered drafts to apply them to.
  const commands = content.drafts.length > 0 ? REPLY_COMMANDS : REPLY_COMMANDS.filter(([command]) => !/\d/.test(command));
  const width = Math.max(...commands.map(([command]) => command.length)) + 2;
  const allDone = content.drafts.length > 1 ? `done ${content.drafts.map((d) => d.number).join(" ")}` : null;
  const tapNote = "Or tap a button: it opens an email with the command to your assistant; just send it.";
  const text = [title.toUpperCase(), intro, ...commands.map(([command, meaning]) => `  ${command.padEnd(width)}${meaning}`)];
  if (allDone) text.push("", `Sent them all? Reply "${allDone}".`);

  const buttons = [
    ...(allDone ? [renderButton(buildCommandHref(content, allDone), "Mark all as sent", "secondary")] : []),
    ...ONE_TAP_COMMANDS.map(([command, label]) => renderButton(buildCommandHref(content, command), label, "secondary")),
  ];
  const footer = joinLines([
    renderSectionHeading(title),
    html`<p style="${STYLE.paragraph}">${intro}</p>`,
    ...commands.map(([command, meaning]) => html`<div style="${STYLE.commandRow}"><code style="${STYLE.code}">${command}</code> ${meaning}</div>`),
    html`<p style="${STYLE.tapNote}">${tapNote}</p>`,
    renderActions(buttons),
  ]);
  return {
    text,
    html: html`<div style="${STYLE.footer}">
${footer}
</div>`,
  };
}

function buildCommandHref(content: DigestContent, command: string): string {
  return buildMailto({ to: [content.replyAddress], subject: `Digest ${content.localDate}: ${command}`, body: command });
}

// ── HTML building blocks ───────────────────────────────────────────────────────────────

const FONT_STACK = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
/** Long URLs, addresses and unbroken words wrap instead of widening the page. */
const WRAP = "overflow-wrap:anywhere;word-wrap:break-word;word-break:break-word;";

const STYLE = {
  body: "margin:0;padding:0;background:#f6f8fa;",
  container: `max-width:640px;margin:0 auto;padding:16px;font-family:${FONT_STACK};font-size:16px;line-height:1.5;color:#1f2328;${WRAP}`,
  h1: "margin:0 0 8px;font-size:22px;line-height:1.3;font-weight:700;",
  h2: "margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid #d0d7de;font-size:18px;line-height:1.3;font-weight:700;",
  lead: "margin:0 0 4px;font-size:17px;",
  paragraph: "margin:0 0 12px;",
  muted: "margin:4px 0 0;color:#59636e;font-size:14px;",
  card: `margin:0 0 14px;padding:12px 14px;background:#ffffff;border:1px solid #d0d7de;border-radius:8px;${WRAP}`,
  lateCard: `margin:0 0 14px;padding:12px 14px;background:#ffffff;border:1px solid #d0d7de;border-left:5px solid #cf222e;border-radius:8px;${WRAP}`,
  cardTitle: "margin:0 0 6px;font-size:17px;font-weight:700;line-height:1.35;",
  row: "margin:2px 0;",
  label: "color:#59636e;",
  late: "margin:0 0 8px;color:#a40e26;font-weight:600;",
  lateBadge: "display:inline-block;padding:0 6px;border-radius:4px;background:#cf222e;color:#ffffff;font-size:13px;font-weight:700;vertical-align:middle;",
  checkBadge: "display:inline-block;padding:0 6px;border-radius:4px;background:#9a6700;color:#ffffff;font-size:13px;font-weight:700;vertical-align:middle;",
  checkList: "margin:4px 0 4px;padding:0 0 0 20px;",
  checkItem: "margin:0 0 4px;",
  dayHeading: "margin:14px 0 6px;font-weight:700;",
  lookBackLabel: "margin:12px 0 6px;font-weight:600;",
  warning: "margin:8px 0;padding:8px 10px;background:#fff8c5;border:1px solid #e3d27a;border-radius:6px;",
  draftBody: `margin:10px 0;padding:10px 12px;background:#f6f8fa;border-left:3px solid #8c959f;border-radius:4px;${WRAP}`,
  placeholder: "background:#fff8c5;border-bottom:2px solid #d4a72c;font-weight:600;",
  actions: "margin:10px 0 0;",
  primaryButton:
    "display:inline-block;margin:0 8px 8px 0;padding:10px 14px;background:#0a56c2;color:#ffffff;border:1px solid #0a56c2;border-radius:6px;text-decoration:none;font-weight:600;line-height:1.4;",
  secondaryButton:
    "display:inline-block;margin:0 8px 8px 0;padding:10px 14px;background:#ffffff;color:#0a56c2;border:1px solid #0a56c2;border-radius:6px;text-decoration:none;font-weight:600;line-height:1.4;",
  list: "margin:0;padding:0 0 0 20px;",
  listItem: "margin:0 0 8px;",
  footer: "margin:32px 0 0;color:#3d444d;font-size:15px;",
  commandRow: "margin:2px 0;",
  tapNote: "margin:14px 0 8px;",
  code: "font-family:Menlo,Consolas,'Courier New',monospace;font-size:14px;background:#eff1f3;padding:1px 5px;border-radius:4px;",
} as const;

function wrapHtml(subject: string, inner: HtmlEscapedString): HtmlEscapedString {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light"><meta name="supported-color-schemes" content="light">
<title>${subject}</title></head>
<body style="${STYLE.body}">
<div style="${STYLE.container}">
${inner}
</div>
</body></html>`;
}

/** Markup parts one per line, absent (null) parts left out. */
function joinLines(parts: ReadonlyArray<HtmlEscapedString | null>): HtmlEscapedString {
  // Every part is already escaped markup, so the joined string is too.
  return raw(parts.filter((part) => part !== null).join("\n"));
}

function renderSectionHeading(title: string): HtmlEscapedString {
  return html`<h2 style="${STYLE.h2}">${title}</h2>`;
}

function renderCard(inner: HtmlEscapedString, late = false): HtmlEscapedString {
  return html`<div style="${late ? STYLE.lateCard : STYLE.card}">
${inner}
</div>`;
}

/** A label and its value: text is rendered as untrusted (renderUntrustedText), markup kept. */
function renderLabelled(label: string, value: HtmlValue): HtmlEscapedString {
  return html`<div style="${STYLE.row}"><span style="${STYLE.label}">${label}:</span> ${typeof value === "string" ? renderUntrustedText(value) : value}</div>`;
}

function renderActions(buttons: ReadonlyArray<HtmlEscapedString | null>): HtmlEscapedString {
  return html`<div style="${STYLE.actions}">
${joinLines(buttons)}
</div>`;
}

/** `href` is a mailto: link built by src/core/digest/mailto.ts; it is escaped like any attribute. */
function renderButton(href: string, label: string, kind: "primary" | "secondary"): HtmlEscapedString {
  const style = kind === "primary" ? STYLE.primaryButton : STYLE.secondaryButton;
  return html`<a href="${href}" style="${style}">${label}</a>`;
}

/** Text with line breaks as <br> and each placeholder marked, so none is sent unfilled (C10). */
function highlightPlaceholders(text: string, placeholders: readonly string[]): HtmlEscapedString {
  const marks = [...new Set(placeholders.filter((p) => p !== ""))].sort((a, b) => b.length - a.length);
  const pieces = marks.length > 0 ? text.split(new RegExp(`(${marks.map(escapeRegExp).join("|")})`)) : [text];
  return html`${pieces.map((piece, i) => (i % 2 === 1 ? html`<span style="${STYLE.placeholder}">${withLineBreaks(piece)}</span>` : withLineBreaks(piece)))}`;
}

const LINE_BREAK = html`<br>`;

/** The text's lines, rendered as untrusted, joined by <br> (not `white-space: pre-wrap`; see the header). */
function withLineBreaks(text: string): HtmlValue[] {
  return text.split(/\r\n|\r|\n/).flatMap((line, i) => (i === 0 ? [renderUntrustedText(line)] : [LINE_BREAK, renderUntrustedText(line)]));
}

/** The content with hidden controls (bidi overrides, zero-width characters) removed from every string that may hold text from an email. */
function stripHiddenContent(content: DigestContent): DigestContent {
  const strip = (text: string | null) => (text === null ? null : stripHiddenControls(text));
  const person = (p: DigestPerson): DigestPerson => ({ name: strip(p.name), email: strip(p.email) });
  const interview = (i: DigestInterview): DigestInterview => ({
    ...i,
    startLocal: strip(i.startLocal),
    timeZone: strip(i.timeZone),
    company: strip(i.company),
    role: strip(i.role),
    interviewers: i.interviewers.map(person),
    meetingUrl: strip(i.meetingUrl),
  });
  return {
    ...content,
    localDate: stripHiddenControls(content.localDate),
    undelivered: content.undelivered.map(stripHiddenControls),
    lookBack: content.lookBack && { ...content.lookBack, firstDay: stripHiddenControls(content.lookBack.firstDay), lastDay: stripHiddenControls(content.lookBack.lastDay) },
    interviews: content.interviews.map(interview),
    upcoming: content.upcoming.map(interview),
    upcomingUntil: stripHiddenControls(content.upcomingUntil),
    drafts: content.drafts.map((d) => ({
      ...d,
      company: strip(d.company),
      role: strip(d.role),
      to: d.to.map(person),
      subject: stripHiddenControls(d.subject),
      body: stripHiddenControls(d.body),
      placeholders: d.placeholders.map(stripHiddenControls),
      checks: d.checks.map((c) => ({ ...c, shown: stripHiddenControls(c.shown), reply: stripHiddenControls(c.reply) })),
    })),
    waiting: content.waiting.map((w) => ({ ...w, company: strip(w.company), role: strip(w.role), nextCheck: strip(w.nextCheck), promisedBy: strip(w.promisedBy) })),
    goneQuiet: content.goneQuiet.map((g) => ({ ...g, company: strip(g.company), role: strip(g.role), lastHeard: strip(g.lastHeard), suggestion: stripHiddenControls(g.suggestion) })),
  };
}

// ── Words ──────────────────────────────────────────────────────────────────────────────

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function isDate(text: string): boolean {
  return readDate(text) !== null;
}

/** The civil date and weekday of "2026-03-03", or null for other text. */
function readDate(date: string): { year: number; month: number; day: number; weekday: string; monthName: string } | null {
  const wall = /^\d{4}-\d{2}-\d{2}$/.test(date) ? parseWallClock(date) : null;
  if (wall === null) return null;
  const days = Math.floor(wall / DAY_MS);
  const civil = civilFromDays(days);
  return { ...civil, weekday: WEEKDAYS[weekdayOfDays(days)]!, monthName: MONTHS[civil.month - 1]! };
}

/** "Tuesday 3 March 2026" (long) or "Tue 3 Mar 2026" (short) for "2026-03-03"; other text as given. */
function describeDate(date: string, style: "long" | "short"): string {
  const d = readDate(date);
  if (d === null) return date;
  return style === "long" ? `${d.weekday} ${d.day} ${d.monthName} ${d.year}` : `${d.weekday.slice(0, 3)} ${d.day} ${d.monthName.slice(0, 3)} ${d.year}`;
}

/** "Monday" for "2026-03-09" (a date, checked by the caller). */
function describeWeekday(date: string): string {
  return readDate(date)?.weekday ?? "";
}

/** "Mon 2 to Sun 8 March" within a month, "Mon 23 Feb to Sun 1 Mar" across two; null unless both are dates. */
function describeDayRange(first: string, last: string): string | null {
  const a = readDate(first);
  const b = readDate(last);
  if (a === null || b === null) return null;
  const start = `${a.weekday.slice(0, 3)} ${a.day}`;
  const end = `${b.weekday.slice(0, 3)} ${b.day}`;
  return a.month === b.month && a.year === b.year ? `${start} to ${end} ${b.monthName}` : `${start} ${a.monthName.slice(0, 3)} to ${end} ${b.monthName.slice(0, 3)}`;
}

function describeApplication(company: string | null, role: string | null): string {
  if (company && role) return `${company}, ${role}`;
  return company ?? role ?? "(company not known)";
}

function describePerson(person: DigestPerson): string {
  if (person.name && person.email) return `${person.name} <${person.email}>`;
  return person.name ?? person.email ?? "(name not known)";
}

/** A typical wait for an answer, in days: "less than a day", "4 days". The private page's figures say it so too. */
export function describeWait(medianDays: number): string {
  return medianDays < 1 ? "less than a day" : formatCount(Math.round(medianDays), "day");
}

function formatCount(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
