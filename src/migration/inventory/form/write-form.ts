/**
 * Writes an inventory back as a self-inspection form (the inverse of the form reader),
 * so the migration team can send each department its pre-filled entries to check and
 * complete. One row a system: server groups are summed, and listed with their roles in
 * 服务器分组 (what the plan sizes and places by); references become names, and
 * 系统编号 carries the system's id, so that the form read back keeps every id even when a
 * department has renamed a system on it.
 */
import type { Inventory, System } from "../model";
import { labelOf } from "../vocabulary";
import { allowedValues, FORM_COLUMNS, SERVER_GROUPS_KEY, type FormColumn } from "./columns";
import { headerNote, instructionsTable, INSTRUCTIONS_SHEET } from "./instructions";
import { writeServerGroups } from "./server-groups";
import { neutraliseFormula } from "./csv";
import { tableWorkbook } from "./table-workbook";

export type FormValue = string | number | null;

/** Header and rows of the form, in the canonical column order, with Chinese labels. */
export function inventoryToFormRows(inventory: Inventory): { header: string[]; rows: FormValue[][] } {
  const names = new Map<string, string>();
  for (const record of [...inventory.departments, ...inventory.rooms, ...inventory.systems])
    names.set(record.id, record.name);
  // A name used by systems of several departments is written 部门/系统名称 in 依赖系统 and
  // 功能重复系统, so the form reads back to the same systems.
  const departmentsByName = new Map<string, Set<string>>();
  for (const system of inventory.systems)
    (departmentsByName.get(system.name) ?? departmentsByName.set(system.name, new Set()).get(system.name)!).add(
      system.department,
    );
  const systemById = new Map(inventory.systems.map((s) => [s.id, s]));
  const reference = (from: System, id: string) => {
    const target = systemById.get(id);
    if (!target) return id;
    const ambiguous = (departmentsByName.get(target.name)?.size ?? 0) > 1 && target.department !== from.department;
    return ambiguous ? `${names.get(target.department) ?? target.department}/${target.name}` : target.name;
  };
  const systems = [...inventory.systems].sort(
    (a, b) =>
      compare(names.get(a.department) ?? a.department, names.get(b.department) ?? b.department) ||
      compare(a.name, b.name),
  );
  const rows = systems.map((system, index) =>
    FORM_COLUMNS.map((column) => cellFor(column, system, index + 1, names, (id) => reference(system, id))),
  );
  return { header: FORM_COLUMNS.map((column) => column.header), rows };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sum(system: System, field: "count" | "cores" | "memoryGb" | "diskGb"): number {
  return system.servers.reduce((total, group) => total + group[field], 0);
}

function cellFor(
  column: FormColumn,
  system: System,
  number: number,
  names: Map<string, string>,
  reference: (id: string) => string,
): FormValue {
  const nameOf = (id: string) => names.get(id) ?? id;
  switch (column.key) {
    case "no":
      return number;
    case "department":
      return nameOf(system.department);
    case "server_room":
      return nameOf(system.serverRoom);
    case "servers":
      return sum(system, "count");
    case "cores":
      return sum(system, "cores");
    case "memory_gb":
      return sum(system, "memoryGb");
    case "disk_gb":
      return sum(system, "diskGb");
    case "os":
      return [...new Set(system.servers.map((group) => group.os).filter((os) => os !== undefined))].join("、") || null;
    case "depends_on":
      return system.dependsOn.map(reference).join("；") || null;
    case "duplicates":
      return system.duplicates.map(reference).join("；") || null;
    case SERVER_GROUPS_KEY:
      return writeServerGroups(system.servers);
    case "retain_approval":
      return system.retain?.approvalRef ?? null;
    case "retain_approved_by":
      return system.retain?.approvedBy ?? null;
    case "retain_reason":
      return system.retain?.reason ?? null;
    case "retain_until":
      return system.retain?.until ?? null;
  }
  const value = (system as unknown as Record<string, unknown>)[String(column.field?.[0])];
  if (value === undefined) return null;
  if (column.kind.type === "boolean") return value ? "是" : "否";
  if (column.kind.type === "enum") return labelOf(column.kind.vocabulary, value as string);
  return value as string | number;
}

/**
 * The one CSV writer (self-inspection forms, the migration table, the progress forms).
 * A text cell that starts with = + - @, a tab or a carriage return would run as a
 * formula when the file is opened in Excel or WPS (CSV injection): it gets a leading
 * apostrophe, as OWASP recommends, and the form reader takes it off again (csv.ts).
 * Numbers are written as numbers: -5 is a value, not a formula.
 */
export function formRowsToCsv(header: readonly string[], rows: readonly FormValue[][]): string {
  const quote = (value: FormValue) => {
    const text = value === null ? "" : typeof value === "string" ? neutraliseFormula(value) : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n";
}

/**
 * An .xlsx workbook as departments receive it: the form (a title row, the header with a
 * note on each column, one row a system, dates as real date cells, a drop-down on every
 * fixed-value column) and its 填表说明 sheet. `returnBy` is the date the form is due back
 * (the census deadline), printed in the page header. The workbook's and the archive's
 * timestamps are fixed so the same inventory always gives the same bytes.
 */
export function formRowsToXlsx(
  title: string,
  header: readonly string[],
  rows: readonly FormValue[][],
  returnBy: string,
): Promise<Buffer> {
  const dateColumns = new Set(FORM_COLUMNS.flatMap((column, index) => (column.kind.type === "date" ? [index] : [])));
  const lists = new Map<number, readonly string[]>();
  FORM_COLUMNS.forEach((column, index) => {
    const values = allowedValues(column);
    if (values) lists.set(index, values);
  });
  const notes = new Map(FORM_COLUMNS.map((column, index) => [index, headerNote(column)]));
  const page = { title, date: `填报截止 ${returnBy}` };
  const instructions = instructionsTable(returnBy);
  // Scrolling right through 41 columns, the row's system stays in view: 序号 … 系统名称.
  const frozenColumns = FORM_COLUMNS.findIndex((column) => column.key === "name") + 1;
  return tableWorkbook(
    { sheet: "自查表", title, header, rows, dateColumns, page, lists, notes, frozenColumns },
    { sheet: INSTRUCTIONS_SHEET, title: `${title}　${INSTRUCTIONS_SHEET}`, ...instructions, page },
  );
}
