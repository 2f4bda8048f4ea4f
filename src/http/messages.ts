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

/**
 * A message id as the API writes it: a canonical decimal integer, so one message has one URL.
 * "0x1", "1e0", "01", "+1" and " 1" all coerce to 1, but none is how the API names message 1:
 * like any other id that names no message, they are 404. Fifteen digits stay a safe integer.
 */
const MessageId = z.pipe(z.string().check(z.regex(/^[1-9][0-9]{0,14}$/)), z.transform(Number));

function parseId(value: string): number {
  const parsed = MessageId.safeParse(value);
  if (!parsed.success) throw new HTTPException(404, { message: "no such message" });
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
