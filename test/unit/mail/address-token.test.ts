import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  addressWithToken,
  createAddressToken,
  tokenFromAddress,
  verifyAddressToken,
  type TokenClaims,
  type TokenKeys,
} from "../../../src/core/mail/address-token.ts";

const SECRET = "unit-test-reply-secret-7f3a9c2e51d84b06aa19c7e3";
const OTHER_SECRET = "another-reply-secret-0b5e8d2c47a91f36de0c4b7a";
const KEYS: TokenKeys = { current: SECRET, previous: null };
const reply = (userId: number, generation = 0): TokenClaims => ({ kind: "reply", userId, generation });
const forward = (userId: number, generation = 0): TokenClaims => ({ kind: "forward", userId, generation });

describe("createAddressToken", () => {
  it("makes a 40-character lower-case base32 token, safe in a mail local part", async () => {
    expect(await createAddressToken(KEYS, reply(42))).toMatch(/^[a-z2-7]{40}$/);
    expect(await createAddressToken(KEYS, forward(42, 65_535))).toMatch(/^[a-z2-7]{40}$/);
  });

  it("is deterministic, and differs across users, kinds, generations and secrets", async () => {
    const token = await createAddressToken(KEYS, reply(42));
    expect(await createAddressToken(KEYS, reply(42))).toBe(token);
    const others = [
      await createAddressToken(KEYS, reply(43)),
      await createAddressToken(KEYS, forward(42)),
      await createAddressToken(KEYS, reply(42, 1)),
      await createAddressToken({ current: OTHER_SECRET, previous: null }, reply(42)),
    ];
    expect(new Set([token, ...others]).size).toBe(5);
  });

  it.each([[0], [-1], [1.5], [2 ** 32], [Number.NaN]])("refuses the user id %s", async (userId) => {
    await expect(createAddressToken(KEYS, reply(userId))).rejects.toThrow(RangeError);
  });

  it.each([[-1], [0.5], [65_536]])("refuses the generation %s", async (generation) => {
    await expect(createAddressToken(KEYS, reply(1, generation))).rejects.toThrow(RangeError);
  });

  it("refuses a secret too short to keep forgeries out of reach", async () => {
    await expect(createAddressToken({ current: "short", previous: null }, reply(1))).rejects.toThrow("at least 32 characters");
  });
});

describe("verifyAddressToken", () => {
  it.each([[reply(1)], [reply(42, 3)], [forward(2 ** 32 - 1, 65_535)], [forward(7)]])("returns the claims %j of its own valid token", async (claims) => {
    expect(await verifyAddressToken(KEYS, await createAddressToken(KEYS, claims))).toEqual(claims);
  });

  it("accepts the token in upper case (some systems upper-case local parts)", async () => {
    const token = await createAddressToken(KEYS, forward(42));
    expect(await verifyAddressToken(KEYS, token.toUpperCase())).toEqual(forward(42));
  });

  it("rejects a token made with another secret", async () => {
    expect(await verifyAddressToken(KEYS, await createAddressToken({ current: OTHER_SECRET, previous: null }, reply(42)))).toBeNull();
  });

  it("after a secret is rolled, verifies tokens of the previous secret and makes new ones with the new", async () => {
    const old = await createAddressToken({ current: OTHER_SECRET, previous: null }, reply(42));
    const rolled: TokenKeys = { current: SECRET, previous: OTHER_SECRET };
    expect(await verifyAddressToken(rolled, old)).toEqual(reply(42));
    const fresh = await createAddressToken(rolled, reply(42));
    expect(await verifyAddressToken(KEYS, fresh)).toEqual(reply(42));
    expect(await verifyAddressToken({ current: SECRET, previous: null }, old)).toBeNull();
  });

  it("still verifies a version 1 reply token (written into digests before key ids) as generation 0", async () => {
    const bytes = Buffer.alloc(25);
    bytes[0] = 1;
    bytes.writeUInt32BE(42, 1);
    createHmac("sha256", SECRET).update("reply-token:v1:42").digest().copy(bytes, 5, 0, 20);
    const v1 = base32(bytes);
    expect(v1).toHaveLength(40);
    expect(await verifyAddressToken(KEYS, v1)).toEqual(reply(42));
    expect(await verifyAddressToken({ current: SECRET, previous: OTHER_SECRET }, v1)).toEqual(reply(42));
    expect(await verifyAddressToken({ current: OTHER_SECRET, previous: null }, v1)).toBeNull();
  });

  it("rejects every single-character change", async () => {
    const token = await createAddressToken(KEYS, reply(42));
    for (let i = 0; i < token.length; i++) {
      const replacement = token[i] === "a" ? "b" : "a";
      const tampered = `${token.slice(0, i)}${replacement}${token.slice(i + 1)}`;
      expect(await verifyAddressToken(KEYS, tampered), `position ${i}`).toBeNull();
    }
  });

  it("rejects a reply token rewritten into a forwarding token or another generation", async () => {
    const token = await createAddressToken(KEYS, reply(42));
    const bytes = unbase32(token);
    for (const [offset, value] of [[1, 2], [8, 1]] as const) {
      const changed = Uint8Array.from(bytes);
      changed[offset] = value;
      expect(await verifyAddressToken(KEYS, base32(changed)), `byte ${offset}`).toBeNull();
    }
  });

  it.each([[""], ["abc"], ["a".repeat(39)], ["a".repeat(41)], ["0".repeat(40)], ["!".repeat(40)]])(
    "rejects the malformed token %j",
    async (token) => {
      expect(await verifyAddressToken(KEYS, token)).toBeNull();
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

  it("round-trips with a created token and addressWithToken", async () => {
    const token = await createAddressToken(KEYS, reply(42));
    const found = tokenFromAddress(addressWithToken(ASSISTANT, token), ASSISTANT);
    expect(addressWithToken(ASSISTANT, token)).toBe(`assistant+${token}@assist.example`);
    expect(found).toBe(token);
    expect(await verifyAddressToken(KEYS, found ?? "")).toEqual(reply(42));
  });
});

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

function base32(bytes: Uint8Array): string {
  let bits = "";
  for (const byte of bytes) bits += byte.toString(2).padStart(8, "0");
  bits = bits.padEnd(Math.ceil(bits.length / 5) * 5, "0");
  return bits.match(/.{5}/g)!.map((chunk) => ALPHABET[parseInt(chunk, 2)]).join("");
}

function unbase32(text: string): Uint8Array {
  const bits = [...text].map((c) => ALPHABET.indexOf(c).toString(2).padStart(5, "0")).join("");
  return Uint8Array.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
}
