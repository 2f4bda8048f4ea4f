import { Hono } from "hono";
import { ownerOf, parseConfig } from "../config.ts";
import { createDb } from "../db/client.ts";
import { ensureOwner } from "../db/users.ts";
import { calendarFeedUrlFor, forwardingAddressFor, replyAddressFor } from "../mailer.ts";
import type { AppEnv } from "./env.ts";

/**
 * The owner's addresses: the plain one (signed forwards), the private forwarding address
 * (automatic forwards, unsigned domains), the current reply address, and the calendar feed's
 * URL (null without PUBLIC_URL). The way to learn the private ones before any mail got in, e.g.
 * for an owner on a domain that does not sign, or a script that subscribes to the calendar.
 */
export const addressesApi = new Hono<AppEnv>().get("/", async (c) => {
  const config = parseConfig(c.env);
  const owner = await ensureOwner(createDb(c.env.DB), ownerOf(config), new Date());
  return c.json({
    plain: config.assistantEmail,
    forwarding: await forwardingAddressFor(config, owner),
    reply: await replyAddressFor(config, owner),
    calendar: await calendarFeedUrlFor(config, owner),
  });
});
