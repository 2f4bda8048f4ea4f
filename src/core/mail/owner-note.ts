/**
 * The owner's note written above a forwarded block: free text minus the signature, plus
 * `key: value` hints ("role: Data Engineer", "timeline: 2 weeks", "Firma: Acme GmbH"). Keys are
 * normalised to English names in six languages; lines with other keys stay in the free text.
 * Pure.
 *
 * The note is private: the drafts quote only a line the owner marked for them with `point:`
 * (src/core/applications/notes.ts). "point" is deliberately not a hint key, so such a line stays
 * in the free text and is stored with the note, where the drafts written later (a thank-you, a
 * status check) find it; the rest of a note (reminders, questions, doubts) is never shown to an
 * employer.
 */
import type { OwnerNote } from "./forwarded-email.ts";

/** Lines a mail client appends under the owner's note; they say which app sent it, nothing more. */
const CLIENT_SIGNATURE = /^(?:sent from my\b.*|sent from (?:outlook|yahoo mail|mail for|proton).*|get outlook for (?:ios|android)\b.*|von meinem\b.*gesendet|gesendet von\b.*|envoyé de mon\b.*|envoyé depuis\b.*|enviado desde mi\b.*|enviado do meu\b.*|enviado a partir do\b.*|verzonden (?:vanaf|met) mijn\b.*|verstuurd vanaf mijn\b.*|obtenir outlook pour\b.*|outlook für (?:ios|android)\b.*)$/i;

const HINT_KEYS: Record<string, string[]> = {
  role: ["role", "position", "job", "title", "job title", "rolle", "stelle", "poste", "puesto", "functie", "função", "funcao", "cargo", "vaga"],
  company: ["company", "employer", "firm", "firma", "unternehmen", "arbeitgeber", "entreprise", "société", "societe", "empresa", "bedrijf", "werkgever"],
  timeline: ["timeline", "zeitrahmen", "délai", "delai", "plazo", "termijn", "prazo"],
  note: ["note", "notes", "notiz", "remarque", "nota", "notitie"],
  contact: ["contact", "recruiter", "kontakt", "ansprechpartner", "contacto", "contato", "contactpersoon"],
  interviewer: ["interviewer", "interviewers", "entrevistador", "intervieweur"],
  time: ["time", "when", "date", "start", "zeit", "termin", "heure", "hora", "tijd", "data"],
  zone: ["zone", "tz", "timezone", "time zone", "zeitzone", "fuseau", "fuseau horaire", "zona", "zona horaria", "tijdzone", "fuso", "fuso horário"],
  format: ["format", "formato", "type"],
  location: ["location", "address", "ort", "adresse", "lieu", "ubicación", "dirección", "locatie", "adres", "local", "morada", "endereço"],
  duration: ["duration", "dauer", "durée", "duración", "duur", "duração"],
  kind: ["kind", "status"],
};
const KEY_TO_HINT = new Map<string, string>();
for (const [hint, keys] of Object.entries(HINT_KEYS)) for (const key of keys) KEY_TO_HINT.set(key, hint);

/** Where a hint line's colon can be at the latest: a key of up to 21 letters, then spaces. */
const MAX_KEY_PREFIX_CHARS = 40;

/** Reads the note above a forward (or the whole outer text of a forward-as-attachment). */
export function readOwnerNote(text: string): OwnerNote {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  const hints: Record<string, string> = {};
  for (const raw of lines) {
    const line = raw.trim();
    // "-- " starts a signature (RFC 3676); a mobile client line is one too.
    if (line === "--" || raw === "-- ") break;
    if (CLIENT_SIGNATURE.test(line)) continue;
    // Outlook's rule above its header block.
    if (/^[_\-=]{8,}$/.test(line)) continue;
    const colon = line.indexOf(":");
    // A key is at most 21 letters: a line without an early colon holds no hint.
    const hint = colon > 0 && colon <= MAX_KEY_PREFIX_CHARS ? /^([\p{L}][\p{L} ]{0,20}?)\s*:\s*(\S.*)$/u.exec(line) : null;
    const key = hint?.[1] ? KEY_TO_HINT.get(hint[1].toLowerCase()) : undefined;
    if (key && hint?.[2] && hints[key] === undefined) {
      hints[key] = hint[2].trim();
      continue;
    }
    kept.push(line);
  }
  return { text: kept.join("\n").replace(/\n{3,}/g, "\n\n").trim(), hints };
}
