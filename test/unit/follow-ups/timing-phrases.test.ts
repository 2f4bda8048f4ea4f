import { describe, expect, it } from "vitest";
import { findPromisedTimeline } from "../../../src/core/understanding/timeline.ts";
import type { Language } from "../../../src/core/understanding/types.ts";

// Tuesday 10 March 2026, 09:00 in Los Angeles.
const SENT_AT = "2026-03-10T09:00:00-07:00";

function read(text: string, language: Language) {
  return findPromisedTimeline(text, { sentAt: SENT_AT, tz: "America/Los_Angeles", language });
}

describe("R2: the timelines that set the next check, in en, de, fr and es", () => {
  it.each<[Language, string]>([
    ["en", "Thank you for your time today. We will get back to you within\n5 business days, once the panel has compared notes."],
    ["de", "Vielen Dank für das angenehme Gespräch. Wir melden uns innerhalb von\n5 Werktagen bei Ihnen, sobald alle Gespräche geführt sind."],
    ["fr", "Merci pour cet échange très agréable. Nous reviendrons vers vous dans un délai\nde 5 jours ouvrés, une fois tous les entretiens terminés."],
    ["es", "Gracias por tu tiempo en la entrevista de hoy. Te contactaremos en un plazo de\n5 días hábiles, cuando terminemos todas las entrevistas."],
  ])("R2: reads a promise hard-wrapped across two lines (%s)", (language, text) => {
    expect(read(text, language)).toMatchObject({ amount: 5, unit: "business_days", by: "2026-03-17" });
  });

  it.each<[Language, string]>([
    ["en", "Thanks again for coming in. I'll get right back to you tomorrow."],
    ["de", "Danke für Ihre Zeit. Ich melde mich morgen bei Ihnen."],
    ["fr", "Merci pour votre temps. Je reviendrai vers vous demain."],
    ["es", "Gracias por tu tiempo. Te responderé mañana."],
  ])("R2: reads the employer's first person (%s)", (language, text) => {
    expect(read(text, language)).toMatchObject({ amount: 1, unit: "days", by: "2026-03-11" });
    expect(read(text, language)?.checkIn).toBeUndefined();
  });

  it.each<[Language, string]>([
    ["en", "You can follow up with me in two weeks."],
    ["de", "Sie können sich gerne in zwei Wochen bei mir melden."],
    ["fr", "N'hésitez pas à me relancer dans deux semaines."],
    ["es", "Puedes escribirme de nuevo en dos semanas."],
  ])("R11: reads an invitation to follow up after a time as the day of the next check (%s)", (language, text) => {
    expect(read(text, language)).toMatchObject({ amount: 2, unit: "weeks", by: "2026-03-24", checkIn: true });
  });

  it.each<[Language, string]>([
    ["en", "Thanks, received. Feel free to check in after March 20."],
    ["de", "Danke, ist angekommen. Melden Sie sich gerne nach dem 20. März bei mir."],
    ["fr", "Merci, bien reçu. N'hésitez pas à revenir vers moi après le 20 mars."],
    ["es", "Gracias, recibido. No dudes en contactarme después del 20 de marzo."],
  ])("R11: reads an invitation to check in after a date as the day after it (%s)", (language, text) => {
    expect(read(text, language)).toMatchObject({ amount: null, unit: null, by: "2026-03-21", checkIn: true });
  });

  it.each<[Language, string]>([
    ["en", "If you have any questions, feel free to reach out."],
    ["en", "Please get back to us within 5 days with your availability."],
    ["en", "I will be out of the office after March 20."],
    ["de", "Bei Fragen können Sie sich gerne bei mir melden."],
    ["fr", "N'hésitez pas à me contacter si vous avez des questions."],
    ["es", "No dudes en contactarme si tienes alguna pregunta."],
  ])("R2: an invitation without a time, a task for the candidate or a date after which nothing is invited sets no check (%s)", (language, text) => {
    expect(read(text, language)?.by ?? null).toBeNull();
  });
});
