/**
 * The systems of a synthetic estate, each planted with an intent the ground truth records
 * (truth.ts): most in ordinary use, some zombies by one of the seeds' criteria, shadows of a
 * system of their own department, classified systems and approved exceptions. The random
 * draws happen in a fixed order: the same seed gives the same estate, byte for byte.
 */
import type { Department, System } from "../inventory/model";
import { isoOf } from "../inventory/dates";
import { serverRoomOf, type Organisation } from "./departments";
import { dependenciesOnEarlier } from "./dependencies";
import { newFunctionKey, uniqueSystemName, WORDINGS } from "./names";
import type { Random } from "./random";
import { databaseOf, serverGroups } from "./servers";
import type { SystemIntent } from "./truth";

/** What the generator meant a system to be, before its links are final. */
export type PlantedIntent = Omit<SystemIntent, "dependsOn" | "duplicates">;
type Kind = SystemIntent["kind"];

/** The systems generated so far: what a new one may copy, call, or must not be named like. */
interface SystemsSoFar {
  readonly systems: System[];
  readonly intents: Map<string, PlantedIntent>;
  /** department/name of every system, to keep a department's names unique. */
  readonly names: Set<string>;
}

/** Kinds of systems meant to stay in use: the only ones a shadow or a replaceable system copies. */
const STAYING = new Set<Kind>(["normal", "old"]);
/** A shadow or replaceable system copies one of the systems generated just before it. */
const COPY_REACH = 50;

/** `count` systems, spread unevenly over the departments (skewed towards those made first), as in a real city. */
export function generateSystems(
  random: Random,
  count: number,
  organisation: Organisation,
): { systems: System[]; intents: Map<string, PlantedIntent> } {
  const soFar: SystemsSoFar = { systems: [], intents: new Map(), names: new Set() };
  const { departments } = organisation;
  for (let i = 0; i < count; i++) {
    const department = departments[Math.floor(Math.pow(random.next(), 1.3) * departments.length)]!;
    addSystem(random, `s${String(i).padStart(6, "0")}`, department, organisation, soFar);
  }
  return soFar;
}

/** One system: its intent, name, usage, servers and links, then the form's row for it. */
function addSystem(
  random: Random,
  id: string,
  department: Department,
  organisation: Organisation,
  soFar: SystemsSoFar,
): void {
  const { kind, original, functionKey } = plantIntent(random, department, soFar);
  const { name, namedAfterDepartment } = uniqueSystemName(
    random,
    department,
    organisation.shortNameOf.get(department.id),
    functionKey,
    kind === "shadow",
    soFar.names,
  );
  const usage = usageOf(random, kind);
  const { roles, groups } = serverGroups(random);
  const dependsOn = dependenciesOnEarlier(random, soFar.systems);
  // Half the shadows are declared by their department; every replaceable system names the system that replaces it.
  const duplicates = original && (kind === "replaceable" || random.chance(0.5)) ? [original.id] : [];
  const users = kind === "unused" ? 0 : kind === "narrow" ? random.int(1, 5) : random.around(80, 1.5);
  const departmentPrefix = namedAfterDepartment && random.chance(0.5) ? department.name : "";
  const system: System = {
    id,
    name,
    department: department.id,
    function: `${departmentPrefix}${functionKey}${random.pick(WORDINGS)}`,
    usageScope: usageScopeOf(random, kind, usage.publicFacing),
    usageFrequency: usage.frequency,
    users: kind === "replaceable" && original ? Math.min(users, Math.max(1, original.users - 1)) : users,
    ...approvalAndFunding(random, department),
    hostingNetwork: usage.network,
    publicFacing: usage.publicFacing,
    classified: kind === "classified",
    mlpsLevel: random.weighted([
      [1, 10],
      [2, 65],
      [3, 25],
    ] as const),
    lastUpdate: kind === "omStopped" || kind === "old" ? date(random, 2010, 2013) : date(random, 2016, 2017),
    omStatus: kind === "omStopped" ? "stopped" : "active",
    cpuAvgPct: usage.cpuAvgPct,
    cpuPeakPct: Math.min(100, usage.cpuAvgPct + (kind === "idle" ? random.int(0, 5) : random.int(5, 40))),
    serverRoom: serverRoomOf(organisation, department.id),
    servers: groups,
    dataGb: random.around(120, 1.6),
    database: databaseOf(random, roles),
    maxDowntimeHours: random.pick([1, 2, 4, 8, 12, 24, 48]),
    dependsOn,
    duplicates,
    retain: kind === "retain" ? approvedException(random) : undefined,
  };
  soFar.systems.push(Object.fromEntries(Object.entries(system).filter(([, v]) => v !== undefined)) as System);
  soFar.intents.set(id, {
    id,
    department: department.id,
    functionKey,
    kind,
    namedAfterDepartment,
    ...(kind === "replaceable" && original ? { replacedBy: original.id } : {}),
  });
}

/**
 * What a new system is meant to be, in the seeds' proportions. A shadow does what a system of
 * its own department does; a replaceable system what a wider one of another department does
 * (the original, whose function it shares). Without such a system, it is an ordinary one.
 */
function plantIntent(
  random: Random,
  department: Department,
  soFar: SystemsSoFar,
): { kind: Kind; original: System | undefined; functionKey: string } {
  const recent = soFar.systems
    .slice(Math.max(0, soFar.systems.length - COPY_REACH))
    .filter((s) => STAYING.has(soFar.intents.get(s.id)!.kind));
  const sameDepartment = recent.filter((s) => s.department === department.id);
  const wider = recent.filter((s) => s.department !== department.id && s.usageScope !== "department");
  let kind: Kind = random.weighted([
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
  const candidates = kind === "shadow" ? sameDepartment : kind === "replaceable" ? wider : [];
  const original = candidates.length ? random.pick(candidates) : undefined;
  if ((kind === "shadow" || kind === "replaceable") && !original) kind = "normal";
  const functionKey = original ? soFar.intents.get(original.id)!.functionKey : newFunctionKey(random);
  return { kind, original, functionKey };
}

interface Usage {
  readonly network: System["hostingNetwork"];
  readonly publicFacing: boolean;
  readonly frequency: System["usageFrequency"];
  readonly cpuAvgPct: number;
}

/**
 * Where a system is hosted and how much it is used: what makes a zombie by frequency or load.
 * Now and then a system used daily shows almost no CPU: used, so not idle.
 */
function usageOf(random: Random, kind: Kind): Usage {
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
  const cpuAvgPct =
    kind === "idle" || (frequency === "daily" && random.chance(0.1)) ? random.int(0, 3) : random.int(5, 60);
  return { network, publicFacing, frequency, cpuAvgPct };
}

/** Who uses a system: a narrow zombie serves one subunit, a replaceable one its own department only. */
function usageScopeOf(random: Random, kind: Kind, publicFacing: boolean): System["usageScope"] {
  if (kind === "narrow") return "subunit";
  if (kind === "replaceable") return "department";
  if (publicFacing) return "public";
  return random.pick(["region", "department"] as const);
}

/** The form's approval and funding columns: approved by the district's 发改局 when it was built. */
function approvalAndFunding(random: Random, department: Department) {
  return {
    approvedBy: `${department.name.replace(/[^市区]+$/, "")}发展和改革局`,
    approvalDate: date(random, 2008, 2017),
    approvalRef: `发改投资〔${random.int(2008, 2017)}〕${random.int(1, 200)}号`,
    constructionFunding: random.pick(["区级财政", "上级专项资金", "部门自筹"]),
    omFunding: "区级财政",
    omCost10kCny: random.int(1, 60),
  };
}

/** The approved exception (retain) that keeps a system where it is until a date: a letter of the government office. */
function approvedException(random: Random): NonNullable<System["retain"]> {
  return {
    approvalRef: `政办字〔2018〕${random.int(1, 99)}号`,
    approvedBy: "政府办公室",
    reason: "上级部门垂直管理系统，待统一部署",
    until: "2019-06-30",
  };
}

function date(random: Random, fromYear: number, toYear: number): string {
  return isoOf(random.int(fromYear, toYear), random.int(1, 12), random.int(1, 28));
}
