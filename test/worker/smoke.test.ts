import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
describe("worker tier", () => {
  it("has the migrated D1", async () => {
    const row = await env.DB.prepare("SELECT count(*) AS n FROM inbound_messages").first<{ n: number }>();
    expect(row?.n).toBe(0);
  });
});
