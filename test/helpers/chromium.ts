/**
 * Debian's headless Chromium for the browser tests (installed by scripts/ensure-chromium.sh):
 * where it is and how it is started, quietly and without reaching the network on its own.
 */
import { execFileSync } from "node:child_process";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Chromium from PATH; a test fails (never skips) without it. */
export function findChromium(): string {
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("Chromium is not installed: the browser tests need Debian's `chromium` on PATH. Run `bash scripts/ensure-chromium.sh`.");
  }
}
