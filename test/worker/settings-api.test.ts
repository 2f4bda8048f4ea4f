import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/index.ts";
import { DEFAULT_SETTINGS } from "../../src/core/follow-ups/settings.ts";

function call(method: string, body?: unknown) {
  const init: RequestInit = { method, headers: { authorization: "Bearer test-api-token", "content-type": "application/json" } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return worker.fetch(new Request("http://local/api/settings", init), env, createExecutionContext());
}

describe("settings API", () => {
  it("shows every rule default by name, and changes only what is sent", async () => {
    const before = await call("GET");
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ thankYouDelayHours: DEFAULT_SETTINGS.thankYouDelayHours, maxFollowUps: 3, digestHour: 7, requestFeedback: true });

    const changed = await call("PATCH", { statusCheckBusinessDays: 6, requestFeedback: false });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ statusCheckBusinessDays: 6, requestFeedback: false, maxFollowUps: 3 });
    expect(JSON.parse((await env.DB.prepare("SELECT settings FROM users").first<{ settings: string }>())!.settings)).toMatchObject({ statusCheckBusinessDays: 6, requestFeedback: false });
  });

  it("refuses an unknown setting or a value out of range, changing nothing", async () => {
    const unknown = await call("PATCH", { pushiness: 11 });
    expect(unknown.status).toBe(400);
    const outOfRange = await call("PATCH", { maxFollowUps: 50 });
    expect(outOfRange.status).toBe(400);
    expect(await outOfRange.json()).toMatchObject({ error: "invalid_settings" });
    expect(await (await call("GET")).json()).toMatchObject({ maxFollowUps: 3 });
  });

  it("needs the token", async () => {
    const res = await worker.fetch(new Request("http://local/api/settings"), env, createExecutionContext());
    expect(res.status).toBe(401);
  });
});
