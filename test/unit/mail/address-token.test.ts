import { describe, expect, it } from "vitest";
import { createReplyToken, tokenFromAddress, verifyReplyToken } from "../../../src/core/commands/reply-token.ts";

const SECRET = "unit-test-reply-secret-7f3a9c2e51d84b06aa19c7e3";
const OTHER_SECRET = "another-reply-secret-0b5e8d2c47a91f36de0c4b7a";

describe("createReplyToken", () => {
  it("makes a 40-character lower-case base32 token, safe in a mail local part", async () => {
    const token = await createReplyToken(SECRET, 42);
    expect(token).toMatch(/^[a-z2-7]{40}$/);
  });

  it("is deterministic for one secret and user, and differs across users and secrets", async () => {
    const token = await createReplyToken(SECRET, 42);
    expect(await createReplyToken(SECRET, 42)).toBe(token);
    expect(await createReplyToken(SECRET, 43)).not.toBe(token);
    expect(await createReplyToken(OTHER_SECRET, 42)).not.toBe(token);
  });

  it.each([[0], [-1], [1.5], [2 ** 32], [Number.NaN]])("refuses the user id %s", async (userId) => {
    await expect(createReplyToken(SECRET, userId)).rejects.toThrow(RangeError);
  });

  it("refuses a secret too short to keep forgeries out of reach", async () => {
    await expect(createReplyToken("short", 1)).rejects.toThrow("at least 32 characters");
  });
});

describe("verifyReplyToken", () => {
  it.each([[1], [42], [2 ** 32 - 1]])("returns the user id %s for its own valid token", async (userId) => {
    expect(await verifyReplyToken(SECRET, await createReplyToken(SECRET, userId))).toBe(userId);
  });

  it("accepts the token in upper case (some systems upper-case local parts)", async () => {
    const token = await createReplyToken(SECRET, 42);
    expect(await verifyReplyToken(SECRET, token.toUpperCase())).toBe(42);
  });

  it("rejects a token made with another secret", async () => {
    expect(await verifyReplyToken(SECRET, await createReplyToken(OTHER_SECRET, 42))).toBeNull();
  });

  it("rejects every single-character change", async () => {
    const token = await createReplyToken(SECRET, 42);
    for (let i = 0; i < token.length; i++) {
      const replacement = token[i] === "a" ? "b" : "a";
      const tampered = `${token.slice(0, i)}${replacement}${token.slice(i + 1)}`;
      expect(await verifyReplyToken(SECRET, tampered), `position ${i}`).toBeNull();
    }
  });

  it("rejects one user's token rewritten to name another user", async () => {
    const forUser7 = await createReplyToken(SECRET, 7);
    const forUser8 = await createReplyToken(SECRET, 8);
    // The first 8 characters are exactly the version byte and the id (40 bits): user 8's id, user 7's MAC.
    const spliced = `${forUser8.slice(0, 8)}${forUser7.slice(8)}`;
    expect(spliced).not.toBe(forUser8);
    expect(await verifyReplyToken(SECRET, spliced)).toBeNull();
  });

  it.each([[""], ["abc"], ["a".repeat(39)], ["a".repeat(41)], ["0".repeat(40)], ["!".repeat(40)]])(
    "rejects the malformed token %j",
    async (token) => {
      expect(await verifyReplyToken(SECRET, token)).toBeNull();
    },
  );
});

describe("tokenFromAddress", () => {
  const ASSISTANT = "assistant@assist.example";

  it.each([
    ["assistant+abc@assist.example", "abc"],
    ["Assistant+ABC@Assist.Example", "abc"],
    ["Follow-up Assistant <assistant+k3x9q@assist.example>", "k3x9q"],
    [" assistant+abc@assist.example ", "abc"],
  ])("reads the token from %j", (address, token) => {
    expect(tokenFromAddress(address, ASSISTANT)).toBe(token);
  });

  it.each([
    ["assistant@assist.example"],
    ["assistant+@assist.example"],
    ["assistant+abc@other.example"],
    ["someone+abc@assist.example"],
    ["assistant2+abc@assist.example"],
    ["assistant+abc+def@assist.example"],
    ["assistant+ab-c@assist.example"],
    ["assistant+abc"],
    ["not an address"],
  ])("finds no token in %j", (address) => {
    expect(tokenFromAddress(address, ASSISTANT)).toBeNull();
  });

  it("round-trips with a created token", async () => {
    const token = await createReplyToken(SECRET, 42);
    const found = tokenFromAddress(`assistant+${token}@assist.example`, ASSISTANT);
    expect(found).toBe(token);
    expect(await verifyReplyToken(SECRET, found ?? "")).toBe(42);
  });
});
