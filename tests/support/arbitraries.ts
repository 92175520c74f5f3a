/** fast-check generators of valid inventories, for property tests. */
import fc from "fast-check";
import type { Department, Inventory, Room, System } from "../../src/migration/inventory/model";
import {
  HOSTING_NETWORKS,
  OM_STATUSES,
  SERVER_ROLES,
  USAGE_FREQUENCIES,
  USAGE_SCOPES,
  valuesOf,
} from "../../src/migration/inventory/vocabulary";

const CHARS = "区县镇街道局办中心系统管理平台信息数据服务公共政务人口社会保障教育卫生财政城乡网格".split("");
const chineseName = fc.array(fc.constantFrom(...CHARS), { minLength: 2, maxLength: 10 }).map((parts) => parts.join(""));
const isoDate = fc
  .date({ min: new Date("2005-01-01T00:00:00Z"), max: new Date("2018-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const inventoryArbitrary: fc.Arbitrary<Inventory> = fc
  .record({
    departmentNames: fc.uniqueArray(chineseName, { minLength: 1, maxLength: 5 }),
    roomNames: fc.uniqueArray(chineseName, { minLength: 1, maxLength: 3 }),
    systemCount: fc.integer({ min: 1, max: 12 }),
    seed: fc.integer(),
  })
  .chain(({ departmentNames, roomNames, systemCount }) => {
    const departments: Department[] = departmentNames.map((name, i) => ({
      id: `dept-${i}`,
      name,
      level: i % 3 === 0 ? "town" : "district",
    }));
    const rooms: Room[] = roomNames.map((name, i) => ({ id: `room-${i}`, name, privateLines: [] }));
    const system = (index: number) =>
      fc
        .record({
          name: chineseName,
          department: fc.constantFrom(...departments.map((d) => d.id)),
          subUnit: opt(chineseName),
          function: chineseName,
          usageScope: fc.constantFrom(...valuesOf(USAGE_SCOPES)),
          usageFrequency: fc.constantFrom(...valuesOf(USAGE_FREQUENCIES)),
          users: fc.nat(100_000),
          approvedBy: opt(chineseName),
          approvalDate: opt(isoDate),
          omCost10kCny: opt(fc.integer({ min: 0, max: 5000 }).map((n) => n / 10)),
          hostingNetwork: fc.constantFrom(...valuesOf(HOSTING_NETWORKS).filter((n) => n !== "intranet")),
          publicFacing: fc.boolean(),
          mlpsLevel: opt(fc.integer({ min: 1, max: 4 })),
          lastUpdate: opt(isoDate),
          omStatus: fc.constantFrom(...valuesOf(OM_STATUSES)),
          cpu: opt(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))),
          serverRoom: fc.constantFrom(...rooms.map((r) => r.id)),
          count: fc.integer({ min: 1, max: 8 }),
          cores: fc.integer({ min: 1, max: 128 }),
          memoryGb: fc.integer({ min: 1, max: 1024 }),
          diskGb: fc.integer({ min: 0, max: 100_000 }),
          role: opt(fc.constantFrom(...valuesOf(SERVER_ROLES))),
          os: opt(fc.constantFrom("CentOS 6.5", "Windows Server 2008 R2", "中标麒麟")),
          dataGb: fc.integer({ min: 0, max: 10_000 }),
          database: opt(fc.constantFrom("Oracle 11g", "MySQL 5.6", "达梦 DM7")),
          maxDowntimeHours: opt(fc.integer({ min: 0, max: 96 }).map((n) => n / 2)),
          dependsOn: fc.uniqueArray(fc.integer({ min: 0, max: systemCount - 1 }), { maxLength: 3 }),
          duplicates: fc.uniqueArray(fc.integer({ min: 0, max: systemCount - 1 }), { maxLength: 2 }),
          retain: opt(fc.constantFrom("周政办字〔2018〕23号", "周政字〔2018〕7号")),
        })
        .map((r): System => {
          const [low, high] = r.cpu ? [Math.min(...r.cpu), Math.max(...r.cpu)] : [undefined, undefined];
          const others = (list: number[]) => list.filter((n) => n !== index).map((n) => `sys-${n}`);
          return withoutUndefined({
            id: `sys-${index}`,
            name: `${r.name}${index}`,
            department: r.department,
            subUnit: r.subUnit,
            function: r.function,
            usageScope: r.usageScope,
            usageFrequency: r.usageFrequency,
            users: r.users,
            approvedBy: r.approvedBy,
            approvalDate: r.approvalDate,
            omCost10kCny: r.omCost10kCny,
            hostingNetwork: r.hostingNetwork,
            publicFacing: r.publicFacing,
            classified: false,
            mlpsLevel: r.mlpsLevel,
            lastUpdate: r.lastUpdate,
            omStatus: r.omStatus,
            cpuAvgPct: low,
            cpuPeakPct: high,
            serverRoom: r.serverRoom,
            servers: [
              withoutUndefined({
                role: r.role,
                count: r.count,
                cores: r.cores,
                memoryGb: r.memoryGb,
                diskGb: r.diskGb,
                os: r.os,
              }),
            ],
            dataGb: r.dataGb,
            database: r.database,
            maxDowntimeHours: r.maxDowntimeHours,
            dependsOn: others(r.dependsOn),
            duplicates: others(r.duplicates),
            retain: r.retain === undefined ? undefined : { approvalRef: r.retain },
          });
        });
    return fc.tuple(...Array.from({ length: systemCount }, (_, i) => system(i))).map((systems): Inventory => ({
      policy: undefined,
      departments,
      rooms,
      systems: [...systems].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    }));
  });
