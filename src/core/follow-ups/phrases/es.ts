/**
 * Spanish draft phrasings (see src/core/follow-ups/phrases.ts for the contract). Pure data.
 * Formal "usted"; "Buenos días, <Nombre>:" needs no gender, and no phrasing makes an
 * adjective agree with the writer ("interesado/a") or the reader ("dispuesto/a").
 */
import { toDateParts } from "../../time/business-days.ts";
import type { DraftPhrases } from "./types.ts";

const WEEKDAYS = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"];
const MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

const at = (company: string | null) => (company ? ` en ${company}` : "");
const companyOrTeam = (company: string | null) => company ?? "su equipo";
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

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
  greeting: (name) => (name ? `Buenos días, ${name}:` : "Buenos días:"),
  signOffs: ["Un cordial saludo,", "Saludos cordiales,", "Atentamente,"],
  formatDate: (day) => {
    const parts = toDateParts(day);
    return `${WEEKDAYS[parts.weekday]} ${parts.day} de ${MONTHS[parts.month - 1]}`;
  },
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
      (f) => `Muchas gracias por dedicarme su tiempo el ${f.date} para hablar sobre el puesto de ${f.role}.`,
      (f) => `Gracias por nuestra conversación del ${f.date} sobre el puesto de ${f.role}${at(f.company)}.`,
      (f) => `Le agradezco la oportunidad de conversar con usted el ${f.date} sobre el puesto de ${f.role}.`,
    ],
    interests: [
      () => "La conversación reforzó mi interés en el puesto, y tengo la certeza de que mi experiencia me permitiría aportar desde el primer día.",
      () => "Ahora el puesto me interesa todavía más, y creo que mi trayectoria encaja bien con lo que necesita el equipo.",
      (f) => `Me encantaría incorporarme a ${companyOrTeam(f.company)}, y creo que mi experiencia responde a lo que buscan.`,
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
      (f) => `Espero que se encuentre bien. Le escribo para interesarme por el puesto de ${f.role}, tras nuestra entrevista del ${f.date}.`,
      (f) => `Quería hacer un seguimiento de mi entrevista del ${f.date} para el puesto de ${f.role}.`,
      (f) => `Tras nuestra conversación del ${f.date} sobre el puesto de ${f.role}, quería preguntarle cómo avanza el proceso.`,
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
  },

  secondFollowUp: {
    subject: (f) => `Seguimiento – ${f.role}`,
    openings: [
      (f) => `Le escribo brevemente sobre el puesto de ${f.role} del que hablamos el ${f.date}.`,
      (f) => `Un breve mensaje sobre el puesto de ${f.role}, tras nuestra entrevista del ${f.date}.`,
      (f) => `Quería escribirle brevemente sobre el puesto de ${f.role} y nuestra conversación del ${f.date}.`,
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
      (f) => `Envié mi candidatura para el puesto de ${f.role} y quería confirmar que la recibieron.`,
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
      (f) => `Un breve mensaje sobre mi candidatura para el puesto de ${f.role}.`,
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
      (f) => `Muchas gracias por su mensaje y por el tiempo que usted y el equipo me dedicaron, también en nuestra conversación del ${f.date} sobre el puesto de ${f.role}.`,
      (f) => `Gracias por su respuesta y por considerar mi candidatura para el puesto de ${f.role}. Disfruté mucho de nuestra entrevista del ${f.date}.`,
      (f) => `Le agradezco la información y la oportunidad de entrevistarme el ${f.date} para el puesto de ${f.role}.`,
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
    subject: (f) => `Gracias – ${f.role}`,
    openings: [
      (f) => `Quería escribirle una breve nota para cerrar nuestra conversación sobre el puesto de ${f.role} del que hablamos el ${f.date}.`,
      (f) => `Quería agradecerle de nuevo nuestra conversación del ${f.date} sobre el puesto de ${f.role}.`,
      (f) => `Entiendo que las prioridades pueden cambiar, así que le escribo una breve nota sobre el puesto de ${f.role} del que hablamos el ${f.date}.`,
    ],
    interests: DOOR_OPEN,
    questions: STAY_IN_TOUCH,
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
      (f) => `Preferiría con mucho incorporarme a ${companyOrTeam(f.company)} en el puesto de ${f.role}, y por eso quería contárselo antes de tomar una decisión.`,
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
      (f) => `Desde nuestra conversación del ${f.date} sobre el puesto de ${f.role}, hay una novedad que me gustaría compartir con usted:`,
      (f) => `Me pareció útil compartir con usted una breve novedad relacionada con el puesto de ${f.role}, del que hablamos el ${f.date}:`,
      (f) => `Hay un nuevo elemento que me gustaría añadir a nuestra conversación del ${f.date} sobre el puesto de ${f.role}:`,
    ],
    openingsWithoutDate: [
      (f) => `Desde que presenté mi candidatura para el puesto de ${f.role}, hay una novedad que me gustaría compartir con usted:`,
      (f) => `Me pareció útil compartir con usted una breve novedad relacionada con el puesto de ${f.role}:`,
      (f) => `Hay un nuevo elemento que me gustaría añadir a mi candidatura para el puesto de ${f.role}:`,
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
