import { describe, expect, it } from "vitest";
import { buildWelcome } from "../../../src/core/commands/welcome.ts";

const INPUT = {
  assistantAddress: "assistant@example.com",
  forwardingAddress: "assistant+abc@example.com",
  ownerAddresses: ["me@example.com"],
};

describe("buildWelcome", () => {
  it("names both ways in, the signature and the commands", () => {
    const { text } = buildWelcome({ ...INPUT, hasWebPages: true });
    expect(text).toContain("Forward by hand to assistant@example.com from me@example.com");
    expect(text).toContain("Your private forwarding address: assistant+abc@example.com");
    expect(text).toContain("signature: Jane Doe");
    expect(text).toContain("logout");
  });

  it("offers the private page and the calendar only when the deployment has a web address", () => {
    expect(buildWelcome({ ...INPUT, hasWebPages: true }).text).toContain("reply `dashboard` for a link to your private page");
    expect(buildWelcome({ ...INPUT, hasWebPages: false }).text).not.toContain("reply `dashboard`");
  });
});
