/**
 * What the adapters (email, cron, http) work with, built from the worker's bindings: the
 * database, the mailer, the parsed settings, `now`, the one clock reading of this event (the
 * cron passes its scheduled time, so a retried tick reasons about the same instant), and the
 * DKIM check of a sender (public keys over DNS-over-HTTPS).
 */
import { parseConfig, type Config } from "./config.ts";
import { createDb, type Db } from "./db/client.ts";
import { createMailer, type Mailer } from "./mailer.ts";
import type { SignatureVerdict } from "./core/mail/gate.ts";
import { verifyDkim } from "./core/mail/dkim.ts";
import { checkOwnerSignature } from "./core/mail/dkim-align.ts";
import { createTxtResolver } from "./dns.ts";

/** DKIM keys over DNS-over-HTTPS, cached for the isolate's life within each answer's TTL. */
const resolveTxt = createTxtResolver();

export interface Deps {
  db: Db;
  mailer: Mailer;
  config: Config;
  now: Date;
  /** Whether a DKIM signature of the domain of `fromAddress` (or one aligned with it) verifies on `raw`. */
  verifySignature(raw: Uint8Array, fromAddress: string): Promise<SignatureVerdict>;
}

export function depsFor(env: Env, now: Date = new Date()): Deps {
  const config = parseConfig(env);
  return {
    db: createDb(env.DB),
    mailer: createMailer(env.EMAIL, config.assistantEmail),
    config,
    now,
    async verifySignature(raw, fromAddress) {
      const check = checkOwnerSignature(await verifyDkim(raw, resolveTxt, now), [fromAddress]);
      return check.verdict === "owner" ? "pass" : check.verdict === "retry" ? "temperror" : "fail";
    },
  };
}
