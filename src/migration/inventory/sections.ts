/**
 * Records as read from a file, before and after the schema check. Both readers (YAML
 * and spreadsheet) produce raw sections; `checkSections` runs the strict schemas over
 * them the same way for both.
 */
import type { z } from "zod";
import type { Diagnostic } from "./diagnostics";
import { describeIssue, type IssuePath } from "./issues";
import { PolicySchema, SECTIONS, type Department, type Policy, type Room, type Section, type System } from "./model";
import { canonicalName, showInvisible } from "./names";
import { recordDiagnostic, type RecordOrigin } from "./origin";
import { allowedKeysAt } from "./schema-walk";

export interface RawRecord {
  readonly value: unknown;
  readonly origin: RecordOrigin;
  /** Paths whose schema issues were already reported another way (a form cell that could not be read). */
  readonly skip?: (path: IssuePath) => boolean;
  /**
   * Created from a name a form used (a department or room), not written by anyone: the
   * same name in several forms, or in a YAML file imported from one, is one record.
   */
  readonly derived?: boolean;
}

export interface RawSections {
  policy: RawRecord | undefined;
  departments: RawRecord[];
  rooms: RawRecord[];
  systems: RawRecord[];
}

export interface Checked<T> {
  readonly record: T;
  readonly origin: RecordOrigin;
}

export interface CheckedSections {
  policy: Checked<Policy> | undefined;
  departments: Checked<Department>[];
  rooms: Checked<Room>[];
  systems: Checked<System>[];
  /** Ids of records that failed their schema: references to them are not reported again. */
  rejectedIds: Record<Section, Set<string>>;
}

/**
 * A name written with zero-width characters or in decomposed Unicode (NFD) is read as
 * it looks, with a warning at its line: otherwise two names that look the same would
 * be two systems.
 */
function canonicalRecordName<T>(record: T, raw: RawRecord, diagnostics: Diagnostic[]): T {
  const name = (record as { name?: unknown }).name;
  if (typeof name !== "string") return record;
  const canonical = canonicalName(name);
  if (canonical === name) return record;
  diagnostics.push(
    recordDiagnostic(
      raw.origin,
      "warning",
      ["name"],
      `${showInvisible(name)} holds zero-width characters or decomposed Unicode (NFD); ` +
        `read as ${JSON.stringify(canonical)}`,
      "retype the name, or copy it from the read form",
    ),
  );
  return { ...record, name: canonical };
}

export function parseRecord<S extends z.ZodType>(
  schema: S,
  raw: RawRecord,
  diagnostics: Diagnostic[],
): z.output<S> | undefined {
  const result = schema.safeParse(raw.value, { reportInput: true });
  if (result.success) return canonicalRecordName(result.data, raw, diagnostics);
  for (const issue of result.error.issues) {
    for (const described of describeIssue(issue, (path) => allowedKeysAt(schema, path))) {
      if (raw.skip?.(described.path)) continue;
      diagnostics.push(
        recordDiagnostic(raw.origin, "error", described.path, described.message, described.fix, {
          key: described.unknownKey !== undefined,
        }),
      );
    }
  }
  return undefined;
}

/** No records yet. */
export function emptyChecked(): CheckedSections {
  return {
    policy: undefined,
    departments: [],
    rooms: [],
    systems: [],
    rejectedIds: { departments: new Set(), rooms: new Set(), systems: new Set() },
  };
}

/** Checks every record of `raw` against its schema, adding them to `checked` (new by default). */
export function checkSections(
  raw: RawSections,
  diagnostics: Diagnostic[],
  checked: CheckedSections = emptyChecked(),
): CheckedSections {
  if (raw.policy) {
    const policy = parseRecord(PolicySchema, raw.policy, diagnostics);
    if (policy) checked.policy = { record: policy, origin: raw.policy.origin };
  }
  const sections = Object.keys(SECTIONS) as Section[];
  for (const section of sections) checkRecords(section, raw[section], checked, diagnostics);
  return checked;
}

/** Checks records of one section against its schema, adding them to `checked` (or their ids to the rejected). */
export function checkRecords(
  section: Section,
  entries: readonly RawRecord[],
  checked: CheckedSections,
  diagnostics: Diagnostic[],
): void {
  for (const entry of entries) {
    const record = parseRecord(SECTIONS[section], entry, diagnostics);
    if (record) (checked[section] as Checked<unknown>[]).push({ record, origin: entry.origin });
    else {
      const id = (entry.value as { id?: unknown } | null)?.id;
      if (typeof id === "string") checked.rejectedIds[section].add(id);
    }
  }
}
