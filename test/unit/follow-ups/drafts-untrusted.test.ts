import { describe, expect, it } from "vitest";
import { type DraftKind, type DraftRequest, draftFollowUp, PLACEHOLDERS } from "../../../src/core/follow-ups/drafts.ts";
import { draftRequest } from "../../helpers/draft-request.ts";

/** Names, titles, notes and subjects in a draft come from inbound mail: what a draft makes of hostile ones. */

const HIDDEN_CONTROL = /[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

describe("draftFollowUp with untrusted text", () => {
  it("strips bidi controls and zero-width characters from the name, role, company, note and subject", () => {
    const draft = draftFollowUp(
      request({
        kind: "status_check",
        recipientName: "Dana \u202egpj.exe\u202c Whit\u200bcombe",
        role: "Data\u2066 Analyst\u2069",
        company: "\ufeffCorvid\u200d Labs",
        point: "Their plan to move the \u202ewarehouse\u202c robots onto one fleet manager",
        originalSubject: "Re: Interview\u200f for Data Analyst",
      }),
    );
    expect(draft.body).not.toMatch(HIDDEN_CONTROL);
    expect(draft.subject).not.toMatch(HIDDEN_CONTROL);
    expect(draft.body).toContain("Dana gpj.exe Whitcombe");
    expect(draft.body).toContain("Their plan to move the warehouse robots onto one fleet manager.");
    expect(draft.subject).toBe("Re: Interview for Data Analyst");
  });

  it("C9: strips them from the name they signed with and their family name as well", () => {
    const informal = draftFollowUp(request({ recipientName: "Dana Whitcombe", addressing: { signedAs: "Da\u200bna\u202e", formality: "informal" } }));
    expect(informal.body.startsWith("Hi Dana,\n")).toBe(true);
    const formal = draftFollowUp(request({ recipientName: "Dana Whitcombe", addressing: { familyName: "Whit\u200bcombe\u2069", title: "ms", formality: "formal" } }));
    expect(formal.body.startsWith("Dear Ms Whitcombe,\n")).toBe(true);
  });

  it("never quotes a note carrying a javascript: URL: the point stays a placeholder", () => {
    for (const note of [
      "They liked my javascript:alert(document.cookie)//https://evil.example/phish demo",
      "See JavaScript :alert(1) on the team wiki",
      "See java\u200bscript:alert(1) on the team wiki",
      "The demo at data:text/html;base64,PHNjcmlwdD4= was fun",
    ]) {
      const draft = draftFollowUp(request({ point: note }));
      expect(draft.body, note).not.toMatch(/script|data:/i);
      expect(draft.placeholders, note).toEqual([PLACEHOLDERS.point]);
    }
  });

  it("leaves out a name or title carrying a script URL", () => {
    const draft = draftFollowUp(request({ recipientName: "javascript:alert(1)", role: "vbscript:msgbox(1)" }));
    expect(draft.body).not.toMatch(/script/i);
    expect(draft.body).toContain(PLACEHOLDERS.role);
  });

  it("decodes a subject that arrives as a raw header before it becomes a reply subject", () => {
    const encoded = `=?UTF-8?B?${btoa("Fwd: Interview for Data Analyst")}?=`;
    expect(draftFollowUp(request({ kind: "status_check", originalSubject: encoded })).subject).toBe("Re: Interview for Data Analyst");
    expect(draftFollowUp(request({ kind: "status_check", originalSubject: "Fwd: =?utf-8?q?Gespr=C3=A4ch_am_Dienstag?=" })).subject).toBe("Re: Gespräch am Dienstag");
  });
});

function request(overrides: Partial<DraftRequest> & { kind?: DraftKind } = {}): DraftRequest {
  return draftRequest({ requestFeedback: false, deadline: null, update: null, ...overrides });
}
