/**
 * When the interview is: its start, zone, duration, the slots proposed, and the old slot of a
 * moved one, read from the calendar part, the owner's hints and the text. Pure: no clock;
 * relative dates are read against the original's send date.
 *
 * The calendar's instant is exact; the text gives the wall time and, when the calendar is in
 * UTC, the zone. A zone is claimed only when the text names it, the calendar gives it, the
 * interview's address names a place, the places the mail names all keep one clock that the
 * mail's Date offset agrees with, or the email's language agrees with an offset the email itself
 * states; the sender's Date offset alone never names a zone. A zone implied (by a place or a
 * language) is a guess, and `confidence` says so, for the confirmation to ask about it.
 *
 * A moved interview: the slot the mail calls planned ("we had scheduled", "prevista para",
 * "geplantes") is the old one, the one it proposes or moves to ("stattdessen", "reprogramarla
 * para") the new one; a label on the line above a date ("Former time") counts as its lead.
 */
import type { CalendarEvent } from "./calendar.ts";
import { findDateTimes, findDuration, type DateTimeMention } from "./dates.ts";
import { findAddressLines } from "./format.ts";
import type { ForwardedEmail } from "../mail/forwarded-email.ts";
import { gate, testGated } from "../text/required-words.ts";
import { wordPattern } from "../text/word-pattern.ts";
import { findPlaces } from "../time/places.ts";
import { isWindowsZone } from "../time/windows-zones.ts";
import { rulesSignature, zoneOffsetMin } from "../time/zone-rules.ts";
import { formatInZone, localToInstant, namedZoneInText } from "../time/zones.ts";
import type { EmailKind, FieldConfidence, Language, Understanding } from "./types.ts";

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
// What introduces the old slot of a moved interview ("originally on", "instead of", "prevista para"), and what
// follows it ("the Tuesday 11:00 interview we had scheduled", "Ihr für Dienstag, 10:00 Uhr geplantes Gespräch").
const OLD_SLOT_BEFORE = gate(wordPattern(/\b(?:original(?:ly)?|previous(?:ly)?|was|were|instead of|from|former|ursprünglich|bisher|statt|initialement|au lieu de|originalmente|en lugar de|em vez de|oorspronkelijk|in plaats van)\b[^\n]{0,40}$/iu));
// Right before the date, this names the slot as the one planned so far, whatever verb came earlier ("reprogramar su entrevista prevista para el").
const PLANNED_BEFORE = gate(wordPattern(/\b(?:(?:originally|initially) (?:scheduled|planned|booked)|previst[oa]|programad[oa]|agendad[oa]|marcad[oa]|prévue?|geplant|gepland)\s+(?:for|on|para|pour|le|für|am|op|voor)\s+(?:the |el |le |la |o |a |den )?(?:\S+\s+)?$/iu));
const OLD_SLOT_AFTER = gate(wordPattern(/^[^.!?\n]{0,30}?\b(?:we had|we['’]d|had been|that was|which was|originally|initially|ursprünglich|initialement) (?:originally )?(?:scheduled|planned|booked|arranged|set|geplant|vorgesehen|prévue?)\b|^[^.!?\n]{0,5}\b(?:geplante[snm]?|vorgesehene[snm]?|vereinbarte[snm]?)\b/iu));
// What introduces the new slot: "new time:", "moved to", "could we change the date and time to", "reprogramar su entrevista para el".
const NEW_SLOT_BEFORE = gate(wordPattern(/\b(?:new|updated|now|moved to|changed to|rescheduled (?:to|for)|instead|stattdessen|neue[nrm]?|jetzt|nouvel(?:le)?|à la place|nueva|nuevo|en su lugar|nova|novo|em vez disso|nieuwe|in plaats daarvan)\b[^\n]{0,40}$|\b(?:reschedul|mov|chang|push|postpon|shift|verschieb|verleg|report|décal|déplac|reprogram|reagend|aplaz|pospon|remarc|adi|verzet|verplaats|verschuiv)\w*\b[^\n]{0,40}\b(?:to|for|until|auf|à|au|para|pour|naar|op|tot)\s+(?:the |el |le |la |o |a |de )?$/iu));
const PROPOSAL = gate(wordPattern(/\b(?:options?|propose[ds]?|suggest(?:ed)?|alternatives?|which (?:of these|one|time|slot|works)|let us know which|one of the following|time slots?|vorschläge|vorschlagen|folgende termine|welcher termin|proposons|créneaux|proponemos|opciones|horarios disponibles|propomos|opções|stellen (?:we |wij )?voor|opties|welk moment)\b/iu));
// Not gated: one search of the whole mail costs less than the gate's table of its character windows.
const DURATION_WORDS = wordPattern(/\b(?:duration|length|lasts?|takes?|dauer|dauert|durée|dure|duración|dura|duração|duur|duurt)\b/giu);

export interface When extends Pick<Understanding, "start" | "tz" | "startLocal" | "proposedSlots" | "previousStart" | "durationMin"> {
  /** The zone the mail's times are read in when they carry none: for the timeline's dates too. */
  zoneHint: string | null;
  /** How sure the start and its zone are, when they rest on a guess (a zone implied by a place or by the mail's language). */
  confidence: Partial<Record<"start" | "tz", FieldConfidence>>;
}

export interface WhenInput {
  fwd: ForwardedEmail;
  event: CalendarEvent | null;
  text: string;
  subject: string;
  language: Language;
  slotKind: boolean;
  kind: EmailKind;
}

/** A zone for the mail's times that carry none, and why it is only a guess (null when the mail names it). */
interface ZoneClue {
  tz: string;
  guess: string | null;
}

/** A zone implied, not stated: the confirmation says so and asks. */
const GUESSED_ZONE_SCORE = 0.5;
/** A zone implied, and the calendar's exact instant shown in it is the wall time the mail writes. */
const CORROBORATED_ZONE_SCORE = 0.6;

export function readWhen(input: WhenInput): When {
  const { fwd, event, text, subject, language } = input;
  const original = fwd.original;
  const hints = fwd.note.hints;
  const sentOffsetMin = original.dateOffsetMin ?? offsetOfIso(original.date);
  const named = namedZoneInText(hints.zone ?? "") ?? namedZoneInText(`${subject}\n${text}`);
  // The interview's place counts only when the mail names no zone: not looked for otherwise.
  const addressPlace = named ? null : firstPlace([hints.location ?? "", ...findAddressLines(text), event?.location ?? ""].join("\n"));
  const addressClue = addressPlace ? { tz: addressPlace.tz, guess: `zone guessed from the interview's place (${addressPlace.name})` } : null;
  const languageZone = LANGUAGE_ZONES[language] ?? null;
  const languageClue = languageZone ? { tz: languageZone, guess: `zone guessed from the mail's language (${language})` } : null;
  const offsetAgreesWith = (clue: ZoneClue | null, offsetMin: number | null): ZoneClue | null =>
    clue && offsetAgrees(clue.tz, original.date, offsetMin) ? { tz: clue.tz, guess: `${clue.guess} and the mail's UTC offset` } : null;
  const stated = named ? { tz: named.tz, guess: null } : addressClue;
  const eventHasTime = Boolean(event?.start || event?.startLocal);
  // A rejection, an offer or an update has no slot to read unless a calendar or the owner gives one.
  if (!hints.time && !eventHasTime && !input.slotKind) {
    return { start: null, tz: null, startLocal: null, proposedSlots: [], previousStart: null, durationMin: null, zoneHint: (stated ?? offsetAgreesWith(languageClue, original.dateOffsetMin))?.tz ?? null, confidence: {} };
  }
  // A place is corroborated by the offset of the original's Date, else by the forward's own (the
  // seeker's, usually in the same city); a language only by the original's own.
  let clue: ZoneClue | null = stated ?? offsetAgreesWith(languageClue, original.dateOffsetMin);
  const contextWith = (hint: ZoneClue | null) => ({ sentAt: original.date, sentOffsetMin, language, zoneHint: hint?.tz ?? null });
  const readMentions = (hint: ZoneClue | null): DateTimeMention[] => {
    const found = findDateTimes(text, contextWith(hint));
    return found.length > 0 ? found : findDateTimes(subject, contextWith(hint));
  };
  // The places the whole text names are looked for only when the mail states no zone.
  let bodyClue: ZoneClue | null | undefined;
  const readBodyClue = (): ZoneClue | null => (bodyClue === undefined ? (bodyClue = stated ? null : bodyPlaceClue(text)) : bodyClue);
  let mentions = readMentions(clue);
  if (!stated && mentions.some((m) => m.zoneFrom === "hint" || m.zoneFrom === null)) {
    const placed = offsetAgreesWith(readBodyClue(), sentOffsetMin);
    if (placed && placed.tz !== clue?.tz) {
      clue = placed;
      mentions = readMentions(clue);
    }
  }
  const zoneHint = clue?.tz ?? null;
  const hinted = hints.time ? findDateTimes(hints.time, contextWith(clue)) : [];
  const empty: When = { start: null, tz: null, startLocal: null, proposedSlots: [], previousStart: null, durationMin: null, zoneHint, confidence: {} };
  if (!hinted[0] && !eventHasTime && !input.slotKind) return empty;
  const durationFromText = (hints.duration ? findDuration(hints.duration) : null) ?? readDuration(text);

  if (hinted[0]) return fromMention(hinted[0], durationFromText, clue);

  if (event && eventHasTime) {
    const textClue = named ? { tz: named.tz, guess: null, isGeneric: named.isGeneric } : null;
    const calendar = calendarZone(event, mentions, textClue, [() => addressClue, readBodyClue, () => languageClue]);
    // A floating calendar time (no zone in the file) takes the zone the mail gives, if any.
    const zoneClue = calendar ?? (event.start ? null : clue);
    const zone = zoneClue?.tz ?? null;
    const start = event.start ? (zone ? formatInZone(Date.parse(event.start), zone) : event.start) : zone && event.startLocal ? localAsIso(event.startLocal, zone) : null;
    const startLocal = start ? start.slice(0, 19) : event.startLocal;
    let previousStart: string | null = null;
    if (input.kind === "reschedule" && startLocal) {
      // A moved event often keeps its old time in the description: that is the previous slot.
      const stale = slotMentions(mentions, text, original.date).find((s) => s.mention.startLocal.slice(0, 16) !== startLocal.slice(0, 16));
      if (stale) previousStart = zone ? localAsIso(stale.mention.startLocal, zone) : stale.mention.start;
    }
    const confidence: When["confidence"] = {};
    if (start && zoneClue?.guess) {
      if (event.start) confidence.tz = { score: CORROBORATED_ZONE_SCORE, evidence: [zoneClue.guess] };
      else Object.assign(confidence, guessedConfidence(zoneClue.guess));
    }
    return { start, tz: start ? zone : null, startLocal, proposedSlots: [], previousStart, durationMin: event.durationMin ?? durationFromText, zoneHint, confidence };
  }

  if (!input.slotKind) return empty;
  const slots = slotMentions(mentions, text, original.date);
  if (slots.length === 0) return { ...empty, durationMin: durationFromText };

  if (input.kind === "reschedule") {
    const isPlanned = (s: Slot): boolean => testGated(PLANNED_BEFORE, s.lead) || testGated(OLD_SLOT_AFTER, s.trail);
    const isOld = (s: Slot): boolean => isPlanned(s) || testGated(OLD_SLOT_BEFORE, s.lead);
    const fresh = slots.find((s) => !isPlanned(s) && testGated(NEW_SLOT_BEFORE, s.lead)) ?? slots.find((s) => !isOld(s)) ?? null;
    const old = slots.find((s) => s !== fresh && isOld(s)) ?? null;
    if (!fresh) return { ...empty, durationMin: durationFromText };
    return { ...fromMention(fresh.mention, durationFromText, clue), previousStart: old ? old.mention.start ?? old.mention.startLocal : null };
  }

  const upcoming = uniqueBy(slots.filter((s) => !testGated(PAST_BEFORE, s.lead)), (s) => s.mention.startLocal);
  if (upcoming.length >= 2 && testGated(PROPOSAL, text)) {
    return { ...empty, proposedSlots: upcoming.map((s) => s.mention.start ?? s.mention.startLocal), durationMin: durationFromText };
  }
  const chosen = upcoming[0];
  return chosen ? fromMention(chosen.mention, durationFromText, clue) : { ...empty, durationMin: durationFromText };
}

function fromMention(mention: DateTimeMention, durationFromText: number | null, clue: ZoneClue | null): When {
  const guess = mention.start && mention.zoneFrom === "hint" ? clue?.guess : null;
  return {
    start: mention.start,
    tz: mention.start ? mention.tz : null,
    startLocal: mention.startLocal,
    proposedSlots: [],
    previousStart: null,
    durationMin: mention.durationMin ?? durationFromText,
    zoneHint: clue?.tz ?? null,
    confidence: guess ? guessedConfidence(guess) : {},
  };
}

/** A wall time read in a guessed zone: both the zone and the instant are unsure. */
function guessedConfidence(guess: string): When["confidence"] {
  return {
    tz: { score: GUESSED_ZONE_SCORE, evidence: [guess] },
    start: { score: GUESSED_ZONE_SCORE, evidence: ["the time is read in a guessed zone"] },
  };
}

interface Slot {
  mention: DateTimeMention;
  /** Text between the previous mention (or the line start) and this one: what introduces it. */
  lead: string;
  /** The rest of its line after it, up to the next mention: what it is called ("... we had scheduled"). */
  trail: string;
}

/** Mentions that can be the interview: not a deadline, a start date, a past date, or the letter's own timestamp. */
function slotMentions(mentions: DateTimeMention[], text: string, sentAt: string | null): Slot[] {
  const sentLocal = sentAt?.slice(0, 16) ?? null;
  const ordered = [...mentions].sort((a, b) => a.index - b.index);
  const slots: Slot[] = [];
  let previousEnd = 0;
  for (const [i, mention] of ordered.entries()) {
    const lineStart = text.lastIndexOf("\n", mention.index - 1) + 1;
    let lead = text.slice(Math.max(previousEnd, lineStart, mention.index - 60), mention.index);
    // A date that opens its line is introduced by a label on the line above ("Former time", "Neuer Termin:").
    if (lead.trim() === "" && lineStart > previousEnd) lead = labelAbove(text, lineStart);
    previousEnd = mention.index + mention.text.length;
    const next = ordered[i + 1]?.index ?? text.length;
    const trail = text.slice(previousEnd, Math.min(next, previousEnd + 60));
    if (testGated(NOT_A_SLOT_BEFORE, lead)) continue;
    // A date already past when the mail was sent, or the letter's own date line.
    if (mention.isPast || (sentLocal && mention.startLocal.slice(0, 16) <= sentLocal)) continue;
    slots.push({ mention, lead, trail });
  }
  return slots;
}

/** Longest line read as a label standing above its value. */
const MAX_LABEL_CHARS = 30;

/** The line above `lineStart` when it is short enough to be a label, else "". */
function labelAbove(text: string, lineStart: number): string {
  const above = text.slice(text.lastIndexOf("\n", lineStart - 2) + 1, lineStart - 1).trim();
  return above.length <= MAX_LABEL_CHARS ? above : "";
}

/**
 * The zone of a calendar event. A calendar in UTC (Google) says when, not where: a zone the
 * text names is taken, else one the interview's place or the language implies when the
 * calendar instant, shown in it, is a wall time the text also gives. A zone the text names
 * specifically ("Lisbon time") wins over the calendar's when both keep the same clock; one it
 * names generically ("CET") does only over a calendar zone that stands for a Windows zone.
 */
function calendarZone(event: CalendarEvent, mentions: DateTimeMention[], text: (ZoneClue & { isGeneric: boolean }) | null, implied: (() => ZoneClue | null)[]): ZoneClue | null {
  const calendar = event.tz ? { tz: event.tz, guess: null } : null;
  const instant = event.start ? Date.parse(event.start) : Number.NaN;
  if (Number.isNaN(instant)) return calendar;
  const agreesWithText = (zone: string): boolean => {
    const local = formatInZone(instant, zone).slice(0, 16);
    return mentions.some((m) => m.startLocal.slice(0, 16) === local);
  };
  const sameClockAsCalendar = (zone: string): boolean => event.tz === null || formatInZone(instant, zone).slice(16) === formatInZone(instant, event.tz).slice(16);
  if (text && event.tz && sameClockAsCalendar(text.tz) && (!text.isGeneric || isWindowsZone(event.tz))) return text;
  if (event.tz && event.tz !== "UTC" && event.tz !== "Etc/UTC") return calendar;
  if (text) return text;
  for (const read of implied) {
    const clue = read();
    if (clue && agreesWithText(clue.tz)) return { tz: clue.tz, guess: `${clue.guess}, agreeing with the calendar's time` };
  }
  return calendar;
}

/** The first place named in the text, with its zone. */
function firstPlace(text: string): { tz: string; name: string } | null {
  const place = findPlaces(text)[0];
  return place ? { tz: place.zone, name: text.slice(place.index, place.end) } : null;
}

/** The zone of the places the text names (the office's city, in the text and the signature), when they all keep one clock. */
function bodyPlaceClue(text: string): ZoneClue | null {
  const places = findPlaces(text);
  const first = places[0];
  if (!first) return null;
  const signature = rulesSignature(first.zone);
  if (places.some((p) => p.zone !== first.zone && (signature === null || rulesSignature(p.zone) !== signature))) return null;
  return { tz: first.zone, guess: `zone guessed from the place named in the mail (${text.slice(first.index, first.end)})` };
}

function readDuration(text: string): number | null {
  // The line that names the duration wins over a number of minutes elsewhere ("5 minutes early").
  // Its words stop at line breaks, so one pass over the text finds the lines that hold one, in order.
  DURATION_WORDS.lastIndex = 0;
  for (let match = DURATION_WORDS.exec(text); match; match = DURATION_WORDS.exec(text)) {
    const lineEnd = text.indexOf("\n", match.index);
    const end = lineEnd === -1 ? text.length : lineEnd;
    const minutes = findDuration(text.slice(text.lastIndexOf("\n", match.index) + 1, end));
    if (minutes !== null) return minutes;
    DURATION_WORDS.lastIndex = end;
  }
  return findDuration(text);
}

function offsetAgrees(zone: string, sentAt: string | null, offsetMin: number | null): boolean {
  if (!sentAt || offsetMin === null) return false;
  const instant = Date.parse(sentAt);
  if (Number.isNaN(instant)) return false;
  return zoneOffsetMin(zone, instant) === offsetMin;
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
