import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/migration/inventory/planner-rules";
import { buildTargets, domainOf, neededVcpus, pickFlavour } from "../../src/migration/plan/targets";
import { databasePort } from "../../src/migration/plan/tiers";
import type { InstanceTarget, SecurityRuleTarget, WorkloadTarget } from "../../src/migration/plan/types";
import { aSystem } from "../support/systems";

const flavours = DEFAULT_RULES.sizing.flavours;

describe("placement", () => {
  it("business private network → admin domain; extranet and internet → public domain", () => {
    expect(domainOf(aSystem({ id: "a", hostingNetwork: "private" })).domain).toBe("admin");
    expect(domainOf(aSystem({ id: "b", hostingNetwork: "extranet" })).domain).toBe("public");
    expect(domainOf(aSystem({ id: "c", hostingNetwork: "internet" })).domain).toBe("public");
  });

  it("an explicit override wins, with its reason shown", () => {
    const { domain, reason } = domainOf(
      aSystem({ id: "a", hostingNetwork: "private", placement: { domain: "public", reason: "对外服务" } }),
    );
    expect(domain).toBe("public");
    expect(reason).toMatchObject({
      code: "PLACE_DOMAIN_OVERRIDE",
      evidence: { reason: "对外服务", hostingNetwork: "private" },
    });
  });

  it("public-facing web tiers sit in the DMZ with a floating IP; nothing else gets one", () => {
    const system = aSystem({
      id: "portal",
      hostingNetwork: "internet",
      publicFacing: true,
      servers: [
        { role: "web", count: 2, cores: 8, memoryGb: 16, diskGb: 200, os: "Windows Server 2008 R2" },
        { role: "db", count: 1, cores: 8, memoryGb: 32, diskGb: 1000, os: "Windows Server 2008 R2" },
      ],
    });
    const { targets } = buildTargets({
      system,
      disposition: "rehost",
      rules: DEFAULT_RULES,
      mergedDataGb: 0,
      dependents: [],
    });
    const instances = targets.filter((t): t is InstanceTarget => t.kind === "instance");
    expect(instances.map((i) => [i.name, i.zone, i.floatingIp])).toEqual([
      ["portal-web-1", "dmz", true],
      ["portal-web-2", "dmz", true],
      ["portal-db-1", "data", false],
    ]);
    const fromInternet = targets.filter(
      (t): t is SecurityRuleTarget => t.kind === "securityRule" && t.from.kind === "internet",
    );
    expect(fromInternet.map((r) => [r.toRole, r.port])).toEqual([
      ["web", 443],
      ["web", 80],
    ]);
  });

  it("an admin-domain system is never published to the internet", () => {
    const system = aSystem({ id: "x", hostingNetwork: "private", publicFacing: true });
    const { targets } = buildTargets({
      system,
      disposition: "rehost",
      rules: DEFAULT_RULES,
      mergedDataGb: 0,
      dependents: [],
    });
    expect(
      targets.some(
        (t) => (t.kind === "instance" && t.floatingIp) || (t.kind === "securityRule" && t.from.kind === "internet"),
      ),
    ).toBe(false);
  });

  it("callers from the other domain come through the exchange platform", () => {
    const system = aSystem({ id: "base", hostingNetwork: "extranet" });
    const { targets } = buildTargets({
      system,
      disposition: "rehost",
      rules: DEFAULT_RULES,
      mergedDataGb: 0,
      dependents: [
        { id: "ps", domain: "admin" },
        { id: "portal", domain: "public" },
      ],
    });
    const fromSystems = targets.filter(
      (t): t is SecurityRuleTarget => t.kind === "securityRule" && t.from.kind === "system",
    );
    expect(fromSystems.map((r) => [r.from.kind === "system" && r.from.system, r.viaExchange])).toEqual([
      ["portal", false],
      ["ps", true],
    ]);
  });
});

describe("sizing", () => {
  it("scales cores by the peak plus headroom; keeps them all when unmeasured", () => {
    expect(neededVcpus(16, 50, 30)).toBe(11);
    expect(neededVcpus(8, 5, 30)).toBe(1);
    expect(neededVcpus(8, undefined, 30)).toBe(8);
  });

  it("rounds up to the smallest flavour that holds the need", () => {
    expect(pickFlavour(flavours, 3, 16).name).toBe("4C16G");
    expect(pickFlavour(flavours, 11, 16).name).toBe("16C32G");
    expect(pickFlavour(flavours, 1, 1).name).toBe("2C4G");
    expect(pickFlavour(flavours, 64, 512)).toMatchObject({ name: "32C128G", fits: false });
  });

  it("sizes data volumes from the data with growth, including data merged from shadows", () => {
    const system = aSystem({ id: "x", dataGb: 100 });
    const own = buildTargets({
      system,
      disposition: "rehost",
      rules: DEFAULT_RULES,
      mergedDataGb: 0,
      dependents: [],
    }).targets;
    const merged = buildTargets({
      system,
      disposition: "rehost",
      rules: DEFAULT_RULES,
      mergedDataGb: 300,
      dependents: [],
    }).targets;
    const db = (targets: typeof own) =>
      targets.find((t): t is InstanceTarget => t.kind === "instance" && t.role === "db")!;
    expect(db(own).dataVolumeGb).toBe(130);
    expect(db(merged).dataVolumeGb).toBe(520);
  });

  it("replatforms the app tier as a Deployment and keeps the database on a VM", () => {
    const { targets } = buildTargets({
      system: aSystem({ id: "x" }),
      disposition: "replatform",
      rules: DEFAULT_RULES,
      mergedDataGb: 0,
      dependents: [],
    });
    const workload = targets.find((t): t is WorkloadTarget => t.kind === "deployment")!;
    expect(workload).toMatchObject({ name: "x-app", replicas: 2, cpuMillicores: 7000, memoryMi: 16384 });
    expect(targets.filter((t) => t.kind === "instance").map((t) => t.name)).toEqual(["x-db-1"]);
  });

  it("knows the common database ports", () => {
    expect([
      databasePort("Oracle 11g"),
      databasePort("SQL Server 2008 R2"),
      databasePort("MySQL 5.6"),
      databasePort("达梦 DM7"),
      databasePort("人大金仓 KingbaseES V7"),
    ]).toEqual([1521, 1433, 3306, 5236, 5432]);
  });

  it("MLPS level 3 data is replicated to a second site; level 2 backed up; level 1 not", () => {
    const dr = (mlpsLevel: number) =>
      buildTargets({
        system: aSystem({ id: "x", mlpsLevel }),
        disposition: "rehost",
        rules: DEFAULT_RULES,
        mergedDataGb: 0,
        dependents: [],
      }).targets.find((t) => t.kind === "disasterRecovery");
    expect(dr(3)).toMatchObject({ mode: "replica", rpoHours: 0, offSite: true });
    expect(dr(2)).toMatchObject({ mode: "backup", rpoHours: 24 });
    expect(dr(1)).toBeUndefined();
  });
});

describe("targets per role (issue 13)", () => {
  const instances = (targets: readonly { kind: string }[]) =>
    targets.filter((t): t is InstanceTarget => t.kind === "instance");
  const rules = (targets: readonly { kind: string }[]) =>
    targets.filter((t): t is SecurityRuleTarget => t.kind === "securityRule");

  it(
    "each database server holds the whole database: 860 GB on two servers gives each a volume for 860 GB plus " +
      "growth",
    () => {
      const system = aSystem({
        id: "x",
        dataGb: 860,
        servers: [
          { role: "app", count: 2, cores: 8, memoryGb: 16, diskGb: 200 },
          { role: "db", count: 2, cores: 16, memoryGb: 64, diskGb: 2000 },
        ],
      });
      const db = instances(
        buildTargets({ system, disposition: "rehost", rules: DEFAULT_RULES, mergedDataGb: 0, dependents: [] }).targets,
      ).filter((i) => i.role === "db");
      expect(db.map((i) => i.dataVolumeGb)).toEqual([1120, 1120]);
      expect(db.every((i) => i.dataVolumeGb >= 860)).toBe(true);
    },
  );

  it("file servers share the files; application tiers hold none when a data tier exists", () => {
    const system = aSystem({
      id: "x",
      dataGb: 1000,
      database: undefined,
      servers: [
        { role: "app", count: 2, cores: 8, memoryGb: 16, diskGb: 200 },
        { role: "file", count: 2, cores: 4, memoryGb: 8, diskGb: 2000 },
      ],
    });
    const all = instances(
      buildTargets({ system, disposition: "rehost", rules: DEFAULT_RULES, mergedDataGb: 0, dependents: [] }).targets,
    );
    expect(all.filter((i) => i.role === "file").map((i) => i.dataVolumeGb)).toEqual([650, 650]);
    expect(all.filter((i) => i.role === "app").map((i) => i.dataVolumeGb)).toEqual([0, 0]);
  });

  it("Windows file servers are reached over SMB (445), Linux ones over NFS (2049)", () => {
    const withFiles = (os: string) =>
      rules(
        buildTargets({
          system: aSystem({
            id: "x",
            servers: [
              { role: "app", count: 1, cores: 4, memoryGb: 8, diskGb: 100, os },
              { role: "file", count: 1, cores: 4, memoryGb: 8, diskGb: 500, os },
            ],
          }),
          disposition: "rehost",
          rules: DEFAULT_RULES,
          mergedDataGb: 0,
          dependents: [],
        }).targets,
      )
        .filter((r) => r.toRole === "file")
        .map((r) => r.port);
    expect(withFiles("Windows Server 2008 R2")).toEqual([445]);
    expect(withFiles("CentOS 7.2")).toEqual([2049]);
  });

  it(
    "a published system without a web tier publishes its app tier; " +
      "a database server never goes into the DMZ nor gets a floating IP",
    () => {
      const appAndDb = aSystem({ id: "x", hostingNetwork: "internet", publicFacing: true });
      const all = instances(
        buildTargets({ system: appAndDb, disposition: "rehost", rules: DEFAULT_RULES, mergedDataGb: 0, dependents: [] })
          .targets,
      );
      expect(all.map((i) => [i.role, i.zone, i.floatingIp])).toEqual([
        ["app", "dmz", true],
        ["app", "dmz", true],
        ["db", "data", false],
      ]);
      const dbOnly = aSystem({
        id: "y",
        hostingNetwork: "internet",
        publicFacing: true,
        servers: [{ role: "db", count: 2, cores: 8, memoryGb: 32, diskGb: 500 }],
      });
      const built = buildTargets({
        system: dbOnly,
        disposition: "rehost",
        rules: DEFAULT_RULES,
        mergedDataGb: 0,
        dependents: [],
      });
      expect(instances(built.targets).map((i) => [i.zone, i.floatingIp])).toEqual([
        ["data", false],
        ["data", false],
      ]);
      expect(rules(built.targets).filter((r) => r.from.kind === "internet")).toEqual([]);
      expect(built.reasons.map((r) => r.code)).toContain("PLACE_NOT_PUBLISHED_NO_WEB_TIER");
    },
  );
});

describe("quotas follow the targets", () => {
  it("a department's volume quota holds every database replica's whole copy, plus the headroom", async () => {
    const { departmentQuotas } = await import("../../src/migration/plan/quotas");
    const system = aSystem({
      id: "x",
      dataGb: 860,
      servers: [
        { role: "app", count: 2, cores: 8, memoryGb: 16, diskGb: 200 },
        { role: "db", count: 2, cores: 16, memoryGb: 64, diskGb: 2000 },
      ],
    });
    const { targets, domain } = buildTargets({
      system,
      disposition: "rehost",
      rules: DEFAULT_RULES,
      mergedDataGb: 0,
      dependents: [],
    });
    const [quota] = departmentQuotas([{ tenant: "dept-a", domain, targets } as never], DEFAULT_RULES);
    // 4 instances (+ 20 %: 5); 4 boot volumes of 40 GB and two database volumes of 1,120 GB: 6 volumes (+ 20 %: 8),
    // 2,400 GB (+ 20 %: 2,880 GB).
    expect(quota).toMatchObject({ instances: 5, volumes: 8, volumeGb: 2880 });
  });
});
