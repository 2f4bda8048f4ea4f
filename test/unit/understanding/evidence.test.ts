import { describe, expect, it } from "vitest";
import { choose, confidenceOf, NO_CHOICE, readFrom, support, type Ballot } from "../../../src/core/understanding/evidence.ts";
import { ABSTAIN_SCORE } from "../../../src/core/understanding/types.ts";

describe("evidence: choosing by agreement", () => {
  it("the candidate with the most agreeing weight wins; the runner-up halves the confidence at a tie", () => {
    const ballot: Ballot<string> = new Map();
    support(ballot, "acme", "Acme", 3, "sender name");
    support(ballot, "acme", "Acme Ltd", 1.5, "signature", (kept) => kept.length < "Acme Ltd".length);
    support(ballot, "zenith", "Zenith", 2, "named in the text");
    const choice = choose(ballot.values(), 5, (value) => `"${value}"`);
    expect(choice.value).toBe("Acme Ltd");
    expect(choice.confidence).toEqual({ score: 0.7, evidence: ["sender name (3)", "signature (1.5)", 'against "Zenith" (2)'] });

    const tie: Ballot<string> = new Map();
    support(tie, "a", "A", 5, "one place");
    support(tie, "b", "B", 5, "another place");
    expect(choose(tie.values(), 5, String).confidence?.score).toBe(0.5);
  });

  it("abstains below the threshold, keeping what it saw", () => {
    const ballot: Ballot<string> = new Map();
    support(ballot, "oak", "Oakhurst", 1, "a title naming both sides");
    const choice = choose(ballot.values(), 5, String);
    expect(choice.value).toBeNull();
    expect(choice.confidence?.score).toBeLessThan(ABSTAIN_SCORE);
    expect(choice.confidence?.evidence).toEqual(["a title naming both sides (1)"]);
    expect(choose(new Map<string, never>().values(), 5, String)).toEqual(NO_CHOICE);
  });

  it("records a confidence only for the fields something was read for, small enough to store as JSON", () => {
    const record = confidenceOf({ company: readFrom("Acme", 0.9, "labelled"), role: NO_CHOICE, contact: readFrom(null, 0.8, "unused") });
    expect(record).toEqual({ company: { score: 0.9, evidence: ["labelled"] } });
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });
});
