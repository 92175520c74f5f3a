/**
 * Stateful resources are safe through the real program, under the SDK's mock runtime:
 * data volumes, projects and volume claims are protected (not on a rehearsal stack), boot
 * volumes outlive their instances, images are the stack's pinned Glance ids, and no
 * name or force-new field carries a list position or a sentence.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imagesNeeded, missingImages } from "../../src/components/migrated-system/spec";
import { formatDiagnostic, InputError } from "../../src/migration/inventory/diagnostics";
import { loadInventory } from "../../src/migration/inventory/load";
import { buildPlan } from "../../src/migration/plan/plan";
import type { InstanceTarget, Plan, SecurityRuleTarget, SystemPlan } from "../../src/migration/plan/types";
import { readStackFile, type PreviewResult } from "../../src/preview/preview";
import { StackConfigError } from "../../src/program/config";
import program from "../../src/program";
import { runOffline } from "../../src/preview/harness";
import { ofType, preview, PROJECT_ROOT, type Resource } from "./support";

const STATEFUL = [
  "openstack:blockstorage/volume:Volume",
  "openstack:identity/project:Project",
  "kubernetes:core/v1:PersistentVolumeClaim",
];

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-safety-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The zhoucun stack file, its inventory made absolute, edited by `edit`, as stack `name` of a scratch project. */
function zhoucunVariant(name: string, edit: (text: string) => string): string {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, "stacks", "Pulumi.zhoucun.yaml"), "utf8");
  const absolute = text.replace(
    "govcloud:inventory: inventories/zhoucun",
    `govcloud:inventory: ${path.join(PROJECT_ROOT, "inventories", "zhoucun")}`,
  );
  const root = path.join(scratch, name);
  fs.mkdirSync(path.join(root, "stacks"), { recursive: true });
  fs.writeFileSync(path.join(root, "stacks", `Pulumi.${name}.yaml`), edit(absolute));
  return root;
}

let production: PreviewResult;
let rehearsal: PreviewResult;
let plan: Plan;
let images: Record<string, string>;
beforeAll(async () => {
  plan = buildPlan({
    inventory: (await loadInventory([path.join(PROJECT_ROOT, "inventories", "zhoucun")])).inventory,
    dataset: "zhoucun",
  });
  images = JSON.parse((await readStackFile(PROJECT_ROOT, "zhoucun")).config["govcloud:images"]!) as Record<
    string,
    string
  >;
  production = await preview("zhoucun");
  rehearsal = await preview(
    "rehearsal",
    zhoucunVariant("rehearsal", (text) => `${text.trimEnd()}\n  govcloud:rehearsal: true\n`),
  );
}, 180_000);

describe("protection", () => {
  it("data volumes, department projects and volume claims are protected, and nothing else", () => {
    for (const type of STATEFUL) expect(ofType(production.resources, type).length, type).toBeGreaterThan(0);
    const protectedTypes = new Set(production.resources.filter((r) => r.protect).map((r) => r.type));
    expect([...protectedTypes].sort()).toEqual([...STATEFUL].sort());
    for (const r of production.resources.filter((r) => STATEFUL.includes(r.type))) expect(r.protect, r.name).toBe(true);
  });

  it("a rehearsal stack protects nothing, and builds the same resources", () => {
    expect(rehearsal.resources.filter((r) => r.protect).map((r) => r.name)).toEqual([]);
    const names = (result: PreviewResult) =>
      result.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => `${r.type} ${r.name}`);
    expect(names(rehearsal)).toEqual(names(production));
  });
});

describe("volume claims", () => {
  it(
    "depend on their department's namespace: a namespace's deletion " +
      "(which sweeps its claims) waits for them, and is stopped",
    async () => {
      const { config, secretKeys } = await readStackFile(PROJECT_ROOT, "zhoucun");
      const run = await runOffline(program, { project: "govcloud", stack: "zhoucun", config, secretKeys });
      const namespaces = new Map(
        run.resources.filter((r) => r.type === "kubernetes:core/v1:Namespace").map((r) => [r.name, r.urn]),
      );
      const systems = new Map(plan.systems.map((s) => [s.id, s]));
      const claims = run.resources.filter((r) => r.type === "kubernetes:core/v1:PersistentVolumeClaim");
      expect(claims.length).toBeGreaterThan(0);
      for (const claim of claims) {
        const system = systems.get(claim.parent.split("::").pop()!)!;
        expect(claim.dependencies, claim.name).toContain(namespaces.get(`${system.tenant}-${system.domain}-ns`));
      }
    },
    60_000,
  );
});

describe("instances", () => {
  const instances = () => ofType(production.resources, ":Instance");
  const blockDevices = (r: Resource) =>
    r.inputs.blockDevices as { uuid: string; sourceType: string; deleteOnTermination: boolean }[];

  it("boot volumes are not deleted with their instance", () => {
    expect(instances().length).toBeGreaterThan(100);
    for (const instance of instances())
      expect(
        blockDevices(instance).map((d) => d.deleteOnTermination),
        instance.name,
      ).toEqual([false]);
  });

  it("boot from the Glance ids pinned in govcloud:images, by the plan's image name", () => {
    const targets = new Map(
      plan.systems
        .flatMap((s) => s.targets)
        .filter((t): t is InstanceTarget => t.kind === "instance")
        .map((t) => [t.name, t]),
    );
    for (const instance of instances()) {
      const image = targets.get(instance.name)!.image;
      expect(blockDevices(instance)[0], instance.name).toMatchObject({ uuid: images[image], sourceType: "image" });
    }
    // No lookup of the newest image by name feeds the force-new uuid.
    expect(production.resources.some((r) => r.type.startsWith("openstack:images/"))).toBe(false);
  });

  it("carry no wave (waves are re-planned; a deployed instance must not change with them)", () => {
    for (const instance of instances())
      expect(Object.keys(instance.inputs.metadata as object).sort()).toEqual(["govcloud-role", "govcloud-system"]);
  });
});

describe("security-group rules", () => {
  const systemRules = () =>
    ofType(production.resources, ":SecGroupRule").filter((r) => r.parent.includes("govcloud:workload:MigratedSystem"));
  const planRules = () => {
    const rules = plan.systems
      .flatMap((s) => s.targets)
      .filter((t): t is SecurityRuleTarget => t.kind === "securityRule");
    return new Map(rules.map((t) => [t.name, t]));
  };

  it("are named by the plan's rule, or the rule and the caller's subnet: never by a position in a list", () => {
    const rules = planRules();
    const subnets = new Map(ofType(production.resources, ":Subnet").map((s) => [s.name, s.inputs.cidr]));
    let bySubnet = 0;
    expect(systemRules().length).toBeGreaterThan(50);
    for (const r of systemRules()) {
      expect(r.name, r.name).not.toMatch(/-\d+$/);
      if (rules.has(r.name)) continue;
      // One rule per subnet of the caller's department: named, and aimed, by that subnet.
      const rule = [...rules.keys()].find(
        (name) => r.name.startsWith(`${name}-`) && subnets.has(r.name.slice(name.length + 1)),
      );
      expect(rule, r.name).toBeDefined();
      expect(r.inputs.remoteIpPrefix).toBe(subnets.get(r.name.slice(rule!.length + 1)));
      bySubnet++;
    }
    expect(bySubnet).toBeGreaterThan(0);
  });

  it("describe themselves by their name, not by the plan's sentence (a rule's every field forces replacement)", () => {
    for (const r of ofType(production.resources, ":SecGroupRule"))
      expect(r.inputs.description, r.name).toMatch(/^[a-z0-9-]+$/);
    for (const r of systemRules()) expect(r.inputs.description).toBe(r.name);
  });
});

describe("images the stack must pin", () => {
  const system = (id: string, images: string[]): SystemPlan =>
    ({
      id,
      targets: images.map((image, i) => ({ kind: "instance", name: `${id}-app-${i + 1}`, image })),
    }) as unknown as SystemPlan;

  it("are the instances' image names, sorted, each once; the missing ones are those without an id", () => {
    const systems = [system("a", ["rhel-6", "centos-7.2"]), system("b", ["centos-7.2"])];
    expect(imagesNeeded(systems)).toEqual(["centos-7.2", "rhel-6"]);
    expect(missingImages(systems, { "centos-7.2": "0c9d…" })).toEqual(["rhel-6"]);
    expect(missingImages(systems, { "centos-7.2": "0c9d…", "rhel-6": "" })).toEqual(["rhel-6"]);
    expect(missingImages(systems, { "centos-7.2": "0c9d…", "rhel-6": "77e1…", unused: "1f2e…" })).toEqual([]);
  });

  const FIX = "(fix: add them under govcloud:images in stacks/Pulumi.<stack>.yaml: <name>: <glance image id>)";

  it(
    "a stack without an id for an image its instances use is a stack-file error (exit 2) at govcloud:images; " +
      "nothing is previewed",
    async () => {
      const root = zhoucunVariant("no-rhel", (text) =>
        text.replace(/^ {4}rhel-6: .*\n/m, "").replace(/^ {4}centos-6\.5: .*\n/m, ""),
      );
      const error = await preview("no-rhel", root).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      const line =
        fs
          .readFileSync(path.join(root, "stacks", "Pulumi.no-rhel.yaml"), "utf8")
          .split("\n")
          .findIndex((l) => l.startsWith("  govcloud:images:")) + 1;
      expect((error as InputError).diagnostics.map(formatDiagnostic)).toEqual([
        `stacks/Pulumi.no-rhel.yaml:${line}:3: govcloud:images: no Glance image id for centos-6.5, rhel-6 ${FIX}`,
      ]);
    },
    60_000,
  );

  it("the program itself (pulumi up) stops with the same error, once", async () => {
    const root = zhoucunVariant("no-centos", (text) => text.replace(/^ {4}centos-6\.5: .*\n/m, ""));
    const { config, secretKeys } = await readStackFile(root, "no-centos");
    const run = program;
    const error = await runOffline(run, { project: "govcloud", stack: "no-centos", config, secretKeys }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StackConfigError);
    expect((error as StackConfigError).problems).toEqual([
      { key: "images", message: `no Glance image id for centos-6.5 ${FIX}` },
    ]);
  }, 60_000);
});
