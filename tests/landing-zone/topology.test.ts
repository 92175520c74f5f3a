import { describe, expect, it } from "vitest";
import { contains, formatCidr, nthSubnet, overlaps, parseCidr } from "../../src/components/landing-zone/cidr";
import { AddressPlanSchema } from "../../src/components/landing-zone/config";
import { buildTopology, TopologyError, type AddressSlots } from "../../src/components/landing-zone/topology";
import type { LockedDepartment, SlotZone } from "../../src/migration/lock/model";
import type { DepartmentQuota, Domain } from "../../src/migration/plan/types";

const quota = (department: string, domains: ("admin" | "public")[]): DepartmentQuota => ({
  department,
  instances: 1,
  vcpus: 2,
  ramGb: 4,
  volumes: 1,
  volumeGb: 60,
  domains,
  namespaces: [],
});
const plan = (quotas: DepartmentQuota[]) => ({ quotas });
const names = new Map<string, string>();
/** Slots as the lock holds them, and which zones each department needs. */
const slots = (
  held: Record<string, LockedDepartment>,
  needs: Record<string, Partial<Record<Domain, SlotZone[]>>> = {},
): AddressSlots => ({
  departments: held,
  needs: new Map(
    Object.entries(needs).map(([d, byDomain]) => [
      d,
      new Map(Object.entries(byDomain).map(([domain, zones]) => [domain as Domain, new Set(zones)])),
    ]),
  ),
});

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
  // b holds slot 3 of the admin app zone (slots 1 and 2 belonged to departments that left): slots, not positions.
  const held = slots(
    {
      a: { status: "active", admin: { app: 0, data: 0 } },
      b: { status: "active", admin: { app: 3, data: 1 }, public: { dmz: 0, app: 0, data: 0 } },
      gone: { status: "released", admin: { app: 1, data: 2 } },
    },
    { a: { admin: ["app", "data"] }, b: { admin: ["app", "data"], public: ["dmz", "app", "data"] } },
  );
  const topology = buildTopology(
    plan([quota("a", ["admin"]), quota("b", ["admin", "public"])]),
    names,
    AddressPlanSchema.parse({}),
    "ext",
    held,
  );

  it("splits each domain into its zones", () => {
    expect(topology.domains.map((d) => [d.domain, d.zones.map((z) => `${z.zone} ${z.cidr}`)])).toEqual([
      ["admin", ["app 10.16.0.0/14", "data 10.20.0.0/15", "mgmt 10.22.0.0/15"]],
      ["public", ["dmz 10.24.0.0/15", "app 10.26.0.0/15", "data 10.28.0.0/15", "mgmt 10.30.0.0/15"]],
    ]);
  });

  it("gives each department a subnet at its slot in each zone it needs; DMZ subnets hang on the exit router", () => {
    const b = topology.tenants.find((t) => t.department === "b")!;
    expect(b.subnets.map((s) => `${s.name} ${s.cidr} ${s.router}`)).toEqual([
      "b-admin-app 10.16.3.0/24 admin-core-router",
      "b-admin-data 10.20.1.0/24 admin-core-router",
      "b-public-dmz 10.24.0.0/24 internet-exit-router",
      "b-public-app 10.26.0.0/24 public-core-router",
      "b-public-data 10.28.0.0/24 public-core-router",
    ]);
  });

  it("gives no DMZ subnet to a department that publishes nothing", () => {
    const onlyApp = slots(
      { b: { status: "active", public: { dmz: 0, app: 0, data: 0 } } },
      { b: { public: ["app", "data"] } },
    );
    const t = buildTopology(plan([quota("b", ["public"])]), names, AddressPlanSchema.parse({}), "ext", onlyApp);
    expect(t.tenants[0]!.subnets.map((s) => s.name)).toEqual(["b-public-app", "b-public-data"]);
  });

  it("routes: admin none, public only to the exit, the exit back to the public domain", () => {
    expect(topology.domains.map((d) => [d.domain, d.routes])).toEqual([
      ["admin", []],
      ["public", [{ destination: "0.0.0.0/0", nexthop: "10.32.1.1" }]],
    ]);
    expect(topology.exit.routes).toEqual([{ destination: "10.24.0.0/13", nexthop: "10.32.1.2" }]);
  });

  it("refuses overlapping ranges and a zone too small for its departments, saying how to fix it", () => {
    expect(() =>
      buildTopology(plan([]), names, AddressPlanSchema.parse({ exchange: "10.16.0.0/24" }), "ext", slots({})),
    ).toThrow(
      new TopologyError([
        "addressPlan.admin (10.16.0.0/13) overlaps addressPlan.exchange (10.16.0.0/24): give each its own range",
      ]),
    );
    // 300 departments in the public domain: the default plan holds them; a /16 per domain does not, in one message.
    const many = Array.from({ length: 300 }, (_, i) => `d${String(i).padStart(3, "0")}`);
    const held = slots(
      Object.fromEntries(many.map((d, i) => [d, { status: "active", public: { app: i, data: i } }])),
      Object.fromEntries(many.map((d) => [d, { public: ["app", "data"] }])),
    );
    expect(
      buildTopology(plan(many.map((d) => quota(d, ["public"]))), names, AddressPlanSchema.parse({}), "ext", held)
        .tenants,
    ).toHaveLength(300);
    const small = AddressPlanSchema.parse({
      admin: "10.10.0.0/16",
      public: "10.20.0.0/16",
      exchange: "10.30.0.0/24",
      exitTransit: "10.31.0.0/29",
    });
    expect(() => buildTopology(plan(many.map((d) => quota(d, ["public"]))), names, small, "ext", held)).toThrow(
      new TopologyError([
        "the address plan holds 64 departments per zone (the admin domain's data zone, 10.10.128.0/18, holds 64 " +
          "subnets of /24); the plan lock needs 300 (fix: addressPlan.departmentPrefix: 27 " +
          "(smaller subnets), or addressPlan.admin and addressPlan.public of /13 or wider)",
      ]),
    );
  });
});
