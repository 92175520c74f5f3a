import { describe, expect, it } from "vitest";
import { generateEstate } from "../../src/migration/generate/estate";
import { buildPlan } from "../../src/migration/plan/plan";
import { shared, withSharedRule } from "../../src/migration/plan/text";
import type { Text } from "../../src/migration/plan/types";

describe("shared sentences", () => {
  it("gives one instance for equal texts, however they were built", () => {
    const gb = 40;
    const a = shared({ zh: `复制 ${gb} GB`, en: `copy ${gb} GB` });
    const b = shared({ zh: `复制 ${20 + 20} GB`, en: `copy ${80 / 2} GB` });
    expect(b).toBe(a);
    expect(shared({ zh: "复制 41 GB", en: "copy 41 GB" })).not.toBe(a);
    const rule = withSharedRule({ code: "X", rule: { zh: "复制 40 GB", en: "copy 40 GB" }, evidence: {} });
    expect(rule.rule).toBe(a);
  });

  it("tells apart sentences that differ in one language only", () => {
    const en = "sentences.test: the same English";
    const first = shared({ zh: "第一句", en });
    const second = shared({ zh: "第二句", en });
    const third = shared({ zh: "第三句", en });
    expect(second).not.toBe(first);
    expect([first.zh, second.zh, third.zh]).toEqual(["第一句", "第二句", "第三句"]);
    expect(shared({ zh: "第一句", en: `${en}` })).toBe(first);
    expect(shared({ zh: "第二句", en })).toBe(second);
    expect(shared({ zh: "第三句", en })).toBe(third);
    expect(shared({ zh: "第一句", en: "sentences.test: other English" })).not.toBe(first);
  });

  it("a plan holds each distinct sentence about once, not once per system", () => {
    const plan = buildPlan({ inventory: generateEstate({ systems: 400, seed: 7 }), dataset: "generated" });
    const texts: Text[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        const keys = Object.keys(value);
        if (keys.length === 2 && "zh" in value && "en" in value) texts.push(value as Text);
        else keys.forEach((k) => walk((value as Record<string, unknown>)[k]));
      }
    };
    walk(plan.systems);
    const distinct = new Set(texts.map((t) => `${t.zh}\u0000${t.en}`));
    expect(texts.length).toBeGreaterThan(5 * distinct.size);
    // Equal sentences written twice in the itineraries' source (a title used in two of them) are the only copies.
    expect(new Set(texts).size).toBeLessThan(distinct.size + 10);
  });
});
