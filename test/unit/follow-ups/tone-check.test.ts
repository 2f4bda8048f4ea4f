import { describe, expect, it } from "vitest";
import { checkTone, type ToneProblemKind } from "../../../src/core/follow-ups/tone-check.ts";
import type { Language } from "../../../src/core/understanding/types.ts";

const BAD_PHRASES: readonly [Language, string, ToneProblemKind][] = [
  ["en", "I need an answer today about the offer.", "pushy"],
  ["en", "This is your last chance to hire me.", "ultimatum"],
  ["en", "I haven't heard back since our interview.", "guilt"],
  ["en", "I haven’t heard back since our interview.", "guilt"],
  ["en", "As I said in my last email, I am available.", "guilt"],
  ["en", "Please let me know ASAP.", "pushy"],
  ["en", "Please respond immediately.", "pushy"],
  ["en", "My previous email went unanswered, so I am writing again.", "guilt"],
  ["en", "If I don't hear back by Friday I will withdraw.", "ultimatum"],
  ["en", "I really need this job.", "needy"],
  ["en", "I am disappointed by how long this takes.", "complaint"],
  ["de", "Ich brauche heute eine Antwort.", "pushy"],
  ["de", "Das ist Ihre letzte Chance.", "ultimatum"],
  ["de", "Ich habe noch nichts von Ihnen gehört.", "guilt"],
  ["de", "Wie bereits in meiner letzten E-Mail geschrieben, bin ich verfügbar.", "guilt"],
  ["de", "Bitte antworten Sie umgehend.", "pushy"],
  ["de", "Ich bitte um Rückmeldung so schnell wie möglich.", "pushy"],
  ["de", "Bitte melden Sie sich ASAP.", "pushy"],
  ["fr", "J'ai besoin d'une réponse aujourd'hui.", "pushy"],
  ["fr", "C'est votre dernière chance.", "ultimatum"],
  ["fr", "Je n'ai toujours pas eu de réponse.", "guilt"],
  ["fr", "Comme je l'ai dit dans mon dernier e-mail, je suis disponible.", "guilt"],
  ["fr", "Merci de répondre immédiatement.", "pushy"],
  ["fr", "Sinon j'accepterai l'autre offre.", "ultimatum"],
  ["es", "Necesito una respuesta hoy.", "pushy"],
  ["es", "Es su última oportunidad.", "ultimatum"],
  ["es", "No he tenido noticias desde la entrevista.", "guilt"],
  ["es", "Como le dije en mi último correo, estoy disponible.", "guilt"],
  ["es", "Por favor responda inmediatamente.", "pushy"],
  ["es", "Le ruego una respuesta lo antes posible.", "pushy"],
];

describe("checkTone", () => {
  it.each(BAD_PHRASES)("C7: rejects (%s) %s", (language, text, kind) => {
    const check = checkTone(text, language);
    expect(check.verdict).toBe("rejected");
    expect(check.problems.map((p) => p.kind)).toContain(kind);
  });

  it("C7: checks English phrasing inside a draft in another language", () => {
    expect(checkTone("Bitte antworten Sie ASAP.", "de").verdict).toBe("rejected");
    expect(checkTone("Merci de revenir vers moi asap.", "fr").problems).toEqual([{ kind: "pushy", match: "asap" }]);
  });

  it("C7: passes assertive, polite phrasing that shares words with banned ones", () => {
    for (const [language, text] of [
      ["en", "I am available immediately and enjoyed our conversation last week."],
      ["en", "Could you let me know what the next steps are? I would be glad to hear from you."],
      ["de", "Ich bin ab sofort verfügbar und habe mich über das Gespräch in der letzten Woche gefreut."],
      ["fr", "Je suis disponible dès lundi et j'ai apprécié notre dernier échange."],
      ["es", "Estoy disponible desde ya y disfruté de nuestra última conversación."],
    ] as const) {
      expect(checkTone(text, language), text).toEqual({ verdict: "ready", problems: [], placeholders: [] });
    }
  });

  it.each([
    ["Dear {{first_name}},", "{{first_name}}"],
    ["Dear %NAME%,", "%NAME%"],
    ["Dear ${name},", "${name}"],
    ["Dear <NAME>,", "<NAME>"],
    ["I enjoyed talking about [INSERT TOPIC].", "[INSERT TOPIC]"],
    ["I enjoyed talking about [insert topic here].", "[insert topic here]"],
    ["I enjoyed talking about TODO.", "TODO"],
    ["Thank you for the interview on undefined.", "undefined"],
    ["I enjoyed talking about [SOMETHING].", "[SOMETHING]"],
  ])("C10: rejects the unfilled template marker in %j", (text, marker) => {
    const check = checkTone(text, "en");
    expect(check.verdict).toBe("rejected");
    expect(check.problems).toContainEqual({ kind: "template_marker", match: marker });
  });

  it("C10: reports listed placeholders separately: the draft needs input, it is not rejected", () => {
    const text = "I especially enjoyed our discussion about [ONE THING YOU DISCUSSED].";
    expect(checkTone(text, "en", { placeholders: ["[ONE THING YOU DISCUSSED]"] })).toEqual({
      verdict: "needs_input",
      problems: [],
      placeholders: ["[ONE THING YOU DISCUSSED]"],
    });
    expect(checkTone(text, "en").verdict).toBe("rejected");
  });

  it("C10: does not take an address in angle brackets or a lower-case aside for a marker", () => {
    expect(checkTone("Write to Anna <anna@corvid.example> [she prefers email].", "en").verdict).toBe("ready");
  });

  it("C8: rejects a suggested call only when the posting asked for no calls", () => {
    const text = "Is there anything more I can provide, either by email or in a short call?";
    expect(checkTone(text, "en").verdict).toBe("ready");
    expect(checkTone(text, "en", { noCalls: true }).problems).toEqual([{ kind: "call_suggested", match: "call" }]);
    expect(checkTone("Gern auch in einem kurzen Telefonat.", "de", { noCalls: true }).verdict).toBe("rejected");
    expect(checkTone("Par e-mail ou lors d'un court appel.", "fr", { noCalls: true }).verdict).toBe("rejected");
    expect(checkTone("Por correo o en una breve llamada.", "es", { noCalls: true }).verdict).toBe("rejected");
    expect(checkTone("I would be glad to recall the details by email.", "en", { noCalls: true }).verdict).toBe("ready");
  });
});
