/**
 * cutover.yaml as a file: where it lives, and how it is read — every problem with file,
 * line and field (like the inventory and the lock), schema problems first, then what the
 * plan makes of it (phases without actions, unknown variables) on the same lines.
 */
import * as path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { sortDiagnostics, type Diagnostic } from "../inventory/diagnostics";
import { describeIssue, formatPath, type IssuePath } from "../inventory/issues";
import { SiteActionsSchema, type SiteActions } from "./model";

/** The site actions of a dataset: cutover.yaml in its folder, or <name>.cutover.yaml beside a form file. */
export function siteActionsPathFor(inventoryPaths: readonly string[], isFolder: boolean): string {
  const first = path.resolve(inventoryPaths[0] ?? ".");
  if (isFolder) return path.join(first, "cutover.yaml");
  return path.join(path.dirname(first), `${path.basename(first).replace(/\.(ya?ml|csv|xlsx)$/i, "")}.cutover.yaml`);
}

export interface ParsedSiteActions {
  readonly actions: SiteActions | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** Turns a path inside the file into a diagnostic on its line. */
  readonly at: (where: IssuePath, message: string, fix?: string) => Diagnostic;
}

const ACTION_KEYS = [
  "kind",
  "name",
  "argv",
  "env",
  "cwd",
  "timeout",
  "retries",
  "retryDelay",
  "okExitCodes",
  "idempotent",
  "url",
  "method",
  "status",
  "body",
  "for",
  "every",
  "checks",
  "who",
  "stack",
  "driver",
];

export function parseSiteActions(text: string, file: string): ParsedSiteActions {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const at = (where: IssuePath, message: string, fix?: string): Diagnostic => {
    const { line, col } = lines.linePos(offsetOf(doc, where));
    return {
      severity: "error",
      location: { kind: "text", file, line, column: col },
      field: formatPath(where),
      message,
      ...(fix ? { fix } : {}),
    };
  };
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((e): Diagnostic => {
      const { line, col } = lines.linePos(e.pos[0]);
      return {
        severity: "error",
        location: { kind: "text", file, line, column: col },
        field: "",
        message: `YAML syntax: ${e.message.split("\n")[0]}`,
        fix: "correct the YAML (indentation, a missing colon or quote)",
      };
    });
    return { actions: undefined, diagnostics, at };
  }
  const result = SiteActionsSchema.safeParse(doc.toJS(), { reportInput: true });
  if (!result.success) {
    const diagnostics = result.error.issues.flatMap((issue) =>
      describeIssue(issue, allowedKeys).map((d) => at(d.path, d.message, d.fix)),
    );
    return { actions: undefined, diagnostics: sortDiagnostics(diagnostics), at };
  }
  return { actions: result.data, diagnostics: [], at };
}

function allowedKeys(where: IssuePath): readonly string[] {
  if (where.length === 0) return ["version", "defaults", "departments", "systems"];
  const last = where.at(-1);
  if (where.length === 1 || (where.length === 2 && where[0] !== "defaults"))
    return ["vars", "phases", "rollbackCheck", "rollback", "rollbackOn"];
  if (typeof last === "number") return ACTION_KEYS;
  return [];
}

/** Offset of the value at `where` (or of the nearest enclosing one): maps and lists alike. */
function offsetOf(doc: Document, where: IssuePath): number {
  let node: unknown = doc.contents;
  let offset = (node as { range?: number[] } | null)?.range?.[0] ?? 0;
  for (const part of where) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) break;
      offset = (pair.key as { range?: number[] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === "number" && node.items[part] !== undefined) {
      node = node.items[part];
      offset = (node as { range?: number[] }).range?.[0] ?? offset;
    } else break;
  }
  return offset;
}

/** A problem the plan finds in valid site actions, as a diagnostic on its line. */
export function sortedAt(
  parsed: ParsedSiteActions,
  problems: readonly { path: IssuePath; message: string; fix: string }[],
): Diagnostic[] {
  return sortDiagnostics(problems.map((p) => parsed.at(p.path, p.message, p.fix)));
}
