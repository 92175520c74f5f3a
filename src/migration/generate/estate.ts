/**
 * Seeded synthetic estates for tests and benchmarks: departments in a city / district /
 * town hierarchy, server rooms, and systems with the real mix of what the seeds describe
 * (zombies, shadows, classified systems, approved exceptions, business private networks,
 * dependency chains and the odd cycle), with Chinese names. Deterministic per seed.
 */
import type { Department, Inventory, Policy, Room, ServerGroup, System } from "../inventory/model";
import { isoOf } from "../inventory/dates";
import { Random } from "./random";
import { estateTruth, type EstateTruth, type SystemIntent } from "./truth";

const CITIES = [
  "潍坊",
  "淄博",
  "泸州",
  "枣庄",
  "临沂",
  "德州",
  "聊城",
  "滨州",
  "菏泽",
  "济宁",
  "泰安",
  "威海",
  "日照",
  "烟台",
  "东营",
  "莱芜",
];
const DISTRICTS = ["东城", "西城", "南湖", "北山", "新区", "高新", "滨海", "河西", "城关", "开发"];
const TOWNS = ["王村", "北郊", "南郊", "萌水", "永安", "丝绸路", "大街", "青年路", "城北路", "商家", "周家", "李家"];
/** Bureaux: name, id key, and the short name staff write in system names (教体局). */
const BUREAUS: readonly (readonly [string, string, string])[] = [
  ["政府办公室", "office", "政府办"],
  ["发展和改革局", "drc", "发改局"],
  ["教育体育局", "edu", "教体局"],
  ["公安局", "ps", "公安局"],
  ["民政局", "ca", "民政局"],
  ["司法局", "justice", "司法局"],
  ["财政局", "fin", "财政局"],
  ["人力资源和社会保障局", "hrss", "人社局"],
  ["自然资源局", "land", "自然资源局"],
  ["住房和城乡建设局", "housing", "住建局"],
  ["交通运输局", "transport", "交通局"],
  ["农业农村局", "agri", "农业局"],
  ["商务局", "commerce", "商务局"],
  ["文化和旅游局", "culture", "文旅局"],
  ["卫生健康局", "health", "卫健局"],
  ["审计局", "audit", "审计局"],
  ["统计局", "stats", "统计局"],
  ["市场监督管理局", "msa", "市场监管局"],
  ["综合行政执法局", "cityman", "执法局"],
  ["行政审批服务局", "sc", "审批局"],
  ["大数据中心", "ic", "大数据中心"],
];
/** How a function is worded on the form: a duplicate's wording often differs from its original's. */
const WORDINGS = ["业务办理", "业务受理与办理", "日常管理", "管理与查询", "工作台账管理"];
const SUBJECTS = [
  "人口",
  "法人",
  "社会保险",
  "医疗保障",
  "不动产登记",
  "行政审批",
  "网格化",
  "视频监控",
  "电子证照",
  "信用信息",
  "财政预算",
  "非税收入",
  "学籍",
  "招生",
  "食品安全",
  "特种设备",
  "案件",
  "档案",
  "协同办公",
  "公文交换",
  "村务公开",
  "养老服务",
  "低保救助",
  "就业服务",
  "住房保障",
  "工程建设",
  "农产品追溯",
  "动物防疫",
  "旅游服务",
  "统计直报",
  "审计作业",
  "投资项目",
  "应急指挥",
  "舆情监测",
  "12345热线",
];
const ASPECTS = [
  "登记",
  "审批",
  "监测",
  "统计",
  "查询",
  "办理",
  "调度",
  "核查",
  "评估",
  "预警",
  "采集",
  "共享",
  "发布",
  "考核",
  "归档",
];
const SUFFIXES = ["管理系统", "信息系统", "服务平台", "综合平台", "数据库", "监管系统", "业务系统"];
const OS_TABLE = [
  ["CentOS 7.2", 30],
  ["CentOS 6.5", 15],
  ["RHEL 6", 10],
  ["Windows Server 2008 R2", 30],
  ["Windows Server 2012", 10],
  ["中标麒麟 6.0", 5],
] as const;
const DB_TABLE = [
  ["SQL Server 2008 R2", 30],
  ["Oracle 11g", 25],
  ["MySQL 5.6", 30],
  ["达梦 DM7", 5],
  ["人大金仓 KingbaseES V7", 5],
  [undefined, 5],
] as const;

export interface EstateOptions {
  readonly systems: number;
  readonly seed: number;
}

function date(random: Random, fromYear: number, toYear: number): string {
  return isoOf(random.int(fromYear, toYear), random.int(1, 12), random.int(1, 28));
}

/** The estate and what it means (its ground truth: see truth.ts). */
export function generateEstateWithTruth({ systems: count, seed }: EstateOptions): {
  inventory: Inventory;
  truth: EstateTruth;
} {
  const random = new Random(seed);
  const departments: Department[] = [];
  const rooms: Room[] = [];
  const mainRoomOf = new Map<string, string>();
  const shortOf = new Map<string, string>();
  const roomOf = new Map<string, string>();
  // About 40 systems a department; a district has 15 bureaus and 6 towns, a city 4 districts.
  const districtsNeeded = Math.max(1, Math.ceil(count / (40 * 21)));
  const cities = Math.max(1, Math.ceil(districtsNeeded / 4));
  for (let c = 0; c < cities; c++) {
    const city = `${CITIES[c % CITIES.length]}${c >= CITIES.length ? Math.floor(c / CITIES.length) + 1 : ""}`;
    for (let d = 0; d < Math.min(4, districtsNeeded - c * 4); d++) {
      const district = `${DISTRICTS[d % DISTRICTS.length]}`;
      const prefix = `c${c}d${d}`;
      const mainRoom = `${prefix}-room-main`;
      rooms.push({
        id: mainRoom,
        name: `${city}市${district}区政务外网总机房`,
        department: `${prefix}-ic`,
        location: `${city}市${district}区政府大楼`,
        tenure: "owned",
        hardwareAgeYears: random.int(2, 6),
        privateLines: [],
      });
      for (const [bureau, key, short] of BUREAUS.slice(0, 15).concat([BUREAUS[20]!])) {
        const id = `${prefix}-${key}`;
        departments.push({ id, name: `${city}市${district}区${bureau}`, level: "district" });
        mainRoomOf.set(id, mainRoom);
        shortOf.set(id, short);
        if (key !== "ic" && random.chance(0.25)) {
          const room = `${id}-room`;
          rooms.push({
            id: room,
            name: `${city}市${district}区${bureau}机房`,
            department: id,
            location: `${district}区${bureau}办公楼`,
            tenure: random.chance(0.3) ? "rented" : "owned",
            hardwareAgeYears: random.int(2, 12),
            privateLines: random.chance(0.6)
              ? [
                  {
                    name: `${bureau}业务专网`,
                    carrier: random.pick(["中国联通", "中国电信", "中国移动"]),
                    bandwidthMbps: random.pick([10, 20, 100]),
                  },
                ]
              : [],
          });
          roomOf.set(id, room);
        }
      }
      for (let t = 0; t < 6; t++) {
        const id = `${prefix}-town-${t}`;
        departments.push({
          id,
          name: `${city}市${district}区${TOWNS[t % TOWNS.length]}${t % 2 === 0 ? "镇" : "街道"}`,
          level: "town",
          parent: `${prefix}-office`,
        });
        mainRoomOf.set(id, mainRoom);
      }
    }
  }

  const systems: System[] = [];
  const names = new Set<string>();
  const intents = new Map<string, Omit<SystemIntent, "dependsOn" | "duplicates">>();
  const STAYING = new Set(["normal", "old"]);
  for (let i = 0; i < count; i++) {
    const department = departments[Math.floor(Math.pow(random.next(), 1.3) * departments.length)]!;
    const id = `s${String(i).padStart(6, "0")}`;
    const earlier = systems.length;
    const recent = systems.slice(Math.max(0, earlier - 50)).filter((s) => STAYING.has(intents.get(s.id)!.kind));
    const sameDepartment = recent.filter((s) => s.department === department.id);
    const wider = recent.filter((s) => s.department !== department.id && s.usageScope !== "department");
    let kind = random.weighted([
      ["normal", 64],
      ["old", 8],
      ["unused", 4],
      ["omStopped", 4],
      ["idle", 4],
      ["narrow", 3],
      ["classified", 2],
      ["retain", 2],
      ["shadow", 6],
      ["replaceable", 3],
    ] as const);
    // A shadow does what a system of its own department does; a replaceable system what a
    // wider one of another department does. Without such a system, it is an ordinary one.
    const original =
      kind === "shadow"
        ? sameDepartment.length
          ? random.pick(sameDepartment)
          : undefined
        : kind === "replaceable"
          ? wider.length
            ? random.pick(wider)
            : undefined
          : undefined;
    if ((kind === "shadow" || kind === "replaceable") && !original) kind = "normal";
    const functionKey = original
      ? intents.get(original.id)!.functionKey
      : `${random.pick(SUBJECTS)}${random.pick(ASPECTS)}`;
    const { name: baseName, namedAfterDepartment } = systemName(
      random,
      department,
      shortOf.get(department.id),
      functionKey,
      kind === "shadow",
    );
    let name = baseName;
    for (let n = 2; names.has(`${department.id}/${name}`); n++) name = `${baseName}（${n}）`;
    names.add(`${department.id}/${name}`);
    const network =
      kind === "classified"
        ? "intranet"
        : random.weighted([
            ["private", 35],
            ["extranet", 45],
            ["internet", 20],
          ] as const);
    const publicFacing = kind !== "classified" && network !== "private" && random.chance(0.25);
    const rare = kind === "idle" || kind === "narrow" || kind === "omStopped";
    const frequency =
      kind === "unused"
        ? "unused"
        : rare
          ? random.pick(["monthly", "yearly"] as const)
          : random.weighted([
              ["daily", 70],
              ["weekly", 20],
              ["monthly", 10],
            ] as const);
    // Now and then a system used daily shows almost no CPU: used, so not idle.
    const avg = kind === "idle" || (frequency === "daily" && random.chance(0.1)) ? random.int(0, 3) : random.int(5, 60);
    const groups: ServerGroup[] = [];
    const roles = random.weighted([
      [["app"], 25],
      [["app", "db"], 40],
      [["web", "app", "db"], 25],
      [["app", "db", "file"], 10],
    ] as const);
    for (const role of roles) {
      const servers = role === "db" ? random.int(1, 2) : random.int(1, 3);
      const perCores = random.pick([4, 8, 16, 32]);
      groups.push({
        role,
        count: servers,
        cores: servers * perCores,
        memoryGb: servers * perCores * random.pick([2, 4]),
        diskGb: servers * random.pick([200, 500, 1000, 2000]),
        os: random.weighted(OS_TABLE),
      });
    }
    const dependsOn: string[] = [];
    const degree = random.weighted([
      [0, 45],
      [1, 30],
      [2, 15],
      [3, 10],
    ] as const);
    for (let k = 0; k < degree && earlier > 0; k++) {
      const target = systems[earlier - 1 - Math.floor(Math.pow(random.next(), 2) * Math.min(earlier, 200))]!;
      if (!target.classified && !dependsOn.includes(target.id)) dependsOn.push(target.id);
    }
    // Half the shadows are declared by their department; every replaceable system names the system that replaces it.
    const duplicates = original && (kind === "replaceable" || random.chance(0.5)) ? [original.id] : [];
    const users = kind === "unused" ? 0 : kind === "narrow" ? random.int(1, 5) : random.around(80, 1.5);
    const departmentPrefix = namedAfterDepartment && random.chance(0.5) ? department.name : "";
    const system: System = {
      id,
      name,
      department: department.id,
      function: `${departmentPrefix}${functionKey}${random.pick(WORDINGS)}`,
      usageScope:
        kind === "narrow"
          ? "subunit"
          : kind === "replaceable"
            ? "department"
            : publicFacing
              ? "public"
              : random.pick(["region", "department"] as const),
      usageFrequency: frequency,
      users: kind === "replaceable" && original ? Math.min(users, Math.max(1, original.users - 1)) : users,
      approvedBy: `${department.name.replace(/[^市区]+$/, "")}发展和改革局`,
      approvalDate: date(random, 2008, 2017),
      approvalRef: `发改投资〔${random.int(2008, 2017)}〕${random.int(1, 200)}号`,
      constructionFunding: random.pick(["区级财政", "上级专项资金", "部门自筹"]),
      omFunding: "区级财政",
      omCost10kCny: random.int(1, 60),
      hostingNetwork: network,
      publicFacing,
      classified: kind === "classified",
      mlpsLevel: random.weighted([
        [1, 10],
        [2, 65],
        [3, 25],
      ] as const),
      lastUpdate: kind === "omStopped" || kind === "old" ? date(random, 2010, 2013) : date(random, 2016, 2017),
      omStatus: kind === "omStopped" ? "stopped" : "active",
      cpuAvgPct: avg,
      cpuPeakPct: Math.min(100, avg + (kind === "idle" ? random.int(0, 5) : random.int(5, 40))),
      serverRoom: roomOf.get(department.id) ?? mainRoomOf.get(department.id)!,
      servers: groups,
      dataGb: random.around(120, 1.6),
      database: roles.includes("db" as never) ? random.weighted(DB_TABLE) : undefined,
      maxDowntimeHours: random.pick([1, 2, 4, 8, 12, 24, 48]),
      dependsOn,
      duplicates,
      retain:
        kind === "retain"
          ? {
              approvalRef: `政办字〔2018〕${random.int(1, 99)}号`,
              approvedBy: "政府办公室",
              reason: "上级部门垂直管理系统，待统一部署",
              until: "2019-06-30",
            }
          : undefined,
    };
    systems.push(Object.fromEntries(Object.entries(system).filter(([, v]) => v !== undefined)) as System);
    intents.set(id, {
      id,
      department: department.id,
      functionKey,
      kind,
      namedAfterDepartment,
      ...(kind === "replaceable" && original ? { replacedBy: original.id } : {}),
    });
  }
  // A dependency cycle now and then: a few early systems call a later one back.
  for (let i = 50; i < systems.length; i += 500) {
    const later = systems[i]!;
    const earlier = later.dependsOn.length > 0 ? systems[Number(later.dependsOn[0]!.slice(1))] : undefined;
    if (earlier && !earlier.classified && !later.classified && !earlier.dependsOn.includes(later.id))
      earlier.dependsOn.push(later.id);
  }
  // No cloud system may depend on a classified one (a validation rule): drop such links.
  const classified = new Set(systems.filter((s) => s.classified).map((s) => s.id));
  for (const s of systems) (s as { dependsOn: string[] }).dependsOn = s.dependsOn.filter((d) => !classified.has(d));

  const capacity = Math.max(2, Math.ceil(count / 120));
  const policy: Policy = {
    name: `合成数据集（${count} 个系统，种子 ${seed}）`,
    planningStart: "2018-01-01",
    deadlines: [
      { date: "2018-06-30", sharePct: 70 },
      { date: "2018-12-31", sharePct: 100 },
    ],
    cutoverWindows: { days: ["sat", "sun"], startTime: "22:00", hours: 10 },
    capacityPerWindow: { systems: capacity, dataTb: capacity * 0.5 },
  };
  const byId = <T extends { id: string }>(list: T[]) => list.sort((a, b) => (a.id < b.id ? -1 : 1));
  const inventory = { policy, departments: byId(departments), rooms: byId(rooms), systems: byId(systems) };
  const truth = estateTruth(
    seed,
    systems.map((s) => ({ ...intents.get(s.id)!, dependsOn: s.dependsOn, duplicates: s.duplicates })),
  );
  return { inventory, truth };
}

export function generateEstate(options: EstateOptions): Inventory {
  return generateEstateWithTruth(options).inventory;
}

/** Suffixes a shadow's name may add: a second phase, a new version. */
const VERSIONS = ["（二期）", "二期", "新版", "V2.0", "（2期）", "升级版"];

/**
 * A system's name as departments write them: often with the department's own name (or
 * its district, or its bureau) in front, as in 周村区档案局档案管理系统; a shadow's name
 * sometimes marks a phase or version.
 */
function systemName(
  random: Random,
  department: Department,
  short: string | undefined,
  functionKey: string,
  shadow: boolean,
): { name: string; namedAfterDepartment: boolean } {
  const full = department.name;
  const withoutCity = full.replace(/^[^市]+市/, "");
  const bureau = withoutCity.replace(/^[^区县]+[区县]/, "");
  const district = full.slice(0, full.length - bureau.length).replace(/^[^市]+市/, "");
  const prefix = random.weighted([
    ["", 45],
    [full, 15],
    [withoutCity, 20],
    [bureau, 8],
    [district, 4],
    [short ?? bureau, 8],
  ] as const);
  const version = shadow && random.chance(0.4) ? random.pick(VERSIONS) : "";
  return { name: `${prefix}${functionKey}${random.pick(SUFFIXES)}${version}`, namedAfterDepartment: prefix !== "" };
}
