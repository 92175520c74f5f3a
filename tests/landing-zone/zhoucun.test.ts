/**
 * The sample stack, run through the real program under the Pulumi SDK's mock runtime:
 * the network rules of the government cloud, asserted on the inputs it registers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { PreviewResult } from "../../src/preview/preview";
import * as path from "node:path";
import { loadInventory } from "../../src/migration/inventory/load";
import { buildPlan } from "../../src/migration/plan/plan";
import type { Plan } from "../../src/migration/plan/types";
import { byId, ofType, preview, PROJECT_ROOT, tag, type Resource } from "./support";

let result: PreviewResult;
let plan: Plan;
let find: (id: unknown) => Resource | undefined;
beforeAll(async () => {
  plan = buildPlan({
    inventory: (await loadInventory([path.join(PROJECT_ROOT, "inventories", "zhoucun")])).inventory,
    dataset: "zhoucun",
  });
  result = await preview("zhoucun");
  find = byId(result.resources);
}, 120_000);

describe("the zhoucun landing zone", () => {
  it("passes every network policy", () => {
    expect(result.violations).toEqual([]);
  });

  it("lists the whole landing zone and the sample's migrated systems", () => {
    const count = (type: string) => ofType(result.resources, type).length;
    expect(count("govcloud:network:Domain")).toBe(2);
    expect(count("govcloud:network:UnifiedInternetExit")).toBe(1);
    expect(count("govcloud:network:ExchangePlatform")).toBe(1);
    expect(count("govcloud:tenant:DepartmentTenant")).toBe(29);
    expect(count("govcloud:workload:MigratedSystem")).toBe(75);
    expect(result.resources.map((r) => r.urn)).toEqual([...result.resources.map((r) => r.urn)].sort());
  });

  it("keeps the URNs of deployed stacks: the DomainNetwork component's type token is still its first name", () => {
    // A type token is part of the URN of the component and of every child: a new one would make
    // pulumi up replace both domains' routers, networks and subnets.
    const urns = new Set(result.resources.map((r) => r.urn));
    for (const urn of [
      "urn:pulumi:zhoucun::govcloud::pulumi:pulumi:Stack$govcloud:network:Domain::admin",
      "urn:pulumi:zhoucun::govcloud::pulumi:pulumi:Stack$govcloud:network:Domain::public",
      "urn:pulumi:zhoucun::govcloud::govcloud:network:Domain$openstack:networking/router:Router::admin-core-router",
      "urn:pulumi:zhoucun::govcloud::govcloud:network:Domain$openstack:networking/network:Network::public-dmz",
    ])
      expect(urns.has(urn), urn).toBe(true);
  });

  it("only the exit router has an external gateway, with SNAT", () => {
    const gateways = ofType(result.resources, ":Router").filter((r) => r.inputs.externalNetworkId !== undefined);
    expect(gateways.map((r) => [r.name, r.inputs.enableSnat])).toEqual([["internet-exit-router", true]]);
  });

  it("admin domain has no route to the internet and no floating IP", () => {
    const adminRouter = ofType(result.resources, ":Router").find((r) => r.name === "admin-core-router")!;
    expect(ofType(result.resources, ":RouterRoute").filter((r) => find(r.inputs.routerId) === adminRouter)).toEqual([]);
    for (const fip of ofType(result.resources, ":FloatingIp"))
      expect(tag(find(fip.inputs.portId), "domain")).toBe("public");
  });

  it("public domain reaches the internet only through the exit", () => {
    const publicRouter = ofType(result.resources, ":Router").find((r) => r.name === "public-core-router")!;
    const routes = ofType(result.resources, ":RouterRoute").filter((r) => find(r.inputs.routerId) === publicRouter);
    expect(routes.map((r) => [r.inputs.destinationCidr, r.inputs.nextHop])).toEqual([["0.0.0.0/0", "10.32.1.1"]]);
  });

  it("floating IPs only on published DMZ web servers", () => {
    const fips = ofType(result.resources, ":FloatingIp");
    expect(fips.length).toBeGreaterThan(0);
    for (const fip of fips) {
      const port = find(fip.inputs.portId)!;
      const subnet = find((port.inputs.fixedIps as { subnetId: string }[])[0]!.subnetId)!;
      expect(tag(subnet, "zone")).toBe("dmz");
      expect(fip.name).toMatch(/-web-\d+-fip$/);
    }
  });

  it("domains meet only at the exchange platform: no route between them, host routes only on the exchange zone", () => {
    const routes = ofType(result.resources, ":RouterRoute").map((r) => r.inputs.destinationCidr);
    expect(routes).not.toContain("10.16.0.0/13");
    const exchange = ofType(result.resources, ":Subnet").find((s) => s.name === "exchange-platform-subnet")!;
    expect(exchange.inputs.hostRoutes).toEqual([
      { destinationCidr: "10.16.0.0/13", nextHop: "10.32.0.2" },
      { destinationCidr: "10.24.0.0/13", nextHop: "10.32.0.3" },
    ]);
    const others = ofType(result.resources, ":Subnet").filter(
      (s) => s !== exchange && s.inputs.hostRoutes !== undefined,
    );
    expect(others).toEqual([]);
  });

  it("no security-group rule opens ingress from 0.0.0.0/0 except published DMZ services on 80/443", () => {
    const open = ofType(result.resources, ":SecGroupRule").filter((r) => r.inputs.remoteIpPrefix === "0.0.0.0/0");
    expect(open.length).toBeGreaterThan(0);
    for (const rule of open) expect([80, 443]).toContain(rule.inputs.portRangeMin);
  });

  it("every department project has compute, network and volume quotas sized from the plan", () => {
    const projects = ofType(result.resources, ":Project");
    for (const type of [":QuotaSetV2", ":QuotaV2", ":QuoteSetV3"]) {
      // The platform's own network quota is on the credentials' project, not a department's.
      const departments = ofType(result.resources, type).filter((q) => q.name !== "platform-network-quota");
      expect(departments.map((q) => find(q.inputs.projectId)?.name).sort()).toEqual(projects.map((p) => p.name).sort());
    }
    const quota = plan.quotas.find((q) => q.department === "hrss")!;
    const compute = ofType(result.resources, ":QuotaSetV2").find(
      (q) => find(q.inputs.projectId)?.inputs.name === "hrss",
    )!;
    expect(compute.inputs).toMatchObject({ cores: quota.vcpus, ram: quota.ramGb * 1024, instances: quota.instances });
    const volumes = ofType(result.resources, ":QuoteSetV3").find(
      (q) => find(q.inputs.projectId)?.inputs.name === "hrss",
    )!;
    expect(volumes.inputs).toMatchObject({ volumes: quota.volumes, gigabytes: quota.volumeGb });
    // The plan's quota holds what the tenant's instances take, with headroom.
    const instances = ofType(result.resources, ":Instance").filter((i) => tag(i, "department") === "hrss");
    expect(quota.instances).toBeGreaterThanOrEqual(instances.length);
  });

  it("every namespace has a ResourceQuota, a LimitRange and a default-deny NetworkPolicy", () => {
    for (const namespace of ofType(result.resources, ":Namespace")) {
      const { name, labels } = namespace.inputs.metadata as { name: string; labels: Record<string, string> };
      const cluster = labels["govcloud/domain"];
      const inside = (type: string) =>
        ofType(result.resources, type).filter((r) => {
          const metadata = r.inputs.metadata as { namespace: string; labels: Record<string, string> };
          return metadata.namespace === name && metadata.labels["govcloud/domain"] === cluster;
        });
      expect(inside(":ResourceQuota")).toHaveLength(1);
      expect(inside(":LimitRange")).toHaveLength(1);
      expect(inside(":NetworkPolicy").map((p) => (p.inputs.metadata as { name: string }).name)).toContain(
        "default-deny",
      );
    }
  });

  it("no resource exists for an excluded, retired or retained system", () => {
    const systems = new Set(result.resources.map((r) => tag(r, "system")).filter(Boolean));
    for (const id of [
      "office-confidential-docs",
      "ps-video-surveillance",
      "fin-treasury",
      "health-ncms",
      "sc-parallel-approval",
    ])
      expect(systems.has(id)).toBe(false);
    expect(systems.has("office-portal")).toBe(true);
  });

  it("providers are explicit: one OpenStack provider and one Kubernetes provider per domain cluster", () => {
    expect(ofType(result.resources, "pulumi:providers:openstack").map((p) => p.name)).toEqual(["openstack"]);
    expect(ofType(result.resources, "pulumi:providers:kubernetes").map((p) => [p.name, p.inputs.context])).toEqual([
      ["admin-cluster", "zhoucun-admin"],
      ["public-cluster", "zhoucun-public"],
    ]);
  });

  it("data of MLPS level 3 systems is on replicated volumes; level 2 backed up daily", () => {
    const volumes = ofType(result.resources, ":Volume");
    const settlement = volumes.find((v) => v.name.startsWith("hrss-social-insurance-db-"))!;
    expect(settlement.inputs).toMatchObject({
      volumeType: "replicated-zibo-dr",
      metadata: { replication: "second-site" },
    });
    expect(volumes.some((v) => (v.inputs.metadata as Record<string, string>)["backup-policy"] === "daily")).toBe(true);
  });
});
