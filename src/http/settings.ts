import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { ownerOf, parseConfig } from "../config.ts";
import { createDb } from "../db/client.ts";
import { ensureOwner, saveUserSettings } from "../db/users.ts";
import { parseSettings, SettingsPatch } from "../core/follow-ups/settings.ts";
import type { AppEnv } from "./env.ts";

/** The owner's follow-up and digest settings (every default of the rules, by name). */
export const settingsApi = new Hono<AppEnv>()
  .get("/", async (c) => {
    const config = parseConfig(c.env);
    const owner = await ensureOwner(createDb(c.env.DB), ownerOf(config), new Date());
    return c.json(parseSettings(owner.settings));
  })
  .patch("/", async (c) => {
    const body: unknown = await c.req.json().catch(() => null);
    const patch = SettingsPatch.safeParse(body);
    if (!patch.success) {
      throw new HTTPException(400, { res: Response.json({ error: "invalid_settings", issues: patch.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) }, { status: 400 }) });
    }
    const config = parseConfig(c.env);
    const db = createDb(c.env.DB);
    const owner = await ensureOwner(db, ownerOf(config), new Date());
    const settings = parseSettings({ ...(owner.settings as Record<string, unknown>), ...patch.data });
    await saveUserSettings(db, owner.id, settings);
    return c.json(settings);
  });
