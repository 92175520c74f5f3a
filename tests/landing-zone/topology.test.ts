import { describe, expect, it } from "vitest";
import { contains, formatCidr, nthSubnet, overlaps, parseCidr } from "../../src/components/landing-zone/cidr";
import { AddressPlanSchema } from "../../src/components/landing-zone/config";
import { buildTopology, TopologyError } from "../../src/components/landing-zone/topology";
import type { DepartmentQuota } from "../../src/migration/plan/types";

const quota = (department: string, domains: ("admin" | "public")[]): DepartmentQuota => ({ department, instances: 1, vcpus: 2, ramGb: 4, volumes: 1, volumeGb: 60, k8sCpuMillicores: 0, k8sMemoryMi: 0, domains });
const plan = (quotas: DepartmentQuota[]) => ({ quotas });
const names = new Map<string, string>();

describe("CIDR arithmetic", () => {
  it("parses, splits and compares networks", () => {
    const net = parseCidr("10.20.0.0/16")!;
    expect(formatCidr(nthSubnet(net, 18, 3)!)).toBe("10.20.192.0/18");
    expect(nthSubnet(net, 18, 4)).toBeUndefined();
    expect(contains(net, parseCidr("10.20.5.0/24")!)).toBe(true);
    expect(overlaps(net, parseCidr("10.21.0.0/16")!)).toBe(false);
    expect(parseCidr("10.20.0.1/16")).toBeUndefined();
    expect(parseCidr("10.300.0.0/16")).toBeUndefined();
  });
});

describe("the topology", () => {
  const topology = buildTopology(plan([quota("a", ["admin"]), quota("b", ["admin", "public"])]), names, AddressPlanSchema.parse({}), "ext");

  it("splits each domain into its zones", () => {
    expect(topology.domains.map((d) => [d.domain, d.zones.map((z) => `${z.zone} ${z.cidr}`)])).toEqual([
      ["admin", ["app 10.10.0.0/17", "data 10.10.128.0/18", "mgmt 10.10.192.0/18"]],
      ["public", ["dmz 10.20.0.0/18", "app 10.20.64.0/18", "data 10.20.128.0/18", "mgmt 10.20.192.0/18"]],
    ]);
  });

  it("gives each department a subnet per zone of each domain it uses; DMZ subnets hang on the exit router", () => {
    const b = topology.tenants.find((t) => t.department === "b")!;
    expect(b.subnets.map((s) => `${s.name} ${s.cidr} ${s.router}`)).toEqual([
      "b-admin-app 10.10.1.0/24 admin-core-router",
      "b-admin-data 10.10.129.0/24 admin-core-router",
      "b-public-dmz 10.20.0.0/24 internet-exit-router",
      "b-public-app 10.20.64.0/24 public-core-router",
      "b-public-data 10.20.128.0/24 public-core-router",
    ]);
  });

  it("routes: admin none, public only to the exit, the exit back to the public domain", () => {
    expect(topology.domains.map((d) => [d.domain, d.routes])).toEqual([
      ["admin", []],
      ["public", [{ destination: "0.0.0.0/0", nexthop: "10.31.0.1" }]],
    ]);
    expect(topology.exit.routes).toEqual([{ destination: "10.20.0.0/16", nexthop: "10.31.0.2" }]);
  });

  it("refuses overlapping ranges and a zone too small for its departments, saying how to fix it", () => {
    expect(() => buildTopology(plan([]), names, AddressPlanSchema.parse({ exchange: "10.10.0.0/24" }), "ext")).toThrow(
      new TopologyError(["addressPlan.admin (10.10.0.0/16) overlaps addressPlan.exchange (10.10.0.0/24): give each its own range"]),
    );
    const many = Array.from({ length: 65 }, (_, i) => quota(`d${String(i).padStart(2, "0")}`, ["public"]));
    expect(() => buildTopology(plan(many), names, AddressPlanSchema.parse({}), "ext")).toThrow(/the public domain's dmz zone \(10\.20\.0\.0\/18\) holds 64 department subnets of \/24; d64 is number 65 \(fix: a wider addressPlan\.public or a longer addressPlan\.departmentPrefix\)/);
  });
});
