import { Hono } from "hono";
import { createDb } from "../db/client.ts";
import { listApplicationsWithInterviews } from "../db/queries.ts";
import type { AppEnv } from "./app.ts";

export const applicationsApi = new Hono<AppEnv>().get("/", async (c) => c.json(await listApplicationsWithInterviews(createDb(c.env.DB))));
