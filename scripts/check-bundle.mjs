// The deployable bundle's size, as Cloudflare would receive it: builds it with
// `wrangler deploy --dry-run --outdir dist` (nothing is uploaded) and reads wrangler's
// "Total Upload: X KiB / gzip: Y KiB" line. Fails when the gzip size is over budget, because
// every KiB is parsed and evaluated when a cold isolate starts.
//
//   node scripts/check-bundle.mjs          one line; exit 1 when over budget
//   node scripts/check-bundle.mjs --json   {"rawKiB":..,"gzipKiB":..,"budgetGzipKiB":..}
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BUNDLE_BUDGET_GZIP_KIB = 400;
const TOTAL_UPLOAD = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/;

export function measureBundle() {
  const output = execFileSync(path.join(ROOT, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", "dist"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const match = TOTAL_UPLOAD.exec(output);
  if (!match) throw new Error(`no "Total Upload" line in wrangler's output:\n${output}`);
  return { rawKiB: Number(match[1]), gzipKiB: Number(match[2]), budgetGzipKiB: BUNDLE_BUDGET_GZIP_KIB };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const size = measureBundle();
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(size));
  } else {
    const within = size.gzipKiB <= size.budgetGzipKiB;
    console.log(`bundle: ${size.rawKiB} KiB raw, ${size.gzipKiB} KiB gzip (budget ${size.budgetGzipKiB} KiB gzip) ${within ? "ok" : "OVER BUDGET"}`);
    process.exitCode = within ? 0 : 1;
  }
}
