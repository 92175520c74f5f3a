import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bigrams,
  departmentWords,
  gramWeights,
  normalise,
  similarPairs,
  systemSimilarity,
} from "../../src/migration/plan/similarity";

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
const part = fc.constantFrom(
  "城乡",
  "低保",
  "人口",
  "法人",
  "社保",
  "医保",
  "审批",
  "监管",
  "系统",
  "管理",
  "信息",
  "平台",
  "（",
  "）",
  "一",
  "网",
  "通",
  "办",
  "A",
  "B",
);
const text = fc.array(part, { minLength: 0, maxLength: 6 }).map((parts) => parts.join(""));
const system = fc.record({ name: text, function: text });

describe("similar pairs within a department", () => {
  it("are exactly the pairs, and scores, that comparing every pair finds", () => {
    fc.assert(
      fc.property(
        fc.array(system, { maxLength: 40 }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        (systems, threshold) => {
          expect(similarPairs(systems, threshold)).toEqual(allPairs(systems, threshold));
        },
      ),
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

describe("what is compared of a name", () => {
  it("the department's words: its whole name, each tail after a place, each place with and without 市/区/镇", () => {
    const longestFirst = (words: string[]) => words.every((w, i) => i === 0 || words[i - 1]!.length >= w.length);
    const words = departmentWords("潍坊市东城区教育体育局");
    expect(new Set(words)).toEqual(
      new Set(["潍坊市东城区教育体育局", "东城区教育体育局", "教育体育局", "潍坊市", "东城区", "潍坊", "东城"]),
    );
    expect(longestFirst(words)).toBe(true);
    const town = departmentWords("淄博市周村区王村镇");
    expect(new Set(town)).toEqual(
      new Set(["淄博市周村区王村镇", "周村区王村镇", "淄博市", "周村区", "王村镇", "淄博", "周村", "王村"]),
    );
    expect(longestFirst(town)).toBe(true);
    // Equal lengths in code-point order, so the removal order never depends on the name's layout.
    expect(departmentWords("淄博市周村区档案局")).toEqual([
      "淄博市周村区档案局",
      "周村区档案局",
      "周村区",
      "档案局",
      "淄博市",
      "周村",
      "淄博",
    ]);
    // A one-character remainder is no word; the government's own name stays whole.
    expect(departmentWords("王村镇人民政府")).toEqual(["王村镇人民政府", "人民政府", "王村镇", "王村"]);
    expect(departmentWords(" 东城区 ")).toEqual(["东城区", "东城"]);
  });

  it.each([
    ["周村区档案局档案管理系统（二期）", "淄博市周村区档案局", "档案"],
    ["东城区人口登记系统V2.0", "潍坊市东城区民政局", "人口登记"],
    ["教体局学籍登记系统", "潍坊市东城区教育体育局", "学籍登记"],
    ["政府办公文交换平台新版", "潍坊市东城区政府办公室", "公文交换"],
    ["人口采集监管系统", undefined, "人口采集"],
    ["人口采集数据库", undefined, "人口采集"],
    ["就业服务管理信息系统", undefined, "就业服务"],
    ["王村镇人民政府村务公开系统（2）", "淄博市周村区王村镇", "村务公开"],
  ])("%s (of %s) → %s", (name, department, expected) => {
    expect(normalise(name, department)).toBe(expected);
  });

  it("a run of digits or Latin letters is one unit", () => {
    expect([...bigrams("12345热线查询")]).toEqual(["12345热", "热线", "线查", "查询"]);
    expect([...bigrams("OA办公")]).toEqual(["OA办", "办公"]);
  });
});

describe("bigram weights", () => {
  it(
    "are ln(1 + base / how many of the department's systems have the bigram), base from " +
      "policy.rules.shadow.rarityBase",
    () => {
      const systems = [
        { name: "人口登记", function: "人口登记办理" },
        { name: "人口查询", function: "人口查询办理" },
        { name: "法人登记", function: "法人登记办理" },
      ];
      const weights = gramWeights(systems, 10);
      expect(weights.name("人口")).toBeCloseTo(Math.log(1 + 10 / 2));
      expect(weights.name("法人")).toBeCloseTo(Math.log(1 + 10 / 1));
      expect(weights.function("办理")).toBeCloseTo(Math.log(1 + 10 / 3));
      expect(gramWeights(systems).name("人口")).toBeCloseTo(Math.log(1 + 40 / 2));
    },
  );
});
