/**
 * The switchboard: maps runtime events to adapters and nothing else.
 */
import { parseConfig } from "./config.ts";
import { createDb } from "./db/client.ts";
import { receiveEmail, type IngestDeps } from "./email/receive.ts";
import { createMailer } from "./email/send.ts";
import { app } from "./http/app.ts";
import { runDigestJob } from "./cron/digest-job.ts";

function ingestDeps(env: Env): IngestDeps {
  const config = parseConfig(env);
  return { db: createDb(env.DB), mailer: createMailer(env.EMAIL, config.assistantEmail), config, now: new Date() };
}

export default {
  fetch: app.fetch,
  async email(message, env) {
    const result = await receiveEmail(message, ingestDeps(env));
    // Structured, without bodies or addresses (Workers Logs keep invocation logs).
    console.log(JSON.stringify({ event: "email", outcome: result.outcome, ...(result.outcome === "stored" ? { state: result.state, duplicate: result.duplicate } : {}) }));
  },
  async scheduled(controller, env) {
    const config = parseConfig(env);
    const deps = { db: createDb(env.DB), mailer: createMailer(env.EMAIL, config.assistantEmail), config };
    // The scheduled time, not the wall clock: a late or retried tick computes the same digest.
    const report = await runDigestJob(deps, new Date(controller.scheduledTime));
    console.log(JSON.stringify({ event: "digest_job", ...report }));
  },
} satisfies ExportedHandler<Env>;
