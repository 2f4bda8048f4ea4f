import { Hono } from "hono";
import { createDb } from "../db/client.ts";
import { listApplicationsWithInterviews } from "../db/applications.ts";
import type { AppEnv } from "./env.ts";

export const applicationsApi = new Hono<AppEnv>().get("/", async (c) => c.json(await listApplicationsWithInterviews(createDb(c.env.DB))));
