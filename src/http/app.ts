/**
 * The HTTP side: a public health check, and an API that requires the API_TOKEN bearer token
 * (compared in constant time). Errors are converted once, in onError.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { timingSafeEqual } from "hono/utils/buffer";
import { parseConfig } from "../config.ts";
import { messagesApi } from "./messages.ts";
import { applicationsApi } from "./applications.ts";

export type AppEnv = { Bindings: Env };

export const app = new Hono<AppEnv>()
  .use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"] }, crossOriginResourcePolicy: "same-origin" }))
  .get("/health", (c) => c.json({ ok: true }))
  .use("/api/*", async (c, next) => {
    const token = parseConfig(c.env).apiToken;
    if (!token) throw new HTTPException(503, { message: "API_TOKEN is not set; the API is disabled" });
    const presented = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    // Hashes both sides before comparing, so neither content nor length leaks through timing.
    if (!(await timingSafeEqual(presented, token))) {
      throw new HTTPException(401, { message: "unauthorized", res: new Response("unauthorized", { status: 401, headers: { "www-authenticate": 'Bearer realm="api"' } }) });
    }
    await next();
  })
  .route("/api/messages", messagesApi)
  .route("/api/applications", applicationsApi);

app.onError((error, c) => {
  if (error instanceof HTTPException) return error.getResponse();
  console.error(JSON.stringify({ event: "http_error", error: error.message }));
  return c.json({ error: "internal_error" }, 500);
});
