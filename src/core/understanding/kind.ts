/**
 * What kind of email this is (invitation, confirmation, reschedule, cancellation, rejection,
 * offer, next round, or generic) and whether it is about a job at all. Pure.
 *
 * Kinds are tried in a fixed order, most specific first: a cancelled interview also "regrets to
 * inform", a moved one may say "unfortunately", and a rejection may mention an offer it does not
 * make. Clauses that only state a condition or a rule for every applicant ("if you are not
 * selected...", "only shortlisted candidates will be contacted") count for no kind; the
 * statement joined to one ("we will not move forward, but if a role opens...") still does.
 * Lines the sender's client wrapped are joined first, and the same cues are read in all six
 * languages, from plain or HTML-only mail alike.
 */
import type { EmailKind } from "./types.ts";
import { joinHardWraps } from "../text/hard-wraps.ts";
import { gateSets, openingWords } from "../text/required-words.ts";
import type { WordGate, WordWindows } from "../text/word-finder.ts";
import { createWordFinder, createWordWindows, fillWordWindows, mayContain, mayMatch, wordGates } from "../text/word-finder.ts";
import { wordPattern } from "../text/word-pattern.ts";

/**
 * Every pattern here is written in lower case and run on lower-cased text, and only when the
 * text may hold every word one of its alternatives requires (see `KindPattern`): a mail in one
 * language compiles few of the others, and most patterns never run on a given mail.
 * A pattern of plain ASCII keeps JavaScript's own \b: its words touch no accented letter in the
 * languages read, and without the look-arounds of a word pattern it compiles to half the size.
 */
const lowerCase = (pattern: RegExp): RegExp =>
  ASCII_SOURCE.test(pattern.source) ? new RegExp(pattern.source, pattern.flags.replace(/[iu]/g, "")) : wordPattern(pattern, { lowerCaseInput: true });

const ASCII_SOURCE = /^[\x20-\x7e]*$/;

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

// Anything up to a sentence's end; a dot inside a time or date ("10.00 uur", "1.6.") ends none.
// Written after "\b\s*": a \b right before a group would open a word (text/word-pattern.ts).
const IN_SENTENCE = String.raw`(?:[^.!?\n]|\.(?=\d))`;

/**
 * "need to cancel", "have to cancel", ...: written out whole, so that a pattern built on them runs
 * only where one of the phrases stands, not wherever "cancel" does (a footer's "Cancel").
 */
function toVerb(verbs: string[]): string {
  return ["need", "have", "had", "must", "forced", "going", "want", "like"].flatMap((modal) => verbs.map((verb) => `${modal} to ${verb}`)).join("|");
}

const CANCELLATION_SOURCES = [
  new RegExp(`\\b(?:${INTERVIEW_WORDS})\\b[^.!?\\n]{0,80}\\b(?:has been|have been|was|is|been|wurde|ist|a été|est|ha sido|fue|foi|is|werd|wordt)\\s+(?:cancell?ed|called off|abgesagt|storniert|annulée?|cancelad[oa]|anulad[oa]|geannuleerd|afgezegd)\\b`, "iu"),
  /^(?:cancell?ed|canceled event|abgesagt|annulé|cancelado|geannuleerd)\b/imu,
  /\b(?:interview|event|meeting)\s+cancell?ed\b/iu,
  /\bcancell?ed (?:date|time|interview|event)\b/iu,
  /\b(?:absage|stornierung) (?:des|ihres|unseres) (?:termins|gesprächs|vorstellungsgesprächs)\b/iu,
  /\bannulation de (?:l'|votre |notre )?(?:entretien|rendez-vous)\b/iu,
  /\b(?:entretien|gesprek|afspraak|entrevista)\b[^.!?\n]{0,40}\b(?:gaat niet door|n'aura pas lieu|no se realizará|não se realizará)\b/iu,
  // The sender has to call it off: "we need to cancel", "müssen ... absagen", "nous devons annuler".
  new RegExp(`\\b(?:we|i)\\b[^.!?\\n]{0,30}\\b(?:${toVerb(["cancel"])})\\b`, "iu"),
  new RegExp(String.raw`\b(?:müssen|mussten|muss)\b\s*${IN_SENTENCE}{0,60}\b(?:absagen|stornieren)\b`, "iu"),
  /\b(?:devons|devoir|dû|contraints d['’]|obligés d['’])\s*annuler\b/iu,
  /\b(?:tenemos que|hemos tenido que|debemos|necesitamos|obligados a)\s+cancelar\b/iu,
  /\b(?:temos de|temos que|tivemos de|tivemos que|precisamos|obrigados a)\s+cancelar\b/iu,
  /\b(?:moeten|moesten)\b[^.!?\n]{0,60}\b(?:annuleren|afzeggen)\b/iu,
].map(lowerCase);

const RESCHEDULE_SOURCES = [
  /\brescheduled\b/iu,
  new RegExp(`\\b(?:${INTERVIEW_WORDS})\\b[^.!?\\n]{0,60}\\b(?:has been|have been|was|is)\\s+(?:changed|moved|postponed|updated|pushed)\\b`, "iu"),
  /^updated invitation\b/imu,
  /\bnew (?:interview )?(?:date|time|slot|date and time)\b/iu,
  /\b(?:verschoben|verlegt|verschiebung|terminänderung|terminverschiebung)\b/iu,
  /\bneue[nr]? (?:termin|uhrzeit|datum)\b/iu,
  /\b(?:reporté|reportée|décalé|décalée|reprogrammé|reprogrammée|déplacé|déplacée)\b/iu,
  /\bnouvel(?:le)? (?:date|heure|horaire|créneau)\b/iu,
  /\b(?:reprogramad[oa]|reagendad[oa]|aplazad[oa]|pospuest[oa]|remarcad[oa]|adiad[oa])\b/iu,
  /\b(?:nueva|nova) (?:fecha|hora|data)\b/iu,
  /\b(?:verzet|verplaatst|verschoven)\b/iu,
  /\bnieuwe (?:datum|tijd|afspraak)\b/iu,
  // The sender has to move it: "we need to reschedule", "verlegen müssen", "reprogramar su entrevista".
  new RegExp(`\\b(?:we|i)\\b[^.!?\\n]{0,30}\\b(?:${toVerb(["reschedule", "postpone", "push back"])})\\b`, "iu"),
  /\b(?:we|i)\b[^.!?\n]{0,30}\bto move (?:your|the|our|this) (?:\S+ )?(?:interview|meeting|call|appointment|conversation|chat)\b/iu,
  /\b(?:change|changing) the (?:date|time|day)\b[^.!?\n]{0,30}\bto\b/iu,
  /\bpush (?:our|your|the|this) (?:\S+ )?(?:interview|meeting|call|appointment) back\b/iu,
  new RegExp(String.raw`\b(?:müssen|mussten|muss|möchten|möchte|würden|können)\b\s*${IN_SENTENCE}{0,120}\b(?:verschieben|verlegen)\b|\b(?:verschieben|verlegen) (?:müssen|mussten|möchten)\b`, "iu"),
  /\bänderung (?:des|ihres|unseres|ihrer|der) (?:termins|gesprächs|vorstellungsgesprächs|interviews|uhrzeit)\b/iu,
  /\b(?:devons|devoir|dû|souhaitons|souhaiterions|aimerions|pouvons|obligés de|contraints de)\s+(?:\S+\s+){0,2}(?:reporter|décaler|reprogrammer|déplacer)\b/iu,
  /\b(?:modification|changement) (?:de (?:votre |notre |l['’])?|du |d['’])(?:entretien|rendez-vous|horaire|date|heure)\b/iu,
  /\b(?:tenemos que|hemos tenido que|debemos|necesitamos|obligado a|obligados a|podemos|queremos|quisiéramos|gustaría)\s+(?:\S+\s+){0,2}(?:reprogramar|reagendar|aplazar|posponer)\b/iu,
  /\bcambio de (?:fecha|hora|horario|entrevista|cita)\b/iu,
  /\b(?:temos de|temos que|tivemos de|tivemos que|precisamos|obrigados a|gostaríamos de|podemos)\s+(?:\S+\s+){0,2}(?:remarcar|reagendar|adiar)\b/iu,
  /\b(?:alteração|mudança) (?:da|de) (?:data|hora|horário|entrevista)\b/iu,
  /\b(?:moeten|moesten|willen|zouden|kunnen)\b[^.!?\n]{0,60}\b(?:verzetten|verplaatsen|verschuiven)\b/iu,
  /\bwijziging (?:van )?(?:je |jouw |uw |het |de |ons )?(?:gesprek|afspraak|sollicitatiegesprek|interview|datum|tijdstip)\b/iu,
].map(lowerCase);

const REJECTION_SOURCES = [
  /\bregret to inform\b/iu,
  /\bunfortunately\b[^.!?\n]{0,160}\b(?:not|another|other|unable|no longer|decided)\b/iu,
  /\b(?:not|no longer|won't|won’t|cannot|can't|can’t) (?:be )?(?:moving|move|going|proceeding|progressing) (?:forward|ahead)\b/iu,
  /\b(?:proceed|move forward|go ahead|continue|progress)\b[^.!?\n]{0,60}\bwith (?:another|other|a different) (?:candidate|applicant)s?\b/iu,
  /\b(?:decided|chosen|opted|elected) to (?:pursue|go with|move forward with|proceed with|continue with|progress with|focus on) (?:other|another|a different)\b/iu,
  /\bdecided (?:not to|to not) (?:proceed|move forward|progress|continue|pursue|advance|invite|offer)\b/iu,
  /\bnot (?:been )?(?:selected|shortlisted|successful)\b/iu,
  /\b(?:did not|didn't|didn’t) select\b|\b(?:have not|haven't|haven’t) (?:been )?selected\b/iu,
  /\b(?:unable to offer you|not able to offer you|unable to progress|unable to move forward|unable to take your application|not be progressing|not be taking your application)\b/iu,
  /\bunsuccessful\b/iu,
  /\b(?:not|no longer) (?:in|under) consideration\b/iu,
  /\bnot (?:be )?(?:the|a) (?:best|right|good) (?:match|fit)\b/iu,
  /\b(?:candidates?|applicants?|profiles?)\b[^.!?\n]{0,60}\b(?:more closely|better suited|better aligned|better matched|better match|better fit|more suited|more aligned)\b/iu,
  /\bsorry to (?:inform|let you know|tell you)\b/iu,
  /\b(?:position|role|vacancy) has (?:now )?been filled\b/iu,
  /\bleider\b[^.!?\n]{0,160}\b(?:nicht|absagen|andere[nmr]?|keine[nr]?)\b/iu,
  /\bnicht (?:weiter |mehr )?(?:zu )?berücksichtig\w*|\bnicht in die (?:engere )?(?:auswahl|wahl)\b/iu,
  /\b(?:für|zu) (?:eine[nr]? )?andere[nr]? (?:kandidat|bewerber)/iu,
  /^absage\b/imu,
  /\bne (?:\S+ )?(?:pas|plus) (?:\S+ ){0,3}(?:donner|réserver) (?:une )?suite\b|\bne (?:donnons|donnerons) (?:pas|plus) suite\b/iu,
  /\bpas (?:été )?(?:retenue?s?|sélectionnée?s?)\b/iu,
  /\b(?:d['’]autres|un autre|une autre) (?:candidat|candidature|profil)/iu,
  /\bregret de vous (?:informer|annoncer)\b/iu,
  /\bmalheureusement\b[^.!?\n]{0,160}\b(?:pas|ne|autres?|plus)\b/iu,
  /\bno (?:vamos a|podemos|podremos) (?:continuar|seguir|avanzar)\b/iu,
  /\bno (?:ha|has) sido (?:seleccionad|elegid|escogid)[oa]\b|\bno (?:fue|resultó) seleccionad[oa]\b/iu,
  /\b(?:decidido|optado) (?:no|por no) (?:continuar|seguir|avanzar|proceder)\b|\bno (?:continuar|seguir|avanzar) (?:adelante )?con (?:su|tu)\b/iu,
  /\b(?:continuar|seguir|avanzar|proceder|decantado|optado|seleccionado|elegido)\b[^.!?\n]{0,40}\b(?:otros?|otras?) (?:candidat|perfil|person)/iu,
  /\bperfil no (?:se ajusta|encaja|coincide)\b/iu,
  /\b(?:desafortunadamente|lamentablemente|lamentamos)\b[^.!?\n]{0,160}\b(?:no|otro|otra|otros)\b/iu,
  /\bnão (?:foi|fostes|foste|ter sido|tenha sido) selecionad[oa]\b/iu,
  /\bnão (?:iremos|vamos|podemos|poderemos) (?:avançar|prosseguir|dar seguimento|continuar)\b/iu,
  /\b(?:decidimos|optámos|optamos|escolhemos)\b[^.!?\n]{0,40}\b(?:não (?:avançar|prosseguir|dar seguimento|continuar)|outr[oa]s? candidat|outro perfil)/iu,
  /\bperfil não (?:se enquadra|corresponde|se adequa)\b/iu,
  /\b(?:infelizmente|lamentamos)\b[^.!?\n]{0,160}\b(?:não|outro|outra)\b/iu,
  /\bhelaas\b[^.!?\n]{0,160}\b(?:niet|geen|andere)\b/iu,
  /\b(?:afgewezen|niet geselecteerd|niet verder (?:gaan|door))\b/iu,
  /\b(?:niet|geen) (?:verder|door)(?: te)?(?: ?gaan)? met (?:je|jouw|uw|de) (?:sollicitatie|kandidatuur|procedure)\b|\bniet (?:verder |meer )?in aanmerking\b/iu,
  /\b(?:andere|een andere) kandida(?:at|ten)\b/iu,
].map(lowerCase);

// The good wishes that close a rejection ("all the best in your future endeavours"): a rejection
// when the mail says nothing more specific, as a polite one may say nothing else.
const REJECTION_CLOSING_SOURCES = [
  /\b(?:wish you|wishing you) (?:all the best|the (?:very )?best|every success|success|good luck|the best of luck|luck)\b[^.!?\n]{0,40}\b(?:future|job search|search|career|endeavou?rs)\b/iu,
  /\bwünsche[n]? (?:ihnen|dir)\b[^.!?\n]{0,60}\b(?:zukunft|werdegang|weg|stellensuche|jobsuche)\b/iu,
  /\bsouhait\w* (?:\S+ ){0,4}(?:succès|réussite|bonne chance|bonne continuation|le meilleur)\b[^.!?\n]{0,50}\b(?:recherches?|projets?|démarches|carrière|avenir|parcours)\b/iu,
  /\bdese(?:amos|o|arle)\b[^.!?\n]{0,30}\b(?:éxito|suerte)\b[^.!?\n]{0,40}\b(?:búsqueda|futuro|carrera|proyectos|camino)\b/iu,
  /\bdesej(?:amos|o|ar-lhe)\b[^.!?\n]{0,30}\b(?:sucesso|boa sorte)\b[^.!?\n]{0,40}\b(?:procura|busca|carreira|futuro|projetos|percurso|caminho)\b/iu,
  /\bwens(?:en)? (?:je|u|jou)\b[^.!?\n]{0,30}\b(?:succes|het beste)\b[^.!?\n]{0,40}\b(?:zoektocht|loopbaan|carrière|toekomst|verdere)\b/iu,
].map(lowerCase);

const OFFER_SOURCES = [
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
  // Selection notices: "you have been selected for the role", "Ihnen die Stelle anbieten", "vous proposer le poste".
  /\byou (?:have been|were|are) the (?:successful|selected) (?:candidate|applicant)\b/iu,
  /\byou(?: have)? got the (?:job|position|role)\b/iu,
  /\b(?:die stelle|die position|einen arbeitsvertrag)\b[^.!?\n]{0,40}\banbieten\b|\bfür die (?:stelle|position) ausgewählt\b/iu,
  /\b(?:proposer|offrir) le poste\b/iu,
  /\buns für sie entschieden\b|\bvoor (?:jou|u) gekozen\b|\barbeidsovereenkomst aan(?:bieden|te bieden)\b/iu,
  /\b(?:ofrecerle|ofrecerte|ofrecemos) (?:el|un) (?:puesto|cargo|empleo|contrato)\b/iu,
  /\b(?:oferecer-lhe|oferecer-te|oferecemos|propor-lhe) (?:a|o) (?:vaga|posição|cargo|função|lugar)\b/iu,
].map(lowerCase);

const NEXT_ROUND_SOURCES = [
  /\b(?:invite|move|moving|advance|progress|proceed|proceeding|continue)\b[^.!?\n]{0,30}\b(?:to|into|for) the (?:next|second|final|following) (?:round|stage|step|phase)\b/iu,
  /\bnext (?:round|stage|phase) (?:of|in) (?:the|our) (?:interview|hiring|selection|recruitment)/iu,
  // "Within five days of the final interview" speaks of the process, not of a round for the candidate.
  /\b(?:second|final|third|2nd|3rd) (?:round|interview|stage)\b(?<!\b(?:of|after|before|following|since|until) the \w+ \w+)/iu,
  /\bcongratulations on (?:passing|completing|your performance|successfully)\b/iu,
  /\b(?:take-home|coding challenge|case study|technical assignment|complete an assignment)\b/iu,
  /\b(?:nächste[nr]?|zweite[nr]?|weitere[nr]?) (?:runde|auswahlrunde|gesprächsrunde|phase|stufe|vorstellungsgespräch)\b/iu,
  /\b(?:prochaine étape|étape suivante|second entretien|deuxième entretien|tour suivant)\b/iu,
  /\b(?:siguiente|próxima) (?:fase|etapa|ronda)\b|\bsegunda (?:entrevista|ronda|fase)\b/iu,
  /\b(?:próxima fase|fase seguinte|próxima etapa|segunda entrevista)\b/iu,
  /\b(?:volgende (?:stap|ronde|fase)|tweede (?:gesprek|ronde)|vervolggesprek|vervolgstap(?:pen)?)\b/iu,
].map(lowerCase);

const CONFIRMATION_SOURCES = [
  new RegExp(`\\b(?:${INTERVIEW_WORDS})\\b[^.!?\\n]{0,100}\\b(?:has been|have been|is|was|is now)\\s+(?:all\\s+)?(?:scheduled|confirmed|booked|set up|arranged)\\b`, "iu"),
  // The sender confirms, not asks the candidate to: "I am writing to confirm (once again) your upcoming interview".
  /\b(?:writing to confirm|happy to confirm|pleased to confirm|delighted to confirm|glad to confirm|like to confirm|hereby confirm|can confirm|we confirm|i confirm|confirming your|confirming the)\b[^.!?\n]{0,60}\b(?:interview|arrangements|appointment|booking|meeting|call)\b/iu,
  /\b(?:interview|appointment|meeting|booking) confirm(?:ation|ed)\b|^confirmed:/imu,
  /\b(?:you're scheduled|you're booked|you're all set|you're confirmed|you’re scheduled|you’re booked|you’re all set|you’re confirmed|you are scheduled|you are booked|you are all set|you are confirmed)\b/iu,
  /\bremind(?:er)?\b[^.!?\n]{0,40}\b(?:interview|appointment|meeting)\b|\bremind and confirm\b/iu,
  // A recruiter's reply that settles a slot the candidate offered: "Tuesday works for us", "see you then".
  /\bworks (?:for us|for me|perfectly|great)\b/iu,
  /\bsee you (?:then|on (?:monday|tuesday|wednesday|thursday|friday))\b/iu,
  /\b(?:i|we)(?:['’]ve| have) sent (?:you )?(?:a|an|the) (?:calendar )?invit/iu,
  /\b(?:bestätigen (?:wir|hiermit)|terminbestätigung|bestätigung (?:ihres|des|ihrer) (?:termins|gesprächs|vorstellungsgesprächs))\b/iu,
  new RegExp(String.raw`\b(?:termin|gespräch|vorstellungsgespräch)\b\s*${IN_SENTENCE}{0,60}\b(?:ist|wurde) (?:hiermit |nun )?(?:bestätigt|gebucht|eingetragen|festgelegt)\b`, "iu"),
  /\bpasst (?:uns|mir) (?:gut|sehr gut|perfekt)\b/iu,
  /\berinnerung\b[^.!?\n]{0,40}\b(?:termin|gespräch|vorstellungsgespräch)\b/iu,
  /\bnous (?:vous )?confirmons\b|\bje vous confirme\b|\bconfirmation (?:de|d['’]) ?(?:votre |l['’]|notre )?(?:entretien|rendez-vous)\b|\brappel\b[^.!?\n]{0,30}\bentretien\b/iu,
  new RegExp(String.raw`\b(?:entretien|rendez-vous)\b\s*${IN_SENTENCE}{0,60}\b(?:est|a été) (?:bien )?(?:confirmé|planifié|programmé|fixé)e?\b`, "iu"),
  /\b(?:le |te )?confirm(?:amos|o) (?:su|tu|la)\b|\bconfirmación de (?:su|la|tu) (?:entrevista|cita)\b|\brecordatorio\b/iu,
  new RegExp(String.raw`\b(?:entrevista|cita|reunión)\b\s*${IN_SENTENCE}{0,60}\b(?:ha quedado|queda|está|ha sido|fue) (?:confirmada|agendada|programada|reservada)\b`, "iu"),
  /\bconfirmação d[ae] (?:sua )?(?:entrevista|reunião)\b|\blembrete\b/iu,
  new RegExp(String.raw`\b(?:entrevista|reunião)\b\s*${IN_SENTENCE}{0,60}\b(?:está|foi|fica) (?:confirmada|agendada|marcada)\b`, "iu"),
  /\b(?:bevestigen (?:we|wij)|bevestiging (?:van )?(?:je |jouw |uw |het |de |ons )?(?:afspraak|gesprek|interview|sollicitatiegesprek))\b|\bherinnering\b/iu,
  new RegExp(String.raw`\b(?:gesprek|afspraak|sollicitatiegesprek)\b\s*${IN_SENTENCE}{0,60}\b(?:is|werd) (?:bevestigd|ingepland|gepland)\b`, "iu"),
].map(lowerCase);

const INVITATION_SOURCES = [
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

// A sentence with one of these states a condition or a rule for every applicant, not an event
// ("if selected, we will invite you", "only shortlisted candidates will be contacted").
const CONDITIONAL_SOURCE = lowerCase(/\b(?:if|should (?:you|we)|in case|whether|unless|once (?:we|you|your|the)|falls|wenn|bei positiver|sofern|sollten?|ob|sobald|si|au cas où|dès que|caso|en caso|en cuanto|se for|assim que|indien|mocht|als u|als je|zodra|only (?:the )?(?:shortlisted|short-listed|selected|successful|suitable)|nur (?:ausgewählte|passende|erfolgreiche)|seul(?:e)?s les candidat|solo (?:los|las) candidat|apenas (?:os|as) candidat|alleen (?:geselecteerde|kandidaten)|(?:respond|reply|answer|get back)\w* (?:to )?(?:each|every|all) (?:applicant|application|candidate))\b/iu);
// A condition can only start where a word one of its alternatives opens with does: the pattern
// is tried there alone (sticky), not at every character of the mail.
const CONDITION_OPENERS = openingWords(CONDITIONAL_SOURCE.source) ?? [];
if (CONDITION_OPENERS.length === 0) throw new Error("Every alternative of CONDITIONAL_SOURCE must open with a word");
const CONDITIONAL_AT = new RegExp(CONDITIONAL_SOURCE.source, `${CONDITIONAL_SOURCE.flags}y`);

const STRONG_JOB = wordPattern(/\b(?:(?:final|next|second|first|technical) (?:round|stage)|phone screen|shortlist\w*|interview\w*|applica(?:tion|nt)s?|applied|applying|candida\w*|recruit\w*|hiring|vacanc\w+|bewerb\w+|vorstellungsgespräch|stellenangebot|entretien|poste|recrutement|entrevista|puesto|vacante|selecci[oó]n|vaga|recrutamento|sollicit\w+|vacature|werving|kennismakingsgesprek)\b/iu, { lowerCaseInput: true });
const WEAK_JOB = wordPattern(/\b(?:position|role|job|offer|careers?|opportunit(?:y|ies)|your profile|your experience|resume|cv|employment|talent|stelle|emploi|empleo|emprego|functie|função|posição|rol|onboarding|salary|gehalt|salaire|salario|salário|salaris)\b/giu, { lowerCaseInput: true });

// No `u` flag: no whitespace or sentence end is outside the Basic Multilingual Plane, and the
// pattern runs faster over code units.
// A dot after a day number ("am 12. Mai", "1. Juni") ends no sentence. The mark is cut with the
// spaces (no pattern needs it), so that the search starts at a mark, not at every character.
const SENTENCE_BREAK = /(?:[!?]|\.(?<!(?:^|\D)\d{1,2}\.))\s+|\n+/;

/** The sentences of the text, trimmed, without empty ones, one a line. */
function sentenceLines(text: string): string {
  return text.split(SENTENCE_BREAK).map((s) => s.trim()).filter(Boolean).join("\n");
}

/**
 * A pattern with its gate: for each of its alternatives, every literal run or group of words a
 * match of it needs (text/required-words.ts `gateSets`). A pattern runs only when the mail may
 * hold one word of each set of some alternative, not only one of its words: "round" alone does
 * not run "invite ... to the next round".
 */
interface KindPattern {
  pattern: RegExp;
  gate: WordGate;
}

const SOURCES = [CANCELLATION_SOURCES, RESCHEDULE_SOURCES, REJECTION_SOURCES, OFFER_SOURCES, NEXT_ROUND_SOURCES, CONFIRMATION_SOURCES, INVITATION_SOURCES, REJECTION_CLOSING_SOURCES].flat();
const SOURCE_SETS = SOURCES.map((pattern) => gateSets(pattern));
// Every word the gates name, and the openers of a condition, looked up in a mail's sentences
// through one table of its windows.
const KIND_WORDS = createWordFinder([...SOURCE_SETS.flatMap((sets) => sets?.flat(2) ?? []), ...CONDITION_OPENERS]);
const CONDITION_OPENER_WORDS = CONDITION_OPENERS.map((opener) => KIND_WORDS.words.indexOf(opener));
// A word in some of the sentences, joined by line breaks, is in all of them joined, unless it
// holds a line break itself: then the factual sentences are looked up on their own.
const KIND_WORDS_SPAN_LINES = KIND_WORDS.words.some((word) => word.includes("\n"));
// One table of the mail's windows (and one of the factual sentences'), filled again for each
// mail and read only while it is classified: a fresh table per mail would cost more than filling it.
const MAIL_WINDOWS = createWordWindows(KIND_WORDS);
const FACTUAL_WINDOWS = createWordWindows(KIND_WORDS);

const GATES = wordGates(KIND_WORDS, SOURCE_SETS);
const GATE_OF = new Map(SOURCES.map((pattern, i) => [pattern, GATES[i] ?? Int32Array.of(1, 0)]));
const gated = (patterns: RegExp[]): KindPattern[] => patterns.map((pattern) => ({ pattern, gate: GATE_OF.get(pattern) ?? Int32Array.of(1, 0) }));
const CANCELLATION = gated(CANCELLATION_SOURCES);
const RESCHEDULE = gated(RESCHEDULE_SOURCES);
const REJECTION = gated(REJECTION_SOURCES);
const REJECTION_CLOSING = gated(REJECTION_CLOSING_SOURCES);
const OFFER = gated(OFFER_SOURCES);
const NEXT_ROUND = gated(NEXT_ROUND_SOURCES);
const CONFIRMATION = gated(CONFIRMATION_SOURCES);
const INVITATION = gated(INVITATION_SOURCES);

/** Patterns stop at sentence ends and line breaks, so one pass over the joined sentences suffices. */
function anyMatch(patterns: KindPattern[], joined: string, words: WordWindows): boolean {
  return patterns.some((p) => mayMatch(p.gate, words) && p.pattern.test(joined));
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
 * Where conditions start in the mail's parts joined, in order. The parts are the subject and
 * then one sentence a line; no condition spans a line break. An opener the mail cannot hold is
 * not looked for.
 */
function conditionStarts(joined: string, words: WordWindows): number[] {
  const starts: number[] = [];
  for (let k = 0; k < CONDITION_OPENERS.length; k++) {
    const opener = CONDITION_OPENERS[k] ?? "";
    if (!mayContain(words, CONDITION_OPENER_WORDS[k] ?? -1)) continue;
    for (let at = nextCondition(joined, opener, 0); at !== -1; at = nextCondition(joined, opener, at + 1)) starts.push(at);
  }
  return starts.sort((x, y) => x - y);
}

/** Where the first condition opening with `opener` at or after `from` starts, or -1. */
function nextCondition(text: string, opener: string, from: number): number {
  for (let at = text.indexOf(opener, from); at !== -1; at = text.indexOf(opener, at + 1)) {
    CONDITIONAL_AT.lastIndex = at;
    if (CONDITIONAL_AT.test(text)) return at;
  }
  return -1;
}

/** True when a condition starts in [from, to). */
function holdsCondition(conditions: number[], from: number, to: number): boolean {
  return conditions.some((at) => at >= from && at < to);
}

// Where a sentence joins a condition to a statement: "we will not move forward, but if a role opens...".
const CLAUSE_BREAK = /;|,?\s+(?:but|however|aber|jedoch|mais|cependant|pero|sin embargo|porém|maar|echter)\s+/g;

/**
 * The parts without their clauses that state a condition, joined by line breaks; a part left
 * with no clause drops out. `subjectEnd` ends the first part (the subject, which may span lines). A clause holds
 * a condition when one starts in it: none starts in a clause break or runs across one, and the
 * break's marks and spaces end a condition as the clause's edges would.
 */
function dropConditions(joined: string, subjectEnd: number, conditions: number[]): string {
  const kept: string[] = [];
  let start = 0;
  let end = subjectEnd;
  for (;;) {
    // The part alone: a clause break may not reach into the next line.
    const part = joined.slice(start, end);
    if (holdsCondition(conditions, start, end)) kept.push(...unconditionalClauses(part, start, conditions));
    else kept.push(part);
    if (end === joined.length) return kept.join("\n");
    start = end + 1;
    end = joined.indexOf("\n", start);
    if (end === -1) end = joined.length;
  }
}

/** The clauses of a part (starting at `partStart`) in which no condition starts; `split` would cut them so. */
function unconditionalClauses(part: string, partStart: number, conditions: number[]): string[] {
  const kept: string[] = [];
  let from = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let cut = CLAUSE_BREAK.exec(part); ; cut = CLAUSE_BREAK.exec(part)) {
    const to = cut ? cut.index : part.length;
    if (!holdsCondition(conditions, partStart + from, partStart + to)) kept.push(part.slice(from, to));
    if (!cut) return kept;
    from = cut.index + cut[0].length;
  }
}

export function classifyKind(input: KindInput): KindReading {
  // Lower-cased once, before cutting sentences: the cuts fall on whitespace and line breaks,
  // which lower-casing leaves alone, so this equals lower-casing each sentence.
  const lowerSubject = input.subject.toLowerCase();
  const body = sentenceLines(joinHardWraps(input.text).toLowerCase());
  const every = body === "" ? lowerSubject : `${lowerSubject}\n${body}`;
  const words = fillWordWindows(MAIL_WINDOWS, every);
  const conditions = conditionStarts(every, words);
  const factual = conditions.length === 0 ? every : dropConditions(every, lowerSubject.length, conditions);
  const factualWords = factual !== every && KIND_WORDS_SPAN_LINES ? fillWordWindows(FACTUAL_WINDOWS, factual) : words;
  const isFactual = (patterns: KindPattern[]): boolean => anyMatch(patterns, factual, factualWords);
  const method = input.calendar?.method ?? null;
  const status = input.calendar?.status?.toUpperCase() ?? null;

  // An offer or a next round is about a job even in a mail that never says "application".
  // Its words hold no sentence mark, line break or run of spaces, so cutting the text into
  // sentences changed none of them.
  if (!isLowerTextJobRelated(every) && !isFactual(OFFER) && !isFactual(NEXT_ROUND)) return { kind: "generic", isJobRelated: false };
  if (method === "CANCEL" || status === "CANCELLED" || isFactual(CANCELLATION)) return { kind: "cancellation", isJobRelated: true };
  if (isFactual(RESCHEDULE)) return { kind: "reschedule", isJobRelated: true };
  if (isFactual(REJECTION)) return { kind: "rejection", isJobRelated: true };
  if (isFactual(OFFER)) return { kind: "offer", isJobRelated: true };
  if (isFactual(NEXT_ROUND)) return { kind: "next_round", isJobRelated: true };
  if (isFactual(CONFIRMATION)) return { kind: "scheduling_confirmation", isJobRelated: true };
  // A calendar request sent again with a higher sequence number moves the event (RFC 5546 3.2.2).
  if (method === "REQUEST" && (input.calendar?.sequence ?? 0) > 0) return { kind: "reschedule", isJobRelated: true };
  if (method === "REQUEST" || isFactual(INVITATION)) return { kind: "invitation", isJobRelated: true };
  if (isFactual(REJECTION_CLOSING)) return { kind: "rejection", isJobRelated: true };
  return { kind: "generic", isJobRelated: true };
}
