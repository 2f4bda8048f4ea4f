/**
 * Spanish draft phrasings (see src/core/follow-ups/phrases.ts for the contract). Pure data.
 * Formal "usted"; "Buenos días, <Nombre>:" needs no gender, and no phrasing makes an
 * adjective agree with the writer ("interesado/a") or the reader ("dispuesto/a"). The greeting
 * mirrors the reader: "Estimada Sra. Vogel:" when their title is known, "Hola, Katrin:" when they
 * wrote by first name. A day close to the send day is "hoy", "ayer" or "el viernes".
 */
import { toDateParts } from "../../time/business-days.ts";
import { type Addressing, type DraftPhrases, type Formality, givenNameOf, type PhraseFacts } from "./types.ts";

const WEEKDAYS = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"];
const MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

const at = (company: string | null) => (company ? ` en ${company}` : "");
const companyOrTeam = (company: string | null) => company ?? "su equipo";
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** "hoy", "ayer", "el viernes", "el viernes 13 de marzo". */
const el = (f: PhraseFacts): string => (f.dateIs === "today" ? "hoy" : f.dateIs === "yesterday" ? "ayer" : `el ${f.date}`);
/** "de hoy", "de ayer", "del viernes", "del viernes 13 de marzo". */
const del = (f: PhraseFacts): string => (f.dateIs === "today" ? "de hoy" : f.dateIs === "yesterday" ? "de ayer" : `del ${f.date}`);

const SIGN_OFFS: Record<Formality | "unknown", readonly string[]> = {
  formal: ["Atentamente,", "Un cordial saludo,", "Saludos cordiales,"],
  polite: ["Un cordial saludo,", "Saludos cordiales,", "Un saludo cordial,"],
  unknown: ["Un cordial saludo,", "Saludos cordiales,", "Un saludo cordial,"],
  informal: ["Un saludo,", "Saludos,", "Un cordial saludo,"],
};

/** "Estimada Sra. Vogel:" when the title is known, "Hola, Katrin:" by first name, else "Buenos días, <name they signed with>:". */
function greet(name: string | null, how: Addressing = {}): string {
  if (!name) return "Buenos días:";
  const signed = how.signedAs?.trim();
  if (how.formality === "informal") return `Hola, ${givenNameOf(name, how)}:`;
  const family = how.familyName?.trim() || name.split(" ").slice(1).join(" ");
  if (how.title && family) return how.title === "ms" ? `Estimada Sra. ${family}:` : `Estimado Sr. ${family}:`;
  return `Buenos días, ${signed || name}:`;
}

const SHORT_INTERESTS = [
  () => "El puesto me sigue interesando mucho.",
  () => "Mi interés por unirme al equipo sigue intacto.",
  () => "El puesto me sigue resultando muy atractivo.",
];

const STAY_IN_TOUCH = [
  () => "¿Puedo seguir en contacto por si surge un puesto adecuado?",
  () => "¿Le parece bien que vuelva a escribirle si se abre un puesto similar?",
  () => "¿Podría tener presente mi perfil por si surge algo adecuado?",
];

const DOOR_OPEN = [
  () => "Si sus planes cambian o surge un puesto similar, me encantaría saber de usted.",
  () => "Si el puesto volviera a abrirse o surgiera uno parecido, me gustaría mucho conversar.",
  (f: { company: string | null }) =>
    `${capitalised(companyOrTeam(f.company))} me sigue interesando, y me encantaría que me tuvieran en cuenta para futuras vacantes.`,
];

export const SPANISH_PHRASES: DraftPhrases = {
  greeting: greet,
  teamGreeting: "Estimado equipo de selección:",
  signOffs: SIGN_OFFS.unknown,
  signOffsFor: (formality) => SIGN_OFFS[formality ?? "unknown"],
  formatDate: (day) => {
    const parts = toDateParts(day);
    return `${WEEKDAYS[parts.weekday]} ${parts.day} de ${MONTHS[parts.month - 1]}`;
  },
  formatWeekday: (day) => WEEKDAYS[toDateParts(day).weekday] ?? day,
  notePoints: [
    (note) => `Un punto de nuestra conversación me sigue pareciendo especialmente interesante: ${note}`,
    (note) => `Me quedo en particular con esto de nuestra conversación: ${note}`,
    (note) => `Algo que me llamó especialmente la atención: ${note}`,
  ],
  placeholderPoints: [
    (p) => `Disfruté especialmente de nuestra conversación sobre ${p}.`,
    (p) => `Nuestra conversación sobre ${p} fue para mí lo más destacado.`,
    (p) => `Me resultó muy valioso conocer más sobre ${p}.`,
  ],
  callQuestions: [() => "¿Puedo aportarle algo más, por correo o en una breve llamada?"],

  thankYou: {
    subject: (f) => `Gracias por la entrevista – ${f.role}`,
    openings: [
      (f) => `Muchas gracias por dedicarme su tiempo ${el(f)} para hablar sobre el puesto de ${f.role}.`,
      (f) => `Gracias por nuestra conversación ${del(f)} sobre el puesto de ${f.role}${at(f.company)}.`,
      (f) => `Le agradezco la oportunidad de conversar con usted ${el(f)} sobre el puesto de ${f.role}.`,
    ],
    interests: [
      () => "La conversación ha reforzado mi interés en el puesto, y tengo la certeza de que mi experiencia me permitiría aportar desde el primer día.",
      () => "Ahora el puesto me interesa todavía más, y creo que mi trayectoria encaja bien con lo que necesita el equipo.",
      (f) => `Me encantaría incorporarme a ${companyOrTeam(f.company)} y creo que mi experiencia responde a lo que buscan.`,
    ],
    questions: [
      () => "¿Cuándo sería un buen momento para volver a escribirle sobre los próximos pasos?",
      () => "¿Podría indicarme cuándo puedo retomar el contacto sobre los próximos pasos?",
      () => "¿En qué momento le parece bien que vuelva a ponerme en contacto?",
    ],
  },

  statusCheck: {
    subject: (f) => `Seguimiento – ${f.role}`,
    openings: [
      (f) => `Espero que se encuentre bien. Le escribo para interesarme por el estado del proceso para el puesto de ${f.role}, tras nuestra entrevista ${del(f)}.`,
      (f) => `Me pongo en contacto con usted en relación con mi entrevista ${del(f)} para el puesto de ${f.role}.`,
      (f) => `Tras nuestra conversación ${del(f)} sobre el puesto de ${f.role}, quería preguntarle cómo avanza el proceso.`,
    ],
    interests: [
      () => "El puesto me sigue interesando mucho y tengo la certeza de que podría aportar al equipo.",
      () => "Este puesto sigue siendo una prioridad para mí, y creo que mi experiencia encaja bien.",
      (f) => `Me sigue ilusionando mucho la posibilidad de incorporarme a ${companyOrTeam(f.company)}.`,
    ],
    questions: [
      () => "¿Podría contarme cuáles son los próximos pasos y sus plazos?",
      () => "¿Hay alguna información adicional que pueda facilitarle para su decisión?",
      () => "¿Podría indicarme en qué punto está el proceso y cuáles serían los siguientes pasos?",
    ],
    updateLeads: [
      () => "Desde nuestra conversación, hay algo que me gustaría añadir:",
      () => "Una novedad que quizá le resulte de interés:",
      () => "Algo nuevo por mi parte desde nuestra entrevista:",
    ],
  },

  secondFollowUp: {
    subject: (f) => `Seguimiento – ${f.role}`,
    openings: [
      (f) => `Le escribo brevemente sobre el puesto de ${f.role} del que hablamos ${el(f)}.`,
      (f) => `Le envío un breve mensaje sobre el puesto de ${f.role}, tras nuestra entrevista ${del(f)}.`,
      (f) => `Quería escribirle brevemente sobre el puesto de ${f.role} y nuestra conversación ${del(f)}.`,
    ],
    interests: SHORT_INTERESTS,
    questions: [
      () => "¿Podría compartir alguna novedad sobre los plazos?",
      () => "¿Podría indicarme en qué punto está el proceso?",
      () => "¿Hay algo más que pueda enviarle que le resulte útil?",
    ],
  },

  applicationCheck: {
    subject: (f) => `Mi candidatura – ${f.role}`,
    openings: [
      (f) => `Le escribo para dar seguimiento a mi candidatura para el puesto de ${f.role}.`,
      (f) => `Le escribo en relación con mi candidatura para el puesto de ${f.role}.`,
      (f) => `Hace poco presenté mi candidatura para el puesto de ${f.role}${at(f.company)}, y quería reiterarle mi interés.`,
    ],
    interests: [
      () => "Mi experiencia encaja bien con el puesto, y me gustaría mucho poder hablarlo con usted.",
      (f) => `El puesto me interesa mucho y tengo la certeza de que podría aportar a ${companyOrTeam(f.company)} desde el principio.`,
      () => "El puesto se ajusta mucho a mi trayectoria, y con gusto le cuento más al respecto.",
    ],
    questions: [
      () => "¿Podría indicarme cómo continuará el proceso de selección?",
      () => "¿Hay alguna información adicional que pueda enviarle para completar mi candidatura?",
      () => "¿Podría contarme cuáles son los próximos pasos y sus plazos?",
    ],
  },

  applicationSecondCheck: {
    subject: (f) => `Mi candidatura – ${f.role}`,
    openings: [
      (f) => `Le escribo brevemente sobre mi candidatura para el puesto de ${f.role}.`,
      (f) => `Le envío un breve mensaje sobre mi candidatura para el puesto de ${f.role}.`,
      (f) => `Quería escribirle brevemente sobre mi candidatura para el puesto de ${f.role}.`,
    ],
    interests: SHORT_INTERESTS,
    questions: [
      () => "¿Podría compartir alguna novedad sobre los plazos?",
      () => "¿Sigue mi candidatura en el proceso de selección?",
      () => "¿Hay algo más que pueda enviarle que le resulte útil?",
    ],
  },

  rejectionReply: {
    subject: (f) => `Gracias – ${f.role}`,
    openings: [
      (f) => `Muchas gracias por su mensaje y por el tiempo que me dedicaron, en especial en nuestra conversación ${del(f)} sobre el puesto de ${f.role}.`,
      (f) => `Gracias por su respuesta y por considerar mi candidatura para el puesto de ${f.role}. Disfruté mucho de nuestra entrevista ${del(f)}.`,
      (f) => `Le agradezco la información y la oportunidad de entrevistarme ${el(f)} para el puesto de ${f.role}.`,
    ],
    openingsWithoutDate: [
      (f) => `Muchas gracias por su mensaje y por considerar mi candidatura para el puesto de ${f.role}.`,
      (f) => `Gracias por su respuesta y por el tiempo dedicado a mi candidatura para el puesto de ${f.role}.`,
      (f) => `Le agradezco la información sobre el puesto de ${f.role}.`,
    ],
    interests: [
      (f) => `Me ha gustado mucho conocer ${f.company ?? "a su equipo"}, y me encantaría que me tuvieran en cuenta para futuros puestos.`,
      (f) => `${capitalised(companyOrTeam(f.company))} me sigue interesando, y con gusto volvería a presentar mi candidatura a un puesto adecuado en el futuro.`,
      () => "Me gustaría seguir en contacto y que me tuvieran en cuenta para otras vacantes.",
    ],
    feedbackQuestions: [
      () => "Si dispone de un momento, ¿podría compartir algún comentario sobre cómo mejorar mi candidatura?",
      () => "Algún comentario sobre el proceso me ayudaría mucho; ¿le sería posible compartirlo?",
      () => "¿Hay algún comentario que pueda ayudarme en futuras candidaturas?",
    ],
    questions: STAY_IN_TOUCH,
  },

  lastNoteAfterHire: {
    subject: (f) => `Gracias – ${f.role}`,
    openings: [
      (f) => `Gracias por informarme de que el puesto de ${f.role} ya está cubierto, y enhorabuena por la nueva incorporación.`,
      (f) => `Gracias por la información sobre el puesto de ${f.role}. He disfrutado conociendo ${f.company ?? "a su equipo"} durante el proceso.`,
      (f) => `Gracias de nuevo por considerar mi candidatura para el puesto de ${f.role}; valoro mucho el tiempo que me dedicaron.`,
    ],
    interests: DOOR_OPEN,
    questions: STAY_IN_TOUCH,
  },

  lastNoteAfterSilence: {
    subject: (f) => `Seguimiento – ${f.role}`,
    openings: [
      (f) => `Quería agradecerle de nuevo nuestra conversación ${del(f)} sobre el puesto de ${f.role}, que me sigue interesando mucho.`,
      (f) => `El puesto de ${f.role} del que hablamos ${el(f)} me sigue interesando mucho, así que le escribo una breve nota.`,
      (f) => `Sigo recordando con gusto nuestra conversación ${del(f)} sobre el puesto de ${f.role}, y mi interés sigue intacto.`,
    ],
    updateLeads: [
      () => "Desde nuestra conversación, hay algo nuevo que puedo añadir:",
      () => "Una breve novedad por mi parte:",
      () => "Desde entonces hay algo nuevo que me gustaría compartir:",
    ],
    interests: [
      () => "Con gusto retomaría la conversación cuando le venga bien.",
      () => "Me encantaría dar el siguiente paso cuando lo consideren oportuno.",
      (f) => `Me seguiría gustando mucho aportar a ${companyOrTeam(f.company)}.`,
    ],
    questions: [
      () => "¿Sigue abierto el puesto, y hay algo más que pueda enviarle?",
      () => "¿Podría indicarme en qué punto está el proceso?",
      () => "¿Hay algo más que pueda ayudarle en su decisión?",
    ],
  },

  thankYouViaCoordinator: {
    subject: (f) => `Gracias por la entrevista – ${f.role}`,
    openings: [
      (f) => `Gracias por organizar mi entrevista ${del(f)} para el puesto de ${f.role}.`,
      (f) => `Le agradezco que organizara nuestra conversación ${del(f)} sobre el puesto de ${f.role}${at(f.company)}.`,
      (f) => `Gracias por coordinar mi entrevista ${del(f)} para el puesto de ${f.role}.`,
    ],
    interests: [
      (f) => `Disfruté mucho la conversación con ${f.interviewers ?? "su equipo"}, que confirmó mi interés en el puesto.`,
      (f) => `Después de hablar con ${f.interviewers ?? "su equipo"}, el puesto me interesa aún más.`,
      (f) => `Conocer a ${f.interviewers ?? "su equipo"} me dejó con muchas ganas de unirme a ${companyOrTeam(f.company)}.`,
    ],
    questions: [
      () => "¿Podría transmitirles mi agradecimiento, o facilitarme una dirección de correo para agradecérselo directamente?",
      () => "¿Sería tan amable de hacerles llegar mi agradecimiento, o de indicarme una dirección a la que escribirles?",
      () => "¿Podría reenviarles mi agradecimiento, o decirme cómo contactarles directamente?",
    ],
  },

  thankYouAfterWithdrawal: {
    subject: (f) => `Gracias por la entrevista – ${f.role}`,
    openings: [
      (f) => `Muchas gracias por dedicarme su tiempo ${el(f)} para hablar sobre el puesto de ${f.role}.`,
      (f) => `Gracias por nuestra conversación ${del(f)} sobre el puesto de ${f.role}${at(f.company)}.`,
      (f) => `Le agradezco la oportunidad de conversar con usted ${el(f)} sobre el puesto de ${f.role}.`,
    ],
    interests: [
      () => "Aunque he retirado mi candidatura, me gustó mucho conocer a su equipo y su trabajo.",
      (f) => `He decidido retirar mi candidatura, pero valoré mucho conocer mejor ${f.company ?? "a su equipo"}.`,
      () => "Aunque me he retirado del proceso, aprecié mucho la franqueza de nuestra conversación.",
    ],
    questions: STAY_IN_TOUCH,
  },

  conversation: {
    subject: (f) => `Su mensaje sobre el puesto de ${f.role}`,
    openings: [
      (f) => `Gracias por su mensaje sobre el puesto de ${f.role}${at(f.company)}.`,
      (f) => `Gracias por ponerse en contacto conmigo sobre el puesto de ${f.role}.`,
      (f) => `Le agradezco que me escribiera sobre el puesto de ${f.role}.`,
    ],
    interests: [
      () => "Me gustaría saber más y contarle sobre mi experiencia.",
      () => "El puesto parece encajar bien con mi trayectoria, y me gustaría conversar al respecto.",
      (f) => `Me gustaría saber más sobre el puesto y sobre ${companyOrTeam(f.company)}.`,
    ],
    questions: [
      () => "¿Podría contarme más sobre los próximos pasos?",
      () => "¿Cuál sería un buen siguiente paso por su parte?",
      () => "¿Quiere que le envíe mi CV o algún otro dato?",
    ],
  },

  offerElsewhere: {
    subject: (f) => `Novedad sobre mi candidatura – ${f.role}`,
    openings: [
      (f) => `Quería informarle de que he recibido una oferta de otra empresa, sobre la que debo responder antes del ${f.deadline}.`,
      (f) => `Desde nuestra conversación he recibido otra oferta y me han pedido una respuesta antes del ${f.deadline}.`,
      (f) => `Una breve novedad por mi parte: tengo otra oferta de empleo, con respuesta prevista para el ${f.deadline}.`,
    ],
    interests: [
      (f) => `El puesto de ${f.role}${at(f.company)} sigue siendo mi primera opción, por eso quería comunicárselo antes de decidir.`,
      (f) => `Sin duda, preferiría incorporarme a ${companyOrTeam(f.company)} en el puesto de ${f.role}; por eso quería contárselo antes de tomar una decisión.`,
      (f) => `Como el puesto de ${f.role} es el que más me ilusiona, quería comunicárselo a usted primero.`,
    ],
    questions: [
      () => "¿Sería posible conocer antes de esa fecha en qué punto está su proceso?",
      () => "¿Habría alguna posibilidad de tener noticias sobre sus plazos antes de esa fecha?",
      () => "¿Podría indicarme si sería posible una decisión por su parte para entonces?",
    ],
  },

  newInformation: {
    subject: (f) => `Novedad sobre mi candidatura – ${f.role}`,
    openings: [
      (f) => `Desde nuestra conversación ${del(f)} sobre el puesto de ${f.role}, hay una novedad que me gustaría compartir con usted:`,
      (f) => `Me pareció útil compartir con usted una breve novedad relacionada con el puesto de ${f.role}, del que hablamos ${el(f)}:`,
      (f) => `Me gustaría añadir algo nuevo a nuestra conversación ${del(f)} sobre el puesto de ${f.role}:`,
    ],
    openingsWithoutDate: [
      (f) => `Desde que presenté mi candidatura para el puesto de ${f.role}, hay una novedad que me gustaría compartir con usted:`,
      (f) => `Me pareció útil compartir con usted una breve novedad relacionada con el puesto de ${f.role}:`,
      (f) => `Me gustaría añadir algo nuevo a mi candidatura para el puesto de ${f.role}:`,
    ],
    interests: [
      () => "El puesto me sigue interesando mucho y tengo la certeza de que podría aportar al equipo.",
      () => "Este puesto sigue siendo una prioridad para mí, y creo que esto refuerza aún más mi encaje.",
      (f) => `Me sigue ilusionando mucho la posibilidad de incorporarme a ${companyOrTeam(f.company)}.`,
    ],
    questions: [
      () => "¿Le resultaría útil que le contara más al respecto?",
      () => "¿Hay algo más que pueda ayudarle en su decisión?",
      () => "¿Podría indicarme cuáles son los próximos pasos del proceso?",
    ],
  },
};
