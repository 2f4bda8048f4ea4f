/**
 * French draft phrasings (see src/core/follow-ups/phrases.ts for the contract). Pure data.
 * Formal "vous"; "Bonjour <Nom>," needs no gender; no phrasing makes an adjective or
 * participle agree with the writer. The title sits in guillemets ("le poste « Analyste »"),
 * which also spares the elision "de"/"d'" before titles in any language. A no-break space
 * precedes ":", "?" and closes guillemets, as French typography wants.
 *
 * The greeting mirrors the reader: "Madame," / "Monsieur," for a formal mail, "Bonjour Madame
 * Vogel," for a polite one or an unknown register, "Bonjour Katrin," when they wrote by first
 * name; without a known title, "Bonjour Katrin Vogel,". A day close to the send day is
 * "aujourd'hui", "hier" or its weekday ("notre échange de vendredi").
 */
import { toDateParts } from "../../time/business-days.ts";
import { type Addressing, type DraftPhrases, type Formality, givenNameOf, type PhraseFacts } from "./types.ts";

const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const NBSP = "\u00a0";

const quoted = (role: string) => `«${NBSP}${role}${NBSP}»`;
const at = (company: string | null) => (company ? ` chez ${company}` : "");
const companyOrTeam = (company: string | null) => company ?? "votre équipe";
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** "aujourd'hui", "hier", "vendredi", "le vendredi 13 mars". */
const le = (f: PhraseFacts): string =>
  f.dateIs === "today" ? "aujourd'hui" : f.dateIs === "yesterday" ? "hier" : f.dateIs === "this_week" ? f.date : `le ${f.date}`;
/** "d'aujourd'hui", "d'hier", "de vendredi", "du vendredi 13 mars". */
const du = (f: PhraseFacts): string =>
  f.dateIs === "today" ? "d'aujourd'hui" : f.dateIs === "yesterday" ? "d'hier" : f.dateIs === "this_week" ? `de ${f.date}` : `du ${f.date}`;

const SIGN_OFFS: Record<Formality | "unknown", readonly string[]> = {
  formal: ["Bien cordialement,", "Cordialement,"],
  polite: ["Bien cordialement,", "Cordialement,", "Bien à vous,"],
  unknown: ["Bien cordialement,", "Cordialement,", "Bien à vous,"],
  informal: ["Bien à vous,", "Bien cordialement,", "Très cordialement,"],
};

function greet(name: string | null, how: Addressing = {}): string {
  if (!name) return how.formality === "formal" ? "Madame, Monsieur," : "Bonjour,";
  const signed = how.signedAs?.trim();
  if (how.formality === "informal") return `Bonjour ${givenNameOf(name, how)},`;
  const family = how.familyName?.trim() || name.split(" ").slice(1).join(" ");
  const title = how.title === "ms" ? "Madame" : how.title === "mr" ? "Monsieur" : null;
  if (title && how.formality === "formal") return `${title},`;
  if (title && family) return `Bonjour ${title} ${family},`;
  return `Bonjour ${signed || name},`;
}

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
  greeting: greet,
  teamGreeting: "Madame, Monsieur,",
  signOffs: SIGN_OFFS.unknown,
  signOffsFor: (formality) => SIGN_OFFS[formality ?? "unknown"],
  formatDate: (day) => {
    const parts = toDateParts(day);
    return `${WEEKDAYS[parts.weekday]} ${parts.day === 1 ? "1er" : parts.day} ${MONTHS[parts.month - 1]}`;
  },
  formatWeekday: (day) => WEEKDAYS[toDateParts(day).weekday] ?? day,
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
      (f) => `Merci d'avoir pris le temps d'échanger avec moi ${le(f)} au sujet du poste ${quoted(f.role)}.`,
      (f) => `Merci pour notre échange ${du(f)} concernant le poste ${quoted(f.role)}${at(f.company)}.`,
      (f) => `Je vous remercie pour l'entretien ${du(f)} au sujet du poste ${quoted(f.role)}.`,
    ],
    interests: [
      () => "Cet échange a renforcé mon intérêt pour le poste, et j'ai la conviction que mon expérience me permettrait d'apporter rapidement une contribution.",
      () => "Le poste m'intéresse encore davantage après notre échange, et mon parcours correspond bien aux besoins de l'équipe.",
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
      (f) => `J'espère que vous allez bien. Je me permets de revenir vers vous au sujet du poste ${quoted(f.role)}, à la suite de notre entretien ${du(f)}.`,
      (f) => `Je reviens vers vous concernant mon entretien ${du(f)} pour le poste ${quoted(f.role)}.`,
      (f) => `À la suite de notre échange ${du(f)} au sujet du poste ${quoted(f.role)}, je souhaiterais savoir où en est le processus de recrutement.`,
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
    updateLeads: [
      () => `Depuis notre échange, j'aimerais ajouter un élément${NBSP}:`,
      () => `Un élément nouveau qui pourrait vous intéresser${NBSP}:`,
      () => `Il y a du nouveau de mon côté depuis notre entretien${NBSP}:`,
    ],
  },

  secondFollowUp: {
    subject: (f) => `Suivi de ma candidature – ${f.role}`,
    openings: [
      (f) => `Je me permets un bref message au sujet du poste ${quoted(f.role)}, dont nous avons parlé ${le(f)}.`,
      (f) => `Je vous adresse un court message concernant le poste ${quoted(f.role)}, à la suite de notre entretien ${du(f)}.`,
      (f) => `Je vous écris brièvement au sujet du poste ${quoted(f.role)} et de notre échange ${du(f)}.`,
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
      (f) => `Je me permets de revenir vers vous au sujet de ma candidature au poste ${quoted(f.role)}.`,
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
      (f) => `Merci pour votre message et pour le temps que vous et l'équipe m'avez consacré, notamment lors de notre échange ${du(f)} au sujet du poste ${quoted(f.role)}.`,
      (f) => `Merci pour votre retour et pour l'attention portée à ma candidature au poste ${quoted(f.role)}. J'ai beaucoup apprécié notre entretien ${du(f)}.`,
      (f) => `Je vous remercie pour cette information et pour l'entretien ${du(f)} au sujet du poste ${quoted(f.role)}.`,
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
    subject: (f) => `Suivi de ma candidature – ${f.role}`,
    openings: [
      (f) => `Je tenais à vous remercier encore pour notre échange ${du(f)} au sujet du poste ${quoted(f.role)}, qui m'intéresse toujours vivement.`,
      (f) => `Le poste ${quoted(f.role)}, dont nous avons parlé ${le(f)}, m'intéresse toujours beaucoup, aussi je vous adresse un court message.`,
      (f) => `Notre échange ${du(f)} au sujet du poste ${quoted(f.role)} m'a laissé une excellente impression, et mon intérêt reste entier.`,
    ],
    updateLeads: [
      () => `Depuis notre échange, je peux ajouter un élément nouveau${NBSP}:`,
      () => `Un court complément de ma part${NBSP}:`,
      () => `Il y a du nouveau de mon côté depuis notre échange${NBSP}:`,
    ],
    interests: [
      () => "Je reste à votre disposition pour poursuivre la conversation dès que le calendrier vous le permettra.",
      () => "La prochaine étape m'intéresse vivement, quand vous le souhaiterez.",
      (f) => `J'aurais toujours grand plaisir à contribuer aux projets de ${companyOrTeam(f.company)}.`,
    ],
    questions: [
      () => `Le poste est-il toujours ouvert, et puis-je vous transmettre d'autres informations${NBSP}?`,
      () => `Pourriez-vous m'indiquer où en est le processus${NBSP}?`,
      () => `Y a-t-il autre chose qui pourrait vous aider dans votre décision${NBSP}?`,
    ],
  },

  thankYouViaCoordinator: {
    subject: (f) => `Merci pour l'entretien – ${f.role}`,
    openings: [
      (f) => `Merci d'avoir organisé mon entretien ${du(f)} pour le poste ${quoted(f.role)}.`,
      (f) => `Je vous remercie d'avoir organisé notre échange ${du(f)} au sujet du poste ${quoted(f.role)}${at(f.company)}.`,
      (f) => `Merci d'avoir mis en place mon entretien ${du(f)} pour le poste ${quoted(f.role)}.`,
    ],
    interests: [
      (f) => `L'échange avec ${f.interviewers ?? "votre équipe"} m'a beaucoup plu et a confirmé mon intérêt pour le poste.`,
      (f) => `Après cet échange avec ${f.interviewers ?? "votre équipe"}, le poste m'intéresse plus encore.`,
      (f) => `La rencontre avec ${f.interviewers ?? "votre équipe"} m'a donné très envie de rejoindre ${companyOrTeam(f.company)}.`,
    ],
    questions: [
      () => `Pourriez-vous transmettre mes remerciements, ou me communiquer une adresse e-mail pour que je puisse remercier directement${NBSP}?`,
      () => `Auriez-vous l'amabilité de transmettre mes remerciements, ou de m'indiquer une adresse à laquelle écrire directement${NBSP}?`,
      () => `Pourriez-vous faire suivre mes remerciements, ou me dire comment joindre directement mes interlocuteurs${NBSP}?`,
    ],
  },

  thankYouAfterWithdrawal: {
    subject: (f) => `Merci pour l'entretien – ${f.role}`,
    openings: [
      (f) => `Merci d'avoir pris le temps d'échanger avec moi ${le(f)} au sujet du poste ${quoted(f.role)}.`,
      (f) => `Merci pour notre échange ${du(f)} concernant le poste ${quoted(f.role)}${at(f.company)}.`,
      (f) => `Je vous remercie pour l'entretien ${du(f)} au sujet du poste ${quoted(f.role)}.`,
    ],
    interests: [
      () => "Même si j'ai retiré ma candidature, j'ai beaucoup apprécié de découvrir votre équipe et son travail.",
      (f) => `J'ai décidé de retirer ma candidature, mais j'ai beaucoup apprécié de mieux connaître ${companyOrTeam(f.company)}.`,
      () => "Bien que j'aie retiré ma candidature, j'ai apprécié la franchise de notre échange.",
    ],
    questions: STAY_IN_TOUCH,
  },

  conversation: {
    subject: (f) => `Votre message au sujet du poste ${quoted(f.role)}`,
    openings: [
      (f) => `Merci pour votre message au sujet du poste ${quoted(f.role)}${at(f.company)}.`,
      (f) => `Merci de m'avoir écrit au sujet du poste ${quoted(f.role)}.`,
      (f) => `Je vous remercie de votre prise de contact au sujet du poste ${quoted(f.role)}.`,
    ],
    interests: [
      () => "J'aurais plaisir à en savoir plus et à vous présenter mon expérience.",
      () => "Le poste semble bien correspondre à mon parcours, et un échange me ferait plaisir.",
      (f) => `J'aurais plaisir à en apprendre davantage sur le poste et sur ${companyOrTeam(f.company)}.`,
    ],
    questions: [
      () => `Pourriez-vous m'en dire plus sur les prochaines étapes${NBSP}?`,
      () => `Quelle serait selon vous la prochaine étape${NBSP}?`,
      () => `Souhaitez-vous que je vous envoie mon CV ou d'autres informations${NBSP}?`,
    ],
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
      (f) => `Depuis notre échange ${du(f)} au sujet du poste ${quoted(f.role)}, j'ai une nouvelle à partager avec vous${NBSP}:`,
      (f) => `Il me semblait utile de vous faire part d'une brève actualité en lien avec le poste ${quoted(f.role)}, dont nous avons parlé ${le(f)}${NBSP}:`,
      (f) => `J'aimerais compléter notre échange ${du(f)} sur le poste ${quoted(f.role)} avec un élément nouveau${NBSP}:`,
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
