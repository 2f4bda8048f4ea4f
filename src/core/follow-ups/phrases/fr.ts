/**
 * French draft phrasings (see src/core/follow-ups/phrases.ts for the contract). Pure data.
 * Formal "vous"; "Bonjour <Nom>," needs no gender; no phrasing makes an adjective or
 * participle agree with the writer. The title sits in guillemets ("le poste « Analyste »"),
 * which also spares the elision "de"/"d'" before titles in any language. A no-break space
 * precedes ":", "?" and closes guillemets, as French typography wants.
 */
import { toDateParts } from "../../time/business-days.ts";
import type { DraftPhrases } from "./types.ts";

const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const NBSP = "\u00a0";

const quoted = (role: string) => `«${NBSP}${role}${NBSP}»`;
const at = (company: string | null) => (company ? ` chez ${company}` : "");
const companyOrTeam = (company: string | null) => company ?? "votre équipe";
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const SHORT_INTERESTS = [
  () => "Le poste m'intéresse toujours beaucoup.",
  () => "Mon envie de rejoindre l'équipe reste entière.",
  () => "Ce poste m'attire toujours autant.",
];

const STAY_IN_TOUCH = [
  () => `Puis-je rester en contact au cas où un poste adapté se libérerait${NBSP}?`,
  () => `Me permettez-vous de reprendre contact si un poste similaire s'ouvre${NBSP}?`,
  () => `Pourriez-vous garder mon profil à l'esprit si une occasion adaptée se présente${NBSP}?`,
];

const DOOR_OPEN = [
  () => "Si vos projets évoluent ou si un poste similaire s'ouvre, j'aurais plaisir à avoir de vos nouvelles.",
  () => "Si le poste venait à se rouvrir ou si un poste proche se présentait, j'aurais plaisir à en discuter.",
  (f: { company: string | null }) =>
    `${capitalised(companyOrTeam(f.company))} m'intéresse toujours, et je reste à l'écoute de futures opportunités.`,
];

export const FRENCH_PHRASES: DraftPhrases = {
  greeting: (name) => (name ? `Bonjour ${name},` : "Bonjour,"),
  signOffs: ["Bien cordialement,", "Cordialement,", "Bien à vous,"],
  formatDate: (day) => {
    const parts = toDateParts(day);
    return `${WEEKDAYS[parts.weekday]} ${parts.day === 1 ? "1er" : parts.day} ${MONTHS[parts.month - 1]}`;
  },
  notePoints: [
    (note) => `Un point de notre échange retient particulièrement mon attention${NBSP}: ${note}`,
    (note) => `Ce que je retiens en particulier de notre conversation${NBSP}: ${note}`,
    (note) => `Un élément de notre échange me reste à l'esprit${NBSP}: ${note}`,
  ],
  placeholderPoints: [
    (p) => `J'ai particulièrement apprécié notre discussion sur ${p}.`,
    (p) => `Notre échange sur ${p} a été pour moi un moment fort.`,
    (p) => `J'ai beaucoup apprécié d'en apprendre davantage sur ${p}.`,
  ],
  callQuestions: [() => `Puis-je vous apporter d'autres éléments, par e-mail ou lors d'un court appel${NBSP}?`],

  thankYou: {
    subject: (f) => `Merci pour l'entretien – ${f.role}`,
    openings: [
      (f) => `Merci d'avoir pris le temps d'échanger avec moi le ${f.date} au sujet du poste ${quoted(f.role)}.`,
      (f) => `Merci pour notre échange du ${f.date} concernant le poste ${quoted(f.role)}${at(f.company)}.`,
      (f) => `Je vous remercie pour l'entretien du ${f.date} au sujet du poste ${quoted(f.role)}.`,
    ],
    interests: [
      () => "Cet échange a renforcé mon intérêt pour le poste, et j'ai la conviction que mon expérience me permettrait d'apporter rapidement une contribution.",
      () => "Le poste m'intéresse encore davantage aujourd'hui, et mon parcours correspond bien aux besoins de l'équipe.",
      (f) => `Rejoindre ${companyOrTeam(f.company)} me motive beaucoup, et mon expérience correspond à ce que vous recherchez.`,
    ],
    questions: [
      () => `Quand serait-il opportun que je revienne vers vous au sujet des prochaines étapes${NBSP}?`,
      () => `Pourriez-vous m'indiquer à quel moment je peux reprendre contact pour la suite${NBSP}?`,
      () => `À quel moment puis-je vous recontacter au sujet de la suite du processus${NBSP}?`,
    ],
  },

  statusCheck: {
    subject: (f) => `Suivi de ma candidature – ${f.role}`,
    openings: [
      (f) => `J'espère que vous allez bien. Je me permets de revenir vers vous au sujet du poste ${quoted(f.role)}, suite à notre entretien du ${f.date}.`,
      (f) => `Je reviens vers vous concernant mon entretien du ${f.date} pour le poste ${quoted(f.role)}.`,
      (f) => `Suite à notre échange du ${f.date} au sujet du poste ${quoted(f.role)}, je souhaitais savoir où en est le processus.`,
    ],
    interests: [
      () => "Le poste m'intéresse toujours beaucoup, et j'ai la conviction de pouvoir apporter une vraie contribution à l'équipe.",
      () => "Ce poste reste une priorité pour moi, et mon expérience y correspond bien.",
      (f) => `Rejoindre ${companyOrTeam(f.company)} me motive toujours autant.`,
    ],
    questions: [
      () => `Pourriez-vous me donner des nouvelles des prochaines étapes et de leur calendrier${NBSP}?`,
      () => `Puis-je vous fournir d'autres informations pour vous aider dans votre décision${NBSP}?`,
      () => `Pourriez-vous m'indiquer où en est le processus et quelles seront les prochaines étapes${NBSP}?`,
    ],
  },

  secondFollowUp: {
    subject: (f) => `Suivi de ma candidature – ${f.role}`,
    openings: [
      (f) => `Je me permets un bref message au sujet du poste ${quoted(f.role)}, dont nous avons parlé le ${f.date}.`,
      (f) => `Un court message concernant le poste ${quoted(f.role)}, suite à notre entretien du ${f.date}.`,
      (f) => `Je vous écris brièvement au sujet du poste ${quoted(f.role)} et de notre échange du ${f.date}.`,
    ],
    interests: SHORT_INTERESTS,
    questions: [
      () => `Auriez-vous des nouvelles quant au calendrier${NBSP}?`,
      () => `Pourriez-vous m'indiquer où en est le processus${NBSP}?`,
      () => `Puis-je vous transmettre autre chose d'utile${NBSP}?`,
    ],
  },

  applicationCheck: {
    subject: (f) => `Ma candidature – ${f.role}`,
    openings: [
      (f) => `J'ai postulé au poste ${quoted(f.role)} et je souhaitais m'assurer que ma candidature vous est bien parvenue.`,
      (f) => `Je reviens vers vous au sujet de ma candidature au poste ${quoted(f.role)}.`,
      (f) => `J'ai récemment postulé au poste ${quoted(f.role)}${at(f.company)}, et je souhaite vous confirmer mon intérêt.`,
    ],
    interests: [
      () => "Mon expérience correspond bien au poste, et un échange avec vous me ferait plaisir.",
      () => "Le poste m'intéresse vivement, et j'ai la conviction de pouvoir contribuer rapidement aux projets de l'équipe.",
      () => "Le poste correspond de près à mon parcours, et j'aurais plaisir à vous en dire plus.",
    ],
    questions: [
      () => `Pourriez-vous m'indiquer comment se poursuit le processus de sélection${NBSP}?`,
      () => `Puis-je vous transmettre d'autres informations pour compléter ma candidature${NBSP}?`,
      () => `Pourriez-vous me préciser les prochaines étapes et leur calendrier${NBSP}?`,
    ],
  },

  applicationSecondCheck: {
    subject: (f) => `Ma candidature – ${f.role}`,
    openings: [
      (f) => `Je me permets un bref message au sujet de ma candidature au poste ${quoted(f.role)}.`,
      (f) => `Un court message concernant ma candidature au poste ${quoted(f.role)}.`,
      (f) => `Je vous écris brièvement au sujet de ma candidature au poste ${quoted(f.role)}.`,
    ],
    interests: SHORT_INTERESTS,
    questions: [
      () => `Auriez-vous des nouvelles quant au calendrier${NBSP}?`,
      () => `Ma candidature est-elle toujours à l'étude${NBSP}?`,
      () => `Puis-je vous transmettre autre chose d'utile${NBSP}?`,
    ],
  },

  rejectionReply: {
    subject: (f) => `Merci – ${f.role}`,
    openings: [
      (f) => `Merci pour votre message et pour le temps que vous et l'équipe m'avez consacré, notamment lors de notre échange du ${f.date} au sujet du poste ${quoted(f.role)}.`,
      (f) => `Merci pour votre retour et pour l'attention portée à ma candidature au poste ${quoted(f.role)}. J'ai beaucoup apprécié notre entretien du ${f.date}.`,
      (f) => `Je vous remercie pour cette information et pour l'entretien du ${f.date} au sujet du poste ${quoted(f.role)}.`,
    ],
    openingsWithoutDate: [
      (f) => `Merci pour votre message et pour l'attention portée à ma candidature au poste ${quoted(f.role)}.`,
      (f) => `Merci pour votre retour et pour le temps consacré à ma candidature au poste ${quoted(f.role)}.`,
      (f) => `Je vous remercie pour cette information concernant le poste ${quoted(f.role)}.`,
    ],
    interests: [
      (f) => `J'ai eu plaisir à découvrir ${companyOrTeam(f.company)} et je reste à l'écoute de futures opportunités.`,
      (f) => `${capitalised(companyOrTeam(f.company))} m'intéresse toujours, et je postulerais volontiers à un poste adapté à l'avenir.`,
      () => "Je souhaite rester en contact en vue d'autres postes à l'avenir.",
    ],
    feedbackQuestions: [
      () => `Si vous en avez le temps, accepteriez-vous de me faire part de vos retours sur les points à améliorer dans ma candidature${NBSP}?`,
      () => `Quelques retours sur le processus m'aideraient beaucoup${NBSP}: pourriez-vous m'en faire part${NBSP}?`,
      () => `Auriez-vous un retour qui pourrait m'aider pour mes prochaines candidatures${NBSP}?`,
    ],
    questions: STAY_IN_TOUCH,
  },

  lastNoteAfterHire: {
    subject: (f) => `Merci – ${f.role}`,
    openings: [
      (f) => `Merci pour l'information concernant le poste ${quoted(f.role)}, et félicitations pour ce recrutement.`,
      (f) => `Merci pour ce retour concernant le poste ${quoted(f.role)}. J'ai eu plaisir à découvrir ${companyOrTeam(f.company)} au cours du processus.`,
      (f) => `Merci encore d'avoir examiné ma candidature au poste ${quoted(f.role)}${NBSP}; j'ai apprécié le temps que vous m'avez consacré.`,
    ],
    interests: DOOR_OPEN,
    questions: STAY_IN_TOUCH,
  },

  lastNoteAfterSilence: {
    subject: (f) => `Merci – ${f.role}`,
    openings: [
      (f) => `Je souhaitais conclure notre échange au sujet du poste ${quoted(f.role)}, dont nous avons parlé le ${f.date}.`,
      (f) => `Je tenais à vous remercier encore pour notre échange du ${f.date} au sujet du poste ${quoted(f.role)}.`,
      (f) => `Les priorités peuvent évoluer, aussi je vous adresse un court message au sujet du poste ${quoted(f.role)}, dont nous avons parlé le ${f.date}.`,
    ],
    interests: DOOR_OPEN,
    questions: STAY_IN_TOUCH,
  },

  offerElsewhere: {
    subject: (f) => `Une nouvelle concernant ma candidature – ${f.role}`,
    openings: [
      (f) => `Je souhaitais vous informer que j'ai reçu une offre d'une autre entreprise, à laquelle je dois répondre d'ici le ${f.deadline}.`,
      (f) => `Depuis notre échange, j'ai reçu une autre offre et l'on m'a demandé d'y répondre avant le ${f.deadline}.`,
      (f) => `Une brève nouvelle de mon côté${NBSP}: j'ai reçu une autre proposition d'emploi, avec une réponse attendue pour le ${f.deadline}.`,
    ],
    interests: [
      (f) => `Le poste ${quoted(f.role)}${at(f.company)} reste mon premier choix, c'est pourquoi je tenais à vous en informer avant de me décider.`,
      (f) => `Je préférerais nettement rejoindre ${companyOrTeam(f.company)} au poste ${quoted(f.role)}, c'est pourquoi je souhaitais vous en parler avant de prendre ma décision.`,
      (f) => `Comme le poste ${quoted(f.role)} est celui qui me motive le plus, je voulais vous en informer en premier.`,
    ],
    questions: [
      () => `Vous serait-il possible de me dire d'ici là où en est votre processus${NBSP}?`,
      () => `Auriez-vous la possibilité de me donner des nouvelles de votre calendrier avant cette date${NBSP}?`,
      () => `Pourriez-vous m'indiquer si une décision de votre part serait envisageable d'ici là${NBSP}?`,
    ],
  },

  newInformation: {
    subject: (f) => `Une nouvelle concernant ma candidature – ${f.role}`,
    openings: [
      (f) => `Depuis notre échange du ${f.date} au sujet du poste ${quoted(f.role)}, j'ai une nouvelle à partager avec vous${NBSP}:`,
      (f) => `Il me semblait utile de vous faire part d'une brève actualité en lien avec le poste ${quoted(f.role)}, dont nous avons parlé le ${f.date}${NBSP}:`,
      (f) => `J'aimerais compléter notre échange du ${f.date} sur le poste ${quoted(f.role)} avec un élément nouveau${NBSP}:`,
    ],
    openingsWithoutDate: [
      (f) => `Depuis ma candidature au poste ${quoted(f.role)}, j'ai une nouvelle à partager avec vous${NBSP}:`,
      (f) => `Il me semblait utile de vous faire part d'une brève actualité en lien avec le poste ${quoted(f.role)}${NBSP}:`,
      (f) => `J'aimerais compléter ma candidature au poste ${quoted(f.role)} avec un élément nouveau${NBSP}:`,
    ],
    interests: [
      () => "Le poste m'intéresse toujours beaucoup, et j'ai la conviction de pouvoir apporter une vraie contribution à l'équipe.",
      () => "Ce poste reste une priorité pour moi, et cet élément renforce encore mon adéquation avec le poste.",
      (f) => `Rejoindre ${companyOrTeam(f.company)} me motive toujours autant.`,
    ],
    questions: [
      () => `Serait-il utile que je vous en dise davantage${NBSP}?`,
      () => `Y a-t-il autre chose qui pourrait vous aider dans votre décision${NBSP}?`,
      () => `Pourriez-vous m'indiquer les prochaines étapes du processus${NBSP}?`,
    ],
  },
};
