import { describe, expect, it } from "vitest";
import { joinHardWraps } from "../../../src/core/text/hard-wraps.ts";

describe("joinHardWraps", () => {
  it("joins a sentence the client wrapped, quote marks and all", () => {
    expect(joinHardWraps("We have reviewed your application and will get back to you within\n5 business days.")).toBe(
      "We have reviewed your application and will get back to you within 5 business days.",
    );
    expect(joinHardWraps("> We have reviewed your application and will get back to you within\n> five business days.")).toBe(
      "> We have reviewed your application and will get back to you within five business days.",
    );
  });

  it("leaves lines the writer ended: short ones, sentences, labels, new sentences, other quote depths", () => {
    const kept = [
      "Dear Sam,\nthanks for applying.",
      "We have reviewed your application and will be in touch very soon.\nbest regards",
      "Please find the details of your interview with our team below:\n10:00 in Leeds",
      "We have reviewed your application and will get back to you with\nNews from the team",
      "> We have reviewed your application and will get back to you within\nfive business days.",
    ];
    for (const text of kept) expect(joinHardWraps(text)).toBe(text);
  });
});
