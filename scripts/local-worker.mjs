/**
 * The worker under `wrangler dev` on this machine, for the scripts that drive it end to end
 * (`npm run demo`, `npm run load`), with no Cloudflare account.
 *
 * Contract:
 *   - A `LocalWorker` owns a fresh temporary directory (`workDir`): the D1 state it persists to
 *     and the secrets file it runs with live there, so the developer's `.wrangler/state` and
 *     `.dev.vars` are never read or written. `close()` stops the worker and removes it.
 *   - `migrate()` applies the migrations to that state; call it before `start()`.
 *   - `start()` runs `wrangler dev` on 127.0.0.1 and a free port, in its own process group, and
 *     resolves once GET /health answers `{ ok: true }`. With `serveBuilt` the worker is bundled
 *     once and served with `--no-bundle`, so edits to the source during a run do not restart it.
 *   - wrangler's output is kept line by line without ANSI colours (the last LOG_LINES_KEPT lines,
 *     see `logTail`), and each line is also handed to `onLine`.
 *   - The mail the worker sends is written by wrangler's email simulator to .eml files, whose
 *     paths it logs: `sentMail` lists them in the order sent, `waitForMail` waits for more.
 *   - `vars` are more settings for the worker (they override wrangler.toml's [vars]); with
 *     `ownPublicUrl`, PUBLIC_URL is the worker's own address (http://127.0.0.1:<port>), so the
 *     links it mails (login, calendar) lead to it.
 *   - `sendEmail` and `runCron` call the local Email Routing and cron endpoints.
 *   - Failures of the harness itself throw `LocalWorkerError`, whose message says what failed.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const WRANGLER_BIN = join(ROOT, "node_modules", ".bin", "wrangler");

/** wrangler dev is usually up in 3-10 s; the first run also builds the bundle. */
const DEFAULT_READY_TIMEOUT_MS = 60_000;
/** One readiness probe; a listening worker answers /health at once. */
const PROBE_TIMEOUT_MS = 5_000;
/** One email or cron request; a handler runs well under a second here. */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_POLL_MS = 200;
const STOP_TIMEOUT_MS = 5_000;
/** Enough for a failure report; a long run would otherwise keep every line. */
const LOG_LINES_KEPT = 200;
/** `wrangler d1 execute --json` prints every row of a large table. */
const WRANGLER_OUTPUT_MAX_BYTES = 64 * 1024 * 1024;

const CHILD_ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
const ANSI_ESCAPE = /\x1b\[[0-9;]*m/g;
/** wrangler dev keeps running after a failed build (it waits for a fix), so the log is the only sign. */
const BUILD_FAILED_LINE = /\[ERROR\] Build failed/;
/** Lines like "Email: /…/.wrangler/tmp/email/miniflare-<hash>/email/<Message-ID>.eml". */
const SENT_MAIL_LINE = /(\S+\.wrangler[\\/]tmp[\\/]email[\\/]\S+\.eml)/;
/** A handler's mail is logged within milliseconds of the request returning. */
const DEFAULT_MAIL_TIMEOUT_MS = 15_000;

export class LocalWorkerError extends Error {}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one wrangler command to completion in the project root and returns its stdout.
 * @param {string[]} args
 * @param {number} timeoutMs
 * @param {string} [what] names the step in the error; by default the command's first words
 * @returns {string}
 * @throws {LocalWorkerError} when the command fails or times out
 */
export function runWrangler(args, timeoutMs, what = `wrangler ${args.slice(0, 3).join(" ")}`) {
  const result = spawnSync(WRANGLER_BIN, args, {
    cwd: ROOT,
    env: { ...CHILD_ENV, CI: "true" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: timeoutMs,
    maxBuffer: WRANGLER_OUTPUT_MAX_BYTES,
  });
  if (result.status !== 0) throw new LocalWorkerError(`${what} failed (${result.error?.message ?? `exit code ${result.status}`}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** @returns {Promise<number>} a port nothing listens on at the moment */
function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * @typedef {object} LocalWorkerOptions
 * @property {string} tempPrefix prefix of the temporary directory's name
 * @property {boolean} [serveBuilt] bundle once (`wrangler deploy --dry-run`) and serve that with `--no-bundle`
 * @property {string} [logLevel] wrangler's `--log-level`; its default when absent
 * @property {Record<string, string>} [secrets] more lines for the secrets file, after REPLY_TOKEN_SECRET and API_TOKEN
 * @property {Record<string, string>} [vars] settings that override wrangler.toml's [vars] (written to the same file)
 * @property {boolean} [ownPublicUrl] set PUBLIC_URL to the worker's own origin, http://127.0.0.1:<port>
 * @property {number} [readyTimeoutMs] for start-up and for each wrangler command it runs
 * @property {number} [requestTimeoutMs] for each email or cron request
 * @property {number} [pollMs] between readiness probes
 * @property {(line: string) => void} [onLine] sees each line of wrangler's output, colours removed
 */

export class LocalWorker {
  /** @param {LocalWorkerOptions} options */
  constructor({ tempPrefix, serveBuilt = false, logLevel, secrets = {}, vars = {}, ownPublicUrl = false, readyTimeoutMs = DEFAULT_READY_TIMEOUT_MS, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS, pollMs = DEFAULT_POLL_MS, onLine = () => {} }) {
    /** @type {string} */
    this.workDir = mkdtempSync(join(tmpdir(), tempPrefix));
    /** @type {string} the `--persist-to` directory, for `wrangler d1 ... --local` */
    this.stateDir = join(this.workDir, "state");
    /** @type {string} the API_TOKEN secret the worker runs with, fresh per run */
    this.apiToken = randomBytes(24).toString("hex");
    /** @type {string[]} the last lines of wrangler's output */
    this.log = [];
    /** @type {string} e.g. "http://127.0.0.1:54321"; set by `start()` */
    this.base = "";
    /** @type {string[]} paths of the .eml files the worker sent, in the order sent */
    this.sentMail = [];
    this.options = { serveBuilt, logLevel, secrets, vars, ownPublicUrl, readyTimeoutMs, requestTimeoutMs, pollMs, onLine };
    this.buildFailed = false;
    this.process = null;
    this.exited = null;
  }

  /** Applies the migrations to this worker's own state. */
  migrate() {
    runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", this.stateDir], this.options.readyTimeoutMs, "Applying the migrations");
  }

  /** Starts `wrangler dev` and resolves once the worker answers GET /health. */
  async start() {
    const { serveBuilt, logLevel, secrets, vars, ownPublicUrl, readyTimeoutMs } = this.options;
    const served = [];
    if (serveBuilt) {
      // wrangler dev restarts the worker when a source file changes, which would cut requests
      // off mid-run while the tree is being edited; a built bundle stays as it is.
      const bundleDir = join(this.workDir, "bundle");
      runWrangler(["deploy", "--dry-run", "--outdir", bundleDir], readyTimeoutMs);
      served.push(join(bundleDir, "index.js"), "--no-bundle", "--config", join(ROOT, "wrangler.toml"));
    }
    const port = await findFreePort();
    const inspectorPort = await findFreePort();
    this.base = `http://127.0.0.1:${port}`;
    const secretsFile = join(this.workDir, "secrets.env");
    const settings = { ...secrets, ...vars, ...(ownPublicUrl ? { PUBLIC_URL: this.base } : {}) };
    const secretLines = [`REPLY_TOKEN_SECRET=${randomBytes(32).toString("hex")}`, `API_TOKEN=${this.apiToken}`, ...Object.entries(settings).map(([key, value]) => `${key}=${value}`)];
    writeFileSync(secretsFile, secretLines.join("\n") + "\n");
    const args = [
      "dev",
      ...served,
      "--ip", "127.0.0.1",
      "--port", String(port),
      "--inspector-port", String(inspectorPort),
      "--persist-to", this.stateDir,
      "--env-file", secretsFile,
      "--show-interactive-dev-session=false",
      ...(logLevel ? ["--log-level", logLevel] : []),
    ];
    // Its own process group, so stopping it also stops workerd and esbuild under it.
    this.process = spawn(WRANGLER_BIN, args, { cwd: ROOT, env: CHILD_ENV, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    this.exited = new Promise((resolve) => this.process.once("exit", (code, signal) => resolve({ code, signal })));
    this.process.once("exit", () => (this.process = null));
    for (const stream of [this.process.stdout, this.process.stderr]) {
      let pending = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk) => {
        pending += chunk;
        const lines = pending.split(/\r?\n/);
        pending = lines.pop() ?? "";
        for (const line of lines) this.keepLine(line.replace(ANSI_ESCAPE, ""));
      });
    }
    await this.waitUntilReady();
  }

  keepLine(line) {
    this.log.push(line);
    if (this.log.length > LOG_LINES_KEPT) this.log.shift();
    if (BUILD_FAILED_LINE.test(line)) this.buildFailed = true;
    const sent = SENT_MAIL_LINE.exec(line);
    if (sent) this.sentMail.push(sent[1]);
    this.options.onLine(line);
  }

  /**
   * Waits until the worker has sent `count` emails after the first `before` (a `sentMail.length`
   * read before the request), then returns their .eml paths.
   * @param {number} before
   * @param {number} count
   * @param {number} [timeoutMs]
   * @returns {Promise<string[]>}
   * @throws {LocalWorkerError} when fewer came in time
   */
  async waitForMail(before, count, timeoutMs = DEFAULT_MAIL_TIMEOUT_MS) {
    const deadline = Date.now() + timeoutMs;
    while (this.sentMail.length < before + count) {
      if (Date.now() > deadline) throw new LocalWorkerError(`The worker sent ${this.sentMail.length - before} of ${count} emails within ${timeoutMs / 1000} s.`);
      await sleep(this.options.pollMs);
    }
    return this.sentMail.slice(before, before + count);
  }

  async waitUntilReady() {
    const { readyTimeoutMs, pollMs } = this.options;
    const deadline = Date.now() + readyTimeoutMs;
    while (Date.now() < deadline) {
      if (!this.process) throw new LocalWorkerError("wrangler dev exited before the worker was ready.");
      if (this.buildFailed) throw new LocalWorkerError("The worker did not build (esbuild errors below).");
      try {
        const response = await fetch(`${this.base}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        if (response.ok && (await response.json()).ok === true) return;
      } catch {
        // Not listening yet.
      }
      await sleep(pollMs);
    }
    throw new LocalWorkerError(`The worker did not answer GET /health within ${readyTimeoutMs / 1000} s.`);
  }

  /**
   * Delivers a raw message as Email Routing would (the route answers 400 without a Message-ID).
   * @param {string} from envelope sender
   * @param {string} to envelope recipient
   * @param {string | Uint8Array} raw
   * @returns {Promise<Response>}
   */
  sendEmail(from, to, raw) {
    const query = new URLSearchParams({ from, to });
    return fetch(`${this.base}/cdn-cgi/local/email?${query}`, { method: "POST", body: raw, signal: AbortSignal.timeout(this.options.requestTimeoutMs) });
  }

  /**
   * The owner's addresses from the API: `forwarding` is the private forwarding address, where
   * the owner's mail goes without a DKIM signature (no DNS is reachable on a local worker);
   * `calendar` the calendar feed's URL (null without PUBLIC_URL).
   * @returns {Promise<{ plain: string; forwarding: string; reply: string; calendar: string | null }>}
   */
  async addresses() {
    const response = await fetch(`${this.base}/api/addresses`, { headers: { authorization: `Bearer ${this.apiToken}` }, signal: AbortSignal.timeout(this.options.requestTimeoutMs) });
    if (!response.ok) throw new LocalWorkerError(`GET /api/addresses answered ${response.status}`);
    return response.json();
  }

  /**
   * Runs the scheduled handler as if the cron fired at `instant`.
   * @param {number} instant milliseconds since the epoch
   * @returns {Promise<Response>}
   */
  runCron(instant) {
    return fetch(`${this.base}/cdn-cgi/local/scheduled?time=${instant}`, { signal: AbortSignal.timeout(this.options.requestTimeoutMs) });
  }

  /** Stops wrangler's process group (SIGTERM, then SIGKILL); the state stays readable. Idempotent. */
  async stop() {
    if (!this.process) return;
    const pid = this.process.pid;
    signalGroup(pid, "SIGTERM");
    const stopped = await Promise.race([this.exited, sleep(STOP_TIMEOUT_MS).then(() => null)]);
    if (!stopped) {
      signalGroup(pid, "SIGKILL");
      await this.exited;
    }
  }

  /** Stops the worker and removes the temporary directory. */
  async close() {
    await this.stop();
    rmSync(this.workDir, { recursive: true, force: true });
  }

  /** On Ctrl-C or SIGTERM: close, then exit 130 or 143 as a shell would. */
  closeOnSignals() {
    const closeAndExit = (signal) => {
      void this.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    };
    process.once("SIGINT", closeAndExit);
    process.once("SIGTERM", closeAndExit);
  }

  /** @param {number} [lines] */
  logTail(lines = 40) {
    return this.log.slice(-lines).join("\n");
  }
}
