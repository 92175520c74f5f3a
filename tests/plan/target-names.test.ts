/**
 * Target names are resource names: unique per kind, so no two resources get one URN.
 * Two server groups of one role are the case that used to break it.
 */
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadInventory } from "../../src/migration/inventory/load";
import { DEFAULT_RULES } from "../../src/migration/inventory/planner-rules";
import { buildPlan } from "../../src/migration/plan/plan";
import { duplicateTargetNames } from "../../src/migration/plan/target-names";
import { buildTargets, targetNames } from "../../src/migration/plan/targets";
import type { SystemPlan } from "../../src/migration/plan/types";
import { aSystem } from "../support/systems";

const ROOT = path.resolve(__dirname, "..", "..");
const server = (role: "web" | "app" | "db" | "file", count: number) => ({
  role,
  count,
  cores: 4 * count,
  memoryGb: 8 * count,
  diskGb: 100 * count,
});
const targets = (system: ReturnType<typeof aSystem>, disposition: "rehost" | "replatform") =>
  buildTargets({ system, disposition, rules: DEFAULT_RULES, mergedDataGb: 0, dependents: [] }).targets;
const names = (system: ReturnType<typeof aSystem>, disposition: "rehost" | "replatform", kind: string) =>
  targets(system, disposition)
    .filter((t) => t.kind === kind)
    .map((t) => t.name);

describe("target names", () => {
  it("number a role's instances over all its groups, in inventory order", () => {
    expect(
      targetNames([
        { role: "app", count: 2 },
        { role: "db", count: 1 },
        { role: "app", count: 1 },
      ]),
    ).toEqual([
      { deployment: "app", instances: ["app-1", "app-2"] },
      { deployment: "db", instances: ["db-1"] },
      { deployment: "app-2", instances: ["app-3"] },
    ]);
  });

  it("two groups of one role: distinct instances (rehost) and distinct Deployments (replatform)", () => {
    const system = aSystem({ id: "x", servers: [server("app", 2), server("app", 1), server("db", 1)] });
    expect(names(system, "rehost", "instance")).toEqual(["x-app-1", "x-app-2", "x-app-3", "x-db-1"]);
    expect(names(system, "replatform", "deployment")).toEqual(["x-app", "x-app-2"]);
  });

  it("a system with one group per role is named as before", () => {
    const system = aSystem({ id: "portal", servers: [server("web", 2), server("app", 1), server("db", 1)] });
    expect(names(system, "rehost", "instance")).toEqual([
      "portal-web-1",
      "portal-web-2",
      "portal-app-1",
      "portal-db-1",
    ]);
    expect(names(system, "replatform", "deployment")).toEqual(["portal-web", "portal-app"]);
  });

  it("are unique within any system, whatever its groups", () => {
    const role = fc.constantFrom("web" as const, "app" as const, "db" as const, "file" as const);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(role, fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (groups, replatform) => {
          const system = aSystem({ id: "s", servers: groups.map(([r, count]) => server(r, count)) });
          const plan = { id: "s", targets: targets(system, replatform ? "replatform" : "rehost") };
          expect(duplicateTargetNames([plan as unknown as SystemPlan])).toEqual([]);
        },
      ),
    );
  });
});

describe("duplicateTargetNames", () => {
  const system = (id: string, targets: { kind: string; name: string }[]) => ({ id, targets }) as unknown as SystemPlan;

  it("names each target name that two targets of one kind carry, once, across systems", () => {
    const systems = [
      system("a", [
        { kind: "instance", name: "a-app-1" },
        { kind: "instance", name: "a-app-1" },
        { kind: "instance", name: "a-app-1" },
        { kind: "deployment", name: "a-web" },
      ]),
      system("b", [
        { kind: "deployment", name: "a-web" },
        { kind: "volumeClaim", name: "b-data" },
      ]),
    ];
    expect(duplicateTargetNames(systems)).toEqual(["deployment a-web", "instance a-app-1"]);
  });

  it("targets of different kinds may share a name (they are resources of different types)", () => {
    expect(
      duplicateTargetNames([
        system("a", [
          { kind: "deployment", name: "a-data" },
          { kind: "volumeClaim", name: "a-data" },
        ]),
      ]),
    ).toEqual([]);
  });

  it("the sample's plan has none", async () => {
    const loaded = await loadInventory([path.join(ROOT, "inventories", "zhoucun")]);
    expect(duplicateTargetNames(buildPlan({ inventory: loaded.inventory, dataset: "zhoucun" }).systems)).toEqual([]);
  });
});
