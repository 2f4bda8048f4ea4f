import { describe, expect, it } from "vitest";
import { EMAIL_KINDS } from "../../src/core/understanding/types.ts";
describe("unit tier", () => { it("loads the core", () => { expect(EMAIL_KINDS).toContain("invitation"); }); });
