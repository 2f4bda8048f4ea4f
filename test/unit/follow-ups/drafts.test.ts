import { describe, expect, it } from "vitest";
import { getDraftPhrases } from "../../../src/core/follow-ups/phrases.ts";
import type { DraftLanguage, Line, PhraseFacts } from "../../../src/core/follow-ups/phrases/types.ts";
import { DRAFT_KINDS, type DraftKind, type DraftRequest, draftFollowUp, PLACEHOLDERS, pickPoint } from "../../../src/core/follow-ups/drafts.ts";
import { checkTone } from "../../../src/core/follow-ups/tone-check.ts";
import { draftRequest } from "../../helpers/draft-request.ts";

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
  it("C3: uses the point the user marked, verbatim", () => {
    const draft = draftFollowUp(request({ point: "Their plan to move the warehouse robots onto one fleet manager" }));
    expect(draft.body).toContain("Their plan to move the warehouse robots onto one fleet manager.");
    expect(draft.placeholders).toEqual([]);
    expect(draft.verdict).toBe("ready");
  });

  it("C3: leaves a listed placeholder instead of inventing a point when none was marked", () => {
    const draft = draftFollowUp(request({ point: null }));
    expect(draft.body).toContain(PLACEHOLDERS.point);
    expect(draft.placeholders).toEqual([PLACEHOLDERS.point]);
    expect(draft.verdict).toBe("needs_input");
  });

  it("C3: does not quote a point that would fail the tone check", () => {
    const draft = draftFollowUp(request({ point: "I need an answer today" }));
    expect(draft.body).not.toContain("answer today");
    expect(draft.placeholders).toEqual([PLACEHOLDERS.point]);
  });

  it("C3: a note is private: only the newest line marked `point:` is picked", () => {
    const notes = [
      "point: their on-call rota\nSalary seems low and the CTO was rude, not sure I want this.",
      "Can you remind me the day before?\nPoint:  the fleet manager roadmap ",
      "timeline: 2 weeks",
    ];
    expect(pickPoint(notes)).toBe("the fleet manager roadmap");
    expect(pickPoint(["Salary seems low and the CTO was rude, not sure I want this.", "Can you remind me the day before?"])).toBeNull();
    expect(pickPoint(["Their field robots stream telemetry over flaky LTE; ask Dev how they buffer it."])).toBeNull();
    expect(pickPoint([])).toBeNull();
  });

  it("C10: a draft without a signature lists one to fill in and is not ready", () => {
    const draft = draftFollowUp(request({ point: "their roadmap", signature: null }));
    expect(draft.body).toMatch(/,\n\[YOUR NAME\]$/);
    expect(draft.placeholders).toEqual([PLACEHOLDERS.signature]);
    expect(draft.verdict).toBe("needs_input");
  });

  it("C10: a draft without a recipient is not ready, however complete its text", () => {
    const draft = draftFollowUp(request({ point: "their roadmap", recipientName: null, recipientEmail: null }));
    expect(draft.placeholders).toEqual([]);
    expect(draft.verdict).toBe("needs_input");
  });

  it("C9: greets a team mailbox as a team, in the draft's language", () => {
    const team = { recipientName: null, recipientEmail: "personal@pp-group.example" };
    expect(draftFollowUp(request({ ...team, kind: "rejection_reply" })).body).toMatch(/^Dear Hiring Team,\n/);
    expect(draftFollowUp(request({ ...team, kind: "rejection_reply", language: "de" })).body).toMatch(/^Sehr geehrte Damen und Herren,\n/);
    expect(draftFollowUp(request({ recipientName: null, recipientEmail: "jo.park@corvid.example" })).body).toMatch(/^Hello,\n/);
  });

  it.each(LANGUAGES)("C9: a thank-you through the coordinator names the interviewers and asks to pass it on or for an address (%s)", (language) => {
    const draft = draftFollowUp(request({ kind: "thank_you_via_coordinator", language, interviewerNames: ["Sam Ortiz", "Priya Rao"] }));
    expect(draft.body).toContain("Sam Ortiz");
    expect(draft.body).toContain("Priya Rao");
    expect(draft.body).toMatch(/e-?mail|address|adresse|dirección|erreiche|joindre|contactarles/i);
    expect(draft.verdict).toBe("ready");
  });

  it.each(LANGUAGES)("C3: a thank-you through the coordinator recalls the marked point, and needs none (%s)", (language) => {
    const point = "how the routing service keeps working when a region fails";
    const withPoint = draftFollowUp(request({ kind: "thank_you_via_coordinator", language, interviewerNames: ["Sam Ortiz"], point }));
    expect(withPoint.body).toContain(point);
    const without = draftFollowUp(request({ kind: "thank_you_via_coordinator", language, interviewerNames: ["Sam Ortiz"], point: null }));
    expect(without.placeholders).toEqual([]);
    expect(without.verdict).toBe("ready");
  });

  it("C2: a thank-you has its own clean subject, never a calendar title or a reply subject", () => {
    const calendar = "Re: Invitation: Interview – Brightline Labs @ Tue Apr 28, 2026 11am - 11:45am (EDT) (dana@brightline.example)";
    expect(draftFollowUp(request({ role: "Customer Success Manager", originalSubject: calendar })).subject).toBe("Thank you – Customer Success Manager interview");
    expect(draftFollowUp(request({ kind: "status_check", originalSubject: calendar })).subject).toBe("Following up – Data Analyst");
    expect(draftFollowUp(request({ kind: "status_check", originalSubject: "Next steps" })).subject).toBe("Re: Next steps");
  });

  it("C9: an employer who wrote first gets an answer to their message, never a claim of an application", () => {
    for (const kind of ["application_check", "application_second_check"] as const) {
      for (const seed of SEEDS) {
        const draft = draftFollowUp(request({ kind, seed, employerWroteFirst: true }));
        expect(draft.body, seed).not.toMatch(/appl(?:y|ied|ication)|arrived/i);
        expect(draft.body, seed).toMatch(/Thank you for (?:your message|getting in touch|contacting me)/);
      }
    }
  });

  it("C9: a check on an application never claims to confirm that it arrived", () => {
    for (const language of LANGUAGES) {
      for (const seed of SEEDS) {
        const body = draftFollowUp(request({ kind: "application_check", language, seed })).body;
        expect(body).not.toMatch(/arrived|angekommen|bien parvenue|la recibieron/);
      }
    }
  });

  it.each(LANGUAGES)("R9: after silence the last note keeps the door open with something new, and never withdraws (%s)", (language) => {
    for (const seed of SEEDS) {
      const draft = draftFollowUp(request({ kind: "last_note_after_silence", language, seed, update: null }));
      expect(draft.body, seed).not.toMatch(/close the loop|abrunden|conclure|cerrar|another candidate|filled|congratulations|new hire/i);
      expect(draft.placeholders, seed).toEqual([PLACEHOLDERS.update]);
    }
  });

  it("R9: the 'another candidate' wording belongs to the note after a hire only", () => {
    for (const kind of DRAFT_KINDS.filter((k) => k !== "last_note_after_hire")) {
      for (const seed of SEEDS) {
        expect(draftFollowUp(request({ kind, seed })).body, `${kind}/${seed}`).not.toMatch(/another candidate|has been filled|new hire/i);
      }
    }
  });

  it("R1: a thank-you after a withdrawal thanks without restating interest or asking about next steps", () => {
    for (const seed of SEEDS) {
      const draft = draftFollowUp(request({ kind: "thank_you_after_withdrawal", seed, point: "their on-call rota" }));
      expect(draft.body, seed).toMatch(/withdr[ae]w/);
      expect(draft.body, seed).toContain("their on-call rota.");
      expect(draft.body, seed).not.toMatch(/next steps|check in|interest in the role|keen to join/i);
      expect(draft.subject).toBe("Thank you – Data Analyst interview");
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
    expect(draft.placeholders).toContain(PLACEHOLDERS.role);
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
    expect(draftFollowUp(request({ kind: "status_check", originalSubject: "AW: Re: Ihr Vorstellungsgespräch" })).subject).toBe("Re: Ihr Vorstellungsgespräch");
    expect(draftFollowUp(request({ kind: "status_check", originalSubject: "Interview\r\nBcc: x@example.com" })).subject).toBe("Re: Interview Bcc: x@example.com");
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
    expect(draftFollowUp(request({ signature: "Alex Moreau" })).placeholders).not.toContain(PLACEHOLDERS.signature);
  });

  it("C7, C10: every phrasing of every language passes the tone check", () => {
    const facts: PhraseFacts = { role: "Data Analyst", company: "Corvid Labs", date: "10 March", deadline: "20 March", interviewers: "Sam Ortiz" };
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

const request = draftRequest;
