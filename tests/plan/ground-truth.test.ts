/**
 * The plan's judgement scored against what the generator meant (govcloud generate
 * --truth), on several seeds and sizes, with names that carry the department's name,
 * used-but-old systems and different functions sharing the department's prefix.
 */
import { describe, expect, it } from "vitest";
import { generateEstateWithTruth } from "../../src/migration/generate/estate";
import { buildPlan } from "../../src/migration/plan/plan";
import { scorePlan } from "../support/truth-score";

const CASES = [1, 2, 3].flatMap((seed) => [200, 900].map((systems) => ({ seed, systems })));

describe.each(CASES)("a generated city of $systems systems, seed $seed", ({ seed, systems }) => {
  const { inventory, truth } = generateEstateWithTruth({ systems, seed });
  const plan = buildPlan({ inventory, dataset: `seed-${seed}` });
  const score = scorePlan(plan, truth);

  it(
    "the estate is a fair test: department names in system names, old but used systems, look-alikes, " +
      "dependencies on zombies",
    () => {
      expect(
        inventory.systems.filter((s) =>
          inventory.departments.some(
            (d) => d.id === s.department && s.name.startsWith(d.name.replace(/^[^市]+市/, "")),
          ),
        ).length,
      ).toBeGreaterThan(systems * 0.15);
      expect(truth.reviewCandidates.length).toBeGreaterThan(systems * 0.04);
      expect(truth.similarNamesDifferentFunctions.length).toBeGreaterThan(systems * 0.1);
      expect(truth.duplicateGroups.length).toBeGreaterThan(systems * 0.03);
      expect(truth.dependenciesOnZombies.length).toBeGreaterThan(systems * 0.05);
    },
  );

  it("retires the zombies and only them (precision and recall ≥ 95 %)", () => {
    const why =
      `wrongly retired ${score.retirements.wrong.slice(0, 5).join(", ")}; ` +
      `missed ${score.retirements.missed.slice(0, 5).join(", ")}`;
    expect(score.retirements.precision, why).toBeGreaterThanOrEqual(0.95);
    expect(score.retirements.recall, why).toBeGreaterThanOrEqual(0.95);
    expect(score.reviewsMissed).toEqual([]);
  });

  it("merges only same-function systems (precision ≥ 95 %) and finds ≥ 80 % of them", () => {
    const why =
      `wrong merges ${score.merges.wrong.slice(0, 5).join(", ")}; ` +
      `missed ${score.merges.missed.slice(0, 5).join(", ")}`;
    expect(score.merges.precision, why).toBeGreaterThanOrEqual(0.95);
    expect(score.merges.recall, why).toBeGreaterThanOrEqual(0.8);
  });

  it("no system that stays or moves depends on a retired system without the plan saying so", () => {
    expect(score.silentDependencies).toEqual([]);
  });
});
