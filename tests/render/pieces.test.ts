import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateEstate } from "../../src/migration/generate/estate";
import { buildPlan } from "../../src/migration/plan/plan";
import { planJson } from "../../src/migration/plan/render/files";
import { jsonPieces, wholeText } from "../../src/migration/plan/render/pieces";

describe("JSON in pieces", () => {
  it("is exactly JSON.stringify(value, null, 2), for any JSON value and any depth of pieces", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (value, depth) => {
        expect([...jsonPieces(value, "", depth)].join("")).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 500 },
    );
    const awkward = { a: undefined, b: [undefined, () => 1, 2], c: {}, d: [], e: { toJSON: () => "x" }, f: null };
    expect([...jsonPieces(awkward)].join("")).toBe(JSON.stringify(awkward, null, 2));
  });

  it("writes plan.json a system at a time, the same bytes as one JSON.stringify", () => {
    const plan = buildPlan({ inventory: generateEstate({ systems: 300, seed: 11 }), dataset: "generated" });
    const json = planJson(plan);
    expect(wholeText(json)).toBe(`${JSON.stringify(plan, null, 2)}\n`);
    expect([...json.pieces()].length).toBeGreaterThan(plan.systems.length);
  });
});
