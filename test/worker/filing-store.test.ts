/**
 * The D1 filing store against the same cases as the in-memory one (filing-store-contract.ts),
 * on the real local D1. Each case files for a user of its own, so the cases cannot see each
 * other's applications.
 */
import { env } from "cloudflare:workers";
import { describe } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { createD1FilingStore } from "../../src/db/filing.ts";
import { storeInbound } from "../../src/db/messages.ts";
import { PARSER_VERSION } from "../../src/core/understanding/read.ts";
import { filingStoreContract } from "../helpers/filing-store-contract.ts";
import { seedUser } from "../helpers/seed.ts";

let users = 0;
let messages = 0;

describe("the D1 filing store", () => {
  filingStoreContract(async () => {
    const db = createDb(env.DB);
    const user = await seedUser(env.DB, { email: `filing-${++users}@example.com`, timeZone: "America/Los_Angeles" });
    return {
      store: createD1FilingStore(db, user.id, PARSER_VERSION),
      async keep(subject) {
        const { row } = await storeInbound(db, {
          userId: user.id,
          receivedAt: new Date("2026-03-02T18:00:00Z"),
          envelopeFrom: user.email,
          envelopeTo: "assistant@example.com",
          rawSha256: `filing-store-${++messages}`,
          rawSize: 1,
          channel: "forward",
          outerMessageId: null,
          subject,
          compressedChunks: [new Uint8Array([1])],
        });
        return row.id;
      },
    };
  });
});
