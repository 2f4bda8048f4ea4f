import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CORE_IMPORTS, importCircles, layoutViolations, readImports, SOURCE_FILE, type ImportEdge } from "../helpers/layout.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function sourceEdges(): ImportEdge[] {
  const files = readdirSync(`${ROOT}src`, { recursive: true, encoding: "utf8" })
    .filter((f) => SOURCE_FILE.test(f))
    .map((f) => `src/${f.replaceAll("\\", "/")}`);
  return files.flatMap((file) => readImports(file, readFileSync(`${ROOT}${file}`, "utf8")));
}

describe("project layout", () => {
  const edges = sourceEdges();

  it("reads the imports of every source file, type-only and dynamic ones included", () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.some((edge) => edge.from.endsWith(".tsx") && edge.to === "src/db/dashboard.ts")).toBe(true);
    expect(readImports("src/core/a/x.ts", 'import type { T } from "../b/y.ts";\nconst m = await import("../c/z.ts");\nexport { u } from "./w.ts";')).toEqual([
      { from: "src/core/a/x.ts", to: "src/core/b/y.ts" },
      { from: "src/core/a/x.ts", to: "src/core/c/z.ts" },
      { from: "src/core/a/x.ts", to: "src/core/a/w.ts" },
    ]);
  });

  it("the core's folders are its known features, and every folder says in one line what it owns", () => {
    const folders = readdirSync(`${ROOT}src/core`, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.sort()).toEqual(Object.keys(CORE_IMPORTS).sort());
    const allFolders = [...readdirSync(`${ROOT}src`, { recursive: true, withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${d.parentPath.slice(`${ROOT}src`.length)}/${d.name}`)];
    for (const folder of allFolders) {
      const lines = readFileSync(`${ROOT}src${folder}/README.md`, "utf8").trim().split("\n");
      expect(lines, `src${folder}/README.md`).toHaveLength(1);
    }
  });

  it("imports follow the rules", () => {
    expect(layoutViolations(edges)).toEqual([]);
  });

  it("has no import circles", () => {
    expect(importCircles(edges)).toEqual([]);
  });

  it("reports a forbidden import and a circle when one is added", () => {
    const added: ImportEdge[] = [
      { from: "src/core/text/word-tokens.ts", to: "src/core/understanding/types.ts" },
      { from: "src/core/digest/plan.ts", to: "src/core/commands/parse.ts" },
      { from: "src/core/filing/plan.ts", to: "src/db/client.ts" },
      { from: "src/core/mail/parse.ts", to: "cloudflare:workers" },
      { from: "src/cron/digest-job.ts", to: "src/email/receive.ts" },
    ];
    expect(layoutViolations(added)).toEqual([
      "src/core/text/word-tokens.ts → src/core/understanding/types.ts: core/text may not import core/understanding",
      "src/core/digest/plan.ts → src/core/commands/parse.ts: core/digest may not import core/commands",
      "src/core/filing/plan.ts → src/db/client.ts: the core imports nothing outside core/",
      "src/core/mail/parse.ts → cloudflare:workers: the core uses no bindings or database",
      "src/cron/digest-job.ts → src/email/receive.ts: email/ is an adapter: only index.ts uses it",
    ]);
    const circle = importCircles([...edges, { from: "src/core/text/word-tokens.ts", to: "src/core/text/word-finder.ts" }, { from: "src/core/text/word-finder.ts", to: "src/core/text/word-tokens.ts" }]);
    expect(circle).toContainEqual(["src/core/text/word-finder.ts", "src/core/text/word-tokens.ts"]);
  });
});
