import { Hono } from "hono";
import { ownerOf, parseConfig } from "../config.ts";
import { createDb } from "../db/client.ts";
import { ensureOwner } from "../db/users.ts";
import { forwardingAddressFor, replyAddressFor } from "../mailer.ts";
import type { AppEnv } from "./env.ts";

/**
 * The owner's addresses: the plain one (signed forwards), the private forwarding address
 * (automatic forwards, unsigned domains) and the current reply address. The way to learn the
 * private address before any mail got in, e.g. for an owner on a domain that does not sign.
 */
export const addressesApi = new Hono<AppEnv>().get("/", async (c) => {
  const config = parseConfig(c.env);
  const owner = await ensureOwner(createDb(c.env.DB), ownerOf(config), new Date());
  return c.json({ plain: config.assistantEmail, forwarding: await forwardingAddressFor(config, owner), reply: await replyAddressFor(config, owner) });
});
