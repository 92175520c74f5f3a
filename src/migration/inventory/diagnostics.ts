/**
 * Diagnostics: every problem found while loading and checking an inventory, collected
 * and reported together (never the first one only), each with where it is, which field,
 * what is wrong and, where one is known, how to fix it.
 */

export type Severity = "error" | "warning";

/** Where a problem is: a YAML position, a spreadsheet cell, or a whole file. */
export type Location =
  | { readonly kind: "text"; readonly file: string; readonly line: number; readonly column: number }
  | { readonly kind: "cell"; readonly file: string; readonly row: number; readonly header: string }
  | { readonly kind: "file"; readonly file: string };

export interface Diagnostic {
  readonly severity: Severity;
  readonly location: Location;
  /** The field, as a path inside the file (`systems[3].hostingNetwork`) or a form column key. */
  readonly field: string;
  readonly message: string;
  readonly fix?: string;
}

export function formatLocation(location: Location): string {
  switch (location.kind) {
    case "text":
      return `${location.file}:${location.line}:${location.column}`;
    case "cell":
      return `${location.file}:${location.row}:${location.header}`;
    case "file":
      return location.file;
  }
}

/** `file:line:column: field: message (fix: …)`, prefixed with `warning:` for warnings. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = formatLocation(diagnostic.location);
  const field = diagnostic.field ? `${diagnostic.field}: ` : "";
  const severity = diagnostic.severity === "warning" ? "warning: " : "";
  const fix = diagnostic.fix ? ` (fix: ${diagnostic.fix})` : "";
  return `${where}: ${severity}${field}${diagnostic.message}${fix}`;
}

function sortKey(location: Location): [string, number, number, string] {
  switch (location.kind) {
    case "text":
      return [location.file, location.line, location.column, ""];
    case "cell":
      return [location.file, location.row, 0, location.header];
    case "file":
      return [location.file, 0, 0, ""];
  }
}

/** Stable report order: by file, then position, then text. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const [fa, la, ca, ha] = sortKey(a.location);
    const [fb, lb, cb, hb] = sortKey(b.location);
    if (fa !== fb) return fa < fb ? -1 : 1;
    if (la !== lb) return la - lb;
    if (ca !== cb) return ca - cb;
    if (ha !== hb) return ha < hb ? -1 : 1;
    const ta = formatDiagnostic(a);
    const tb = formatDiagnostic(b);
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Thrown by commands for input the user must fix; the CLI prints it and exits 2. */
export class InputError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`${diagnostics.filter((d) => d.severity === "error").length} error(s) in the input`);
    this.name = "InputError";
  }
}
