import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import "../../src/index.ts";
import { warmUpPipeline } from "../../src/core/warm-up.ts";

describe("worker tier", () => {
  it("has the migrated D1", async () => {
    const row = await env.DB.prepare("SELECT count(*) AS n FROM inbound_messages").first<{ n: number }>();
    expect(row?.n).toBe(0);
  });

  it("warms the pipeline up while the Worker's module is evaluated, in workerd", async () => {
    // The same promise the module's top level started: it resolved true only if every sample was read end to end.
    expect(await warmUpPipeline()).toBe(true);
  });
});
