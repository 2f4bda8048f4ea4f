/**
 * Understands one unwrapped email: kind, company, role, people, interview time and zone,
 * format and links, the employer's promised timeline, and the no-calls request. Pure and
 * synchronous: no I/O, no clock; relative dates are read against the original's send date.
 *
 * The calendar part is read first (its time, zone, organizer and join link are exact), then
 * the text. The owner's hints in the note ("role: ...", "timeline: 2 weeks") override what was
 * read. Nothing is invented: a field the email does not state is null. In particular a zone is
 * claimed only when the text names it, the calendar gives it, the interview's address names a
 * place, or the email's language agrees with an offset the email itself states; the sender's
 * Date offset alone never names a zone.
 */
import { readCalendars, type CalendarEvent } from "./calendar.ts";
import { findDateTimes, findDuration, type DateTimeMention } from "./dates.ts";
import { classifyKind } from "./kind.ts";
import { asksForNoCalls, detectFormat, findAddressLines, findMeetingUrl, findSchedulingUrl, findUrls, type LinkCandidate } from "./format.ts";
import { extractCompany, extractContact, extractInterviewers, extractRole, type PartiesInput } from "./parties.ts";
import type { ForwardedEmail } from "../mail/forwarded-email.ts";
import { parseAddressList } from "../mail/forward-headers.ts";
import { detectLanguage } from "./language.ts";
import { gate, testGated } from "../text/required-words.ts";
import { wordPattern } from "../text/word-pattern.ts";
import { findPromisedTimeline } from "./timeline.ts";
import { formatInZone, localToInstant, zoneFromPlace, zoneFromText } from "../time/zones.ts";
import { EMAIL_KINDS, INTERVIEW_FORMATS, type EmailKind, type InterviewFormat, type Language, type Person, type Understanding } from "./types.ts";

/** Kinds about a concrete interview slot: only these carry a time, format and join link. */
const SLOT_KINDS = new Set<EmailKind>(["invitation", "scheduling_confirmation", "reschedule", "cancellation", "next_round"]);

/**
 * The zone a language's home country uses. Claimed only when the email states a UTC offset
 * that this zone had at that moment, or a calendar instant agrees with the text's wall time.
 */
const LANGUAGE_ZONES: Partial<Record<Language, string>> = {
  de: "Europe/Berlin",
  fr: "Europe/Paris",
  es: "Europe/Madrid",
  pt: "Europe/Lisbon",
  nl: "Europe/Amsterdam",
};

// Words right before a date that make it something other than the interview slot.
const NOT_A_SLOT_BEFORE = gate(wordPattern(/\b(?:submit\w*|deadline|due|by|until|no later than|before|commencement|start(?:ing)? date|first day|joining date|reply by|respond by|decision|sent|posted|bis|spätestens|frist|einsendeschluss|arbeitsbeginn|eintritt(?:sdatum)?|avant|date limite|date de début|prise de poste|fecha límite|antes del?|hasta|fecha de inicio|incorporación|prazo|até|data de início|data limite|uiterlijk|vóór|startdatum|ingangsdatum)\b[^\n]{0,25}$/iu));
const PAST_BEFORE = gate(wordPattern(/\b(?:last|previous|earlier|afgelopen|vorige|letzte[nmr]?|vergangene[nmr]?|dernier|dernière|pasado|pasada|passad[oa]|último|última)\b[^\n]{0,40}$/iu));
// What introduces the old slot of a moved interview ("originally on", "instead of", "moved from").
const OLD_SLOT_BEFORE = gate(wordPattern(/\b(?:original(?:ly)?|previous(?:ly)?|was|were|instead of|from|ursprünglich|bisher|statt|initialement|au lieu de|prévu(?:e)? le|originalmente|en lugar de|em vez de|oorspronkelijk|in plaats van|gepland op)\b[^\n]{0,40}$/iu));
const NEW_SLOT_BEFORE = gate(wordPattern(/\b(?:new|updated|now|moved to|changed to|rescheduled (?:to|for)|neue[nrm]?|jetzt|nouvel(?:le)?|nueva|nuevo|nova|novo|nieuwe)\b[^\n]{0,40}$/iu));
const PROPOSAL = gate(wordPattern(/\b(?:options?|propose[ds]?|suggest(?:ed)?|alternatives?|which (?:of these|one|time|slot|works)|let us know which|one of the following|time slots?|vorschläge|vorschlagen|folgende termine|welcher termin|proposons|créneaux|proponemos|opciones|horarios disponibles|propomos|opções|stellen (?:we |wij )?voor|opties|welk moment)\b/iu));
const DURATION_LINE = gate(wordPattern(/\b(?:duration|length|lasts?|takes?|dauer|dauert|durée|dure|duración|dura|duração|duur|duurt)\b/iu));

export function understandEmail(fwd: ForwardedEmail): Understanding {
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

  const parties: PartiesInput = {
    subject,
    text,
    from: original.from,
    replyTo: original.replyTo,
    recipients: [...original.to, ...original.cc],
    calendar: event,
  };
  // Mail that is not about a job (a receipt, a newsletter) names no employer, role or contact.
  const jobRelated = reading.isJobRelated || kindFromHint(hints.kind) !== null;
  const company = hints.company ?? (jobRelated ? extractCompany(parties) : null);
  const role = hints.role ?? (jobRelated ? extractRole(parties, company) : null);
  const contact = contactFromHint(hints.contact) ?? (jobRelated ? extractContact(parties, company) : null);
  const interviewers = [...namesFromHint(hints.interviewer), ...(jobRelated ? extractInterviewers(parties) : [])];

  const when = readWhen({ fwd, event, text, subject, language, slotKind, kind });

  const urlCandidates = [
    ...(event?.conferenceUrl ? [event.conferenceUrl] : []),
    ...findUrls(text),
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
    company,
    role,
    contact,
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
  };
}

// ---------------------------------------------------------------------------------------------
// Time

interface When {
  start: string | null;
  tz: string | null;
  startLocal: string | null;
  proposedSlots: string[];
  previousStart: string | null;
  durationMin: number | null;
  zoneHint: string | null;
}

interface WhenInput {
  fwd: ForwardedEmail;
  event: CalendarEvent | null;
  text: string;
  subject: string;
  language: Language;
  slotKind: boolean;
  kind: EmailKind;
}

function readWhen(input: WhenInput): When {
  const { fwd, event, text, subject, language } = input;
  const original = fwd.original;
  const hints = fwd.note.hints;
  const sentOffsetMin = original.dateOffsetMin ?? offsetOfIso(original.date);
  const textZone = zoneFromText(hints.zone ?? "") ?? zoneFromText(`${subject}\n${text}`);
  const placeZone = zoneFromPlace([hints.location ?? "", ...findAddressLines(text), event?.location ?? ""].join("\n"));
  const languageZone = LANGUAGE_ZONES[language] ?? null;
  const statedZone = languageZone && offsetAgrees(languageZone, original.date, original.dateOffsetMin) ? languageZone : null;
  const zoneHint = textZone ?? placeZone ?? statedZone;

  const context = { sentAt: original.date, sentOffsetMin, language, zoneHint };
  const hinted = hints.time ? findDateTimes(hints.time, context) : [];
  const empty: When = { start: null, tz: null, startLocal: null, proposedSlots: [], previousStart: null, durationMin: null, zoneHint };
  const eventHasTime = Boolean(event?.start || event?.startLocal);
  // A rejection, an offer or an update has no slot to read unless a calendar or the owner gives one.
  if (!hinted[0] && !eventHasTime && !input.slotKind) return empty;

  let mentions = findDateTimes(text, context);
  if (mentions.length === 0) mentions = findDateTimes(subject, context);
  const durationFromText = (hints.duration ? findDuration(hints.duration) : null) ?? readDuration(text);

  if (hinted[0]) return fromMention(hinted[0], durationFromText, zoneHint);

  if (event && eventHasTime) {
    const zone = calendarZone(event, mentions, [textZone, placeZone, languageZone]) ?? (event.start ? null : zoneHint);
    // A floating calendar time (no zone in the file) takes the zone the mail gives, if any.
    const start = event.start ? (zone ? formatInZone(Date.parse(event.start), zone) : event.start) : zone && event.startLocal ? localAsIso(event.startLocal, zone) : null;
    const startLocal = start ? start.slice(0, 19) : event.startLocal;
    let previousStart: string | null = null;
    if (input.kind === "reschedule" && startLocal) {
      // A moved event often keeps its old time in the description: that is the previous slot.
      const stale = slotMentions(mentions, text, original.date).find((s) => s.mention.startLocal.slice(0, 16) !== startLocal.slice(0, 16));
      if (stale) previousStart = zone ? localAsIso(stale.mention.startLocal, zone) : stale.mention.start;
    }
    return { start, tz: start ? zone : null, startLocal, proposedSlots: [], previousStart, durationMin: event.durationMin ?? durationFromText, zoneHint };
  }

  if (!input.slotKind) return empty;
  const slots = slotMentions(mentions, text, original.date);
  if (slots.length === 0) return { ...empty, durationMin: durationFromText };

  if (input.kind === "reschedule") {
    const fresh = slots.find((s) => testGated(NEW_SLOT_BEFORE, s.lead)) ?? slots.find((s) => !testGated(OLD_SLOT_BEFORE, s.lead)) ?? null;
    const old = slots.find((s) => s !== fresh && testGated(OLD_SLOT_BEFORE, s.lead)) ?? null;
    if (!fresh) return { ...empty, durationMin: durationFromText };
    return { ...fromMention(fresh.mention, durationFromText, zoneHint), previousStart: old ? old.mention.start ?? old.mention.startLocal : null };
  }

  const upcoming = uniqueBy(slots.filter((s) => !testGated(PAST_BEFORE, s.lead)), (s) => s.mention.startLocal);
  if (upcoming.length >= 2 && testGated(PROPOSAL, text)) {
    return { ...empty, proposedSlots: upcoming.map((s) => s.mention.start ?? s.mention.startLocal), durationMin: durationFromText };
  }
  const chosen = upcoming[0];
  return chosen ? fromMention(chosen.mention, durationFromText, zoneHint) : { ...empty, durationMin: durationFromText };
}

function fromMention(mention: DateTimeMention, durationFromText: number | null, zoneHint: string | null): When {
  return {
    start: mention.start,
    tz: mention.start ? mention.tz : null,
    startLocal: mention.startLocal,
    proposedSlots: [],
    previousStart: null,
    durationMin: mention.durationMin ?? durationFromText,
    zoneHint,
  };
}

interface Slot {
  mention: DateTimeMention;
  /** Text between the previous mention (or the line start) and this one: what introduces it. */
  lead: string;
}

/** Mentions that can be the interview: not a deadline, a start date, a past date, or the letter's own timestamp. */
function slotMentions(mentions: DateTimeMention[], text: string, sentAt: string | null): Slot[] {
  const sentLocal = sentAt?.slice(0, 16) ?? null;
  const ordered = [...mentions].sort((a, b) => a.index - b.index);
  const slots: Slot[] = [];
  let previousEnd = 0;
  for (const mention of ordered) {
    const lineStart = text.lastIndexOf("\n", mention.index - 1) + 1;
    const lead = text.slice(Math.max(previousEnd, lineStart, mention.index - 60), mention.index);
    previousEnd = mention.index + mention.text.length;
    if (testGated(NOT_A_SLOT_BEFORE, lead)) continue;
    // A date already past when the mail was sent, or the letter's own date line.
    if (mention.isPast || (sentLocal && mention.startLocal.slice(0, 16) <= sentLocal)) continue;
    slots.push({ mention, lead });
  }
  return slots;
}

/**
 * A calendar in UTC (Google) says when, not where. A zone the text names, the interview's
 * address implies or the language suggests is taken when the calendar instant, shown in it,
 * is a wall time the text also gives.
 */
function calendarZone(event: CalendarEvent, mentions: DateTimeMention[], candidates: (string | null)[]): string | null {
  const instant = event.start ? Date.parse(event.start) : Number.NaN;
  if (Number.isNaN(instant)) return event.tz;
  const agreesWithText = (zone: string): boolean => {
    const local = formatInZone(instant, zone).slice(0, 16);
    return mentions.some((m) => m.startLocal.slice(0, 16) === local);
  };
  const sameInstantAsCalendar = (zone: string): boolean => event.tz === null || formatInZone(instant, zone).slice(16) === formatInZone(instant, event.tz).slice(16);
  const [textZone] = candidates;
  // The text's own zone wins over the calendar's when both give the same clock (Lisbon vs London).
  if (textZone && event.tz && sameInstantAsCalendar(textZone)) return textZone;
  if (event.tz && event.tz !== "UTC" && event.tz !== "Etc/UTC") return event.tz;
  if (textZone) return textZone;
  for (const zone of candidates.slice(1)) if (zone && agreesWithText(zone)) return zone;
  return event.tz;
}

function readDuration(text: string): number | null {
  // The line that names the duration wins over a number of minutes elsewhere ("5 minutes early").
  if (!testGated(DURATION_LINE, text)) return findDuration(text);
  for (const line of text.split("\n")) {
    if (!testGated(DURATION_LINE, line)) continue;
    const minutes = findDuration(line);
    if (minutes !== null) return minutes;
  }
  return findDuration(text);
}

/** The event that describes the interview: a cancellation or the latest revision. */
function pickEvent(events: CalendarEvent[]): CalendarEvent | null {
  let best: CalendarEvent | null = null;
  for (const event of events) {
    if (!best || (event.sequence ?? 0) > (best.sequence ?? 0) || (!best.start && event.start)) best = event;
  }
  return best;
}

function offsetAgrees(zone: string, sentAt: string | null, offsetMin: number | null): boolean {
  if (!sentAt || offsetMin === null) return false;
  const instant = Date.parse(sentAt);
  if (Number.isNaN(instant)) return false;
  return offsetOfIso(formatInZone(instant, zone)) === offsetMin;
}

function offsetOfIso(iso: string | null): number | null {
  const match = iso ? /([+-])(\d\d):?(\d\d)$/.exec(iso) : null;
  if (!match?.[2] || !match[3]) return iso?.endsWith("Z") ? 0 : null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

function localAsIso(local: string, zone: string): string {
  return formatInZone(localToInstant(local, zone), zone);
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
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
