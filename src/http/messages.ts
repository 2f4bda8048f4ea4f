import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import * as z from "zod/mini";
import { ownerOf } from "../config.ts";
import { createDb } from "../db/client.ts";
import { ensureOwner } from "../db/users.ts";
import { getInbound } from "../db/messages.ts";
import { depsFor } from "../deps.ts";
import { loadRaw, rereadAll, rereadMessage } from "./reread.ts";
import type { AppEnv } from "./env.ts";

const MessageId = z.coerce.number().check(z.int(), z.positive());

function parseId(value: string): number {
  const parsed = MessageId.safeParse(value);
  if (!parsed.success) throw new HTTPException(400, { message: "message id must be a positive integer" });
  return parsed.data;
}

export const messagesApi = new Hono<AppEnv>()
  .get("/:id", async (c) => {
    const row = await getInbound(createDb(c.env.DB), parseId(c.req.param("id")));
    if (!row) throw new HTTPException(404, { message: "no such message" });
    return c.json(row);
  })
  .get("/:id/raw", async (c) => {
    const db = createDb(c.env.DB);
    const row = await getInbound(db, parseId(c.req.param("id")));
    if (!row) throw new HTTPException(404, { message: "no such message" });
    return new Response(await loadRaw(db, row.id), {
      headers: { "content-type": "message/rfc822", "content-disposition": `attachment; filename="message-${row.id}.eml"` },
    });
  })
  .post("/reread", async (c) => {
    const d = depsFor(c.env);
    const owner = await ensureOwner(d.db, ownerOf(d.config), d.now);
    return c.json(await rereadAll(d, owner.id));
  })
  .post("/:id/reread", async (c) => {
    const report = await rereadMessage(depsFor(c.env), parseId(c.req.param("id")));
    if (!report) throw new HTTPException(404, { message: "no such forwarded message" });
    return c.json(report);
  });
