import { describe, expect, it } from "vitest";
import { addressTag, admitMessage, admitSigned, admitToken, canonicalAddress } from "../../../src/core/mail/gate.ts";

const OPTIONS = { ownerAddresses: ["me@example.com", "Me.Work@Corp.example"], assistantAddress: "assistant@example.com" };

function headers(values: Record<string, string>) {
  return new Headers(values);
}

describe("gate", () => {
  it("sends the owner's From on the plain address to the signature check", () => {
    const result = admitMessage({ from: "me@example.com", to: "assistant@example.com" }, headers({ from: "Me <me@example.com>" }), OPTIONS);
    expect(result).toEqual({ ok: true, value: { route: "signed", from: "me@example.com" } });
  });

  it("sends the owner's From to the signature check whatever the envelope: the envelope proves nothing", () => {
    const result = admitMessage({ from: "attacker@evil.example", to: "assistant@example.com" }, headers({ from: "Me <me@example.com>" }), OPTIONS);
    expect(result).toEqual({ ok: true, value: { route: "signed", from: "me@example.com" } });
  });

  it("sends a plus-address to its token, saying whether the envelope and From are the owner's, owner addresses case-insensitive", () => {
    expect(admitMessage({ from: "ME.WORK@corp.example", to: "assistant+abc123@example.com" }, headers({ from: "me.work@corp.example" }), OPTIONS)).toEqual({
      ok: true,
      value: { route: "token", token: "abc123", senderIsOwner: true },
    });
    expect(admitMessage({ from: "SRS0=ab=cd=acme.example=jane@example.com", to: "assistant+abc123@example.com" }, headers({ from: "Jane <jane@acme.example>" }), OPTIONS)).toEqual({
      ok: true,
      value: { route: "token", token: "abc123", senderIsOwner: false },
    });
  });

  it.each([
    ["X-Forwarded-For", { "x-forwarded-for": "me@example.com assistant@example.com" }, "SRS0=abcd=XY=acme.example=jane@example.com"],
    ["X-Forwarded-To", { "x-forwarded-to": "me@example.com" }, "SRS0=abcd=XY=evil.test=attacker@evil.test"],
    ["Delivered-To", { "delivered-to": "me@example.com" }, "me+caf_=assistant=example.com@example.com"],
    ["Resent-From", { "resent-from": "Me <me@example.com>" }, "attacker@evil.test"],
    ["no header, an SRS envelope", {}, "SRS0=abcd=XY=evil.test=attacker@evil.test"],
  ])("refuses an auto-forward (%s) on the plain address: only the private forwarding address takes them", (_name, values, envelopeFrom) => {
    const result = admitMessage({ from: envelopeFrom, to: "assistant@example.com" }, headers({ from: "Jane <jane@acme.example>", ...values }), OPTIONS);
    expect(result).toMatchObject({ ok: false, error: { action: "reject", reason: "auto_forward" } });
    expect(!result.ok && result.error.action === "reject" && result.error.message).toMatch(/private forwarding address/);
  });

  it("refuses a stranger with a clear reason", () => {
    const result = admitMessage({ from: "someone@else.example", to: "assistant@example.com" }, headers({ from: "someone@else.example" }), OPTIONS);
    expect(result).toMatchObject({ ok: false, error: { action: "reject", reason: "stranger" } });
    expect(!result.ok && result.error.action === "reject" && result.error.message).toMatch(/only accepts mail from its owner/);
  });

  it("refuses two senders in From", () => {
    const result = admitMessage({ from: "me@example.com", to: "assistant@example.com" }, headers({ from: "me@example.com, other@evil.example" }), OPTIONS);
    expect(result).toMatchObject({ ok: false, error: { reason: "several_senders" } });
  });

  it.each([
    ["an empty envelope sender (bounce)", { from: "", to: "assistant@example.com" }, {}, "bounce"],
    ["mailer-daemon", { from: "MAILER-DAEMON@mx.example", to: "assistant@example.com" }, {}, "bounce"],
    ["a delivery status report", { from: "me@example.com", to: "assistant@example.com" }, { "content-type": "multipart/report; report-type=delivery-status; boundary=x" }, "bounce"],
    ["Auto-Submitted: auto-replied", { from: "me@example.com", to: "assistant@example.com" }, { "auto-submitted": "auto-replied" }, "auto_reply"],
    ["X-Autoreply", { from: "me@example.com", to: "assistant@example.com" }, { "x-autoreply": "yes" }, "auto_reply"],
    ["Precedence: auto_reply", { from: "me@example.com", to: "assistant@example.com" }, { precedence: "auto_reply" }, "auto_reply"],
    ["our own loop marker", { from: "me@example.com", to: "assistant@example.com" }, { "x-followup-assistant": "1" }, "loop"],
    ["mail from the assistant itself", { from: "assistant@example.com", to: "assistant@example.com" }, {}, "loop"],
  ])("drops machine mail silently: %s", (_name, envelope, values, reason) => {
    expect(admitMessage(envelope, headers(values), OPTIONS)).toEqual({ ok: false, error: { action: "drop", reason } });
  });

  it("does not drop an auto-generated recruiter mail forwarded by the owner (RFC 3834 auto-generated is not a reply)", () => {
    const result = admitMessage(
      { from: "SRS0=ab=cd=ats.example=no-reply@example.com", to: "assistant+abc123@example.com" },
      headers({ from: "Acme Careers <no-reply@ats.example>", "auto-submitted": "auto-generated", precedence: "bulk" }),
      OPTIONS,
    );
    expect(result.ok).toBe(true);
  });

  it("refuses mail addressed to another local part", () => {
    const result = admitMessage({ from: "me@example.com", to: "sales@example.com" }, headers({}), OPTIONS);
    expect(result).toMatchObject({ ok: false, error: { reason: "wrong_recipient" } });
  });

  it("canonicalises addresses and reads plus tags", () => {
    expect(canonicalAddress(" <Me+Jobs@Example.COM> ")).toBe("me@example.com");
    expect(addressTag("assistant+Tok3n@example.com")).toBe("Tok3n");
    expect(addressTag("assistant@example.com")).toBeNull();
  });
});

describe("admitToken", () => {
  const OWNER = { userId: 7, replyGeneration: 2, forwardingGeneration: 1 };

  it("a reply token of the owner's current generation, from the owner: a command", () => {
    expect(admitToken({ kind: "reply", userId: 7, generation: 2 }, OWNER, true)).toEqual({ ok: true, value: { channel: "command", via: "reply_token" } });
  });

  it("a reply token from anyone but the owner: refused as a stranger (a digest may have been forwarded on)", () => {
    expect(admitToken({ kind: "reply", userId: 7, generation: 2 }, OWNER, false)).toMatchObject({ ok: false, error: { reason: "stranger" } });
  });

  it("the forwarding token of the current generation: a forward from anyone", () => {
    expect(admitToken({ kind: "forward", userId: 7, generation: 1 }, OWNER, false)).toEqual({ ok: true, value: { channel: "forward", via: "private_address" } });
  });

  it.each([
    ["an older reply generation", { kind: "reply" as const, userId: 7, generation: 1 }, "replaced_address"],
    ["an older forwarding generation", { kind: "forward" as const, userId: 7, generation: 0 }, "replaced_address"],
    ["another user's token", { kind: "forward" as const, userId: 8, generation: 1 }, "stranger"],
  ])("refuses %s", (_name, claims, reason) => {
    expect(admitToken(claims, OWNER, true)).toMatchObject({ ok: false, error: { action: "reject", reason } });
  });

  it("the calendar feed's token opens no mailbox, whoever sends to it", () => {
    expect(admitToken({ kind: "calendar", userId: 7, generation: 0 }, OWNER, true)).toMatchObject({ ok: false, error: { reason: "stranger" } });
    expect(admitToken({ kind: "calendar", userId: 7, generation: 0 }, OWNER, false)).toMatchObject({ ok: false, error: { reason: "stranger" } });
  });

  it("refuses a token that did not verify", () => {
    expect(admitToken(null, OWNER, true)).toMatchObject({ ok: false, error: { reason: "stranger" } });
  });
});

describe("admitSigned", () => {
  it("a passing aligned signature is the owner's forward; a failed one is refused; DNS trouble asks for a retry", () => {
    expect(admitSigned("pass")).toEqual({ ok: true, value: { channel: "forward", via: "signed" } });
    expect(admitSigned("fail")).toMatchObject({ ok: false, error: { action: "reject", reason: "unsigned" } });
    expect(admitSigned("temperror")).toEqual({ ok: false, error: { action: "retry", reason: "dns" } });
  });
});
