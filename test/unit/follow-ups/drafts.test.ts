import { describe, expect, it } from "vitest";
import { getDraftPhrases } from "../../../src/core/follow-ups/phrases.ts";
import type { DraftLanguage, Line, PhraseFacts } from "../../../src/core/follow-ups/phrases/types.ts";
import { DRAFT_KINDS, type DraftKind, type DraftRequest, draftFollowUp, PLACEHOLDERS, pickNote } from "../../../src/core/follow-ups/drafts.ts";
import { checkTone } from "../../../src/core/follow-ups/tone-check.ts";

const LANGUAGES: readonly DraftLanguage[] = ["en", "de", "fr", "es"];
const SEEDS = Array.from({ length: 40 }, (_, i) => `R1:interview:${i}:to:someone@corvid.example`);
const ALL_PLACEHOLDERS = Object.values(PLACEHOLDERS);
/** The date the draft names, per language, for 10 March 2026. */
const TUESDAY_10_MARCH: Record<DraftLanguage, string> = {
  en: "Tuesday, 10 March",
  de: "Dienstag, 10. März",
  fr: "mardi 10 mars",
  es: "martes 10 de marzo",
};

describe("draftFollowUp", () => {
  it("C3: uses the user's own note as the concrete point, verbatim", () => {
    const draft = draftFollowUp(request({ note: "Their plan to move the warehouse robots onto one fleet manager" }));
    expect(draft.body).toContain("Their plan to move the warehouse robots onto one fleet manager.");
    expect(draft.placeholders).toEqual([]);
    expect(draft.verdict).toBe("ready");
  });

  it("C3: leaves a listed placeholder instead of inventing a point when there is no note", () => {
    const draft = draftFollowUp(request({ note: null }));
    expect(draft.body).toContain(PLACEHOLDERS.point);
    expect(draft.placeholders).toEqual([PLACEHOLDERS.point]);
    expect(draft.verdict).toBe("needs_input");
  });

  it("C3: does not quote a note that would fail the tone check", () => {
    const draft = draftFollowUp(request({ note: "I need an answer today" }));
    expect(draft.body).not.toContain("answer today");
    expect(draft.placeholders).toEqual([PLACEHOLDERS.point]);
  });

  it("C3: picks the newest note that is not a directive and is short enough to quote", () => {
    expect(pickNote(["liked their on-call rota", "timeline: 2 weeks"])).toBe("liked their on-call rota");
    expect(pickNote(["their roadmap for payments", "  the  second  point  "])).toBe("the second point");
    expect(pickNote(["their roadmap for payments", "too short"])).toBe("their roadmap for payments");
    expect(pickNote(["x".repeat(400)])).toBeNull();
    expect(pickNote([])).toBeNull();
  });

  it("C3: never quotes a note about the forward itself or a reminder to self", () => {
    for (const note of ["Moved again.", "Forwarded as an attachment", "Weitergeleitet als Anhang.", "calendar invite attached below", "Te reenvío el correo y adjunto la invitación", "Nächste Woche Donnerstag! Bitte merken."]) {
      expect(pickNote([note]), note).toBeNull();
    }
  });

  it.each(LANGUAGES)("C2: names the position in every draft, and the interview date wherever one applies (%s)", (language) => {
    // R5 checks have no interview, and the date of the application itself is not known for sure.
    const undated: readonly DraftKind[] = ["offer_elsewhere", "last_note_after_hire", "application_check", "application_second_check"];
    for (const kind of DRAFT_KINDS) {
      for (const seed of SEEDS) {
        const draft = draftFollowUp(request({ kind, language, seed }));
        expect(draft.body, `${kind}/${seed}`).toContain("Data Analyst");
        if (!undated.includes(kind)) expect(draft.body, `${kind}/${seed}`).toContain(TUESDAY_10_MARCH[language]);
      }
    }
  });

  it("C2: marks an unknown position title as a placeholder, in the subject too", () => {
    const draft = draftFollowUp(request({ kind: "status_check", role: null, originalSubject: null }));
    expect(draft.body).toContain(PLACEHOLDERS.role);
    expect(draft.subject).toBe(`Following up – ${PLACEHOLDERS.role}`);
    expect(draft.placeholders).toEqual([PLACEHOLDERS.role]);
  });

  it.each(LANGUAGES)("C1: at most two short paragraphs, and a second follow-up shorter than the first (%s)", (language) => {
    for (const seed of SEEDS) {
      const first = draftFollowUp(request({ kind: "status_check", language, seed }));
      const second = draftFollowUp(request({ kind: "second_follow_up", language, seed }));
      expect(paragraphs(first.body)).toHaveLength(2);
      expect(paragraphs(second.body)).toHaveLength(1);
      expect(words(second.body)).toBeLessThan(words(first.body));
    }
  });

  it("R6: never mentions that the first follow-up went unanswered", () => {
    for (const language of LANGUAGES) {
      for (const seed of SEEDS) {
        const body = draftFollowUp(request({ kind: "second_follow_up", language, seed })).body;
        expect(body).not.toMatch(/unanswered|no (reply|response)|again|unbeantwortet|keine Antwort|sans réponse|de nouveau|sin respuesta|de nuevo/i);
      }
    }
  });

  it("C5: ends the body with a question before the sign-off", () => {
    for (const kind of DRAFT_KINDS) {
      for (const language of LANGUAGES) {
        const body = draftFollowUp(request({ kind, language })).body;
        expect(paragraphs(body).at(-1), `${kind}/${language}`).toMatch(/\?$/);
      }
    }
  });

  it("C9: greets the person by name, and neutrally when the name is unknown or is an address", () => {
    expect(draftFollowUp(request({ recipientName: "Mara Olsen" })).body.startsWith("Dear Mara Olsen,\n\n")).toBe(true);
    expect(draftFollowUp(request({ recipientName: null })).body.startsWith("Hello,\n\n")).toBe(true);
    expect(draftFollowUp(request({ recipientName: "recruiting@corvid.example" })).body.startsWith("Hello,\n\n")).toBe(true);
    expect(draftFollowUp(request({ language: "de", recipientName: "Mara Olsen" })).body.startsWith("Guten Tag Mara Olsen,\n\n")).toBe(true);
    expect(draftFollowUp(request({ language: "de", recipientName: null })).body.startsWith("Guten Tag,\n\n")).toBe(true);
    expect(draftFollowUp(request({ language: "es", recipientName: "Mara Olsen" })).body.startsWith("Buenos días, Mara Olsen:\n\n")).toBe(true);
  });

  it("C8: never suggests a call when the posting asked for none", () => {
    const mentionsCall = /\b(call|phone)\b|Telefonat|appel|llamada/i;
    const offered = new Set<boolean>();
    for (const language of LANGUAGES) {
      for (const seed of SEEDS) {
        expect(draftFollowUp(request({ kind: "status_check", language, seed, noCalls: true })).body).not.toMatch(mentionsCall);
        offered.add(mentionsCall.test(draftFollowUp(request({ kind: "status_check", language, seed, noCalls: false })).body));
      }
    }
    // Without the restriction a call is sometimes offered, so the test above can fail.
    expect(offered).toEqual(new Set([true, false]));
  });

  it("drafts in German, French or Spanish when the employer wrote in it, and in English otherwise", () => {
    expect(draftFollowUp(request({ language: "de" })).language).toBe("de");
    expect(draftFollowUp(request({ language: "fr" })).language).toBe("fr");
    expect(draftFollowUp(request({ language: "es" })).language).toBe("es");
    for (const language of ["nl", "pt", "other"] as const) {
      const draft = draftFollowUp(request({ language }));
      expect(draft.language).toBe("en");
      expect(draft.body).toContain("Tuesday, 10 March");
    }
  });

  it("varies the phrasing between follow-ups but repeats it for the same one", () => {
    for (const kind of DRAFT_KINDS) {
      for (const language of LANGUAGES) {
        const bodies = new Set(SEEDS.map((seed) => draftFollowUp(request({ kind, language, seed })).body));
        expect(bodies.size, `${kind}/${language}`).toBeGreaterThanOrEqual(3);
      }
    }
    expect(draftFollowUp(request({ seed: "same" }))).toEqual(draftFollowUp(request({ seed: "same" })));
  });

  it("answers in the thread with one 'Re:' and no header-breaking line breaks", () => {
    expect(draftFollowUp(request({ originalSubject: "AW: Re: Ihr Vorstellungsgespräch" })).subject).toBe("Re: Ihr Vorstellungsgespräch");
    expect(draftFollowUp(request({ originalSubject: "Interview\r\nBcc: x@example.com" })).subject).toBe("Re: Interview Bcc: x@example.com");
    expect(draftFollowUp(request({ originalSubject: null })).subject).toBe("Thank you – Data Analyst interview");
    expect(draftFollowUp(request({ originalSubject: null, language: "fr", kind: "status_check" })).subject).toBe("Suivi de ma candidature – Data Analyst");
  });

  it("R8: asks for feedback only when the setting is on", () => {
    const feedback = /feedback/i;
    for (const seed of SEEDS) {
      expect(draftFollowUp(request({ kind: "rejection_reply", seed, requestFeedback: true })).body).toMatch(feedback);
      expect(draftFollowUp(request({ kind: "rejection_reply", seed, requestFeedback: false })).body).not.toMatch(feedback);
    }
  });

  it("R10: names the competing offer's deadline, or asks for it", () => {
    const withDeadline = draftFollowUp(request({ kind: "offer_elsewhere", deadline: "2026-03-20" }));
    expect(withDeadline.body).toContain("Friday, 20 March");
    expect(withDeadline.verdict).toBe("ready");
    const without = draftFollowUp(request({ kind: "offer_elsewhere", deadline: null }));
    expect(without.placeholders).toEqual([PLACEHOLDERS.deadline]);
  });

  it("R10: quotes the user's update verbatim", () => {
    const draft = draftFollowUp(request({ kind: "new_information", update: "I passed the AWS Solutions Architect exam last week" }));
    expect(draft.body).toContain("I passed the AWS Solutions Architect exam last week.");
    expect(draft.verdict).toBe("ready");
  });

  it("C10: strips template-like characters from employer-given names, and does not judge their words", () => {
    const draft = draftFollowUp(request({ role: "Data Analyst {{level}}", company: "Urgent Care Partners", recipientName: "<Mara>" }));
    expect(draft.body).toContain("Data Analyst level");
    expect(draft.body).not.toMatch(/[{}<>]/);
    expect(draft.verdict).toBe("needs_input");
    expect(draft.placeholders).toEqual([PLACEHOLDERS.point]);
  });

  it("closes with the user's signature when one is set", () => {
    expect(draftFollowUp(request({ signature: "Alex Moreau" })).body).toMatch(/,\nAlex Moreau$/);
  });

  it("C7, C10: every phrasing of every language passes the tone check", () => {
    const facts: PhraseFacts = { role: "Data Analyst", company: "Corvid Labs", date: "10 March", deadline: "20 March" };
    for (const language of LANGUAGES) {
      const phrases = getDraftPhrases(language);
      const texts: string[] = [
        phrases.greeting("Mara Olsen"),
        phrases.greeting(null),
        ...phrases.signOffs,
        ...phrases.notePoints.map((point) => point("the fleet manager.")),
        ...phrases.placeholderPoints.map((point) => point(PLACEHOLDERS.point)),
      ];
      for (const value of Object.values(phrases)) {
        if (typeof value !== "object" || Array.isArray(value)) continue;
        for (const slot of Object.values(value as Record<string, Line | readonly Line[]>)) {
          for (const line of Array.isArray(slot) ? slot : [slot]) texts.push((line as Line)(facts));
          for (const line of Array.isArray(slot) ? slot : [slot]) texts.push((line as Line)({ ...facts, company: null }));
        }
      }
      expect(texts.length).toBeGreaterThan(150);
      for (const text of texts) {
        expect(checkTone(text, language, { placeholders: ALL_PLACEHOLDERS, noCalls: true }).verdict, text).not.toBe("rejected");
      }
      for (const question of phrases.callQuestions) {
        expect(checkTone(question(facts), language).verdict).toBe("ready");
      }
    }
  });
});

function paragraphs(body: string): string[] {
  // Greeting and sign-off are not paragraphs of content.
  return body.split("\n\n").slice(1, -1);
}

function words(text: string): number {
  return text.split(/\s+/).length;
}

function request(overrides: Partial<DraftRequest> & { kind?: DraftKind } = {}): DraftRequest {
  return {
    kind: "thank_you",
    language: "en",
    seed: "R1:interview:12:to:mara@corvid.example",
    recipientName: "Mara Olsen",
    role: "Data Analyst",
    company: "Corvid Labs",
    date: "2026-03-10",
    note: null,
    noCalls: false,
    originalSubject: null,
    requestFeedback: true,
    signature: null,
    deadline: "2026-03-20",
    update: "I passed the AWS Solutions Architect exam last week",
    ...overrides,
  };
}
