/**
 * Where a loaded record came from, so that any rule, run later on the merged dataset,
 * can point at the exact line and column (YAML) or row and column header (form) of a
 * field.
 */
import type { Diagnostic, Location, Severity } from "./diagnostics";
import { formatPath, type IssuePath } from "./issues";

export interface RecordOrigin {
  readonly file: string;
  /** Location of a field of the record (`[]` = the record itself); `key` points at the key, not the value. */
  locate(field: IssuePath, options?: { key?: boolean }): Location;
  /** The field's name in messages: a path inside the file, or a form column key. */
  fieldName(field: IssuePath): string;
}

/** A diagnostic about a field of a record. */
export function recordDiagnostic(
  origin: RecordOrigin,
  severity: Severity,
  field: IssuePath,
  message: string,
  fix?: string,
  options?: { key?: boolean },
): Diagnostic {
  return {
    severity,
    location: origin.locate(field, options),
    field: origin.fieldName(field),
    message,
    ...(fix ? { fix } : {}),
  };
}

/** Origin of a record at `base` inside a YAML file, positions from `position`. */
export function yamlOrigin(
  file: string,
  base: IssuePath,
  position: (path: IssuePath, key: boolean) => { line: number; column: number },
): RecordOrigin {
  return {
    file,
    locate(field, options) {
      const { line, column } = position([...base, ...field], options?.key ?? false);
      return { kind: "text", file, line, column };
    },
    fieldName(field) {
      return formatPath([...base, ...field]);
    },
  };
}
