/**
 * Understands one unwrapped email: kind, company, role, people, interview time and zone,
 * format and links, the employer's promised timeline, and the no-calls request. Pure and
 * synchronous: no I/O, no clock; relative dates are read against the original's send date.
 *
 * The calendar part is read first (its time, zone, organizer and join link are exact), then
 * the text. The owner's hints in the note ("role: ...", "timeline: 2 weeks") override what was
 * read. Nothing is invented: a field the email does not state is null (when.ts says when a
 * zone is claimed).
 */
import { readAddressing } from "./addressing.ts";
import { pickEvent, readCalendars } from "./calendar.ts";
import { classifyKind } from "./kind.ts";
import { asksForNoCalls, detectFormat, findMeetingUrl, findSchedulingUrl, findUrls, type LinkCandidate } from "./format.ts";
import { confidenceOf, NO_CHOICE, readFrom, type Choice } from "./evidence.ts";
import { extractInterviewers, readCompany, readContact, readRole, type PartiesInput } from "./parties.ts";
import type { ForwardedEmail } from "../mail/forwarded-email.ts";
import { parseAddressList } from "../mail/forward-headers.ts";
import { detectLanguage } from "./language.ts";
import { findPromisedTimeline } from "./timeline.ts";
import { readWhen } from "./when.ts";
import { EMAIL_KINDS, INTERVIEW_FORMATS, type EmailKind, type InterviewFormat, type Person, type Understanding } from "./types.ts";

/** Kinds about a concrete interview slot: only these carry a time, format and join link. */
const SLOT_KINDS = new Set<EmailKind>(["invitation", "scheduling_confirmation", "reschedule", "cancellation", "next_round"]);

/** `ownerAddresses`: the owner's own addresses, never the employer's nor the contact's (a forward of their own mail). */
export function understandEmail(fwd: ForwardedEmail, ownerAddresses: readonly string[] = []): Understanding {
  const original = fwd.original;
  const hints = fwd.note.hints;
  const subject = original.subject ?? "";
  const text = original.text;
  const event = pickEvent(readCalendars(original.calendars));
  const calendarText = [event?.summary, event?.description].filter(Boolean).join("\n");
  const language = detectLanguage(`${subject}\n${text}`);

  const reading = classifyKind({
    subject: [subject, event?.summary ?? ""].filter(Boolean).join("\n"),
    text: [text, event?.description ?? ""].filter(Boolean).join("\n"),
    calendar: event ? { method: event.method, status: event.status, sequence: event.sequence } : null,
  });
  const kind = kindFromHint(hints.kind) ?? reading.kind;
  const slotKind = SLOT_KINDS.has(kind);

  const writtenUrls = findUrls(text);
  const parties: PartiesInput = {
    subject,
    text,
    from: original.from,
    replyTo: original.replyTo,
    recipients: [...original.to, ...original.cc, ...ownerAddresses.map((address) => ({ name: null, address }))],
    calendar: event,
    links: [...original.links.map((l) => l.href), ...writtenUrls],
  };
  // Mail that is not about a job (a receipt, a newsletter) names no employer, role or contact;
  // the owner naming its company or role in a note says it is about a job.
  const jobRelated = reading.isJobRelated || kindFromHint(hints.kind) !== null || Boolean(hints.company) || Boolean(hints.role);
  const company = hints.company ? fromNote(hints.company) : jobRelated ? readCompany(parties) : NO_CHOICE;
  const role = hints.role ? fromNote(hints.role) : jobRelated ? readRole(parties, company.value) : NO_CHOICE;
  const contactHint = contactFromHint(hints.contact);
  const contact = contactHint ? fromNote(contactHint) : jobRelated ? readContact(parties, company.value) : NO_CHOICE;
  const when = readWhen({ fwd, event, text, subject, language, slotKind, kind });
  // Interviewers belong to an interview: a mail about one, or one whose calendar or hint gives a time.
  const aboutInterview = slotKind || when.start !== null || when.startLocal !== null;
  const interviewers = [...namesFromHint(hints.interviewer), ...(jobRelated && aboutInterview ? extractInterviewers(parties, company.value) : [])];

  const urlCandidates = [
    ...(event?.conferenceUrl ? [event.conferenceUrl] : []),
    ...writtenUrls,
    ...original.links.map((l) => l.href),
    ...findUrls(event?.description ?? ""),
    ...(event?.location ? findUrls(event.location) : []),
  ];
  const meetingUrl = slotKind ? findMeetingUrl(urlCandidates) : null;
  const linkCandidates: LinkCandidate[] = [
    ...original.links,
    // Each URL with its line as the link text (findUrls skips a line without "://" at once).
    ...text.split("\n").flatMap((line) => findUrls(line).map((href) => ({ href, text: line }))),
  ];
  const format =
    formatFromHint(hints.format) ??
    (slotKind
      ? detectFormat({ text: [subject, text, calendarText].join("\n"), location: event?.location ?? hints.location ?? null, meetingUrl })
      : null);

  const timelineContext = { sentAt: original.date, tz: when.tz ?? when.zoneHint, language };
  // A hint is often bare ("2 weeks"); read as "within 2 weeks" when it is not a sentence the reader knows.
  const promisedTimeline = hints.timeline
    ? findPromisedTimeline(hints.timeline, timelineContext) ?? findPromisedTimeline(`within ${hints.timeline}`, timelineContext)
    : kind === "rejection"
      ? null
      : findPromisedTimeline(text, timelineContext);

  return {
    kind,
    isJobRelated: jobRelated,
    language,
    company: company.value,
    role: role.value,
    contact: contact.value,
    interviewers,
    start: when.start,
    tz: when.start ? when.tz : null,
    startLocal: when.startLocal,
    proposedSlots: when.proposedSlots,
    previousStart: when.previousStart,
    durationMin: when.durationMin,
    format,
    meetingUrl,
    schedulingUrl: kind === "rejection" ? null : findSchedulingUrl(linkCandidates),
    promisedTimeline,
    noCalls: asksForNoCalls(`${text}\n${fwd.note.text}`),
    calendar: event ? { method: event.method, uid: event.uid, sequence: event.sequence } : null,
    confidence: { ...confidenceOf({ company, role, contact }), ...when.confidence },
    addressing: jobRelated ? readAddressing({ text, from: original.from, contact: contact.value, company: company.value }) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Owner hints

const KIND_WORDS: Record<string, EmailKind> = {
  rejected: "rejection", rejection: "rejection", absage: "rejection", refus: "rejection", rechazo: "rejection",
  offer: "offer", angebot: "offer", offre: "offer", oferta: "offer", proposta: "offer",
  cancelled: "cancellation", canceled: "cancellation", cancellation: "cancellation",
  rescheduled: "reschedule", reschedule: "reschedule", moved: "reschedule",
  invitation: "invitation", invite: "invitation", confirmed: "scheduling_confirmation",
  "next round": "next_round", next_round: "next_round",
};

function kindFromHint(value: string | undefined): EmailKind | null {
  if (!value) return null;
  const key = value.trim().toLowerCase();
  if ((EMAIL_KINDS as readonly string[]).includes(key)) return key as EmailKind;
  return KIND_WORDS[key] ?? null;
}

function formatFromHint(value: string | undefined): InterviewFormat | null {
  if (!value) return null;
  const key = value.trim().toLowerCase();
  if ((INTERVIEW_FORMATS as readonly string[]).includes(key)) return key as InterviewFormat;
  if (/phone|telefon|téléphone|teléfono|telefone/.test(key)) return "phone";
  if (/video|zoom|teams|meet|online|remote/.test(key)) return "video";
  if (/on.?site|in.?person|office|vor ort|sur place|presencial|kantoor/.test(key)) return "onsite";
  return null;
}

/** What the owner wrote in the note is not doubted. */
function fromNote<T>(value: T): Choice<T> {
  return readFrom(value, 1, "your note above the forward");
}

function contactFromHint(value: string | undefined): Person | null {
  if (!value) return null;
  const parsed = parseAddressList(value)[0];
  if (!parsed) return null;
  return { name: parsed.name, email: parsed.address };
}

function namesFromHint(value: string | undefined): Person[] {
  if (!value) return [];
  return parseAddressList(value).map((a) => ({ name: a.name, email: a.address }));
}
