/**
 * The private page for a long search of 1,000 applications in every status
 * (test/unit/dashboard/fixture.ts): `renderDashboard` (the HTML, the page's budget) and the size
 * of the HTML sent, with the CPU `loadDashboard` spends after its one batch of reads for
 * context: the shaping (`buildDashboard`, the rules for the applications shown included).
 *
 * The page is written in .tsx, which Node's type stripping cannot load, so the page module is
 * first bundled with esbuild (as wrangler bundles it for deployment) into a temporary file and
 * imported from there: the code measured is the page's own, compiled the way the Worker runs it.
 * Each run renders the whole document; the render is synchronous and does no I/O, so its wall
 * time is its CPU time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { buildDashboard, type DashboardData } from "../src/db/dashboard.ts";
import { searchInput } from "../test/unit/dashboard/fixture.ts";
import { median, percentile } from "./stats.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WARM_UP_RUNS = 10;
const RUNS = 60;
const OPTIONS = {
  csrfToken: "q3W9xk2bVb0nS1l8a6PpR4tY7uH2eJ5cD0fG3hK6mN9",
  notice: ["Done:", "  - Kestrel Works 1 (Backend Engineer): status waiting → rejected", "", 'Changed your mind? Use Undo, or reply "undo".'],
  calendarUrl: "https://assistant.example.com/calendar/0123456789abcdef0123456789abcdef.ics",
  nonce: "r4nd0mN0nc3",
};

type RenderDashboard = (data: DashboardData, options: typeof OPTIONS) => string;

export interface DashboardCost {
  applications: number;
  /** Milliseconds. */
  buildMedianMs: number;
  renderMedianMs: number;
  renderP95Ms: number;
  /** UTF-8 bytes of the overview's HTML. */
  htmlBytes: number;
  /** The largest other page: one board column's first page. */
  columnHtmlBytes: number;
}

/** The page module, bundled by esbuild into a temporary directory and imported. */
async function loadRenderer(): Promise<RenderDashboard> {
  const dir = mkdtempSync(path.join(tmpdir(), "dashboard-bench-"));
  try {
    const outfile = path.join(dir, "page.mjs");
    await build({
      entryPoints: [path.join(ROOT, "src/http/dashboard/page.tsx")],
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      outfile,
      tsconfig: path.join(ROOT, "tsconfig.json"),
      logLevel: "error",
    });
    const module = (await import(pathToFileURL(outfile).href)) as { renderDashboard: RenderDashboard };
    return module.renderDashboard;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function time(run: () => unknown, runs: number): number[] {
  for (let i = 0; i < WARM_UP_RUNS; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return samples;
}

export async function measureDashboard(count: number): Promise<DashboardCost> {
  const render = await loadRenderer();
  const input = searchInput(count);
  const data = buildDashboard(input);
  const column = buildDashboard({ ...input, view: { kind: "status", status: "rejected", page: 1 } });
  if (!data || !column) throw new Error("the search has no overview");
  const builds = time(() => buildDashboard(input), Math.max(10, RUNS / 4));
  const renders = time(() => render(data, OPTIONS), RUNS);
  return {
    applications: count,
    buildMedianMs: median(builds),
    renderMedianMs: median(renders),
    renderP95Ms: percentile(renders, 95),
    htmlBytes: Buffer.byteLength(render(data, OPTIONS)),
    columnHtmlBytes: Buffer.byteLength(render(column, OPTIONS)),
  };
}
