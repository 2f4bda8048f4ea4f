import { describe, expect, it } from "vitest";
import { extractReplyText, MAX_REPLY_SCAN_CHARS } from "../../../src/core/commands/reply-text.ts";

const ADDRESS = "Follow-up Assistant <assistant+k3x9q@assist.example>";

describe("extractReplyText: attributions", () => {
  it.each([
    ["English (Gmail)", `On Tue, Mar 3, 2026 at 7:00 AM ${ADDRESS} wrote:`],
    ["English (Apple Mail)", `On 3 Mar 2026, at 07:00, ${ADDRESS} wrote:`],
    ["German", `Am Di., 3. März 2026 um 07:00 Uhr schrieb ${ADDRESS}:`],
    ["French, with the space before the colon", `Le mar. 3 mars 2026 à 07:00, ${ADDRESS} a écrit :`],
    ["Spanish", `El mar, 3 mar 2026 a las 7:00, ${ADDRESS} escribió:`],
    ["Dutch", `Op di 3 mrt 2026 om 07:00 schreef ${ADDRESS}:`],
    ["Portuguese", `Em ter., 3 de mar. de 2026 às 07:00, ${ADDRESS} escreveu:`],
    ["Italian", `Il giorno mar 3 mar 2026 alle ore 07:00 ${ADDRESS} ha scritto:`],
    ["a client that only names the address", `${ADDRESS} wrote:`],
  ])("cuts at the %s attribution and everything under it", (_client, attribution) => {
    const reply = `done 1\r\n\r\n${attribution}\r\n\r\nGood morning, Sam.\r\n1. Lindqvist Robotics: thank-you note\r\ndone 2\r\n`;
    expect(extractReplyText(reply)).toBe("done 1");
  });

  it("recognises an attribution that Gmail wrapped over two lines", () => {
    const reply = "snooze 2 monday\n\nOn Tue, Mar 3, 2026 at 7:00 AM Follow-up Assistant <\nassistant+k3x9q@assist.example> wrote:\n\n> 2. Brightwater Labs\n";
    expect(extractReplyText(reply)).toBe("snooze 2 monday");
  });

  it("drops the attribution above a '>' block and keeps inline answers between quoted lines", () => {
    const reply = [
      `On Tue, Mar 3, 2026 at 7:00 AM ${ADDRESS} wrote:`,
      "> 1. Lindqvist Robotics: thank-you note",
      "done 1",
      "> 2. Brightwater Labs: status check",
      "rejected 2",
    ].join("\n");
    expect(extractReplyText(reply)).toBe("done 1\nrejected 2");
  });

  it("keeps a bottom-posted answer under a quoted digest", () => {
    const reply = `On Tue, Mar 3, 2026 at 7:00 AM ${ADDRESS} wrote:\n> Good morning.\n> 1. Lindqvist Robotics\n\ndone 1\n`;
    expect(extractReplyText(reply)).toBe("done 1");
  });

  it("cuts at an attribution whose quote is not marked with '>' (it may hold quoted commands)", () => {
    const reply = `On Tue, Mar 3, 2026 at 7:00 AM ${ADDRESS} wrote:\n\nReply with:\ndone 1\n`;
    expect(extractReplyText(reply)).toBe("");
  });

  it("does not take a line that merely starts with 'On' for an attribution", () => {
    expect(extractReplyText("On second thought:\ndone 1")).toBe("On second thought:\ndone 1");
  });
});

describe("extractReplyText: Outlook and separators", () => {
  it.each([
    ["English", "From: Follow-up Assistant <assistant+k3x9q@assist.example>\nSent: Tuesday, March 3, 2026 7:00 AM\nTo: Sam Okafor\nSubject: Your follow-ups"],
    ["German", "Von: Follow-up Assistant <assistant+k3x9q@assist.example>\nGesendet: Dienstag, 3. März 2026 07:00\nAn: Sam Okafor\nBetreff: Ihre Follow-ups"],
    ["French", "De : Follow-up Assistant <assistant+k3x9q@assist.example>\nEnvoyé : mardi 3 mars 2026 07:00\nÀ : Sam Okafor\nObjet : Vos relances"],
    ["Spanish", "De: Follow-up Assistant <assistant+k3x9q@assist.example>\nEnviado: martes, 3 de marzo de 2026 7:00\nPara: Sam Okafor\nAsunto: Seguimientos"],
    ["Dutch", "Van: Follow-up Assistant <assistant+k3x9q@assist.example>\nVerzonden: dinsdag 3 maart 2026 07:00\nAan: Sam Okafor\nOnderwerp: Opvolging"],
    ["bold (Outlook for Mac)", "*From:* Follow-up Assistant <assistant+k3x9q@assist.example>\n*Date:* Tuesday, 3 March 2026 at 07:00\n*Subject:* Your follow-ups"],
  ])("cuts at the %s header block", (_language, header) => {
    expect(extractReplyText(`withdraw 3\n\n${header}\n\n3. Harborview Analytics\ndone 3\n`)).toBe("withdraw 3");
  });

  it("keeps a lone 'From:' line that no header line follows", () => {
    expect(extractReplyText("From: my phone\ndone 1")).toBe("From: my phone\ndone 1");
  });

  it.each([
    ["-----Original Message-----"],
    ["-----Ursprüngliche Nachricht-----"],
    ["---------- Forwarded message ---------"],
    ["________________________________"],
    ["Begin forwarded message:"],
  ])("cuts at the separator %s", (separator) => {
    expect(extractReplyText(`done 2\n${separator}\ndone 3\n`)).toBe("done 2");
  });
});

describe("extractReplyText: signatures and quotes", () => {
  it.each([
    ["-- "],
    ["--"],
    ["Sent from my iPhone"],
    ["Get Outlook for iOS<https://aka.ms/o0ukef>"],
    ["Von meinem iPhone gesendet"],
    ["Envoyé de mon iPhone"],
    ["Enviado desde mi iPhone"],
    ["Verstuurd vanaf mijn iPhone"],
    ["Enviado do meu iPhone"],
  ])("cuts at the signature line %j", (signature) => {
    expect(extractReplyText(`pause\n\n${signature}\nSam Okafor\ndone 4\n`)).toBe("pause");
  });

  it("drops '>' quoted lines wherever they are", () => {
    expect(extractReplyText("> done 1\n>> rejected 2\n  > offer 3\nlist")).toBe("list");
  });

  it("returns the empty string for a reply that is all quote", () => {
    expect(extractReplyText("> done 1\n> done 2\n")).toBe("");
  });

  it("unifies CR, LF and CRLF line endings and removes invisible characters", () => {
    expect(extractReplyText("done\u00a01\rskip\u200b 2\r\nlist\n")).toBe("done 1\nskip 2\nlist");
  });
});

describe("extractReplyText: bounds", () => {
  it("reads no further than MAX_REPLY_SCAN_CHARS and never keeps half a line", () => {
    const head = `done 1\n${`${"x".repeat(79)}\n`.repeat(100)}`;
    // "done 12" starts 6 characters before the bound, so the bound falls between "1" and "2".
    const padding = `${"y".repeat(MAX_REPLY_SCAN_CHARS - 6 - head.length - 1)}\n`;
    const reply = `${head}${padding}done 12\n`;
    expect(reply.slice(0, MAX_REPLY_SCAN_CHARS).endsWith("\ndone 1")).toBe(true);
    const text = extractReplyText(reply);
    expect(text.startsWith("done 1\n")).toBe(true);
    expect(text).not.toContain("done 12");
    expect(text).not.toMatch(/done 1$/);
    expect(text.length).toBeLessThanOrEqual(MAX_REPLY_SCAN_CHARS);
  });

  it("returns nothing for one line longer than the bound", () => {
    expect(extractReplyText(`done 1 ${"3 ".repeat(MAX_REPLY_SCAN_CHARS)}`)).toBe("");
  });
});
