/**
 * The short reply to a forward: what was understood, in the owner's time zone (and the
 * interview's own zone when it differs), what happens next, and how to correct it. Pure:
 * takes the understanding and the filing outcome, returns plain text. Every value from the
 * email is shown as text; the HTML rendering escapes it (src/core/mail/html.ts).
 */
import { describeBothTimes, formatInstant } from "../time/format.ts";
import { isIanaTimeZone } from "../time/zone-check.ts";
import { SURE_SCORE, type ConfidentField, type Understanding } from "../understanding/types.ts";
import { decodeEncodedWords, stripHiddenControls } from "../text/untrusted.ts";
import { readMarkedPoints } from "../applications/notes.ts";
import { describeDay, describeEmailKind, describeFollowUpKind, describeInterviewFormat, describeInterviewLength, describeStatus } from "../applications/words.ts";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../applications/status.ts";

export type ConfirmationOutcome =
  | { kind: "filed"; applicationId: number; isNew: boolean; changes: string[]; nextFollowUp: { rule: string; dueAt: number } | null }
  | { kind: "duplicate"; applicationId: number | null }
  | { kind: "not_job_related" }
  | { kind: "not_understood"; problem: string }
  | { kind: "too_large_to_read"; rawSize: number };

export interface ConfirmationInput {
  understanding: Understanding | null;
  outcome: ConfirmationOutcome;
  ownerTimeZone: string;
  originalSubject: string | null;
  /** Where commands go (the assistant's token address). */
  replyAddress: string;
  /** The owner's private forwarding address, told in every confirmation so it is at hand when a forwarding rule is set up. */
  forwardingAddress?: string;
  /** The owner has not set the name that ends every draft: the first confirmation asks for it. */
  askForSignature?: boolean;
  /**
   * Digest dates as the adapter finds them (src/core/digest/schedule.ts), written out: the digest
   * that will show the first follow-up, and the one of the interview's day; null when no digest
   * still to go out will (digests paused, or that day's has gone out); `interviewOver` when the
   * interview had already ended when the mail was filed (forwarded afterwards). Absent (the CLI):
   * the follow-up's due time is named instead.
   */
  digests?: { nextFollowUp: string | null; interview: string | null; interviewOver?: boolean };
  /**
   * The interview offered for the owner's calendar (src/core/calendar/offer.ts): the name of the
   * invite attached to the mail and the Google Calendar link; absent when nothing is offered.
   */
  addToCalendar?: { inviteFilename: string; googleLink: string; moved: boolean } | null;
}

export interface Confirmation {
  subject: string;
  text: string;
}

/** Kinds about an interview slot: their confirmation shows, and asks about, the time. */
const SLOT_KINDS: ReadonlySet<Understanding["kind"]> = new Set(["invitation", "scheduling_confirmation", "reschedule", "cancellation", "next_round"]);

const NEXT_STEP: Record<Understanding["kind"], string> = {
  invitation: "I'll list it in your morning digest on the day, and draft a thank-you note for after it.",
  scheduling_confirmation: "I'll list it in your morning digest on the day, and draft a thank-you note for after it.",
  next_round: "I'll list the next round in your digest on the day, and draft a thank-you note for after it.",
  reschedule: "I moved the interview; the thank-you note moves with it.",
  cancellation: "I marked the interview as cancelled; no thank-you note will be drafted for it.",
  rejection: `I closed the application and stopped any pending nudges. I'll draft a short ${describeFollowUpKind("R8")} for you.`,
  offer: "I marked the application as an offer and stopped any pending nudges. Congratulations!",
  generic: "I'll suggest a polite status check in your digest when one is due.",
};

/** What happens next; for an interview to come, the digest that will list it when the adapter names it. */
function describeNextStep(kind: Understanding["kind"], digests: ConfirmationInput["digests"]): string {
  const listed = kind === "invitation" || kind === "scheduling_confirmation" ? "it" : kind === "next_round" ? "the next round" : null;
  if (!digests || listed === null) return NEXT_STEP[kind];
  if (digests.interviewOver) return `${listed === "it" ? "The interview" : "The next round"} has already taken place, so no digest will list it; I'll draft a thank-you note for it.`;
  if (digests.interview === null) return `No digest still to go out will list ${listed} before the day; I'll draft a thank-you note for after it.`;
  return `I'll list ${listed} in your digest on ${digests.interview}, and draft a thank-you note for after it.`;
}

function describeWhen(u: Understanding, ownerTimeZone: string): string | null {
  if (u.start) {
    const instant = Date.parse(u.start);
    if (!Number.isFinite(instant)) return null;
    return describeBothTimes(instant, ownerTimeZone, u.tz && isIanaTimeZone(u.tz) ? u.tz : null);
  }
  if (u.startLocal) {
    const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(u.startLocal);
    return `${local ? `${describeDay(local[1]!)}, ${local[2]}` : u.startLocal}, time zone not confirmed (the email gives none)`;
  }
  return null;
}

function personLine(p: { name: string | null; email: string | null }): string {
  if (p.name && p.email) return `${p.name} <${p.email}>`;
  return p.name ?? p.email ?? "";
}

function understoodLines(u: Understanding, ownerTimeZone: string): string[] {
  const lines: string[] = [];
  const add = (label: string, value: string | null) => lines.push(`${label.padEnd(10)} ${value ?? "(not stated)"}`);
  add("Company:", u.company);
  add("Role:", u.role);
  add("Contact:", u.contact ? personLine(u.contact) : null);
  if (u.interviewers.length > 0) add("With:", u.interviewers.map(personLine).join(", "));
  const when = describeWhen(u, ownerTimeZone);
  if (when || SLOT_KINDS.has(u.kind)) add("When:", when);
  if (u.durationMin) add("Length:", describeInterviewLength(u.durationMin));
  if (u.format) add("Format:", describeInterviewFormat(u.format));
  if (u.meetingUrl) add("Join:", u.meetingUrl);
  if (u.proposedSlots.length > 1) add("Options:", u.proposedSlots.join("; "));
  if (u.promisedTimeline) {
    const t = u.promisedTimeline;
    add("They said:", `"${t.text}"${!t.by ? "" : t.checkIn ? ` (I'll plan your check-in from ${describeDay(t.by)} on)` : ` (I'll count on hearing by ${describeDay(t.by)})`}`);
  }
  if (u.noCalls) add("Note:", "they asked for no phone calls; drafts will never suggest calling.");
  return lines;
}

/**
 * How the confirmation asks about each field it may doubt, and the reply that corrects it, in
 * the reply grammar's own syntax (commands/parse.ts).
 */
const ASK: Partial<Record<ConfidentField, { missing: string; unsure: (shown: string) => string; reply: string }>> = {
  company: { missing: "the company", unsure: (shown) => `the company is ${shown}`, reply: `"company: …"` },
  role: { missing: "the role", unsure: (shown) => `the role is ${shown}`, reply: `"role: …"` },
  contact: { missing: "whom to follow up with", unsure: (shown) => `${shown} is the one to follow up with`, reply: `"contact: Name <name@company.example>"` },
  start: { missing: "when the interview is", unsure: (shown) => `the interview is at ${shown}`, reply: `"time: …" (e.g. "time: tue 3pm PT")` },
  tz: { missing: "the interview's time zone", unsure: (shown) => `the interview's time zone is ${shown}`, reply: `"time: …" with its zone (e.g. "time: tue 3pm PT")` },
};

/**
 * What the reading could not tell or is unsure of, each with the exact reply that fixes it:
 * a field left empty ("I could not tell the company"), and a value kept with a confidence below
 * SURE_SCORE ("I am not sure the company is ..."), with the reading's strongest reason. The time
 * is asked about only for a mail about a slot. An understanding stored before confidences were
 * kept is doubted only where empty.
 */
function doubtLines(u: Understanding): string[] {
  const lines: string[] = [];
  const couldNotTell = (field: ConfidentField): void => {
    const ask = ASK[field];
    if (ask) lines.push(`- I could not tell ${ask.missing}: reply ${ask.reply}`);
  };
  const unsure = (field: ConfidentField, shown: string): void => {
    const ask = ASK[field];
    const confidence = u.confidence?.[field];
    if (!ask || !confidence || confidence.score >= SURE_SCORE) return;
    const why = confidence.evidence[0] ? ` (${confidence.evidence[0].replace(/\s*\([\d.]+\)$/, "")})` : "";
    lines.push(`- I am not sure ${ask.unsure(shown)}${why}: if not, reply ${ask.reply}`);
  };
  for (const [field, value] of [["company", u.company], ["role", u.role]] as const) {
    if (value === null) couldNotTell(field);
    else unsure(field, `"${value}"`);
  }
  if (u.contact === null) couldNotTell("contact");
  else unsure("contact", personLine(u.contact));
  if (SLOT_KINDS.has(u.kind)) {
    if (u.start === null && u.startLocal === null) couldNotTell("start");
    else if (u.start === null) couldNotTell("tz");
    // A time read in a guessed zone is right once the zone is: the zone is what is asked.
    else if (u.tz && (u.confidence?.tz?.score ?? 1) < SURE_SCORE) unsure("tz", u.tz);
    else unsure("start", formatInstant(Date.parse(u.start), u.tz ?? "UTC"));
  }
  return lines.length > 0 ? ["Please check:", ...lines, ""] : [];
}

/** How to put the interview in a calendar: the attached invite, or Google Calendar's own page for adding an event. */
function describeAddToCalendar(offer: NonNullable<ConfirmationInput["addToCalendar"]>): string[] {
  if (offer.moved) {
    return [
      `New time for your calendar: open the attached ${offer.inviteFilename} (the same event, with the new time), or add it to Google Calendar and delete the earlier one there:`,
      `  ${offer.googleLink}`,
    ];
  }
  return [`Add it to your calendar: open the attached ${offer.inviteFilename} (Apple Calendar, Outlook), or add it to Google Calendar:`, `  ${offer.googleLink}`];
}

const CORRECT_HOW = (replyAddress: string) =>
  [
    "Something wrong? Reply to this email (it goes to " + replyAddress + ") with a correction on its own line, e.g.",
    "  company: Acme",
    "  role: Senior Backend Engineer",
    "  time: tue 3pm PT",
    "  contact: Dana Lee <dana@acme.example>",
    "  ignore        (not a job email)",
  ].join("\n");

/**
 * The confirmation for a filing outcome. Every value from the email enters here: a subject kept
 * as a raw header has its encoded words decoded, and hidden controls (bidi overrides,
 * zero-width characters) are stripped from the whole result, so no name, subject or quote can
 * reorder or hide what the owner reads.
 */
export function buildConfirmation(input: ConfirmationInput): Confirmation {
  const originalSubject = input.originalSubject === null ? null : decodeEncodedWords(input.originalSubject);
  const { subject, text } = composeConfirmation({ ...input, originalSubject });
  const signature = input.askForSignature ? "\n\nYour drafts end with your name once you set it: reply with a line like `signature: Jane Doe`." : "";
  const forwarding = input.forwardingAddress ? `\n\nYour private forwarding address, for automatic forwarding rules (keep it private): ${input.forwardingAddress}` : "";
  const footer = signature + forwarding;
  return { subject: stripHiddenControls(subject), text: stripHiddenControls(text + footer) };
}

function composeConfirmation(input: ConfirmationInput): Confirmation {
  const { understanding: u, outcome, ownerTimeZone, originalSubject, replyAddress } = input;
  const about = originalSubject ? `"${originalSubject}"` : "your forward";
  switch (outcome.kind) {
    case "filed": {
      const what = describeEmailKind(u!.kind);
      const head = outcome.isNew ? `I read ${what} and started a new application.` : `I read ${what} and filed it with your existing application.`;
      const body = [head, "", ...understoodLines(u!, ownerTimeZone), "", ...doubtLines(u!), "Next: " + describeNextStep(u!.kind, input.digests)];
      if (outcome.nextFollowUp) {
        const { rule, dueAt } = outcome.nextFollowUp;
        const when = !input.digests
          ? `due ${formatInstant(dueAt, ownerTimeZone)}`
          : input.digests.nextFollowUp !== null
            ? `in your digest on ${input.digests.nextFollowUp}`
            : "in your first digest after you resume them";
        body.push(`First follow-up: ${describeFollowUpKind(rule)}, ${when}.`);
      }
      if (input.addToCalendar) body.push("", ...describeAddToCalendar(input.addToCalendar));
      if (outcome.changes.length > 0) body.push("", "Changes:", ...outcome.changes.map((c) => `  - ${c}`));
      body.push("", CORRECT_HOW(replyAddress));
      return { subject: `Filed: ${u!.company ?? u!.role ?? originalSubject ?? "your forward"}`, text: body.join("\n") };
    }
    case "duplicate":
      return {
        subject: `Already filed: ${originalSubject ?? "your forward"}`,
        text: `I already have ${about} from an earlier forward, so nothing changed.\n\n${CORRECT_HOW(replyAddress)}`,
      };
    case "not_job_related":
      return {
        subject: `Not filed: ${originalSubject ?? "your forward"}`,
        text: [
          `I read ${about} but found nothing about a job application or an interview in it, so I did not file it.`,
          "If it is about a job, forward it to me again with a first line saying what it is, e.g. `company: Acme` and `role: Data Engineer` on lines of their own above the forwarded message.",
        ].join("\n\n"),
      };
    case "not_understood":
      return {
        subject: `Could not read: ${originalSubject ?? "your forward"}`,
        text: [
          `I could not understand ${about}: ${outcome.problem}.`,
          "The message is kept whole, so it can be read again when the assistant improves. If it is about a job, you can also forward it to me again with lines of your own above it saying what it is, e.g. `company: Acme`, `role: Data Engineer`.",
        ].join("\n\n"),
      };
    case "too_large_to_read":
      return {
        subject: `Kept, not read: ${originalSubject ?? "your forward"}`,
        text: [
          `${about} is ${(outcome.rawSize / 1024 / 1024).toFixed(1)} MiB, more than I read automatically (large attachments). It is kept whole.`,
          "Forward the email again without its attachments, or reply with what it is about, e.g. `company: Acme`, `time: tue 3pm PT`.",
        ].join("\n\n"),
      };
  }
}

const DETAIL_WORDS: Readonly<Record<string, string>> = {
  company: "the company",
  role: "the role",
  contactName: "the contact",
  contactEmail: "the contact",
  noCalls: "no calls, as they asked",
  language: "the language of the drafts",
};

function statusWords(value: unknown): string | null {
  return typeof value === "string" && (APPLICATION_STATUSES as readonly string[]).includes(value) ? describeStatus(value as ApplicationStatus) : null;
}

/** One change a filing made, in words for the confirmation ("interview moved to the new time"). */
export function describeFilingChange(event: { type: string; payload: Record<string, unknown> }): string {
  switch (event.type) {
    case "status_changed": {
      const to = statusWords(event.payload.to);
      const from = statusWords(event.payload.from);
      return from === null ? `status: ${to ?? "changed"}` : `status: ${to ?? "changed"} (was ${from})`;
    }
    case "interview_scheduled":
      return "interview added";
    case "interview_moved":
      return "interview moved to the new time";
    case "interview_cancelled":
      return "interview cancelled";
    case "timeline_promised":
      return "their promised timeline noted";
    case "note_added": {
      // The note is private (C3): say so, and what of it the drafts will quote.
      const points = readMarkedPoints(String(event.payload.note ?? ""));
      return points.length > 0
        ? `your note saved; it stays private except the line you marked for the thank-you: "${points.at(-1)}"`
        : "your note saved; it is private and never quoted. To use a sentence in the thank-you, start a line with `point:`";
    }
    case "details_updated":
      return `updated: ${[...new Set(Object.keys(event.payload).map((key) => (Object.hasOwn(DETAIL_WORDS, key) ? DETAIL_WORDS[key]! : key)))].join(", ")}`;
    default:
      return event.type.replaceAll("_", " ");
  }
}
