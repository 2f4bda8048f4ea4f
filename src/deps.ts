/**
 * What the adapters (email, cron, http) work with, built from the worker's bindings: the
 * database, the mailer, the parsed settings, and `now`, the one clock reading of this event
 * (the cron passes its scheduled time, so a retried tick reasons about the same instant).
 */
import { parseConfig, type Config } from "./config.ts";
import { createDb, type Db } from "./db/client.ts";
import { createMailer, type Mailer } from "./mailer.ts";

export interface Deps {
  db: Db;
  mailer: Mailer;
  config: Config;
  now: Date;
}

export function depsFor(env: Env, now: Date = new Date()): Deps {
  const config = parseConfig(env);
  return { db: createDb(env.DB), mailer: createMailer(env.EMAIL, config.assistantEmail), config, now };
}
