import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * Two tiers: `unit` runs the pure core in plain Node; `worker` runs the adapters inside
 * workerd against a real local D1 built from the real migrations (never a mocked D1).
 * `browser` renders mail HTML in Debian's headless Chromium (scripts/ensure-chromium.sh).
 */
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    test: {
      projects: [
        {
          test: {
            name: "unit",
            include: ["test/unit/**/*.test.ts"],
            environment: "node",
          },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  REPLY_TOKEN_SECRET: "test-reply-token-secret-0123456789abcdef0123456789abcdef",
                  API_TOKEN: "test-api-token",
                  PUBLIC_URL: "https://assistant.example.com",
                },
                // The owner plus the extra users of the multi-zone digest tests; any other
                // recipient is refused by the simulated binding, as in production.
                email: {
                  send_email: [{ name: "EMAIL", allowed_destination_addresses: ["me@example.com", "berlin@example.com", "tokyo@example.com"] }],
                },
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["test/worker/**/*.test.ts"],
            setupFiles: ["./test/helpers/apply-migrations.ts"],
          },
        },
        {
          test: {
            name: "browser",
            include: ["test/browser/**/*.test.ts"],
            environment: "node",
            // Starting Chromium takes seconds on a cold machine; the pages themselves are quick.
            testTimeout: 60_000,
            hookTimeout: 60_000,
          },
        },
      ],
    },
  };
});
