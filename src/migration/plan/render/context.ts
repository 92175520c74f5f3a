/**
 * What every report needs to look up: the plan's systems next to their inventory
 * records, names of departments and rooms, where each report file lives, and one
 * fixed order for everything (so the same plan always gives the same bytes).
 */
import type { Department, Inventory, System } from "../../inventory/model";
import { planCounts, type Counts } from "../counts";
import { CLOUD_BOUND, type Plan, type SystemPlan } from "../types";
import type { Language } from "./labels";
import { compare, compareDates, link, md } from "./markdown";

export interface RenderContext {
  readonly plan: Plan;
  readonly inventory: Inventory;
  readonly lang: Language;
  /** Every system, by department order, then date, then id. */
  readonly systems: readonly SystemPlan[];
  /** Departments that own at least one system, district bureaux before towns, then by id. */
  readonly departments: readonly Department[];
  system(id: string): SystemPlan | undefined;
  /** The inventory record of a system (for what the plan does not echo: O&M cost, data, network). */
  source(id: string): System | undefined;
  systemName(id: string): string;
  departmentName(id: string | null): string;
  roomName(id: string): string;
  systemsOf(department: string): readonly SystemPlan[];
  /** Path of a system's runbook, or null when it has none. */
  runbookPath(id: string): string | null;
  /** The one set of numbers every report shows (counts.ts): in total, and per department. */
  readonly counts: Counts;
  countsOf(department: string): Counts;
}

export const LEVEL_ORDER: readonly string[] = ["city", "district", "town"];

export function isCloudBound(system: SystemPlan): boolean {
  return CLOUD_BOUND.includes(system.disposition);
}

export function departmentPath(id: string): string {
  return `departments/${id}.md`;
}

export function runbookFile(id: string): string {
  return `runbooks/${id}.md`;
}

export function roomPath(id: string): string {
  return `rooms/${id}.md`;
}

export function createContext(plan: Plan, inventory: Inventory, lang: Language): RenderContext {
  const planned = new Map(plan.systems.map((s) => [s.id, s]));
  const sources = new Map(inventory.systems.map((s) => [s.id, s]));
  const departmentsById = new Map(inventory.departments.map((d) => [d.id, d]));
  const rooms = new Map(inventory.rooms.map((r) => [r.id, r.name]));
  for (const room of plan.rooms) if (!rooms.has(room.id)) rooms.set(room.id, room.name);

  const owning = new Set(plan.systems.map((s) => s.department));
  const known = inventory.departments.filter((d) => owning.has(d.id));
  // A department the inventory does not describe still gets a page, under its id.
  const unknown = [...owning]
    .filter((id) => !departmentsById.has(id))
    .map((id): Department => ({ id, name: id, level: "district" }));
  const rank = (d: Department) => {
    const i = LEVEL_ORDER.indexOf(d.level);
    return i < 0 ? LEVEL_ORDER.length : i;
  };
  const departments = [...known, ...unknown].sort((a, b) => rank(a) - rank(b) || compare(a.id, b.id));
  const departmentRank = new Map(departments.map((d, i) => [d.id, i]));

  const systems = [...plan.systems].sort(
    (a, b) =>
      (departmentRank.get(a.department) ?? 0) - (departmentRank.get(b.department) ?? 0) ||
      compareDates(a.cutoverDate, b.cutoverDate) ||
      compare(a.id, b.id),
  );
  const byDepartment = new Map<string, SystemPlan[]>();
  for (const system of systems) {
    const list = byDepartment.get(system.department) ?? [];
    list.push(system);
    byDepartment.set(system.department, list);
  }

  const counts = planCounts(
    plan.systems,
    (id) => planned.get(id)!.department,
    (id) => sources.get(id)?.omCost10kCny,
  );
  const none = planCounts(
    [],
    () => "",
    () => undefined,
  ).total;

  return {
    plan,
    inventory,
    lang,
    counts: counts.total,
    countsOf: (department) => counts.byDepartment.get(department) ?? none,
    systems,
    departments,
    system: (id) => planned.get(id),
    source: (id) => sources.get(id),
    systemName: (id) => planned.get(id)?.name ?? sources.get(id)?.name ?? id,
    departmentName: (id) => (id === null ? "—" : (departmentsById.get(id)?.name ?? id)),
    roomName: (id) => rooms.get(id) ?? id,
    systemsOf: (department) => byDepartment.get(department) ?? [],
    runbookPath: (id) => (planned.get(id)?.runbook ? runbookFile(id) : null),
  };
}

/** "名称（id）" linked to the runbook when there is one; `prefix` leads from the linking file to the output root. */
export function systemRef(ctx: RenderContext, id: string, prefix: string): string {
  const name = ctx.systemName(id);
  const path = ctx.runbookPath(id);
  const label = named(ctx.lang, name, id);
  return path ? link(label, `${prefix}${path}`) : md(label);
}

/** "名称（id）" in Chinese, "name (id)" in English. */
export function named(lang: Language, name: string, id: string): string {
  return name === id ? id : lang === "zh" ? `${name}（${id}）` : `${name} (${id})`;
}
