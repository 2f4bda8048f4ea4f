import { describe, expect, it } from "vitest";
import { getDraftPhrases } from "../../../src/core/follow-ups/phrases.ts";
import { readsMonthFirst } from "../../../src/core/follow-ups/phrases/en.ts";
import { dayDistance, type DraftLanguage, type Line, type PhraseFacts } from "../../../src/core/follow-ups/phrases/types.ts";
import { type DraftKind, type DraftRequest, draftFollowUp, PLACEHOLDERS } from "../../../src/core/follow-ups/drafts.ts";
import { draftRequest } from "../../helpers/draft-request.ts";

const LANGUAGES: readonly DraftLanguage[] = ["en", "de", "fr", "es"];
const NBSP = "\u00a0";
const en = getDraftPhrases("en");
const de = getDraftPhrases("de");
const fr = getDraftPhrases("fr");
const es = getDraftPhrases("es");

function facts(overrides: Partial<PhraseFacts> = {}): PhraseFacts {
  return { role: "Data Analyst", company: "Corvid Labs", date: "Friday, 13 March", deadline: "Friday, 20 March", interviewers: null, ...overrides };
}

/** Every line of every kind of a language, rendered with `f`. */
function allLines(language: DraftLanguage, f: PhraseFacts): string[] {
  const texts: string[] = [];
  for (const value of Object.values(getDraftPhrases(language))) {
    if (typeof value !== "object" || Array.isArray(value)) continue;
    for (const slot of Object.values(value as Record<string, Line | readonly Line[]>)) {
      for (const line of Array.isArray(slot) ? slot : [slot]) texts.push((line as Line)(f));
    }
  }
  return texts;
}

describe("C9: greetings by how the person signed, at the register of their mail", () => {
  it("EN: 'Dear Dana,' when she signed 'Dana', never 'Dear Dana Whitfield,'", () => {
    expect(en.greeting("Dana Whitfield", { signedAs: "Dana" })).toBe("Dear Dana,");
    expect(en.greeting("Dana Whitfield", { signedAs: "Dana", formality: "informal" })).toBe("Hi Dana,");
    expect(en.greeting("Dana Whitfield", { formality: "informal" })).toBe("Hi Dana,");
    expect(en.greeting("Dana Whitfield", { formality: "formal", title: "ms" })).toBe("Dear Ms Whitfield,");
    expect(en.greeting("Dana Whitfield", { formality: "formal", title: "ms", northAmerican: true })).toBe("Dear Ms. Whitfield,");
    // Only the header's full name is known: no guessing.
    expect(en.greeting("Dana Whitfield")).toBe("Dear Dana Whitfield,");
    expect(en.greeting(null)).toBe("Hello,");
  });

  it("DE: a formal mail ('Sehr geehrte Frau Okonkwo') gets 'Sehr geehrte Frau Vogel, … Mit freundlichen Grüßen'", () => {
    expect(de.greeting("Katrin Vogel", { formality: "formal", title: "ms" })).toBe("Sehr geehrte Frau Vogel,");
    expect(de.greeting("Jan von Berg", { formality: "formal", title: "mr", familyName: "von Berg" })).toBe("Sehr geehrter Herr von Berg,");
    expect(de.signOffsFor("formal")).toEqual(["Mit freundlichen Grüßen"]);
    // Without a known title the neutral form, still at the formal register.
    expect(de.greeting("Katrin Vogel", { formality: "formal" })).toBe("Guten Tag Katrin Vogel,");
    expect(de.greeting("Katrin Vogel", { formality: "polite", title: "ms" })).toBe("Hallo Frau Vogel,");
    expect(de.signOffsFor("polite")).toContain("Viele Grüße");
    expect(de.signOffsFor("polite")).not.toContain("Mit freundlichen Grüßen");
    expect(de.greeting("Katrin Vogel", { formality: "informal" })).toBe("Hallo Katrin,");
    expect(de.greeting("Katrin Vogel", { signedAs: "Katrin" })).toBe("Hallo Katrin,");
    expect(de.greeting(null, { formality: "formal" })).toBe("Sehr geehrte Damen und Herren,");
    // An application's register is formal unless the reader's mail says otherwise.
    expect(de.signOffsFor(null)).toEqual(["Mit freundlichen Grüßen"]);
  });

  it("DE: the reported draft reads 'Sehr geehrte Frau Vogel, … Mit freundlichen Grüßen'", () => {
    for (const seed of ["a", "b", "c", "d", "e"]) {
      const draft = draftFollowUp(request({ language: "de", seed, recipientName: "Katrin Vogel", addressing: { formality: "formal", title: "ms" } }));
      expect(draft.body.startsWith("Sehr geehrte Frau Vogel,\n\n")).toBe(true);
      expect(draft.body).toContain("\n\nMit freundlichen Grüßen\nAlex Moreau");
      expect(draft.body).not.toContain("Viele Grüße");
    }
  });

  it("FR: 'Madame,' for a formal mail, 'Bonjour Madame Vogel,' otherwise, first name when they used one", () => {
    expect(fr.greeting("Katrin Vogel", { formality: "formal", title: "ms" })).toBe("Madame,");
    expect(fr.greeting("Paul Martin", { formality: "formal", title: "mr" })).toBe("Monsieur,");
    expect(fr.greeting("Katrin Vogel", { title: "ms" })).toBe("Bonjour Madame Vogel,");
    expect(fr.greeting("Katrin Vogel", { formality: "informal" })).toBe("Bonjour Katrin,");
    expect(fr.greeting("Katrin Vogel", { signedAs: "Katrin" })).toBe("Bonjour Katrin,");
    expect(fr.greeting(null, { formality: "formal" })).toBe("Madame, Monsieur,");
    expect(fr.signOffsFor("formal")).toEqual(["Bien cordialement,", "Cordialement,"]);
  });

  it("ES: 'Estimada Sra. Vogel:' when the title is known, 'Hola, Katrin:' by first name", () => {
    expect(es.greeting("Katrin Vogel", { formality: "formal", title: "ms" })).toBe("Estimada Sra. Vogel:");
    expect(es.greeting("María García López", { title: "ms" })).toBe("Estimada Sra. García López:");
    expect(es.greeting("Katrin Vogel", { formality: "informal" })).toBe("Hola, Katrin:");
    expect(es.greeting("Dana Whitfield", { signedAs: "Dana" })).toBe("Buenos días, Dana:");
    expect(es.signOffsFor("formal")).toContain("Atentamente,");
    expect(es.signOffsFor(null)).toContain("Un cordial saludo,");
  });
});

describe("C2: dates as the reader writes them, and said as a native writer would when close", () => {
  it("formats the full date in each language, month first for North American readers", () => {
    expect(en.formatDate("2026-03-13")).toBe("Friday, 13 March");
    expect(en.formatDate("2026-03-13", { monthFirst: true })).toBe("Friday, March 13");
    expect(de.formatDate("2026-03-13")).toBe("Freitag, 13. März");
    expect(fr.formatDate("2026-03-13")).toBe("vendredi 13 mars");
    expect(fr.formatDate("2026-05-01")).toBe("vendredi 1er mai");
    expect(es.formatDate("2026-03-13")).toBe("viernes 13 de marzo");
  });

  it("reads the reader's date order from their country, else their zone", () => {
    expect(readsMonthFirst("US", null)).toBe(true);
    expect(readsMonthFirst(null, "America/New_York")).toBe(true);
    expect(readsMonthFirst(null, "America/Indiana/Indianapolis")).toBe(true);
    expect(readsMonthFirst(null, "America/Toronto")).toBe(true);
    expect(readsMonthFirst(null, "Europe/London")).toBe(false);
    expect(readsMonthFirst(null, "America/Mexico_City")).toBe(false);
    expect(readsMonthFirst("GB", "America/New_York")).toBe(false);
    expect(readsMonthFirst(null, null)).toBe(false);
  });

  it("a US reader gets month-first dates in the draft, the deadline too", () => {
    const draft = draftFollowUp(request({ kind: "offer_elsewhere", readerTimeZone: "America/New_York" }));
    expect(draft.body).toContain("Friday, March 20");
    const thanks = draftFollowUp(request({ readerCountry: "US" }));
    expect(thanks.body).toContain("Tuesday, March 10");
    expect(thanks.body).not.toContain("10 March");
  });

  it("dayDistance: today, yesterday, within the week, earlier", () => {
    expect(dayDistance("2026-03-13", "2026-03-13")).toBe("today");
    expect(dayDistance("2026-03-13", "2026-03-14")).toBe("yesterday");
    expect(dayDistance("2026-03-13", "2026-03-16")).toBe("this_week");
    expect(dayDistance("2026-03-13", "2026-03-20")).toBe("earlier");
    expect(dayDistance("2026-03-13", "2026-03-12")).toBe("earlier");
    expect(dayDistance("2026-03-13", null)).toBe("earlier");
    expect(dayDistance(null, "2026-03-13")).toBe("earlier");
  });

  it("a same-day thank-you says 'today', not 'on Friday, 13 March'", () => {
    expect(en.thankYou.openings[0]?.(facts({ role: "Customer Success Manager", dateIs: "today" }))).toBe(
      "Thank you for taking the time to speak with me today about the Customer Success Manager position.",
    );
    for (const seed of ["a", "b", "c", "d", "e", "f"]) {
      const draft = draftFollowUp(request({ seed, date: "2026-03-13", sendDay: "2026-03-13" }));
      expect(draft.body).toMatch(/\btoday\b/);
      expect(draft.body).not.toContain("13 March");
      expect(draft.body).not.toContain("on today");
    }
  });

  it("the next morning says 'yesterday' in each language, with the right grammar", () => {
    const y = facts({ dateIs: "yesterday" });
    expect(en.thankYou.openings[1]?.(y)).toBe("Thank you for our conversation yesterday about the Data Analyst role at Corvid Labs.");
    expect(de.thankYou.openings[0]?.(y)).toBe("vielen Dank, dass Sie sich gestern Zeit für das Gespräch über die Position „Data Analyst“ genommen haben.");
    expect(de.thankYou.openings[1]?.(y)).toBe("herzlichen Dank für unser gestriges Gespräch über die Position „Data Analyst“ bei Corvid Labs.");
    expect(fr.thankYou.openings[1]?.(y)).toBe(`Merci pour notre échange d'hier concernant le poste «${NBSP}Data Analyst${NBSP}» chez Corvid Labs.`);
    expect(es.thankYou.openings[1]?.(y)).toBe("Gracias por nuestra conversación de ayer sobre el puesto de Data Analyst en Corvid Labs.");
    const t = facts({ dateIs: "today" });
    expect(de.thankYou.openings[1]?.(t)).toBe("herzlichen Dank für unser heutiges Gespräch über die Position „Data Analyst“ bei Corvid Labs.");
    expect(fr.thankYou.openings[0]?.(t)).toBe(`Merci d'avoir pris le temps d'échanger avec moi aujourd'hui au sujet du poste «${NBSP}Data Analyst${NBSP}».`);
    expect(es.thankYou.openings[0]?.(t)).toBe("Muchas gracias por dedicarme su tiempo hoy para hablar sobre el puesto de Data Analyst.");
  });

  it("a Friday interview thanked on Monday names the weekday alone", () => {
    const draft = draftFollowUp(request({ seed: "a", date: "2026-03-13", sendDay: "2026-03-16" }));
    expect(draft.body).toMatch(/\bFriday\b/);
    expect(draft.body).not.toContain("13 March");
    const w = facts({ date: "vendredi", dateIs: "this_week" });
    expect(fr.thankYou.openings[1]?.(w)).toBe(`Merci pour notre échange de vendredi concernant le poste «${NBSP}Data Analyst${NBSP}» chez Corvid Labs.`);
    expect(fr.thankYou.openings[0]?.(w)).toBe(`Merci d'avoir pris le temps d'échanger avec moi vendredi au sujet du poste «${NBSP}Data Analyst${NBSP}».`);
    expect(de.thankYou.openings[1]?.(facts({ date: "Freitag", dateIs: "this_week" }))).toBe(
      "herzlichen Dank für unser Gespräch am Freitag über die Position „Data Analyst“ bei Corvid Labs.",
    );
    expect(es.thankYou.openings[1]?.(facts({ date: "viernes", dateIs: "this_week" }))).toBe(
      "Gracias por nuestra conversación del viernes sobre el puesto de Data Analyst en Corvid Labs.",
    );
  });

  it("no relative word is ever glued to a preposition ('on today', 'am heute', 'le hier', 'el hoy')", () => {
    for (const language of LANGUAGES) {
      for (const dateIs of ["today", "yesterday"] as const) {
        for (const text of allLines(language, facts({ dateIs }))) {
          expect(text).not.toMatch(/\bon (?:today|yesterday)\b|\bam (?:heute|gestern)\b|\b(?:le|du) (?:aujourd|hier)|\bdel? (?:hoy|ayer)\b(?<!de hoy|de ayer)/);
        }
      }
    }
  });
});

describe("native phrasing: the reported cases", () => {
  it("subjects are clean", () => {
    expect(en.thankYou.subject(facts({ role: "Customer Success Manager" }))).toBe("Thank you – Customer Success Manager interview");
    expect(draftFollowUp(request({ role: "Customer Success Manager", originalSubject: null })).subject).toBe("Thank you – Customer Success Manager interview");
  });

  it("DE: a status check never 'meldet sich zu' the interview (that reads as signing up for it)", () => {
    const texts = allLines("de", facts({ date: "Freitag, 13. März" }));
    for (const text of texts) expect(text).not.toMatch(/melde(?:n)? mich (?:kurz )?zu|mich kurz zu.*melden|mich kurz zur/);
    expect(de.statusCheck.openings[1]?.(facts({ date: "Freitag, 13. März" }))).toBe(
      "gern komme ich auf mein Vorstellungsgespräch am Freitag, 13. März für die Position „Data Analyst“ zurück.",
    );
  });

  it("DE: a company with a feminine legal form takes its article, and no phrase needs the company's gender otherwise", () => {
    const f = facts({ company: "Lindenhof Software GmbH", date: "Freitag, 13. März" });
    expect(de.thankYou.openings[1]?.(f)).toBe("herzlichen Dank für unser Gespräch am Freitag, 13. März über die Position „Data Analyst“ bei der Lindenhof Software GmbH.");
    expect(de.offerElsewhere.interests[1]?.(f)).toBe(
      "Ich würde sehr viel lieber bei der Lindenhof Software GmbH als „Data Analyst“ anfangen und wollte Ihnen das deshalb vor meiner Entscheidung sagen.",
    );
    expect(de.thankYou.openings[1]?.(facts({ company: "Brightline Labs" }))).toContain("bei Brightline Labs.");
    for (const text of allLines("de", f)) {
      expect(text).not.toMatch(/\b(?:an|über|in|für|zu) Lindenhof|\bbei Lindenhof|\bzu die\b|(?<!der |bei der )Lindenhof Software GmbH (?!mitzuarbeiten|mitarbeiten|arbeiten|anfangen|ist|beworben)/);
    }
  });

  it("ES: 'Preferiría con mucho' is gone", () => {
    for (const text of allLines("es", facts())) expect(text).not.toContain("con mucho");
    expect(es.offerElsewhere.interests[1]?.(facts())).toBe(
      "Sin duda, preferiría incorporarme a Corvid Labs en el puesto de Data Analyst; por eso quería contárselo antes de tomar una decisión.",
    );
  });

  it("FR and ES never make a word agree with the writer's gender", () => {
    const agreeing = /\b(?:ravie?|heureuse?|intéressée?|convaincue?|motivée|désolée?|enchantée?|interesad[oa]|encantad[oa]|agradecid[oa]|convencid[oa]|ilusionad[oa]|content[oa])\b/i;
    for (const language of ["fr", "es"] as const) {
      const phrases = getDraftPhrases(language);
      const texts = [...allLines(language, facts()), ...allLines(language, facts({ company: null })), ...phrases.signOffs];
      for (const text of texts) expect(text, text).not.toMatch(agreeing);
    }
  });

  it("R9 after silence never withdraws ('close the loop', 'abrunden', 'cerrar')", () => {
    for (const language of LANGUAGES) {
      for (const text of allLines(language, facts())) expect(text).not.toMatch(/close the loop|abrunden|cerrar nuestra conversación|clore/i);
    }
  });
});

describe("C6: a status check has an optional slot for something new, listed like other placeholders", () => {
  it.each(LANGUAGES)("(%s)", (language) => {
    for (const seed of ["a", "b", "c", "d"]) {
      const draft = draftFollowUp(request({ kind: "status_check", language, seed }));
      expect(draft.placeholders).toContain(PLACEHOLDERS.addition);
      expect(draft.verdict).toBe("needs_input");
      const lead = new RegExp(`[:：]${language === "fr" ? "" : ""}\\s${escape(PLACEHOLDERS.addition)}`);
      expect(draft.body).toMatch(lead);
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function request(overrides: Partial<DraftRequest> & { kind?: DraftKind } = {}): DraftRequest {
  return draftRequest({ update: null, ...overrides });
}
