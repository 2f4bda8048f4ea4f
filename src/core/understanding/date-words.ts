/**
 * Words for months, weekdays, relative days and small numbers in the languages the assistant
 * reads (en, de, fr, es, nl, pt). Pure data plus lookups; keys are lower-case. Full month and
 * weekday names are recognised in every language (they do not collide); short month forms that
 * are also ordinary words elsewhere ("out", "set") only in their own language and English.
 *
 * The tables are Maps, not object literals: the readers look up every word of a mail, and a
 * Map lookup neither interns the word nor finds "constructor" on Object.prototype.
 */

import type { Language } from "./types.ts";

type Lexicon = Map<string, number>;

function lexicon(entries: Record<string, number>): Lexicon {
  return new Map(Object.entries(entries));
}

const MONTHS_FULL = lexicon({
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  januar: 1, jänner: 1, februar: 2, märz: 3, maerz: 3, mai: 5, juni: 6, juli: 7, oktober: 10, dezember: 12,
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
  januari: 1, februari: 2, maart: 3, mei: 5, augustus: 8,
  janeiro: 1, fevereiro: 2, março: 3, marco: 3, maio: 5, junho: 6, julho: 7, setembro: 9, outubro: 10, novembro: 11, dezembro: 12,
});

const MONTHS_SHORT: Record<Exclude<Language, "other">, Lexicon> = {
  en: lexicon({ jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 }),
  de: lexicon({ jan: 1, feb: 2, mär: 3, mrz: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, okt: 10, nov: 11, dez: 12 }),
  fr: lexicon({ janv: 1, févr: 2, fevr: 2, fév: 2, avr: 4, juil: 7, sept: 9, oct: 10, nov: 11, déc: 12 }),
  es: lexicon({ ene: 1, feb: 2, mar: 3, abr: 4, jun: 6, jul: 7, ago: 8, sep: 9, sept: 9, oct: 10, nov: 11, dic: 12 }),
  nl: lexicon({ jan: 1, feb: 2, mrt: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, okt: 10, nov: 11, dec: 12 }),
  pt: lexicon({ jan: 1, fev: 2, mar: 3, abr: 4, jun: 6, jul: 7, ago: 8, set: 9, out: 10, nov: 11, dez: 12 }),
};

/** 0 = Sunday. */
const WEEKDAYS_FULL = lexicon({
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  sonntag: 0, montag: 1, dienstag: 2, mittwoch: 3, donnerstag: 4, freitag: 5, samstag: 6, sonnabend: 6,
  dimanche: 0, lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6,
  domingo: 0, lunes: 1, martes: 2, miércoles: 3, miercoles: 3, jueves: 4, viernes: 5, sábado: 6, sabado: 6,
  zondag: 0, maandag: 1, dinsdag: 2, woensdag: 3, donderdag: 4, vrijdag: 5, zaterdag: 6,
  "segunda-feira": 1, "terça-feira": 2, "terca-feira": 2, "quarta-feira": 3, "quinta-feira": 4, "sexta-feira": 5,
});

/** Short forms, only read right before an explicit date ("Tue 3 Mar", "ma 20 apr", "terça, 5 de maio"). */
const WEEKDAYS_SHORT = lexicon({
  sun: 0, mon: 1, tue: 2, tues: 2, wed: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6,
  so: 0, mo: 1, di: 2, mi: 3, do: 4, fr: 5, sa: 6,
  dim: 0, lun: 1, mar: 2, mer: 3, jeu: 4, ven: 5, sam: 6,
  dom: 0, mié: 3, mie: 3, jue: 4, vie: 5, sáb: 6, sab: 6,
  zo: 0, ma: 1, wo: 3, vr: 5, za: 6,
  seg: 1, ter: 2, qua: 3, qui: 4, sex: 5,
  segunda: 1, terça: 2, terca: 2, quarta: 3, quinta: 4, sexta: 5,
});

/** The month a lower-case word names ("märz", "sept"), without a trailing dot. */
export function monthFromWord(word: string, language: Language): number | null {
  const full = MONTHS_FULL.get(word);
  if (full !== undefined) return full;
  const own = language === "other" ? undefined : MONTHS_SHORT[language].get(word);
  return own ?? MONTHS_SHORT.en.get(word) ?? null;
}

/** The first word of each full weekday name, as a text's words split them: "dienstag", and "terça" of "terça-feira". */
export const WEEKDAY_FIRST_WORDS = new Set([...WEEKDAYS_FULL.keys()].map((name) => name.split("-")[0] ?? name));

/** The weekday (0 = Sunday) a lower-case word names ("dienstag", "terça-feira"; "tue" when `allowShort`), without a trailing dot. */
export function weekdayFromWord(word: string, allowShort: boolean): number | null {
  const full = WEEKDAYS_FULL.get(word);
  if (full !== undefined) return full;
  return allowShort ? (WEEKDAYS_SHORT.get(word) ?? null) : null;
}

/** Relative days: word -> days after the send date. */
export const RELATIVE_DAYS = lexicon({
  today: 0, heute: 0, "aujourd'hui": 0, "aujourd’hui": 0, hoy: 0, vandaag: 0, hoje: 0,
  tomorrow: 1, morgen: 1, demain: 1, mañana: 1, amanhã: 1, amanha: 1,
  "day after tomorrow": 2, "the day after tomorrow": 2, übermorgen: 2, uebermorgen: 2, "après-demain": 2, "apres-demain": 2,
  "pasado mañana": 2, overmorgen: 2, "depois de amanhã": 2, "depois de amanha": 2,
});

/** Small numbers written as words ("within two weeks", "binnen drie werkdagen"). */
export const NUMBER_WORDS = lexicon({
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30,
  ein: 1, eine: 1, einem: 1, einer: 1, einen: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10, zwölf: 12, vierzehn: 14,
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10, quinze: 15,
  uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, quince: 15,
  één: 1, een: 1, twee: 2, drie: 3, vijf: 5, zes: 6, zeven: 7, negen: 9, tien: 10, veertien: 14,
  um: 1, uma: 1, dois: 2, duas: 2, três: 3, quatro: 4, sete: 7, oito: 8, nove: 9, dez: 10,
});
