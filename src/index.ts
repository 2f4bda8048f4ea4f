/**
 * The switchboard: maps runtime events to adapters and nothing else.
 */
import { warmUpPipeline } from "./core/warm-up.ts";
import { depsFor } from "./deps.ts";
import { receiveEmail } from "./email/receive.ts";
import { app } from "./http/app.ts";
import { runDigestJob } from "./cron/digest-job.ts";

// At isolate start-up, not in the first email's CPU time (see src/core/warm-up.ts).
void warmUpPipeline();

export default {
  fetch: app.fetch,
  async email(message, env) {
    const result = await receiveEmail(message, depsFor(env));
    // Structured, without bodies or addresses (Workers Logs keep invocation logs).
    console.log(JSON.stringify({ event: "email", outcome: result.outcome, ...(result.outcome === "stored" ? { state: result.state, duplicate: result.duplicate } : {}) }));
  },
  async scheduled(controller, env) {
    // The scheduled time, not the wall clock: a late or retried tick computes the same digest.
    const report = await runDigestJob(depsFor(env), new Date(controller.scheduledTime));
    console.log(JSON.stringify({ event: "digest_job", ...report }));
  },
} satisfies ExportedHandler<Env>;
