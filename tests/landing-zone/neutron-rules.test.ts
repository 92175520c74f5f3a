/**
 * What a real Neutron needs of the landing zone, asserted offline on the sample stack (the
 * contract test, tests/contract/, sends it to a real one): resources in the project whose
 * quota counts them, orderings declared as dependencies, quotas that cover what Neutron
 * creates by itself, and departments isolated from each other inside a zone.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_GROUP, EGRESS_RULES_PER_GROUP } from "../../src/components/landing-zone/neutron-quotas";
import type { RecordedResource } from "../../src/preview/harness";
import { previewStack, type PreviewRun } from "../../src/preview/preview";
import program from "../../src/program";
import { PROJECT_ROOT } from "./support";

let run: PreviewRun;
let byName: Map<string, RecordedResource>;
let byMockId: Map<string, RecordedResource>;
const of = (type: string) => run.recorded.filter((r) => r.type.endsWith(type) && !r.read);
const tagOf = (r: RecordedResource | undefined, key: string) =>
  ((r?.inputs.tags as string[] | undefined) ?? []).find((t) => t.startsWith(`${key}=`))?.slice(key.length + 1);
const projectOf = (department: string) => `${department}-project-id`;
const dependsOn = (r: RecordedResource, name: string) => r.dependencies.includes(byName.get(name)!.urn);

beforeAll(async () => {
  run = await previewStack("zhoucun", PROJECT_ROOT, program);
  byName = new Map(run.recorded.map((r) => [r.name, r]));
  byMockId = new Map(run.recorded.map((r) => [`${r.name}-id`, r]));
}, 120_000);

describe("resources in the project Neutron charges them to", () => {
  it("every security group, rule, port and floating IP of a department's system is in the department's project", () => {
    for (const type of [":SecGroup", ":SecGroupRule", ":Port", ":FloatingIp"]) {
      const departmental = of(type).filter(
        (r) => tagOf(r, "department") ?? tagOf(byMockId.get(String(r.inputs.securityGroupId)), "department"),
      );
      expect(departmental.length, type).toBeGreaterThan(0);
      for (const r of departmental) {
        const department =
          tagOf(r, "department") ?? tagOf(byMockId.get(String(r.inputs.securityGroupId)), "department")!;
        expect([r.name, r.inputs.tenantId]).toEqual([r.name, projectOf(department)]);
      }
    }
  });

  it("a department's VM joins only groups of its own project: no group is shared across departments", () => {
    const ports = of(":Port").filter((r) => tagOf(r, "system") !== undefined);
    for (const port of ports) {
      const groups = (port.inputs.securityGroupIds as string[]).map((id) => byMockId.get(id)!);
      expect(groups.length).toBe(2);
      for (const group of groups) expect([port.name, group.inputs.tenantId]).toEqual([port.name, port.inputs.tenantId]);
    }
  });

  it("a department's own group lets in only its own VMs and the management zone's operators", () => {
    const own = of(":SecGroupRule").filter(
      (r) => /-(admin|public)-sg-/.test(r.name) && tagOf(byMockId.get(String(r.inputs.securityGroupId)), "department"),
    );
    expect(own.length).toBeGreaterThan(0);
    for (const rule of own) {
      if (rule.inputs.remoteGroupId !== undefined) expect(rule.inputs.remoteGroupId).toBe(rule.inputs.securityGroupId);
      else
        expect([rule.name, rule.inputs.portRangeMin]).toEqual([
          rule.name,
          rule.name.endsWith("ssh-from-mgmt") ? 22 : 3389,
        ]);
    }
  });
});

describe("orderings a real Neutron needs, declared as dependencies", () => {
  it("each static route waits for the interface that connects its next hop", () => {
    expect(dependsOn(byName.get("internet-exit-router-route-10-24-0-0-13")!, "internet-exit-router-transit-if")).toBe(
      true,
    );
    expect(dependsOn(byName.get("public-core-router-route-0-0-0-0-0")!, "internet-exit-router-public-core-if")).toBe(
      true,
    );
  });

  it(
    "department subnets and groups wait for the department's quota; " +
      "sharing a zone network waits for the platform's",
    () => {
      for (const subnet of of(":Subnet").filter((s) => tagOf(s, "department"))) {
        expect(dependsOn(subnet, `${tagOf(subnet, "department")}-network-quota`)).toBe(true);
        // and after its network's share, so that it is deleted before the share is withdrawn
        const network = byMockId.get(String(subnet.inputs.networkId))!.name;
        expect([subnet.name, dependsOn(subnet, `${tagOf(subnet, "department")}-share-${network}`)]).toEqual([
          subnet.name,
          true,
        ]);
      }
      for (const group of of(":SecGroup").filter((g) => tagOf(g, "department")))
        expect(dependsOn(group, `${tagOf(group, "department")}-network-quota`)).toBe(true);
      for (const share of of(":RbacPolicyV2").filter((r) => r.inputs.action === "access_as_shared"))
        expect(dependsOn(share, "platform-network-quota")).toBe(true);
    },
  );

  it("a floating IP waits for its DMZ subnet's link to the exit (and goes before it)", () => {
    const fips = of(":FloatingIp");
    expect(fips.length).toBeGreaterThan(0);
    for (const fip of fips) {
      const port = byMockId.get(String(fip.inputs.portId))!;
      const subnet = byMockId.get((port.inputs.fixedIps as { subnetId: string }[])[0]!.subnetId)!;
      expect([fip.name, dependsOn(fip, `${subnet.name}-if`)]).toEqual([fip.name, true]);
    }
  });

  it("the exit router's gateway waits for the platform's access to the external network", () => {
    const access = byName.get("internet-exit-router-external-access")!;
    expect(access.inputs).toMatchObject({
      action: "access_as_external",
      objectType: "network",
      targetTenant: "platform-auth-scope-project",
    });
    expect(dependsOn(byName.get("internet-exit-router")!, access.name)).toBe(true);
  });

  it("every Kubernetes object in a department's namespace depends on the namespace", () => {
    const namespaced = run.recorded.filter((r) => r.type.startsWith("kubernetes:") && !r.type.endsWith(":Namespace"));
    expect(namespaced.length).toBeGreaterThan(0);
    for (const r of namespaced) {
      const namespace = (r.inputs.metadata as { namespace: string }).namespace;
      const cluster = r.provider.split("::")[3];
      const owner = run.recorded.find(
        (n) =>
          n.type.endsWith(":Namespace") &&
          (n.inputs.metadata as { name: string }).name === namespace &&
          n.provider.split("::")[3] === cluster,
      )!;
      expect([r.name, r.dependencies.includes(owner.urn)]).toEqual([r.name, true]);
    }
  });
});

describe("quotas as Neutron counts them", () => {
  it("no quota of 0 is asked for (the provider never sends one)", () => {
    for (const quota of of(":QuotaV2"))
      for (const [key, value] of Object.entries(quota.inputs))
        expect([quota.name, key, value]).not.toEqual([quota.name, key, 0]);
  });

  it(
    "each department's network quota holds its groups and rules, with the ones Neutron adds to every group and " +
      "its default group",
    () => {
      for (const quota of of(":QuotaV2").filter((q) => q.name !== "platform-network-quota")) {
        const project = String(quota.inputs.projectId);
        const groups = of(":SecGroup").filter((g) => g.inputs.tenantId === project).length + DEFAULT_GROUP.groups;
        const rules =
          of(":SecGroupRule").filter((r) => r.inputs.tenantId === project).length +
          (groups - DEFAULT_GROUP.groups) * EGRESS_RULES_PER_GROUP +
          DEFAULT_GROUP.rules;
        const subnets = of(":Subnet").filter((s) => s.inputs.tenantId === project).length;
        expect(quota.inputs.securityGroup as number, quota.name).toBeGreaterThanOrEqual(groups);
        expect(quota.inputs.securityGroupRule as number, quota.name).toBeGreaterThanOrEqual(rules);
        expect(quota.inputs.subnet as number, quota.name).toBeGreaterThan(subnets);
      }
    },
  );

  it("the platform's quota has room for every department's share of a zone network, and more", () => {
    const platform = byName.get("platform-network-quota")!;
    expect(platform.inputs.projectId).toBe("platform-auth-scope-project");
    expect(platform.inputs.rbacPolicy as number).toBeGreaterThan(of(":RbacPolicyV2").length);
    const interfaces = of(":RouterInterface").length;
    expect(platform.inputs.port as number).toBeGreaterThan(interfaces * 2);
  });
});
