import { describe, expect, it } from "vitest";
import { checkTone } from "../../../src/core/follow-ups/tone-check.ts";

// The joined first pass matches phrasings inside longer words too; only whole words are problems.
describe("checkTone's first pass", () => {
  it("C7: a phrasing inside a longer word is not a problem", () => {
    expect(checkTone("Thank you for the tour of Prasapura and the chat about Bulgarian desperatex tooling.", "en")).toEqual({ verdict: "ready", problems: [], placeholders: [] });
  });

  it("C7: the same phrasing as a word is one", () => {
    expect(checkTone("Could you reply ASAP?", "en").problems).toEqual([{ kind: "pushy", match: "ASAP" }]);
  });

  it("C10: a template marker in any case is found by the exact check only where it is one", () => {
    expect(checkTone("The <section> on %progress was clear.", "en").verdict).toBe("ready");
    const check = checkTone("Dear <FIRST_NAME>,", "en");
    expect(check.verdict).toBe("rejected");
    expect(check.problems).toContainEqual({ kind: "template_marker", match: "<FIRST_NAME>" });
  });
});
