import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/migration/inventory/planner-rules";
import { decideDispositions, migrateDecision } from "../../src/migration/plan/dispositions";
import { aSystem } from "../support/systems";

const decide = (...systems: Parameters<typeof aSystem>[0][]) =>
  decideDispositions(systems.map(aSystem), DEFAULT_RULES, "2018-01-01");

describe("dispositions", () => {
  it("a classified system is excluded, whatever else it is", () => {
    const result = decide({
      id: "secret",
      classified: true,
      hostingNetwork: "intranet",
      usageFrequency: "unused",
      retain: { approvalRef: "x" },
    }).get("secret")!;
    expect(result.disposition).toBe("exclude");
    expect(result.reasons.map((r) => r.code)).toEqual(["EXCLUDE_CLASSIFIED"]);
  });

  it("an approved exception is retained, even when it looks like a zombie", () => {
    const result = decide({
      id: "kept",
      usageFrequency: "unused",
      retain: { approvalRef: "周政办字〔2018〕23号", until: "2019-06-30" },
    }).get("kept")!;
    expect(result.disposition).toBe("retain");
    expect(result.reasons[0]).toMatchObject({
      code: "RETAIN_APPROVED",
      evidence: { approvalRef: "周政办字〔2018〕23号", until: "2019-06-30" },
    });
  });

  it.each([
    ["ZOMBIE_UNUSED", { usageFrequency: "unused" as const }],
    ["ZOMBIE_UNUSED", { users: 0 }],
    ["ZOMBIE_IDLE", { usageFrequency: "monthly" as const, cpuAvgPct: 2, cpuPeakPct: 6 }],
    ["ZOMBIE_OM_STOPPED", { omStatus: "stopped" as const, usageFrequency: "monthly" as const }],
    ["ZOMBIE_NARROW", { usageScope: "subunit" as const, usageFrequency: "yearly" as const }],
  ])("retires a zombie: %s", (code, overrides) => {
    const result = decide({ id: "z", ...overrides }).get("z")!;
    expect(result.disposition).toBe("retire");
    expect(result.reasons.map((r) => r.code)).toContain(code);
  });

  it("old software in a system that is used and maintained is a review candidate, not a zombie", () => {
    const result = decide({
      id: "portal",
      lastUpdate: "2012-03-01",
      usageFrequency: "daily",
      users: 5000,
      omStatus: "active",
    }).get("portal")!;
    expect(["rehost", "replatform"]).toContain(result.disposition);
    expect(result.review).toEqual([
      expect.objectContaining({
        code: "REVIEW_STALE",
        evidence: expect.objectContaining({ lastUpdate: "2012-03-01", omStatus: "active" }),
      }),
    ]);
  });

  it("the age that makes a review candidate is policy.rules.zombie.staleYears", () => {
    const rules = { ...DEFAULT_RULES, zombie: { ...DEFAULT_RULES.zombie, staleYears: 10 } };
    const result = decideDispositions([aSystem({ id: "portal", lastUpdate: "2012-03-01" })], rules, "2018-01-01").get(
      "portal",
    )!;
    expect(result.review).toBeUndefined();
    expect(decide({ id: "fresh", lastUpdate: "2017-03-01" }).get("fresh")!.review).toBeUndefined();
  });

  it("old and with O&M stopped is a zombie (criterion 4), with no review needed", () => {
    const result = decide({ id: "dead", lastUpdate: "2012-03-01", omStatus: "stopped", usageFrequency: "monthly" }).get(
      "dead",
    )!;
    expect(result).toMatchObject({ disposition: "retire", reasons: [{ code: "ZOMBIE_OM_STOPPED" }] });
    expect(result.review).toBeUndefined();
  });

  it("judges idle only below both thresholds (5 % average, 10 % peak): at a threshold the system is in use", () => {
    const idle = (cpuAvgPct: number, cpuPeakPct: number) =>
      decide({ id: "s", usageFrequency: "monthly", cpuAvgPct, cpuPeakPct })
        .get("s")!
        .reasons.some((r) => r.code === "ZOMBIE_IDLE");
    expect(idle(4.9, 9.9)).toBe(true);
    expect(idle(5, 9.9)).toBe(false);
    expect(idle(4.9, 10)).toBe(false);
    expect(idle(0, 0)).toBe(true);
  });

  it("never judges a system used daily idle, however low its CPU", () => {
    expect(decide({ id: "busy", cpuAvgPct: 0, cpuPeakPct: 1 }).get("busy")!.disposition).not.toBe("retire");
  });

  it("the narrower of two cross-department duplicates is replaceable by the wider", () => {
    const result = decide(
      { id: "own-email", department: "edu", usageScope: "department", users: 40, duplicates: ["unified-email"] },
      { id: "unified-email", department: "ic", usageScope: "region", users: 900 },
    );
    expect(result.get("own-email")).toMatchObject({
      disposition: "retire",
      reasons: [{ code: "ZOMBIE_REPLACEABLE", evidence: { replacedBy: "unified-email" } }],
    });
    expect(["rehost", "replatform"]).toContain(result.get("unified-email")!.disposition);
  });

  it("merges declared shadows of one department into its best member, both ways of declaring", () => {
    const result = decide(
      { id: "approval-a", name: "行政审批系统", function: "许可事项受理与审批", users: 300, usageScope: "public" },
      { id: "approval-b", name: "并联审批系统", function: "多部门联合审批", users: 40, duplicates: ["approval-a"] },
      { id: "approval-c", name: "档案扫描系统", function: "纸质档案数字化", users: 20 },
    );
    expect(result.get("approval-b")).toMatchObject({
      disposition: "consolidate",
      consolidateInto: "approval-a",
      reasons: [{ code: "SHADOW_DECLARED" }],
    });
    expect(result.get("approval-a")!.consolidateInto).toBeNull();
    expect(["rehost", "replatform"]).toContain(result.get("approval-c")!.disposition);
  });

  it("finds undeclared shadows by name, ignoring the words every system name shares", () => {
    const result = decide(
      { id: "a", name: "城乡低保管理系统", function: "低保审批" },
      { id: "b", name: "城乡低保信息管理系统", function: "低保发放", users: 10 },
      { id: "c", name: "人口信息管理系统", function: "人口登记" },
      { id: "d", name: "法人信息管理系统", function: "法人登记" },
    );
    expect(result.get("b")).toMatchObject({
      disposition: "consolidate",
      consolidateInto: "a",
      reasons: [{ code: "SHADOW_SIMILAR" }],
    });
    expect(result.get("c")!.disposition).not.toBe("consolidate");
    expect(result.get("d")!.disposition).not.toBe("consolidate");
  });

  const archives = new Map([["dept-a", "淄博市周村区档案局"]]);
  const decideIn = (...systems: Parameters<typeof aSystem>[0][]) =>
    decideDispositions(systems.map(aSystem), DEFAULT_RULES, "2018-01-01", archives);

  it("does not merge systems whose names only share their department's name", () => {
    const result = decideIn(
      { id: "archive", name: "周村区档案局档案管理系统", function: "周村区档案局档案著录与借阅" },
      { id: "office", name: "周村区档案局协同办公系统", function: "公文流转与内部事务审批" },
      { id: "poverty", name: "淄博市周村区档案局扶贫对象管理平台", function: "扶贫对象识别与帮扶台账" },
    );
    for (const id of ["archive", "office", "poverty"]) expect(result.get(id)!.disposition).not.toBe("consolidate");
  });

  it("two systems of a small department whose names are mostly the department's name are not alike", () => {
    const result = decideIn(
      { id: "site", name: "淄博市周村区档案局官网", function: "档案馆对外发布" },
      { id: "mail", name: "淄博市周村区档案局邮件系统", function: "内部邮件收发" },
    );
    expect(result.get("site")!.disposition).not.toBe("consolidate");
    expect(result.get("mail")!.disposition).not.toBe("consolidate");
  });

  it("boilerplate shared by the department's function texts does not make two functions alike", () => {
    const result = decide(
      { id: "enrol", name: "招生管理系统", function: "招生发布业务受理与办理" },
      { id: "jobs", name: "就业服务平台", function: "就业发布业务受理与办理" },
      { id: "c", name: "学籍管理系统", function: "学籍登记业务受理与办理" },
      { id: "d", name: "档案管理系统", function: "档案归档业务受理与办理" },
      { id: "e", name: "法人库", function: "法人查询业务受理与办理" },
      { id: "f", name: "人口库", function: "人口采集业务受理与办理" },
    );
    for (const id of ["enrol", "jobs", "c", "d", "e", "f"])
      expect(result.get(id)!.disposition, id).not.toBe("consolidate");
  });

  it("merges a second phase of the same system, showing the names it compared", () => {
    const result = decideIn(
      { id: "archive", name: "周村区档案局档案管理系统", function: "档案著录与借阅", users: 200 },
      { id: "archive-2", name: "档案局档案管理系统（二期）", function: "数字档案著录、借阅", users: 30 },
      { id: "archive-v2", name: "档案管理平台V2.0", function: "档案借阅登记", users: 10 },
    );
    expect(result.get("archive-2")).toMatchObject({
      disposition: "consolidate",
      consolidateInto: "archive",
      reasons: [{ code: "SHADOW_SIMILAR", evidence: { names: "档案 ≈ 档案" } }],
    });
    expect(result.get("archive-v2")).toMatchObject({ disposition: "consolidate", consolidateInto: "archive" });
  });

  it("keeps the system that carries the business, not the widest scope, and shows the comparison", () => {
    const result = decide(
      {
        id: "wide",
        name: "城乡低保管理系统",
        usageScope: "public",
        usageFrequency: "monthly",
        users: 20,
        lastUpdate: "2015-01-01",
      },
      {
        id: "busy",
        name: "城乡低保信息管理系统",
        usageScope: "department",
        usageFrequency: "daily",
        users: 400,
        lastUpdate: "2017-09-01",
      },
    );
    expect(result.get("wide")).toMatchObject({
      disposition: "consolidate",
      consolidateInto: "busy",
      reasons: [
        {
          evidence: {
            decidedBy: "usageFrequency",
            survivorCarries: "daily, 400 users, updated 2017-09-01, MLPS 2, 200 GB",
            thisCarries: "monthly, 20 users, updated 2015-01-01, MLPS 2, 200 GB",
          },
        },
      ],
    });
    const byUsers = decide(
      { id: "few", name: "城乡低保管理系统", users: 20 },
      { id: "many", name: "城乡低保信息管理系统", users: 400 },
    );
    expect(byUsers.get("few")).toMatchObject({
      consolidateInto: "many",
      reasons: [{ evidence: { decidedBy: "users" } }],
    });
  });

  it("always honours declared duplicates, however different the names", () => {
    const result = decideIn(
      { id: "a", name: "周村区档案局档案管理系统", users: 200 },
      { id: "b", name: "周村区档案局数字化加工平台", users: 20, duplicates: ["a"] },
    );
    expect(result.get("b")).toMatchObject({
      disposition: "consolidate",
      consolidateInto: "a",
      reasons: [{ code: "SHADOW_DECLARED" }],
    });
  });

  it("does not merge look-alikes of different departments", () => {
    const result = decide(
      { id: "a", name: "城乡低保管理系统" },
      { id: "b", name: "城乡低保管理系统", department: "dept-b" },
    );
    expect(result.get("a")!.disposition).not.toBe("consolidate");
    expect(result.get("b")!.disposition).not.toBe("consolidate");
  });
});

describe("rehost or replatform", () => {
  it("replatforms stateless tiers on Linux, and says which rule decided", () => {
    const result = migrateDecision(aSystem({ id: "x" }), DEFAULT_RULES);
    expect(result.disposition).toBe("replatform");
    expect(result.reasons.map((r) => r.code)).toEqual(["MIGRATE_CAN_GO", "REPLATFORM_STATELESS_LINUX"]);
  });

  it.each([
    [
      "REHOST_OS",
      [{ role: "app" as const, count: 1, cores: 4, memoryGb: 8, diskGb: 100, os: "Windows Server 2008 R2" }],
    ],
    ["REHOST_ROLE_UNKNOWN", [{ count: 1, cores: 4, memoryGb: 8, diskGb: 100, os: "CentOS 7.2" }]],
    [
      "REHOST_NO_STATELESS_TIER",
      [{ role: "db" as const, count: 1, cores: 4, memoryGb: 8, diskGb: 100, os: "CentOS 7.2" }],
    ],
  ])("rehosts: %s", (code, servers) => {
    const result = migrateDecision(aSystem({ id: "x", servers }), DEFAULT_RULES);
    expect(result.disposition).toBe("rehost");
    expect(result.reasons[1]!.code).toBe(code);
  });
});

describe("every reason shows its rule in both languages and the facts it rests on", () => {
  const reasonsOf = (system: Parameters<typeof aSystem>[0], ...others: Parameters<typeof aSystem>[0][]) => {
    const result = decide(system, ...others).get(system.id)!;
    return [...result.reasons, ...(result.review ?? [])];
  };
  const cases: [string, Parameters<typeof aSystem>[0][], Record<string, unknown>][] = [
    [
      "EXCLUDE_CLASSIFIED",
      [{ id: "s", classified: true, hostingNetwork: "intranet" }],
      { classified: true, hostingNetwork: "intranet" },
    ],
    [
      "RETAIN_APPROVED",
      [{ id: "s", retain: { approvalRef: "X号", approvedBy: "区政府", reason: "专网", until: "2019-06-30" } }],
      { approvalRef: "X号", approvedBy: "区政府", until: "2019-06-30", reason: "专网" },
    ],
    [
      "RETAIN_APPROVED",
      [{ id: "s", retain: { approvalRef: "X号" } }],
      { approvalRef: "X号", approvedBy: null, until: null, reason: null },
    ],
    ["ZOMBIE_UNUSED", [{ id: "s", usageFrequency: "unused", users: 3 }], { usageFrequency: "unused", users: 3 }],
    [
      "ZOMBIE_IDLE",
      [{ id: "s", usageFrequency: "monthly", cpuAvgPct: 2, cpuPeakPct: 6 }],
      { cpuAvgPct: 2, cpuPeakPct: 6, usageFrequency: "monthly" },
    ],
    [
      "ZOMBIE_OM_STOPPED",
      [{ id: "s", omStatus: "stopped", usageFrequency: "monthly", lastUpdate: "2014-01-01" }],
      { omStatus: "stopped", lastUpdate: "2014-01-01" },
    ],
    [
      "ZOMBIE_OM_STOPPED",
      [{ id: "s", omStatus: "stopped", usageFrequency: "monthly", lastUpdate: undefined }],
      { omStatus: "stopped", lastUpdate: null },
    ],
    [
      "ZOMBIE_NARROW",
      [{ id: "s", usageScope: "subunit", usageFrequency: "yearly", users: 4 }],
      { usageScope: "subunit", usageFrequency: "yearly", users: 4 },
    ],
    [
      "ZOMBIE_REPLACEABLE",
      [
        { id: "s", department: "a", usageScope: "department", duplicates: ["t", "u"] },
        { id: "t", department: "b", usageScope: "region" },
        { id: "u", department: "c", usageScope: "region", users: 5000 },
      ],
      { duplicates: "u, t", replacedBy: "u" },
    ],
    ["MIGRATE_CAN_GO", [{ id: "s" }], { classified: false, retain: false, zombie: false }],
  ];
  it.each(cases)("%s", (code, systems, evidence) => {
    const reason = reasonsOf(systems[0]!, ...systems.slice(1)).find((r) => r.code === code);
    expect(reason?.evidence).toEqual(evidence);
    expect(reason?.rule.zh.length).toBeGreaterThan(4);
    expect(reason?.rule.en.length).toBeGreaterThan(4);
  });

  it("the way a migrating system goes: its tiers, its server groups, or why it stays on VMs", () => {
    const codes = (system: Parameters<typeof aSystem>[0]) =>
      reasonsOf(system)
        .filter((r) => r.code !== "MIGRATE_CAN_GO")
        .map((r) => [r.code, r.evidence]);
    expect(codes({ id: "s" })).toEqual([["REPLATFORM_STATELESS_LINUX", { tiers: "app:CentOS 7.2" }]]);
    expect(
      codes({
        id: "w",
        servers: [{ role: "app", count: 1, cores: 4, memoryGb: 8, diskGb: 100, os: "Windows Server 2008" }],
      }),
    ).toEqual([["REHOST_OS", { os: "Windows Server 2008" }]]);
    expect(
      codes({ id: "d", servers: [{ role: "db", count: 1, cores: 4, memoryGb: 8, diskGb: 100, os: "CentOS 7" }] }),
    ).toEqual([["REHOST_NO_STATELESS_TIER", { roles: "db" }]]);
    expect(
      codes({ id: "u", servers: [{ count: 2, cores: 4, memoryGb: 8, diskGb: 100, os: "CentOS 7" }] as never }),
    ).toEqual([["REHOST_ROLE_UNKNOWN", { groups: 1 }]]);
  });
});
