/**
 * The HTTP side's Hono environment, shared by the app and its sub-apps. It lives apart from
 * app.ts because app.ts mounts the sub-apps: their importing it back would close a circle.
 */

/** The optional Access settings; `wrangler.toml` names them (empty by default). */
export interface AccessVars {
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
}

export type AppEnv = { Bindings: Env & AccessVars };
