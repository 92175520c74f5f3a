import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gramWeights, similarPairs, systemSimilarity } from "../../src/migration/plan/similarity";

/** Every pair, compared one by one: the definition similarPairs must agree with. */
function allPairs(systems: readonly { name: string; function: string }[], threshold: number) {
  const pairs: { a: number; b: number; score: number }[] = [];
  const weights = gramWeights(systems);
  for (let a = 0; a < systems.length; a++) {
    for (let b = a + 1; b < systems.length; b++) {
      const score = systemSimilarity(systems[a]!, systems[b]!, weights);
      if (score >= threshold) pairs.push({ a, b, score });
    }
  }
  return pairs;
}

// Names from a small alphabet of real name parts, so that similar pairs are common.
const part = fc.constantFrom("城乡", "低保", "人口", "法人", "社保", "医保", "审批", "监管", "系统", "管理", "信息", "平台", "（", "）", "一", "网", "通", "办", "A", "B");
const text = fc.array(part, { minLength: 0, maxLength: 6 }).map((parts) => parts.join(""));
const system = fc.record({ name: text, function: text });

describe("similar pairs within a department", () => {
  it("are exactly the pairs, and scores, that comparing every pair finds", () => {
    fc.assert(
      fc.property(fc.array(system, { maxLength: 40 }), fc.double({ min: 0.5, max: 1, noNaN: true }), (systems, threshold) => {
        expect(similarPairs(systems, threshold)).toEqual(allPairs(systems, threshold));
      }),
      { numRuns: 300 },
    );
  });

  it("finds the seeds' example and not the suffix-only lookalike", () => {
    const systems = [
      { name: "城乡低保管理系统", function: "低保审批" },
      { name: "城乡低保信息管理系统", function: "城乡低保对象管理" },
      { name: "人口信息管理系统", function: "人口登记" },
      { name: "法人信息管理系统", function: "法人登记" },
    ];
    expect(similarPairs(systems, 0.75).map(({ a, b }) => [a, b])).toEqual([[0, 1]]);
  });
});
