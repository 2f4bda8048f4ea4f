/**
 * The employer's promise to get back (R2): "we'll get back to you within 5 business days",
 * "innerhalb von 5 Werktagen", "binnen 3-5 werkdagen", "dans les 10 jours", "by end of next
 * week", or a vague "shortly" / "prochainement" / "en breve". Pure: no clock; `by` is counted
 * from the send time (`sentAt`) in the user's zone, else in the sender's offset.
 *
 * Counting (R2): "N days" without a qualifier counts as N business days (weekends skipped; no
 * public holidays are known here). Weeks are calendar weeks: "2 weeks" from a Wednesday is the
 * Wednesday two weeks on, moved to the next Monday if that falls on a weekend; this equals 5
 * business days per week for mail sent on a weekday. Months are calendar months, hours are
 * counted on the clock; both move off a weekend the same way. A range ("3-5 Werktage") is
 * counted to its upper bound, and the lower bound is kept in `rangeMin`.
 *
 * Only a sentence in which the employer acts counts ("we will", "you will hear", "wir melden
 * uns", "nous vous contacterons", "je kunt ... van ons verwachten"); a deadline set for the
 * candidate ("please reply by Friday", "submit the assignment within 3 days") is not a promise.
 * These cues are read for English plus the mail's language. `text` is that sentence, or the
 * clause of it that makes the promise.
 *
 * An invitation to check in ("you can follow up with me in two weeks", "feel free to check in
 * after March 20", "n'hésitez pas à me relancer dans deux semaines") is read as well, with
 * `checkIn` set: the candidate acts in it, but on the employer's word, and its `by` is the
 * first day the check may go (the day after a date the check is to come "after").
 */

import {
  DAY_MS, MINUTE_MS, addBusinessDays, civilFromDays, daysFromCivil, daysInMonth, formatCivilDate, parseIsoInstant, rollToBusinessDay, weekdayOfDays,
} from "../time/civil-dates.ts";
import { NUMBER_WORDS } from "./date-words.ts";
import { findDates } from "./dates.ts";
import { joinHardWraps } from "../text/hard-wraps.ts";
import { findHeaderLineRanges, isInRanges } from "../text/header-lines.ts";
import { gate, testGated } from "../text/required-words.ts";
import type { Language, PromisedTimeline, TimelineUnit } from "./types.ts";
import { LETTERS, isJoinedBy, toLowerSameLength, tokenize, type Token } from "../text/word-tokens.ts";
import { canonicalZoneName, zoneOffsetMin } from "../time/zone-rules.ts";

export interface TimelineContext {
  sentAt: string | null;
  /** The user's IANA zone, in which business days are counted. */
  tz: string | null;
  language: Language;
  /** The sender's UTC offset, used when `tz` is null. */
  sentOffsetMin?: number | null;
}

// ---- Phrases (all read on lower-cased tokens) ----------------------------------------------------

const UNIT_WORDS = new Map<string, TimelineUnit>();
function addUnits(unit: TimelineUnit, words: string[]): void {
  for (const word of words) UNIT_WORDS.set(word, unit);
}
addUnits("days", ["day", "days", "tag", "tage", "tagen", "jour", "jours", "día", "días", "dia", "dias", "dag", "dagen"]);
addUnits("business_days", ["werktag", "werktage", "werktagen", "arbeitstag", "arbeitstage", "arbeitstagen", "werkdag", "werkdagen"]);
addUnits("weeks", ["week", "weeks", "woche", "wochen", "semaine", "semaines", "semana", "semanas", "weken"]);
addUnits("hours", ["hour", "hours", "stunde", "stunden", "heure", "heures", "hora", "horas", "uur"]);
addUnits("months", ["month", "months", "monat", "monate", "monaten", "mois", "mes", "meses", "maand", "maanden"]);
/** "business days", "working days" before the unit; "jours ouvrés", "días hábiles", "dias úteis" after it. */
const BUSINESS_BEFORE = new Set(["business", "working", "work"]);
const BUSINESS_AFTER = new Set(["ouvrés", "ouvres", "ouvrables", "hábiles", "habiles", "laborables", "úteis", "uteis"]);
const RANGE_WORDS = new Set(["to", "or", "bis", "à", "a", "tot", "of", "até", "ou", "y", "e", "et", "and", "und"]);
/** Words that may stand between a limit and its amount ("within the next", "innerhalb von", "dans un délai de"). */
const LIMIT_WORDS = new Set([
  "within", "in", "over", "during", "innerhalb", "von", "binnen", "dans", "les", "sous", "d", "ici", "en", "dentro", "de", "em", "no", "prazo",
  "nos", "nas", "na", "komende", "the", "next", "nächsten", "kommenden", "den", "des", "los", "las", "próximos", "próximas", "prochains", "prochaines",
  "coming", "following", "un", "délai", "plazo", "máximo", "about", "approximately", "around", "up", "to", "etwa", "ca", "ungefähr", "spätestens",
  "environ", "aproximadamente", "ongeveer", "uiterlijk", "cerca", "maximum", "max", "maximal", "até", "hasta", "bis", "zu",
]);
/** At least one of these makes the amount a time limit ("5 days" alone is not a promise). */
const STRONG_LIMIT_WORDS = new Set([
  "within", "in", "over", "during", "innerhalb", "binnen", "dans", "sous", "ici", "en", "dentro", "em", "prazo", "nos", "nas", "komende",
  "next", "nächsten", "kommenden", "próximos", "próximas", "prochains", "prochaines", "coming", "following", "délai", "plazo", "up", "spätestens", "uiterlijk", "maximum",
]);
const MAX_LIMIT_WORDS = 5;
/** Words for an unstated small amount ("a few days", "a couple of weeks", "enkele dagen", "quelques jours"). */
const FEW_WORDS = new Set(["few", "couple", "several", "paar", "enkele", "wenigen", "weniger", "einigen", "quelques", "unos", "algunos", "pocos", "alguns", "poucos"]);
const ARTICLES = new Set(["a", "the", "ein", "een", "les", "los", "uns"]);

const VAGUE_PHRASES = phraseSet([
  "shortly", "soon", "in due course", "as soon as possible", "in the coming days", "in the next few days", "over the next few days", "in a few days",
  "in the near future", "promptly",
  "in kürze", "in kurze", "zeitnah", "bald", "in den nächsten tagen", "in einigen tagen", "schnellstmöglich", "umgehend", "baldmöglichst", "demnächst", "so schnell wie möglich",
  "prochainement", "bientôt", "rapidement", "dans les plus brefs délais", "dans les meilleurs délais", "dans les prochains jours", "sous peu", "dans quelques jours",
  "pronto", "en breve", "próximamente", "proximamente", "en los próximos días", "a la brevedad", "lo antes posible", "en unos días", "en unos pocos días", "en pocos días",
  "binnenkort", "spoedig", "zo snel mogelijk", "zo spoedig mogelijk", "op korte termijn", "de komende dagen", "in de komende dagen",
  "em breve", "brevemente", "nos próximos dias", "o mais breve possível", "o mais rapidamente possível", "assim que possível", "dentro de alguns dias", "dentro de poucos dias",
]);

type Deadline = "end_of_week" | "end_of_next_week" | "next_week" | "end_of_month" | "tomorrow";
const DEADLINE_PHRASES = new Map<string, Deadline>();
function addDeadlines(deadline: Deadline, phrases: string[]): void {
  for (const phrase of phrases) DEADLINE_PHRASES.set(phrase, deadline);
}
const BY = ["by", "before", "until"];
const english = (ends: string[]): string[] => BY.flatMap((by) => ends.flatMap((end) => [`${by} the end of ${end}`, `${by} end of ${end}`]));
addDeadlines("end_of_next_week", [
  ...english(["next week"]),
  "bis ende nächster woche", "bis ende der nächsten woche", "bis zum ende der nächsten woche", "bis ende kommender woche", "bis zum ende kommender woche",
  "d ici la fin de la semaine prochaine", "d ici fin de la semaine prochaine", "avant la fin de la semaine prochaine",
  "antes del final de la próxima semana", "antes del fin de la próxima semana", "antes del final de la semana que viene", "para el final de la próxima semana",
  "voor het einde van volgende week", "vóór het einde van volgende week", "tegen het einde van volgende week", "eind volgende week",
  "até ao final da próxima semana", "até o final da próxima semana", "até final da próxima semana",
]);
addDeadlines("end_of_week", [
  ...english(["the week", "this week"]),
  "bis ende der woche", "bis ende dieser woche", "bis zum ende der woche", "bis zum ende dieser woche", "bis wochenende",
  "d ici la fin de la semaine", "d ici la fin de cette semaine", "avant la fin de la semaine", "avant la fin de cette semaine",
  "antes del final de la semana", "antes del final de esta semana", "para el final de la semana", "para el final de esta semana",
  "voor het einde van de week", "vóór het einde van de week", "voor het einde van deze week", "tegen het einde van de week", "eind deze week",
  "até ao final da semana", "até o final da semana", "até ao final desta semana", "até o final desta semana",
]);
addDeadlines("end_of_month", [
  ...english(["the month", "this month"]),
  "bis ende des monats", "bis ende dieses monats", "bis zum ende des monats", "bis zum monatsende", "bis monatsende",
  "d ici la fin du mois", "avant la fin du mois", "antes de fin de mes", "antes del final de mes", "antes de final de mes", "antes del final del mes",
  "voor het einde van de maand", "vóór het einde van de maand", "eind deze maand", "até ao final do mês", "até o final do mês",
]);
addDeadlines("next_week", [
  "next week", "nächste woche", "nächster woche", "kommende woche", "la semaine prochaine", "la próxima semana", "la semana que viene",
  "volgende week", "na próxima semana", "a próxima semana", "semana que vem",
]);
addDeadlines("tomorrow", ["tomorrow", "morgen", "demain", "mañana", "amanhã"]);
const DEADLINES = phraseTable(DEADLINE_PHRASES);

/** Words about answering the candidate, required around "tomorrow" and "next week" ("See you tomorrow" is not a promise). */
const RESPONSE_WORD_RE = /get back|back to you|hear|contact|respon|reply|decision|feedback|update|let you know|in touch|reach out|melde|rückmeldung|antwort|bescheid|entscheidung|contacter|revenir|reviendr|répons|repons|retour|décision|contactar|contactaremos|respuesta|noticias|decisión|contact op|laten weten|reactie|terugkoppeling|bericht|resposta|retorno|notícias|decisão/;
/** Words about answering the candidate, as against the employer's own decision or review. */
const ANSWER_WORD_RE = /get back|back to you|hear from|contact you|respond|reply|let you know|in touch|reach out|notify|update you|melden|rückmeldung|antwort|bescheid|contacter|revenir|reviendr|répons|repons|retour|contactar|contactaremos|respuesta|noticias|contact op|laten weten|reactie|terugkoppeling|resposta|retorno|notícias/;
/** Words that may introduce a date the answer comes by ("by Friday", "bis zum 10. März", "até sexta-feira"). */
const BY_WORDS = new Set(["by", "before", "until", "later", "bis", "spätestens", "ici", "avant", "antes", "para", "vóór", "voor", "uiterlijk", "tegen", "até"]);
const BY_DATE_BEFORE_RE = /(?:by|before|no later than|bis(?: (?:zum|spätestens))?|spätestens (?:am|bis)|d['’]ici(?: (?:le|à))?|avant(?: le)?|antes del?|para el|v[óo][óo]r|uiterlijk|tegen|at[ée](?: (?:ao|à|a|o|dia))?)\s+(?:(?:the|den|le|el|o|a)\s+)?$/;

// ---- Whose promise ----------------------------------------------------------------------------

type ReadLanguage = Exclude<Language, "other">;

/** The employer acts in the sentence ("we will", "you will hear", "wir melden uns", "nous vous contacterons"). Lower-case sources. */
const EMPLOYER_ACTS: Record<ReadLanguage, string[]> = {
  en: [
    "\\b(?:we|we['’](?:ll|d)|our (?:team|recruit\\w*|hiring|hr|talent)|someone|somebody|a (?:member|recruiter)|the (?:hiring|recruit\\w*|talent|hr) (?:team|manager))\\b",
    "\\byou(?:['’]ll| will| should| can expect to| may)? (?:hear|receive|be (?:contacted|notified|informed|sent|updated)|get (?:a|an|our) (?:response|reply|answer|update|decision|feedback))",
    "\\b(?:you can expect|expect (?:to hear|a (?:response|reply|decision)|an (?:answer|update)|feedback))",
    "\\bwill be (?:sent|in touch|contacted|notified|reviewed|emailed)",
    "\\bplease allow\\b",
  ],
  de: ["\\b(?:wir|uns|unser(?:e|em|en|er)?)\\b", "\\b(?:sie|du) (?:erhalten|hören|bekommen|erhältst|hörst)\\b|\\b(?:erhalten|hören|bekommen) sie\\b"],
  fr: ["\\b(?:nous|notre (?:équipe|service))\\b|\\bvous (?:recevrez|aurez|serez (?:contacté|recontacté|informé)|obtiendrez)"],
  // Spanish and Portuguese first person plural future: contactaremos, pondremos, entraremos.
  es: ["\\b(?:nosotros|nuestro equipo)\\b|[a-zñáéíóú]+remos\\b|\\b(?:recibirás?|recibirá|tendrás?|tendrá) (?:una )?(?:respuesta|noticias)"],
  nl: ["\\b(?:we|wij|onze)\\b|\\bvan ons\\b|\\b(?:je|u|jij) (?:ontvangt|krijgt|hoort)\\b|\\b(?:ontvang|hoor|krijg) (?:je|jij)\\b"],
  pt: ["\\b(?:nós|nossa equipa|nossa equipe)\\b|[a-zçãõáéíóú]+remos\\b|\\b(?:receberás?|receberá|terás?|terá) (?:uma )?(?:resposta|notícias)"],
};

/**
 * A recruiter promising for the employer in the first person ("I'll follow up by Friday", "ich
 * melde mich", "je reviendrai vers vous"): tried only on a clause no employer cue matched.
 */
const RECRUITER_ACTS = /\bi(?:['’]ll| will| shall) (?:\w+ )?(?:follow up|get (?:\w+ )?back|be in touch|reach out|contact you|let you know|update you|respond|reply)|\bich (?:melde|werde) mich\b|\bje (?:vous )?(?:reviendrai|recontacterai|contacterai|tiendrai)\b|(?:contactaré|escribiré|responderé|informaré|comunicaré)|\bik (?:kom|neem|laat|zal)\b|\b(?:entrarei|contactarei|responderei|informarei)\b/;

/** The sentence sets the candidate a task or is about the candidate's answer. Lower-case sources. */
const CANDIDATE_TASK: Record<ReadLanguage, string[]> = {
  en: [
    "\\b(?:please|kindly|you (?:must|need to|should|are (?:required|asked|requested|expected) to|have to)|submit|complete (?:the|your)|deadline)\\b",
    "\\b(?:let us know|get back to us|contact us|reach us|get in touch with us|call us|email us)\\b",
    "\\blook(?:ing)? forward|\\bhearing from you|\\byour (?:reply|response|answer|confirmation|availability|decision)",
    "\\bif you have (?:any )?questions|\\bsee you\\b",
  ],
  de: ["\\b(?:bitte|frist|senden sie|reichen sie|antworten sie|bestätigen sie|teilen sie uns|kontaktieren sie uns|lassen sie uns wissen)\\b|\\bfreuen uns|von ihnen zu hören|\\bihre[rn]? (?:antwort|rückmeldung|bestätigung|entscheidung)|\\bbei fragen|\\bbis bald\\b"],
  fr: ["\\b(?:merci de|veuillez|nous faire parvenir|date limite|contactez-nous|faites-nous savoir)\\b|\\bhâte\\b|\\bde vous lire|\\bvotre (?:réponse|retour|confirmation|décision)|\\bsi vous avez des questions|à bientôt"],
  es: ["\\b(?:por favor|le rogamos|solicitamos|fecha límite|envíe(?:nos)?|responda|confirme|contáctenos|póngase en contacto|háganos saber)\\b|\\besperamos (?:verle|conocerle|su)|\\bsu (?:respuesta|confirmación|decisión)|\\bsi tiene (?:alguna )?(?:pregunta|duda)|\\bhasta pronto"],
  nl: ["\\b(?:gelieve|uiterste datum|stuur|reageer|bevestig|neem (?:dan )?(?:gerust )?contact|contact met ons|laat (?:ons|het ons) weten)\\b|graag (?:ontvangen|horen) we|kijken (?:er )?naar uit|\\b(?:je|uw) (?:reactie|antwoord|bevestiging|beslissing)|\\bals (?:je|u) vragen (?:hebt|heeft)|\\btot (?:snel|binnenkort|ziens)"],
  pt: ["\\b(?:prazo (?:limite|final)|solicitamos que|envie|comunique|entre em contacto|informe-nos|contacte-nos)\\b|\\baguardamos|\\bsua (?:resposta|decisão|confirmação)|\\bse tiver (?:alguma )?dúvida|até breve"],
};
/**
 * The employer invites the candidate to check in; lower-case sources, all languages at once
 * (each phrase is only ever written in its own). The time is read as for a promise. Gated: it
 * is asked of every sentence that holds a time, and nearly none holds the words it opens with.
 */
const CHECK_IN = gate(new RegExp(
  [
    "\\b(?:you (?:can|may|could|are welcome to)|feel free to|(?:do not|don['’]t) hesitate to)\\b.*\\b(?:follow(?:ing)?[- ]up|check(?:ing)?[- ]in|reach(?:ing)? out|touch(?:ing)? base|get(?:ting)? in touch|contact(?:ing)? (?:me|us)|ping(?:ing)? me|circle back)",
    "\\b(?:sie können sich|du kannst dich|melden sie sich|meld dich)\\b.*\\b(?:melden|nachfragen|nachhaken|bei mir|bei uns)\\b|\\b(?:fragen sie|haken sie)\\b.*\\bnach\\b",
    "\\b(?:n['’]hésitez pas|vous pouvez|tu peux)\\b.*\\b(?:relancer|recontacter|revenir vers (?:moi|nous)|me contacter|nous contacter|m['’]écrire|nous écrire|reprendre contact)",
    "\\b(?:no dud(?:e|es|en) en|puede(?:s|n)?|siéntete libre de|siéntase libre de)\\b.*\\b(?:contactarme|contactarnos|escribirme|escribirnos|seguimiento|consultarme|(?:ponerte|ponerse) en contacto)",
  ].join("|"),
));
/** Words that may introduce the date a check-in may come after ("after March 20", "nach dem 20. März"). */
const AFTER_WORDS = new Set(["after", "nach", "après", "apres", "después", "despues"]);
const AFTER_DATE_BEFORE_RE = /(?:after|nach(?: dem)?|apr[èe]s(?: le)?|despu[ée]s del?)\s+(?:(?:the|le|el)\s+)?$/;
/** "Please allow 5 business days for a reply" is a promise despite the "please". */
const PLEASE_ALLOW_RE = /\bplease allow\b|\bbitte (?:rechnen|haben) sie\b|\bmerci de (?:patienter|compter)\b/;

interface Cues {
  employerActs: RegExp;
  candidateTask: RegExp;
}

const COMPILED = new Map<ReadLanguage, Cues>();

/**
 * The employer and candidate patterns of English and of the mail's language, each language's
 * compiled on first use: a mail in a new language compiles only its own, not English again.
 */
function cuesFor(language: Language): Cues[] {
  const languages: ReadLanguage[] = language === "other" ? ["en", "de", "fr", "es", "nl", "pt"] : language === "en" ? ["en"] : ["en", language];
  return languages.map((lang) => {
    let cues = COMPILED.get(lang);
    if (!cues) {
      cues = { employerActs: new RegExp(EMPLOYER_ACTS[lang].join("|")), candidateTask: new RegExp(CANDIDATE_TASK[lang].join("|")) };
      COMPILED.set(lang, cues);
    }
    return cues;
  });
}

// ---- Public API -------------------------------------------------------------------------------

interface Found {
  amount: number | null;
  unit: TimelineUnit | null;
  rangeMin: number | null;
  deadline: Deadline | null;
  byDate: string | null;
  /** `byDate` is the day the check may come after, not on (a check-in invitation). */
  after?: true;
  /** Where the phrase is inside the sentence, to cut the clause around it. */
  at: number;
}

export function findPromisedTimeline(mailText: string, context: TimelineContext): PromisedTimeline | null {
  const text = joinHardWraps(mailText);
  const bare = isBareAmount(text);
  let vague: PromisedTimeline | null = null;
  let firstDated: PromisedTimeline | null = null;
  for (const sentence of sentencesToRead(text)) {
    const invites = !bare && testGated(CHECK_IN, toLowerSameLength(sentence.text));
    const found = readSentence(sentence.text, sentence.words, context, bare, invites);
    if (!found) continue;
    const clause = cutClause(sentence.text, found.at);
    const lowerClause = toLowerSameLength(clause);
    const checkIn = invites && testGated(CHECK_IN, lowerClause);
    if (found.after && !checkIn) continue;
    const cues = cuesFor(context.language);
    if (!checkIn && !bare && !cues.some((c) => c.employerActs.test(lowerClause)) && !RECRUITER_ACTS.test(lowerClause)) continue;
    if (!checkIn && cues.some((c) => c.candidateTask.test(lowerClause)) && !PLEASE_ALLOW_RE.test(lowerClause)) continue;
    const timeline: PromisedTimeline = { amount: found.amount, unit: found.unit, text: clause, by: null };
    if (checkIn) timeline.checkIn = true;
    if (found.rangeMin !== null) timeline.rangeMin = found.rangeMin;
    if (found.amount === null && found.deadline === null && found.byDate === null) {
      vague ??= timeline;
      continue;
    }
    const base = sendDay(context);
    timeline.by = base === null ? null : computeBy(found, base, context);
    // The promise to answer the candidate wins over one about the employer's own steps
    // ("we will decide by Friday; you will hear from us within 5 business days").
    if (ANSWER_WORD_RE.test(lowerClause)) return timeline;
    firstDated ??= timeline;
  }
  return firstDated ?? vague;
}

function readSentence(sentence: string, words: Token[], context: TimelineContext, bare: boolean, invites: boolean): Found | null {
  const amount = findAmount(sentence, words, bare);
  if (amount) return amount;
  for (const [i, deadline] of findPhrases(sentence, words, DEADLINES)) {
    const at = words[i]?.index ?? 0;
    if ((deadline === "tomorrow" || deadline === "next_week") && !RESPONSE_WORD_RE.test(toLowerSameLength(sentence))) continue;
    if (deadline === "tomorrow") return { amount: 1, unit: "days", rangeMin: null, deadline, byDate: null, at };
    return { amount: null, unit: null, rangeMin: null, deadline, byDate: null, at };
  }
  if (invites && words.some((w) => mayStartAnchor(w) && AFTER_WORDS.has(w.lower))) {
    const lower = toLowerSameLength(sentence);
    const dateContext = { sentAt: context.sentAt, sentOffsetMin: context.tz ? null : (context.sentOffsetMin ?? null), language: context.language, zoneHint: context.tz };
    for (const date of findDates(sentence, dateContext, words)) {
      if (AFTER_DATE_BEFORE_RE.test(lower.slice(Math.max(0, date.index - 30), date.index))) {
        return { amount: null, unit: null, rangeMin: null, deadline: null, byDate: date.date, after: true, at: date.index };
      }
    }
  }
  if (words.some((w) => mayStartAnchor(w) && BY_WORDS.has(w.lower))) {
    const lower = toLowerSameLength(sentence);
    // Dates are read in the same zone the count starts from: the user's, else the sender's offset.
    const dateContext = { sentAt: context.sentAt, sentOffsetMin: context.tz ? null : (context.sentOffsetMin ?? null), language: context.language, zoneHint: context.tz };
    for (const date of findDates(sentence, dateContext, words)) {
      if (BY_DATE_BEFORE_RE.test(lower.slice(Math.max(0, date.index - 30), date.index))) {
        return { amount: null, unit: null, rangeMin: null, deadline: null, byDate: date.date, at: date.index };
      }
    }
  }
  const [vague] = findPhrases(sentence, words, VAGUE);
  if (vague) return { amount: null, unit: null, rangeMin: null, deadline: null, byDate: null, at: words[vague[0]]?.index ?? 0 };
  return null;
}

/** "within 5 business days", "innerhalb von 5 Werktagen", "binnen 3-5 werkdagen", "dans les 10 jours", "no prazo de 5 dias úteis". */
function findAmount(sentence: string, words: Token[], bare: boolean): Found | null {
  for (let u = 0; u < words.length; u++) {
    const unitWord = words[u] as Token;
    if (!mayStartAnchor(unitWord)) continue;
    let unit = UNIT_WORDS.get(unitWord.lower);
    if (!unit) continue;
    let q = u - 1;
    if (unit === "days" && BUSINESS_BEFORE.has(words[q]?.lower ?? "")) [unit, q] = ["business_days", q - 1];
    if (unit === "days" && BUSINESS_AFTER.has(words[u + 1]?.lower ?? "")) unit = "business_days";
    if (words[q]?.lower === "of" && words[q - 1]?.lower === "couple") q -= 1;
    const numberWord = words[q];
    if (numberWord && FEW_WORDS.has(numberWord.lower)) {
      // "within a few days", "binnen enkele dagen": a limit without a number.
      const limitEnd = ARTICLES.has(words[q - 1]?.lower ?? "") ? q - 1 : q;
      if (isStrongLimit(words, limitEnd) || bare) return { amount: null, unit, rangeMin: null, deadline: null, byDate: null, at: numberWord.index };
      continue;
    }
    const amount = numberWord ? readNumber(numberWord.lower) : null;
    if (!numberWord || amount === null || amount === 0 || amount > 365) continue;
    let first = q;
    let rangeMin: number | null = null;
    const before = words[q - 1];
    if (before && RANGE_WORDS.has(before.lower) && words[q - 2] && readNumber((words[q - 2] as Token).lower) !== null) {
      rangeMin = readNumber((words[q - 2] as Token).lower);
      first = q - 2;
    } else if (before && readNumber(before.lower) !== null && /^\s*[-–—]\s*$/.test(sentence.slice(before.end, numberWord.index))) {
      rangeMin = readNumber(before.lower);
      first = q - 1;
    }
    if (!isStrongLimit(words, first) && !bare) continue;
    return { amount, unit, rangeMin: rangeMin !== null && rangeMin < amount ? rangeMin : null, deadline: null, byDate: null, at: numberWord.index };
  }
  return null;
}

/** The words before word `first` make a time limit ("within the next", "innerhalb von", "dans un délai de"). */
function isStrongLimit(words: Token[], first: number): boolean {
  for (let k = first - 1, n = 0; k >= 0 && n < MAX_LIMIT_WORDS && LIMIT_WORDS.has((words[k] as Token).lower); k--, n++) {
    if (STRONG_LIMIT_WORDS.has((words[k] as Token).lower)) return true;
  }
  return false;
}

/** Phrases stored word by word: a match grows only while a phrase can still follow, and builds no string. */
interface PhraseNode<T> {
  /** The value of the phrase that ends with this word, if one does. */
  value: T | undefined;
  next: PhraseTable<T>;
}

/** The phrases' first words. */
type PhraseTable<T> = Map<string, PhraseNode<T>>;

function phraseTable<T>(phrases: Map<string, T>): PhraseTable<T> {
  const table: PhraseTable<T> = new Map();
  for (const [phrase, value] of phrases) {
    let level = table;
    let node: PhraseNode<T> | undefined;
    for (const word of phrase.split(" ")) {
      node = level.get(word);
      if (!node) {
        node = { value: undefined, next: new Map() };
        level.set(word, node);
      }
      level = node.next;
    }
    if (node) node.value = value;
  }
  return table;
}

/** The longest phrase of the table that starts at word i: its value and last word. */
function phraseAt<T>(sentence: string, words: Token[], i: number, table: PhraseTable<T>): [T, number] | null {
  let found: [T, number] | null = null;
  if (!mayStartAnchor(words[i] as Token)) return null;
  let node = table.get((words[i] as Token).lower);
  for (let k = i; node; k++) {
    if (node.value !== undefined) found = [node.value, k];
    const next = words[k + 1];
    if (!next || !isJoinedBy(sentence, (words[k] as Token).end, next.index, "'’-")) break;
    node = node.next.get(next.lower);
  }
  return found;
}

/** Phrases of a table found in the sentence, longest first at each word: [word index, value, last word index]. */
function findPhrases<T>(sentence: string, words: Token[], table: PhraseTable<T>): [number, T, number][] {
  const found: [number, T, number][] = [];
  for (let i = 0; i < words.length; i++) {
    const match = phraseAt(sentence, words, i, table);
    if (match) {
      found.push([i, match[0], match[1]]);
      i = match[1];
    }
  }
  return found;
}

function phraseSet(phrases: string[]): Map<string, true> {
  return new Map(phrases.map((p) => [p, true] as const));
}

const VAGUE = phraseTable(VAGUE_PHRASES);

const BARE_OTHER_CHAR_RE = new RegExp(`[^\\s${LETTERS}\\d\\-–]`);
const BARE_LIMIT_PREFIX_RE = /^(?:within|in|innerhalb(?:\s+von)?|binnen|dans(?:\s+les)?|en|em|dentro\s+de|over)\s+/i;

/** A note that is only an amount ("2 weeks", "within 5 Werktage"), as the owner writes after "timeline:". */
function isBareAmount(text: string): boolean {
  const trimmed = text.trim();
  const bare = (trimmed.endsWith(".") || trimmed.endsWith("!") ? trimmed.slice(0, -1) : trimmed).replace(BARE_LIMIT_PREFIX_RE, "");
  // Before the words: a mail body fails here at its first punctuation mark.
  if (BARE_OTHER_CHAR_RE.test(bare)) return false;
  const words = tokenize(bare);
  if (words.length < 2 || words.length > 4) return false;
  const found = findAmount(bare, words, true);
  return found !== null && words.at(-1)?.end === bare.length && found.at === (words[0] as Token).index;
}

function readNumber(word: string): number | null {
  if (/^\d{1,3}$/.test(word)) return Number(word);
  return NUMBER_WORDS.get(word) ?? null;
}

// ---- The resulting date -----------------------------------------------------------------------

/** The send date as a local day number, in the user's zone, else the sender's offset. */
function sendDay(context: TimelineContext): { day: number; ms: number; offsetMin: number } | null {
  const sent = context.sentAt ? parseIsoInstant(context.sentAt) : null;
  if (!sent) return null;
  const zone = context.tz ? canonicalZoneName(context.tz) : null;
  const offsetMin = zone ? zoneOffsetMin(zone, sent.ms) : (context.sentOffsetMin ?? sent.offsetMin);
  return { day: Math.floor((sent.ms + offsetMin * MINUTE_MS) / DAY_MS), ms: sent.ms, offsetMin };
}

function computeBy(found: Found, base: { day: number; ms: number; offsetMin: number }, context: TimelineContext): string | null {
  if (found.byDate) return found.after ? dayAfter(found.byDate) : found.byDate;
  // Weeks run Monday to Sunday; "this week's Friday" for a Sunday is two days back.
  const fridayThisWeek = base.day - ((weekdayOfDays(base.day) + 6) % 7) + 4;
  switch (found.deadline) {
    case "end_of_week":
      return formatCivilDate(base.day > fridayThisWeek ? fridayThisWeek + 7 : fridayThisWeek);
    case "end_of_next_week":
    case "next_week":
      return formatCivilDate(fridayThisWeek + 7);
    case "end_of_month": {
      const { year, month } = civilFromDays(base.day);
      let last = daysFromCivil(year, month, daysInMonth(year, month));
      while (weekdayOfDays(last) === 0 || weekdayOfDays(last) === 6) last -= 1;
      return formatCivilDate(last);
    }
    default:
      break;
  }
  const amount = found.amount;
  if (amount === null) return null;
  switch (found.unit) {
    case "business_days":
    case "days":
      return formatCivilDate(addBusinessDays(base.day, amount));
    case "weeks":
      return formatCivilDate(rollToBusinessDay(base.day + 7 * amount));
    case "months": {
      const { year, month, day } = civilFromDays(base.day);
      const total = month - 1 + amount;
      const y = year + Math.floor(total / 12);
      const m = (total % 12) + 1;
      return formatCivilDate(rollToBusinessDay(daysFromCivil(y, m, Math.min(day, daysInMonth(y, m)))));
    }
    case "hours": {
      const zone = context.tz ? canonicalZoneName(context.tz) : null;
      const later = base.ms + amount * 60 * MINUTE_MS;
      const offset = zone ? zoneOffsetMin(zone, later) : base.offsetMin;
      return formatCivilDate(rollToBusinessDay(Math.floor((later + offset * MINUTE_MS) / DAY_MS)));
    }
    default:
      return null;
  }
}

/** The local date after a "YYYY-MM-DD" one. */
function dayAfter(date: string): string {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  return formatCivilDate(daysFromCivil(year, month, day) + 1);
}

// ---- Sentences --------------------------------------------------------------------------------

/** The mark that ends a sentence and the spaces after it. (A look back for the mark instead would be tried at every character.) */
// Not after a day number: "nach dem 20. März" is one sentence.
const SENTENCE_END_RE = /[.!?](?<!\b\d{1,2}\.)\s+(?=[A-ZÀ-ÖØ-Þ\d"“«¿¡])/g;
const CLAUSE_SPLIT_RE = /(?:,?\s+(?:and|und|et|y|en|e)\s+(?=(?:someone|somebody|we|wir|nous|wij|nós|a\s+member|our\s+team|the\s+(?:hiring|recruit)))|;\s+)/gi;
const LINE_LEAD_RE = /^[\s>*•·\-–]+/;

interface Sentence {
  text: string;
  /** Its words, offsets in `text`. */
  words: Token[];
}

/**
 * The sentences of the text that can hold a promise, line by line, without list marks, emphasis
 * stars and header lines. A sentence is read only when it holds an anchor (see `findAnchors`); a line
 * with emphasis stars is read whole, since its words may join once the stars are dropped. A
 * sentence that is a plain slice of the text takes the text's own words (the date reader has
 * usually just split the same text), moved to the sentence's offsets.
 */
function sentencesToRead(text: string): Sentence[] {
  const textWords = tokenize(text);
  const anchors = findAnchors(text, textWords);
  let nextAnchor = 0;
  let headerLines: [number, number][] | null = null;
  let nextWord = 0;
  const sentences: Sentence[] = [];
  let nextStar = text.indexOf("*");
  for (let start = 0, end = 0; start <= text.length; start = end + 1) {
    end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    while (nextAnchor < anchors.length && (anchors[nextAnchor] as number) < start) nextAnchor++;
    if (nextStar !== -1 && nextStar < start) nextStar = text.indexOf("*", start);
    const hasAnchor = nextAnchor < anchors.length && (anchors[nextAnchor] as number) < end;
    if (!hasAnchor && (nextStar === -1 || nextStar >= end)) continue;
    const rawLine = text.slice(start, end);
    headerLines ??= findHeaderLineRanges(text);
    if (isInRanges(headerLines, start)) continue;
    const unmarked = rawLine.replace(LINE_LEAD_RE, "");
    const line = unmarked.includes("*") ? unmarked.replace(/\*+/g, "") : unmarked;
    if (line.trim() === "") continue;
    // Where the line's characters sit in the text, when no star was taken out of it.
    const lineOffset = line === unmarked ? start + rawLine.length - unmarked.length : null;
    const addSentence = (from: number, to: number): void => {
      const part = line.slice(from, to);
      const trimmed = part.trim();
      if (!trimmed) return;
      if (lineOffset === null) {
        sentences.push({ text: trimmed, words: tokenize(trimmed) });
        return;
      }
      const begin = lineOffset + from + (part.length - part.trimStart().length);
      const finish = begin + trimmed.length;
      while (nextAnchor < anchors.length && (anchors[nextAnchor] as number) < begin) nextAnchor++;
      if (nextAnchor === anchors.length || (anchors[nextAnchor] as number) >= finish) return;
      while (nextWord < textWords.length && (textWords[nextWord] as Token).index < begin) nextWord++;
      const words: Token[] = [];
      for (let k = nextWord; k < textWords.length && (textWords[k] as Token).end <= finish; k++) {
        const word = textWords[k] as Token;
        words.push({ text: word.text, lower: word.lower, index: word.index - begin, end: word.end - begin, isNumber: word.isNumber });
      }
      sentences.push({ text: trimmed, words });
    };
    let from = 0;
    SENTENCE_END_RE.lastIndex = 0;
    for (let m = SENTENCE_END_RE.exec(line); m; m = SENTENCE_END_RE.exec(line)) {
      addSentence(from, m.index + 1);
      from = m.index + m[0].length;
    }
    addSentence(from, line.length);
  }
  return sentences;
}

/**
 * Where in the text a promise can be read from (its anchors), in order: a unit of time ("days",
 * "Wochen"), a word that may introduce a date ("by", "bis"), and deadline and vague phrases found
 * in full. A sentence without any gives `readSentence` nothing, since each of its readers starts
 * from one, and phrases never run across sentences (they end at a full stop or a line break).
 */
function findAnchors(text: string, words: Token[]): number[] {
  const anchors: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Token;
    // One lookup passes over the words that can start no anchor (nearly all of them), and says
    // which phrases may start at the others. Most fail the cheaper test of their shape before it.
    if (!mayStartAnchor(word)) continue;
    const start = ANCHOR_STARTS.get(word.lower);
    if (start === undefined) continue;
    if ((start & ANCHOR_ALONE) !== 0 || ((start & STARTS_DEADLINE) !== 0 && phraseAt(text, words, i, DEADLINES)) || ((start & STARTS_VAGUE) !== 0 && phraseAt(text, words, i, VAGUE))) {
      anchors.push(word.index);
    }
  }
  return anchors;
}

/** What a word can start: an anchor on its own (a unit, or a word before a date), a deadline phrase, a vague one. */
const ANCHOR_ALONE = 1;
const STARTS_DEADLINE = 2;
const STARTS_VAGUE = 4;
const ANCHOR_STARTS = new Map<string, number>();
for (const [words, start] of [[[...UNIT_WORDS.keys(), ...BY_WORDS, ...AFTER_WORDS], ANCHOR_ALONE], [DEADLINES.keys(), STARTS_DEADLINE], [VAGUE.keys(), STARTS_VAGUE]] as const) {
  for (const word of words) ANCHOR_STARTS.set(word, (ANCHOR_STARTS.get(word) ?? 0) | start);
}

/**
 * False for a word that starts no anchor, told by its shape (its length and first and last
 * letters, hashed): cheaper than a lookup, which hashes the whole word, and asked first by every
 * reader of units, date words and phrases, whose first words are all anchors' first words.
 */
function mayStartAnchor(word: Token): boolean {
  return ANCHOR_SHAPES[shapeOf(word.lower)] === 1;
}

function shapeOf(word: string): number {
  return (word.length * 961 + word.charCodeAt(0) * 31 + word.charCodeAt(word.length - 1)) & (ANCHOR_SHAPE_COUNT - 1);
}
const ANCHOR_SHAPE_COUNT = 4096;
const ANCHOR_SHAPES = new Uint8Array(ANCHOR_SHAPE_COUNT);
for (const word of ANCHOR_STARTS.keys()) ANCHOR_SHAPES[shapeOf(word)] = 1;

/** The clause of a sentence that holds the phrase at `at`, when the sentence joins several ("... and someone will review it shortly"). */
function cutClause(sentence: string, at: number): string {
  let start = 0;
  let end = sentence.length;
  CLAUSE_SPLIT_RE.lastIndex = 0;
  for (let m = CLAUSE_SPLIT_RE.exec(sentence); m; m = CLAUSE_SPLIT_RE.exec(sentence)) {
    if (m.index + m[0].length <= at) start = m.index + m[0].length;
    else if (m.index >= at) {
      end = m.index;
      break;
    }
  }
  if (start === 0 && end === sentence.length) return sentence;
  return sentence.slice(start, end).trim().replace(/[.!,;]+$/, "");
}
