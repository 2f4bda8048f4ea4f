import { describe, expect, it } from "vitest";
import { addressTag, admitMessage, canonicalAddress } from "../../../src/core/mail/gate.ts";

const OPTIONS = { ownerAddresses: ["me@example.com", "Me.Work@Corp.example"], assistantAddress: "assistant@example.com" };

function headers(values: Record<string, string>) {
  return new Headers(values);
}

describe("gate", () => {
  it("accepts the owner's own forward as a forward", () => {
    const result = admitMessage({ from: "me@example.com", to: "assistant@example.com" }, headers({ from: "Me <me@example.com>" }), OPTIONS);
    expect(result).toEqual({ ok: true, value: { channel: "forward", via: "owner", recipientTag: null } });
  });

  it("treats mail to the plus-token address as a command, owner addresses case-insensitive", () => {
    const result = admitMessage({ from: "ME.WORK@corp.example", to: "assistant+abc123@example.com" }, headers({ from: "me.work@corp.example" }), OPTIONS);
    expect(result).toEqual({ ok: true, value: { channel: "command", via: "owner", recipientTag: "abc123" } });
  });

  it("accepts an auto-forward with an SRS envelope and X-Forwarded-For naming the owner", () => {
    const result = admitMessage(
      { from: "SRS0=abcd=XY=acme.example=jane@example.com", to: "assistant@example.com" },
      headers({ from: "Jane <jane@acme.example>", "x-forwarded-for": "me@example.com assistant@example.com" }),
      OPTIONS,
    );
    expect(result).toEqual({ ok: true, value: { channel: "forward", via: "auto_forward", recipientTag: null } });
  });

  it("accepts a Gmail auto-forward (+caf_ envelope) with Delivered-To naming the owner", () => {
    const result = admitMessage(
      { from: "me+caf_=assistant=example.com@example.com", to: "assistant@example.com" },
      headers({ from: "recruiter@acme.example", "delivered-to": "me@example.com" }),
      OPTIONS,
    );
    expect(result).toEqual({ ok: true, value: { channel: "forward", via: "owner", recipientTag: null } });
  });

  it("refuses a stranger with a clear reason", () => {
    const result = admitMessage({ from: "someone@else.example", to: "assistant@example.com" }, headers({ from: "someone@else.example" }), OPTIONS);
    expect(result).toMatchObject({ ok: false, error: { action: "reject", reason: "stranger" } });
    expect(!result.ok && result.error.action === "reject" && result.error.message).toMatch(/only accepts mail from its owner/);
  });

  it("refuses a stranger who only claims to forward for the owner (no forwarding envelope)", () => {
    const result = admitMessage(
      { from: "attacker@evil.example", to: "assistant@example.com" },
      headers({ from: "attacker@evil.example", "x-forwarded-for": "me@example.com" }),
      OPTIONS,
    );
    expect(result).toMatchObject({ ok: false, error: { reason: "stranger" } });
  });

  it("refuses owner-looking mail whose envelope is someone else's", () => {
    const result = admitMessage({ from: "attacker@evil.example", to: "assistant@example.com" }, headers({ from: "Me <me@example.com>" }), OPTIONS);
    expect(result).toMatchObject({ ok: false, error: { action: "reject", reason: "spoofed_owner" } });
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
    const result = admitMessage({ from: "me@example.com", to: "assistant@example.com" }, headers({ "auto-submitted": "auto-generated", precedence: "bulk" }), OPTIONS);
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
