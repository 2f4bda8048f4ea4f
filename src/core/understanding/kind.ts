/**
 * What kind of email this is (invitation, confirmation, reschedule, cancellation, rejection,
 * offer, next round, or generic) and whether it is about a job at all. Pure.
 *
 * Kinds are tried in a fixed order, most specific first: a cancelled interview also "regrets to
 * inform", a moved one may say "unfortunately", and a rejection may mention an offer it does not
 * make. Sentences that only state a condition ("if we decide to invite you...") never count as
 * an invitation or a next round.
 */
import type { EmailKind } from "./types.ts";
import { gate } from "../text/required-words.ts";
import type { GatedPattern } from "../text/word-finder.ts";
import { createWordFinder, findWords, requiredWordsOf, testGatedWith } from "../text/word-finder.ts";
import { wordPattern } from "../text/word-pattern.ts";

/**
 * Every pattern here is written in lower case and run on lower-cased text, and only when the
 * text has one of the words the pattern requires: a mail in one language compiles few of the others.
 */
const lowerCase = (pattern: RegExp): GatedPattern => gate(wordPattern(pattern, { lowerCaseInput: true }));

export interface KindInput {
  subject: string;
  text: string;
  calendar: { method: string | null; status: string | null; sequence: number | null } | null;
}

export interface KindReading {
  kind: EmailKind;
  isJobRelated: boolean;
}

const INTERVIEW_WORDS =
  "interview|meeting|appointment|call|phone screen|screening|event|gespräch|vorstellungsgespräch|termin|entretien|rendez-vous|réunion|entrevista|reunión|cita|reunião|gesprek|sollicitatiegesprek|afspraak";

const CANCELLATION: GatedPattern[] = [
  new RegExp(`\\b(?:${INTERVIEW_WORDS})\\b[^.!?\\n]{0,80}\\b(?:has been|have been|was|is|been|wurde|ist|a été|est|ha sido|fue|foi|is|werd|wordt)\\s+(?:cancell?ed|called off|abgesagt|storniert|annulée?|cancelad[oa]|anulad[oa]|geannuleerd|afgezegd)\\b`, "iu"),
  /^(?:cancell?ed|canceled event|abgesagt|annulé|cancelado|geannuleerd)\b/imu,
  /\b(?:interview|event|meeting)\s+cancell?ed\b/iu,
  /\bcancell?ed (?:date|time|interview|event)\b/iu,
  /\b(?:absage|stornierung) (?:des|ihres|unseres) (?:termins|gesprächs|vorstellungsgesprächs)\b/iu,
  /\bannulation de (?:l'|votre |notre )?(?:entretien|rendez-vous)\b/iu,
  /\b(?:entretien|gesprek|afspraak|entrevista)\b[^.!?\n]{0,40}\b(?:gaat niet door|n'aura pas lieu|no se realizará|não se realizará)\b/iu,
].map(lowerCase);

const RESCHEDULE: GatedPattern[] = [
  /\brescheduled\b/iu,
  new RegExp(`\\b(?:${INTERVIEW_WORDS})\\b[^.!?\\n]{0,60}\\b(?:has been|have been|was|is)\\s+(?:changed|moved|postponed|updated|pushed)\\b`, "iu"),
  /^updated invitation\b/imu,
  /\bnew (?:interview )?(?:date|time|slot|date and time)\b/iu,
  /\b(?:verschoben|verlegt|terminänderung|terminverschiebung)\b/iu,
  /\bneue[nr]? (?:termin|uhrzeit|datum)\b/iu,
  /\b(?:reporté|reportée|décalé|décalée|reprogrammé|reprogrammée|déplacé|déplacée)\b/iu,
  /\bnouvel(?:le)? (?:date|heure|horaire|créneau)\b/iu,
  /\b(?:reprogramad[oa]|reagendad[oa]|aplazad[oa]|pospuest[oa]|remarcad[oa]|adiad[oa])\b/iu,
  /\b(?:nueva|nova) (?:fecha|hora|data)\b/iu,
  /\b(?:verzet|verplaatst|verschoven)\b/iu,
  /\bnieuwe (?:datum|tijd|afspraak)\b/iu,
].map(lowerCase);

const REJECTION: GatedPattern[] = [
  /\bregret to inform\b/iu,
  /\bunfortunately\b[^.!?\n]{0,160}\b(?:not|another|other|unable|no longer|decided)\b/iu,
  /\b(?:not|no longer) (?:be )?(?:moving|move|going|proceeding|progressing) (?:forward|ahead)\b/iu,
  /\b(?:proceed|move forward|go ahead|continue|progress)\b[^.!?\n]{0,60}\bwith (?:another|other|a different) (?:candidate|applicant)s?\b/iu,
  /\b(?:decided|chosen|opted) to (?:pursue|go with|move forward with|proceed with) (?:other|another)\b/iu,
  /\bnot (?:been )?(?:selected|shortlisted|successful)\b/iu,
  /\bunsuccessful\b/iu,
  /\b(?:not|no longer) (?:in|under) consideration\b/iu,
  /\bnot (?:be )?(?:the|a) (?:best|right|good) (?:match|fit)\b/iu,
  /\bsorry to (?:inform|let you know|tell you)\b/iu,
  /\bposition has (?:now )?been filled\b/iu,
  /\bleider\b[^.!?\n]{0,160}\b(?:nicht|absagen|andere[nmr]?|keine[nr]?)\b/iu,
  /\bnicht (?:weiter )?berücksichtigen\b/iu,
  /\b(?:für|zu) (?:eine[nr]? )?andere[nr]? (?:kandidat|bewerber)/iu,
  /\bne (?:pas )?(?:donner|donnerons|pouvons) pas suite\b|\bne donnerons pas suite\b/iu,
  /\bpas (?:été )?retenue?s?\b/iu,
  /\bregret de vous (?:informer|annoncer)\b/iu,
  /\b(?:malheureusement)\b[^.!?\n]{0,160}\b(?:pas|ne|autre)\b/iu,
  /\bno (?:vamos a|podemos|podremos) (?:continuar|seguir|avanzar)\b/iu,
  /\bno (?:ha|has) sido seleccionad[oa]\b/iu,
  /\b(?:desafortunadamente|lamentablemente|lamentamos)\b[^.!?\n]{0,160}\b(?:no|otro|otra|otros)\b/iu,
  /\bnão (?:foi|fostes|ter sido) selecionad[oa]\b/iu,
  /\bnão (?:iremos|vamos|podemos) (?:avançar|prosseguir|dar seguimento|continuar)\b/iu,
  /\b(?:infelizmente|lamentamos)\b[^.!?\n]{0,160}\b(?:não|outro|outra)\b/iu,
  /\bhelaas\b[^.!?\n]{0,160}\b(?:niet|geen|andere)\b/iu,
  /\b(?:afgewezen|niet geselecteerd|niet verder (?:gaan|door))\b/iu,
  /\b(?:andere|een andere) kandida(?:at|ten)\b/iu,
].map(lowerCase);

const OFFER: GatedPattern[] = [
  /\b(?:pleased|happy|delighted|excited|thrilled) to (?:offer|extend (?:an|the|this|you an) offer)\b/iu,
  /\boffer (?:letter|of employment)\b/iu,
  /\bjob offer\b/iu,
  /\b(?:would|'d) like to offer you\b/iu,
  /\bextend(?:ing)? (?:you )?an offer\b/iu,
  /\boffer you the (?:position|role|job)\b/iu,
  /\b(?:selected|chosen) (?:you )?for the (?:position|role)\b/iu,
  /\b(?:vertragsangebot|zusage für die stelle|stellenzusage)\b/iu,
  /\b(?:angebot|zusage)\b[^.!?\n]{0,60}\b(?:unterbreiten|machen|geben)\b/iu,
  /\b(?:proposition|promesse) d'embauche\b|\boffre d'emploi\b|\blettre d'offre\b|\bproposition de contrat\b/iu,
  /\b(?:sélectionnée?|retenue?)(?:\(e\))? pour le poste\b/iu,
  /\b(?:oferta (?:de empleo|laboral|de trabajo)|carta oferta|propuesta (?:de empleo|laboral|económica))\b/iu,
  /\b(?:seleccionad[oa]|elegid[oa])(?:\(a\))? para el puesto\b/iu,
  /\bofrecerle el puesto\b/iu,
  /\bproposta (?:de colaboração|de emprego|de trabalho|salarial)\b|\bcarta(?:-| de )oferta\b/iu,
  /\bselecionad[oa](?:\(a\))? para a (?:posição|vaga|função)\b/iu,
  /\b(?:contractvoorstel|arbeidsvoorwaardenvoorstel|jobaanbieding)\b/iu,
  /\b(?:bieden (?:je|u)|aanbod voor) (?:de|een) (?:functie|baan|arbeidsovereenkomst)\b/iu,
].map(lowerCase);

const NEXT_ROUND: GatedPattern[] = [
  /\b(?:invite|move|moving|advance|progress|proceed|proceeding|continue)\b[^.!?\n]{0,30}\b(?:to|into|for) the (?:next|second|final|following) (?:round|stage|step|phase)\b/iu,
  /\bnext (?:round|stage|phase) (?:of|in) (?:the|our) (?:interview|hiring|selection|recruitment)/iu,
  /\b(?:second|final|third|2nd|3rd) (?:round|interview|stage)\b/iu,
  /\bcongratulations on (?:passing|completing|your performance|successfully)\b/iu,
  /\b(?:take-home|coding challenge|case study|technical assignment|complete an assignment)\b/iu,
  /\b(?:nächste[nr]?|zweite[nr]?|weitere[nr]?) (?:runde|auswahlrunde|gesprächsrunde|phase|stufe|vorstellungsgespräch)\b/iu,
  /\b(?:prochaine étape|étape suivante|second entretien|deuxième entretien|tour suivant)\b/iu,
  /\b(?:siguiente|próxima) (?:fase|etapa|ronda)\b|\bsegunda (?:entrevista|ronda|fase)\b/iu,
  /\b(?:próxima fase|fase seguinte|próxima etapa|segunda entrevista)\b/iu,
  /\b(?:volgende (?:stap|ronde|fase)|tweede (?:gesprek|ronde)|vervolggesprek|vervolgstap(?:pen)?)\b/iu,
].map(lowerCase);

const CONFIRMATION: GatedPattern[] = [
  new RegExp(`\\b(?:${INTERVIEW_WORDS})\\b[^.!?\\n]{0,60}\\b(?:has been|have been|is|was|is now)\\s+(?:scheduled|confirmed|booked|set up|arranged)\\b`, "iu"),
  /\b(?:we )?(?:can |hereby |are writing to |would like to |want to )?confirm (?:your|the|our) (?:interview|arrangements|appointment|booking|meeting)\b/iu,
  /\bremind(?:er)?\b[^.!?\n]{0,40}\b(?:interview|appointment|meeting)\b|\bremind and confirm\b/iu,
  /\b(?:bestätigen (?:wir|hiermit)|terminbestätigung|bestätigung (?:ihres|des|ihrer) (?:termins|gesprächs|vorstellungsgesprächs))\b/iu,
  /\berinnerung\b[^.!?\n]{0,40}\b(?:termin|gespräch|vorstellungsgespräch)\b/iu,
  /\bnous (?:vous )?confirmons\b|\bconfirmation de (?:votre|l'|notre) (?:entretien|rendez-vous)\b|\brappel\b[^.!?\n]{0,30}\bentretien\b/iu,
  /\b(?:le |te )?confirmamos (?:su|tu|la)\b|\bconfirmación de (?:su|la|tu) (?:entrevista|cita)\b|\brecordatorio\b/iu,
  /\bconfirmação d[ae] (?:sua )?(?:entrevista|reunião)\b|\blembrete\b/iu,
  /\b(?:bevestigen (?:we|wij)|bevestiging (?:van )?(?:je |jouw |uw |het |de |ons )?(?:afspraak|gesprek|interview|sollicitatiegesprek))\b|\bherinnering\b/iu,
].map(lowerCase);

const INVITATION: GatedPattern[] = [
  new RegExp(`\\binvit(?:e|ed|es|ing|ation)\\b[^.!?\\n]{0,80}\\b(?:${INTERVIEW_WORDS}|chat|conversation)\\b`, "iu"),
  new RegExp(`\\b(?:${INTERVIEW_WORDS})\\s+invitation\\b`, "iu"),
  /\b(?:schedule|arrange|set up|book)\s+(?:an?\s+|your\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:interview|call|screen|chat|meeting)\b/iu,
  /\bshortlisted\b/iu,
  new RegExp(`\\b(?:free|available|availability)\\b[^.!?\\n]{0,40}\\b(?:${INTERVIEW_WORDS})\\b`, "iu"),
  /\b(?:would|'d|’d) (?:like|love) to (?:invite|meet|speak|talk|chat|schedule)\b/iu,
  /\b(?:einladung|einladen|laden sie|laden wir sie|kennenlernen)\b/iu,
  /\b(?:inviter|invitation|convier|convoquer|convocation)\b/iu,
  /\b(?:invitarle|invitarte|invitación|invitamos|convocarle|convocatoria)\b/iu,
  /\b(?:convidar|convite|convidá-lo|convocar|convocatória)\b/iu,
  /\b(?:uitnodigen|uitnodiging|nodigen (?:je|u) uit|kennismaken|kennismakingsgesprek)\b/iu,
].map(lowerCase);

// A sentence with one of these states a condition, not an event ("if selected, we will invite you").
const CONDITIONAL = lowerCase(/\b(?:if|should you|in case|falls|wenn|bei positiver|sofern|si|au cas où|caso|en caso|se for|indien|mocht|als u|als je)\b/iu);
const CONDITIONAL_ALL = new RegExp(CONDITIONAL.pattern.source, `${CONDITIONAL.pattern.flags}g`);

const STRONG_JOB = wordPattern(/\b(?:(?:final|next|second|first|technical) (?:round|stage)|phone screen|shortlist\w*|interview\w*|applica(?:tion|nt)s?|applied|applying|candida\w*|recruit\w*|hiring|vacanc\w+|bewerb\w+|vorstellungsgespräch|stellenangebot|entretien|poste|recrutement|entrevista|puesto|vacante|selecci[oó]n|vaga|recrutamento|sollicit\w+|vacature|werving|kennismakingsgesprek)\b/iu, { lowerCaseInput: true });
const WEAK_JOB = wordPattern(/\b(?:position|role|job|offer|careers?|opportunit(?:y|ies)|your profile|your experience|resume|cv|employment|talent|stelle|emploi|empleo|emprego|functie|função|posição|rol|onboarding|salary|gehalt|salaire|salario|salário|salaris)\b/giu, { lowerCaseInput: true });

// No `u` flag: no whitespace or sentence end is outside the Basic Multilingual Plane, and the
// pattern runs faster over code units.
const SENTENCE_BREAK = /(?<=[.!?])\s+|\n+/;

function sentences(text: string): string[] {
  return text.split(SENTENCE_BREAK).map((s) => s.trim()).filter(Boolean);
}

// Every word the patterns of the kinds require, found in a mail's sentences in one pass.
const KIND_WORDS = createWordFinder(requiredWordsOf([...CANCELLATION, ...RESCHEDULE, ...REJECTION, ...OFFER, ...NEXT_ROUND, ...CONFIRMATION, ...INVITATION, CONDITIONAL]));
// A word found in some of the sentences, joined by line breaks, is found in all of them joined,
// unless it holds a line break itself: then the factual sentences are searched on their own.
const KIND_WORDS_SPAN_LINES = KIND_WORDS.words.some((word) => word.includes("\n"));

/** Patterns stop at sentence ends and line breaks, so one pass over the joined sentences suffices. */
function anyMatch(patterns: GatedPattern[], joined: string, found: ReadonlySet<string>): boolean {
  return patterns.some((p) => testGatedWith(p, joined, found));
}

export function isJobRelated(text: string): boolean {
  return isLowerTextJobRelated(text.toLowerCase());
}

function isLowerTextJobRelated(lower: string): boolean {
  // Run without its gate: nearly every mail read holds one of its words ("interview",
  // "application"), and looking for them all costs more than the pattern itself.
  if (STRONG_JOB.test(lower)) return true;
  const weak = new Set(lower.match(WEAK_JOB) ?? []);
  return weak.size >= 2;
}

/**
 * The parts (subject, then sentences) that state a condition. One scan of the joined parts
 * finds them: no condition word spans a line break, and a part's edges are line breaks there.
 */
function conditionalParts(parts: string[], joined: string, found: ReadonlySet<string>): Set<number> {
  const conditional = new Set<number>();
  if (CONDITIONAL.words && !CONDITIONAL.words.some((word) => found.has(word))) return conditional;
  let part = 0;
  let partEnd = (parts[0] ?? "").length;
  for (const match of joined.matchAll(CONDITIONAL_ALL)) {
    while (match.index > partEnd) partEnd += 1 + (parts[++part] ?? "").length;
    conditional.add(part);
  }
  return conditional;
}

export function classifyKind(input: KindInput): KindReading {
  // Lower-cased once, before cutting sentences: the cuts fall on whitespace and line breaks,
  // which lower-casing leaves alone, so this equals lower-casing each sentence.
  const lowerSubject = input.subject.toLowerCase();
  const lowerText = input.text.toLowerCase();
  const parts = [lowerSubject, ...sentences(lowerText)];
  const every = parts.join("\n");
  const found = findWords(KIND_WORDS, every);
  const conditional = conditionalParts(parts, every, found);
  const factual = conditional.size === 0 ? every : parts.filter((_, i) => !conditional.has(i)).join("\n");
  const factualFound = factual !== every && KIND_WORDS_SPAN_LINES ? findWords(KIND_WORDS, factual) : found;
  const isFactual = (patterns: GatedPattern[]): boolean => anyMatch(patterns, factual, factualFound);
  const method = input.calendar?.method ?? null;
  const status = input.calendar?.status?.toUpperCase() ?? null;

  // An offer or a next round is about a job even in a mail that never says "application".
  if (!isLowerTextJobRelated(`${lowerSubject}\n${lowerText}`) && !isFactual(OFFER) && !isFactual(NEXT_ROUND)) return { kind: "generic", isJobRelated: false };
  if (method === "CANCEL" || status === "CANCELLED" || isFactual(CANCELLATION)) return { kind: "cancellation", isJobRelated: true };
  if (isFactual(RESCHEDULE)) return { kind: "reschedule", isJobRelated: true };
  if (anyMatch(REJECTION, every, found)) return { kind: "rejection", isJobRelated: true };
  if (isFactual(OFFER)) return { kind: "offer", isJobRelated: true };
  if (isFactual(NEXT_ROUND)) return { kind: "next_round", isJobRelated: true };
  if (isFactual(CONFIRMATION)) return { kind: "scheduling_confirmation", isJobRelated: true };
  if (method === "REQUEST" || isFactual(INVITATION)) return { kind: "invitation", isJobRelated: true };
  return { kind: "generic", isJobRelated: true };
}
