/** A valid system to start from in unit tests; override what the test is about. */
import type { System } from "../../src/migration/inventory/model";

const POOL = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星山川河海风云雷电春夏秋冬东南西北";

/** Six characters derived from the id: different ids give names that are not shadows of each other. */
function nonsense(id: string, salt: number): string {
  let hash = salt;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return Array.from({ length: 6 }, (_, i) => POOL[(hash >>> (i * 5)) % POOL.length]).join("");
}

export function aSystem(overrides: Partial<System> & { id: string }): System {
  return {
    name: `${nonsense(overrides.id, 7)}系统`,
    department: "dept-a",
    function: nonsense(overrides.id, 13),
    usageScope: "region",
    usageFrequency: "daily",
    users: 100,
    hostingNetwork: "extranet",
    publicFacing: false,
    classified: false,
    mlpsLevel: 2,
    lastUpdate: "2017-06-01",
    omStatus: "active",
    cpuAvgPct: 30,
    cpuPeakPct: 60,
    serverRoom: "room-a",
    servers: [
      { role: "app", count: 2, cores: 16, memoryGb: 32, diskGb: 400, os: "CentOS 7.2" },
      { role: "db", count: 1, cores: 16, memoryGb: 64, diskGb: 2000, os: "CentOS 7.2" },
    ],
    dataGb: 200,
    database: "MySQL 5.6",
    maxDowntimeHours: 8,
    dependsOn: [],
    duplicates: [],
    ...overrides,
  };
}
