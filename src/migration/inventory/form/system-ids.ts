/**
 * Systems' ids on a form. A row's 系统编号 is its id, as written; an empty cell (or a
 * form without the column) gets the id derived from 部门 and 系统名称, as forms always
 * had. The written id is what lets a system be renamed without its resources being
 * replaced, so it is checked here, where the row and column can still be named: the
 * inventory's id pattern, and no two rows of the form with one id.
 */
import type { Diagnostic, Location } from "../diagnostics";
import { ID_PATTERN } from "../id-pattern";
import { deriveId } from "../ids";
import { FORM_COLUMNS, ID_COLUMN_KEY, type FormColumn } from "./columns";

/** The longest id ID_PATTERN allows: a DNS label. */
const MAX_ID_LENGTH = 63;

/** A form row as the ids see it (read-form's rows fit it). */
export interface IdRow {
  readonly row: number;
  readonly sheet: string | undefined;
  readonly values: ReadonlyMap<string, unknown>;
  /** Columns whose cell could not be used: the schema's complaints about them are not repeated. */
  readonly failed: Set<string>;
  /** Keys of the columns its sheet's header has. */
  readonly columns: ReadonlySet<string>;
  /** The row's cell in a column, as a location. */
  readonly at: (column: FormColumn) => Location;
}

export interface SystemIds {
  /**
   * The id the row's 系统名称 stands for in 依赖系统 and 功能重复系统: written or derived;
   * undefined when the 系统编号 is malformed (reported at the row; the reference is left
   * out rather than reported again on every row that names the system).
   */
  of(row: IdRow): string | undefined;
  /** The id its record carries; undefined when the row repeats another row's id (reported here, once). */
  record(row: IdRow): string | undefined;
}

const column = (key: string): FormColumn => FORM_COLUMNS.find((c) => c.key === key)!;
const ID_COLUMN = column(ID_COLUMN_KEY);
const NAME_COLUMN = column("name");

const textOf = (row: IdRow, key: string): string | undefined => row.values.get(key) as string | undefined;

/** The 系统编号 as written, if the row has one. */
export function givenId(row: IdRow): string | undefined {
  return textOf(row, ID_COLUMN_KEY);
}

/** The id a row without 系统编号 gets: from its 部门 and 系统名称 (from its place when it has no name). */
export function derivedId(row: IdRow): string {
  const name = textOf(row, "name") ?? `row ${row.row}${row.sheet === undefined ? "" : ` of ${row.sheet}`}`;
  return deriveId(name, `${textOf(row, "department") ?? ""}/${name}`);
}

/** "row 3", or "row 3 of 王村镇" when the workbook holds several forms. */
function where(row: IdRow): string {
  return `row ${row.row}${row.sheet === undefined ? "" : ` of ${row.sheet}`}`;
}

/** The row and the system's name on it: "row 3 (王村镇村务公开系统)". */
function named(row: IdRow): string {
  const name = textOf(row, "name");
  return `${where(row)}${name === undefined ? "" : ` (${name})`}`;
}

/** Assigns every row its id, reporting malformed 系统编号 and ids two rows share. */
export function assignSystemIds(rows: readonly IdRow[], diagnostics: Diagnostic[]): SystemIds {
  const ids = new Map<IdRow, string>();
  const malformed = new Set<IdRow>();
  for (const row of rows) {
    const given = givenId(row);
    if (given === undefined) {
      ids.set(row, derivedId(row));
      continue;
    }
    const problem = checkGivenId(given, () => derivedId(row));
    if (problem) {
      diagnostics.push({ severity: "error", location: row.at(ID_COLUMN), field: ID_COLUMN_KEY, ...problem });
      // The record keeps the id, rejected by its schema without a second report, so
      // rows that name this system are not told it does not exist.
      row.failed.add(ID_COLUMN_KEY);
      malformed.add(row);
    }
    ids.set(row, given);
  }
  const repeated = reportSharedIds(rows, ids, malformed, diagnostics);
  return {
    of: (row) => (malformed.has(row) ? undefined : ids.get(row)),
    record: (row) => (repeated.has(row) ? undefined : ids.get(row)),
  };
}

/**
 * Why a written 系统编号 cannot be an id, and what to write instead; undefined when it
 * can. `derived` (the id the row's name gives) is asked only for a suggestion, as
 * deriving costs a pinyin lookup a row and a province's form has 100,000 rows.
 */
export function checkGivenId(given: string, derived: () => string): { message: string; fix: string } | undefined {
  if (ID_PATTERN.test(given)) return undefined;
  const message =
    given.length > MAX_ID_LENGTH
      ? `${JSON.stringify(given)} is ${given.length} characters long; a 系统编号 has at most ${MAX_ID_LENGTH}`
      : `${JSON.stringify(given)} is not a valid 系统编号: use lowercase letters, digits and hyphens, starting with ` +
        `a letter and not ending with a hyphen`;
  const suggestion = slug(given);
  const example = suggestion ? `e.g. ${suggestion}` : `e.g. ${derived()} (the id its name gives)`;
  return {
    message,
    fix:
      `write ${example}; a system already deployed keeps the 系统编号 govcloud wrote, a new system may leave the ` +
      `cell empty`,
  };
}

/** Lowercase letters, digits and single hyphens, starting with a letter: what a mistyped id most likely meant. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, MAX_ID_LENGTH)
    .replace(/-+$/, "");
}

/**
 * Rows that share an id with a row whose 系统编号 is written: the first such row keeps
 * it, each other one is reported (naming that row) and returned, so its record is left
 * without an id rather than reported again as a duplicate. Rows that only share a
 * derived id (the same 部门 and 系统名称 twice) are left to the duplicate-id rule, as
 * in YAML.
 */
function reportSharedIds(
  rows: readonly IdRow[],
  ids: ReadonlyMap<IdRow, string>,
  malformed: ReadonlySet<IdRow>,
  diagnostics: Diagnostic[],
): Set<IdRow> {
  const groups = new Map<string, IdRow[]>();
  for (const row of rows) {
    if (malformed.has(row)) continue; // reported already
    const id = ids.get(row)!;
    groups.set(id, [...(groups.get(id) ?? []), row]);
  }
  const taken = new Set(ids.values());
  const repeated = new Set<IdRow>();
  for (const [id, group] of groups) {
    const owner = group.find((row) => givenId(row) !== undefined);
    if (group.length < 2 || !owner) continue;
    for (const row of group) {
      if (row === owner) continue;
      diagnostics.push(givenId(row) === undefined ? derivedIdTaken(row, owner, id, taken) : givenTwice(row, owner, id));
      row.failed.add(ID_COLUMN_KEY);
      repeated.add(row);
    }
  }
  return repeated;
}

/** Two rows with one 系统编号: most often a row copied to add a system, its 系统编号 with it. */
function givenTwice(row: IdRow, owner: IdRow, id: string): Diagnostic {
  return {
    severity: "error",
    location: row.at(ID_COLUMN),
    field: ID_COLUMN_KEY,
    message: `"${id}" is also the 系统编号 of ${named(owner)}: two systems cannot share an id`,
    fix:
      `if this row was copied from ${where(owner)} to add a new system, empty its 系统编号 and an id is derived from ` +
      `its name; ` +
      "if it is the same system, delete one of the two rows",
  };
}

/**
 * A row without 系统编号 whose name derives the id another row was given: typically a
 * system renamed on that row (it keeps the id of its old name) and a new system that took
 * the old name. The new one needs an id of its own; the renamed one keeps its resources.
 */
function derivedIdTaken(row: IdRow, owner: IdRow, id: string, taken: ReadonlySet<string>): Diagnostic {
  let n = 2;
  while (taken.has(`${id}-${n}`)) n++;
  // At the cell to fill in, or at the name the id came from when the sheet has no 系统编号 column.
  const at = row.columns.has(ID_COLUMN_KEY) ? ID_COLUMN : NAME_COLUMN;
  return {
    severity: "error",
    location: row.at(at),
    field: at.key,
    message:
      `no 系统编号, and the id this row's 部门 and 系统名称 give, "${id}", is already the 系统编号 of ${named(owner)}; ` +
      "a renamed system keeps the id of its old name, so a new system under that name needs a 系统编号 of its own",
    fix:
      `give this row a 系统编号 of its own, e.g. ${id}-${n}; if it is the same system as ${where(owner)}, delete ` +
      `this row`,
  };
}
