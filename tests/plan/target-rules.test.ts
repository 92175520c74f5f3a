/**
 * What each system's targets let in and how they are sized (targets.ts): the security rules
 * between tiers, from the internet and from dependants, the file-sharing protocol, flavours,
 * images, replicas, claims and the reasons a target is as it is.
 */
import { describe, expect, it } from "vitest";
import type { ServerGroup, System } from "../../src/migration/inventory/model";
import { DEFAULT_RULES } from "../../src/migration/inventory/planner-rules";
import { buildTargets, pickFlavour, type TargetInput } from "../../src/migration/plan/targets";
import { fileSharePort } from "../../src/migration/plan/tiers";
import type { Disposition, SecurityRuleTarget } from "../../src/migration/plan/types";
import { aSystem } from "../support/systems";

const group = (role: ServerGroup["role"], os = "CentOS 7.2", count = 1): ServerGroup => ({
  role,
  count,
  cores: 8,
  memoryGb: 16,
  diskGb: 200,
  os,
});

function targetsOf(
  system: Partial<System> & { id: string },
  disposition: Disposition = "rehost",
  more: Partial<Pick<TargetInput, "dependents" | "mergedDataGb">> = {},
) {
  return buildTargets({
    system: aSystem(system),
    disposition,
    rules: DEFAULT_RULES,
    mergedDataGb: more.mergedDataGb ?? 0,
    dependents: more.dependents ?? [],
  });
}
const rulesOf = (result: ReturnType<typeof targetsOf>) =>
  result.targets
    .filter((t): t is SecurityRuleTarget => t.kind === "securityRule")
    .map((r) => [r.name, r.port, r.viaExchange, r.why.en]);

describe("security rules", () => {
  it("web calls app on 8080, app uses the database on its engine's port", () => {
    const result = targetsOf({ id: "s", servers: [group("web"), group("app"), group("db")], database: "Oracle 11g" });
    expect(rulesOf(result)).toEqual([
      ["s-app-8080-from-web", 8080, false, "web tier calls the application tier"],
      ["s-db-1521-from-app", 1521, false, "app tier uses the database (Oracle 11g)"],
    ]);
  });

  it("without an app tier the web tier is the database's client; without either, nothing reaches the database", () => {
    expect(rulesOf(targetsOf({ id: "w", servers: [group("web"), group("db")], database: undefined }))).toEqual([
      ["w-db-5432-from-web", 5432, false, "web tier uses the database"],
    ]);
    expect(rulesOf(targetsOf({ id: "d", servers: [group("db")] }))).toEqual([]);
  });

  it("file servers speak SMB when Windows, NFS otherwise, one rule per protocol, in port order", () => {
    const result = targetsOf({
      id: "f",
      servers: [
        group("app"),
        group("file", "Windows Server 2012"),
        group("file", "CentOS 7.2"),
        group("file", "Win2008"),
      ],
    });
    expect(rulesOf(result)).toEqual([
      ["f-file-445-from-app", 445, false, "app tier reads the file servers (Windows file sharing, SMB)"],
      ["f-file-2049-from-app", 2049, false, "app tier reads the file servers (NFS)"],
    ]);
    expect(fileSharePort(undefined)).toEqual({ port: 2049, protocol: "nfs" });
    expect(fileSharePort("win 2016")).toEqual({ port: 445, protocol: "smb" });
    expect(fileSharePort("Darwin")).toEqual({ port: 2049, protocol: "nfs" });
  });

  it("dependants reach the entry tier, sorted; across domains only through the exchange", () => {
    const result = targetsOf({ id: "e", hostingNetwork: "extranet", servers: [group("app")] }, "rehost", {
      dependents: [
        { id: "z-caller", domain: "public" },
        { id: "a-caller", domain: "admin" },
      ],
    });
    expect(rulesOf(result)).toEqual([
      [
        "e-app-8080-from-a-caller",
        8080,
        true,
        "a system of the other domain depends on it: only through the exchange platform (seed 004)",
      ],
      ["e-app-8080-from-z-caller", 8080, false, "a system of the same domain depends on it"],
    ]);
  });

  it("a database-only system is reached on its database port", () => {
    const result = targetsOf({ id: "db", servers: [group("db")], database: "MySQL 5.7" }, "rehost", {
      dependents: [{ id: "c", domain: "public" }],
    });
    expect(rulesOf(result)).toEqual([["db-db-3306-from-c", 3306, false, "a system of the same domain depends on it"]]);
  });

  it("the internet reaches only a published public system's front tier, on 443 and 80", () => {
    const published = targetsOf({
      id: "p",
      hostingNetwork: "internet",
      publicFacing: true,
      servers: [group("app"), group("db")],
    });
    expect(rulesOf(published).slice(0, 2)).toEqual([
      ["p-app-443-from-internet", 443, false, "published service, through the unified internet exit"],
      ["p-app-80-from-internet", 80, false, "published service (redirects to 443), through the unified internet exit"],
    ]);
    const unpublished = targetsOf({
      id: "u",
      hostingNetwork: "internet",
      publicFacing: false,
      servers: [group("app")],
    });
    expect(rulesOf(unpublished)).toEqual([]);
    const dbOnly = targetsOf({ id: "q", hostingNetwork: "internet", publicFacing: true, servers: [group("db")] });
    expect(rulesOf(dbOnly).filter(([name]) => String(name).includes("internet"))).toEqual([]);
    expect(dbOnly.reasons).toContainEqual(
      expect.objectContaining({
        code: "PLACE_NOT_PUBLISHED_NO_WEB_TIER",
        evidence: { publicFacing: true, roles: "db" },
      }),
    );
  });
});

describe("sizing", () => {
  const flavours = [
    { name: "b", vcpus: 4, ramGb: 8 },
    { name: "a", vcpus: 4, ramGb: 8 },
    { name: "small", vcpus: 2, ramGb: 4 },
    { name: "big", vcpus: 16, ramGb: 64 },
  ];

  it("picks the smallest flavour holding the need exactly, ties by name; else the largest, marked not fitting", () => {
    expect(pickFlavour(flavours, 4, 8)).toEqual({ name: "a", vcpus: 4, ramGb: 8, fits: true });
    expect(pickFlavour(flavours, 3, 8)).toMatchObject({ name: "a", fits: true });
    expect(pickFlavour(flavours, 2, 4)).toMatchObject({ name: "small", fits: true });
    expect(pickFlavour(flavours, 17, 8)).toEqual({ name: "big", vcpus: 16, ramGb: 64, fits: false });
    expect(pickFlavour(flavours, 4, 65)).toMatchObject({ name: "big", fits: false });
  });

  it("a published front tier that is replatformed runs at least two replicas; the others keep their count", () => {
    const result = targetsOf(
      {
        id: "r",
        hostingNetwork: "internet",
        publicFacing: true,
        servers: [group("web"), group("app", "CentOS 7.2", 3)],
      },
      "replatform",
    );
    const workloads = result.targets.filter((t) => t.kind === "deployment");
    expect(workloads.map((w) => [w.name, w.replicas, w.published])).toEqual([
      ["r-web", 2, true],
      ["r-app", 3, false],
    ]);
  });

  it("a replatformed system without a data tier keeps its data on a claim, grown and at least the minimum", () => {
    const result = targetsOf({ id: "c", servers: [group("app")], dataGb: 100 }, "replatform");
    const claim = result.targets.find((t) => t.kind === "volumeClaim");
    const growth = DEFAULT_RULES.sizing.dataGrowthPct;
    expect(claim).toMatchObject({ kind: "volumeClaim" });
    expect((claim as { sizeGb: number }).sizeGb).toBeGreaterThanOrEqual(
      Math.max(DEFAULT_RULES.sizing.minDataVolumeGb, (100 * (100 + growth)) / 100),
    );
    expect(
      targetsOf({ id: "n", servers: [group("app")], dataGb: 0 }, "replatform").targets.some(
        (t) => t.kind === "volumeClaim",
      ),
    ).toBe(false);
    expect(
      targetsOf({ id: "h", servers: [group("app")], dataGb: 100 }, "rehost").targets.some(
        (t) => t.kind === "volumeClaim",
      ),
    ).toBe(false);
  });

  it("several database or file servers each hold the whole data (replicas), and the plan says so", () => {
    const two = targetsOf({ id: "two", servers: [group("app"), group("db", "CentOS 7.2", 2)], dataGb: 860 });
    const one = targetsOf({ id: "one", servers: [group("app"), group("db")], dataGb: 860 });
    const codes = (r: ReturnType<typeof targetsOf>) => r.reasons.map((x) => x.code);
    expect(codes(two).filter((c) => !codes(one).includes(c))).toHaveLength(1);
    const volumes = (r: ReturnType<typeof targetsOf>) =>
      r.targets
        .filter((t) => t.kind === "instance" && t.role === "db")
        .map((t) => (t as { dataVolumeGb: number }).dataVolumeGb);
    expect(volumes(two)).toEqual([volumes(one)[0], volumes(one)[0]]);
    // File servers hold data the same way: the whole share on each.
    const files = targetsOf({ id: "files", servers: [group("app"), group("file", "CentOS 7.2", 2)], dataGb: 860 });
    expect(codes(files).filter((c) => !codes(one).includes(c))).toHaveLength(1);
  });

  it("merged systems' data adds to the survivor's, with its own reason", () => {
    const alone = targetsOf({ id: "m", servers: [group("app"), group("db")], dataGb: 100 });
    const merged = targetsOf({ id: "m", servers: [group("app"), group("db")], dataGb: 100 }, "rehost", {
      mergedDataGb: 400,
    });
    const extra = merged.reasons.filter((r) => !alone.reasons.some((a) => a.code === r.code));
    expect(extra).toEqual([expect.objectContaining({ evidence: { ownDataGb: 100, mergedDataGb: 400 } })]);
  });

  it("boots each server from an image named after its OS", () => {
    const images = targetsOf({
      id: "i",
      servers: [group("app", "Windows Server 2008 R2"), group("db", "  CentOS 7.2 "), group("web", "!!!")],
    }).targets.flatMap((t) => (t.kind === "instance" ? [t.image] : []));
    expect(images).toEqual(["windows-server-2008-r2", "centos-7.2", "unknown-os"]);
  });
});

describe("the reasons a target is as it is", () => {
  const reason = (result: ReturnType<typeof targetsOf>, code: string) => result.reasons.find((r) => r.code === code);

  it("places by network, naming it: private → admin, extranet → public", () => {
    expect(reason(targetsOf({ id: "a", hostingNetwork: "private" }), "PLACE_ADMIN_FROM_PRIVATE")?.evidence).toEqual({
      hostingNetwork: "private",
    });
    expect(reason(targetsOf({ id: "p", hostingNetwork: "extranet" }), "PLACE_PUBLIC_FROM_EXTRANET")?.evidence).toEqual({
      hostingNetwork: "extranet",
    });
    expect(reason(targetsOf({ id: "a", hostingNetwork: "private" }), "PLACE_PUBLIC_FROM_EXTRANET")).toBeUndefined();
  });

  it("a published system's front goes to the DMZ, said with its domain; an unpublished one's does not", () => {
    const published = targetsOf({ id: "w", hostingNetwork: "internet", publicFacing: true, servers: [group("web")] });
    expect(reason(published, "PLACE_DMZ")?.evidence).toEqual({ publicFacing: true, domain: "public" });
    expect(reason(targetsOf({ id: "u", servers: [group("web")] }), "PLACE_DMZ")).toBeUndefined();
  });

  it("a need no flavour holds uses the largest and says so", () => {
    const huge = { ...group("app"), cores: 512, memoryGb: 4096 };
    const result = targetsOf({ id: "h", servers: [huge], cpuPeakPct: 100 });
    expect(reason(result, "SIZE_EXCEEDS_CATALOGUE")?.evidence).toMatchObject({ role: "app" });
    expect(reason(targetsOf({ id: "s" }), "SIZE_EXCEEDS_CATALOGUE")).toBeUndefined();
  });

  it("sizes from the measured peak, or keeps the cores when nothing was measured", () => {
    const measured = reason(targetsOf({ id: "m", cpuPeakPct: 40, dataGb: 10 }), "SIZE_FROM_PEAK");
    expect(measured?.evidence).toEqual({ cpuPeakPct: 40, dataGb: 10 });
    expect(measured?.rule.en).toMatch(/^cores scaled by the measured peak CPU/);
    const unmeasured = reason(targetsOf({ id: "u", cpuPeakPct: undefined, dataGb: 10 }), "SIZE_FROM_PEAK");
    expect(unmeasured?.evidence).toEqual({ cpuPeakPct: null, dataGb: 10 });
    expect(unmeasured?.rule.en).toBe("no CPU measurement: each server keeps its cores");
  });

  it("replicates the data of MLPS level 3 and above, backs up level 2, and neither without data", () => {
    const dr = (mlpsLevel: number, dataGb: number) =>
      targetsOf({ id: "d", mlpsLevel: mlpsLevel, dataGb }).targets.find((t) => t.kind === "disasterRecovery");
    expect(dr(3, 50)).toMatchObject({
      mode: "replica",
      rpoHours: 0,
      reason: { code: "DR_REPLICA_MLPS", evidence: { mlpsLevel: 3, dataGb: 50 } },
    });
    expect(dr(2, 50)).toMatchObject({
      mode: "backup",
      rpoHours: 24,
      reason: { code: "DR_BACKUP_MLPS", evidence: { mlpsLevel: 2, dataGb: 50 } },
    });
    expect(dr(3, 0)).toBeUndefined();
  });

  it("says in Chinese too which tier reaches the database and the file servers", () => {
    const web = targetsOf({ id: "w", servers: [group("web"), group("db"), group("file")], database: "MySQL 5.7" });
    const whys = web.targets.flatMap((t) => (t.kind === "securityRule" ? [t.why.zh] : []));
    expect(whys).toEqual(["Web 层访问数据库（MySQL 5.7）", "Web 层读取文件服务器（NFS）"]);
    const app = targetsOf({ id: "a", servers: [group("app"), group("db")], database: undefined });
    expect(app.targets.flatMap((t) => (t.kind === "securityRule" ? [t.why.zh] : []))).toEqual(["应用层访问数据库"]);
  });
});
