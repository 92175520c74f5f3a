/**
 * The plan lock as a file: where it lives, how it is read (every problem reported with
 * file, line and field, like the inventory) and written (byte-identical for the same
 * lock, one line per system so a review diff shows exactly the decisions that moved).
 */
import * as path from "node:path";
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { isRealDay } from "../inventory/dates";
import { sortDiagnostics, type Diagnostic } from "../inventory/diagnostics";
import { describeIssue, formatPath, type IssuePath } from "../inventory/issues";
import { quickYamlData } from "../inventory/yaml-quick";
import { LOCK_DOMAINS, LockSchema, SLOT_ZONES, waveDate, type Lock } from "./model";

/** The lock of a dataset: `<dataset>.lock.yaml` beside its (first) folder or file. */
export function lockPathFor(inventoryPaths: readonly string[]): string {
  const first = path.resolve(inventoryPaths[0] ?? ".");
  const base = path.basename(first).replace(/\.(ya?ml|csv|xlsx)$/i, "");
  return path.join(path.dirname(first), `${base}.lock.yaml`);
}

export interface ParsedLock {
  readonly lock: Lock | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads a lock's text; `file` is the name diagnostics show. */
export function parseLock(text: string, file: string): ParsedLock {
  let document: { doc: Document; lines: LineCounter } | undefined;
  const positioned = () => {
    if (!document) {
      const lines = new LineCounter();
      document = { doc: parseDocument(text, { lineCounter: lines, uniqueKeys: true }), lines };
    }
    return document;
  };
  const at = (where: IssuePath, field: string, message: string, fix?: string): Diagnostic => {
    const { line, column } = locate(positioned(), where);
    return {
      severity: "error",
      location: { kind: "text", file, line, column },
      field,
      message,
      ...(fix ? { fix } : {}),
    };
  };

  let data = quickYamlData(text)?.data;
  if (data === undefined) {
    const { doc, lines } = positioned();
    if (doc.errors.length > 0) {
      return {
        lock: undefined,
        diagnostics: doc.errors.map((e) => {
          const { line, col } = lines.linePos(e.pos[0]);
          return {
            severity: "error",
            location: { kind: "text", file, line, column: col },
            field: "",
            message: `YAML syntax: ${e.message.split("\n")[0]}`,
            fix: "restore the file from version control, or run govcloud plan to write it again",
          };
        }),
      };
    }
    data = doc.toJS();
  }
  const result = LockSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    const diagnostics = result.error.issues.flatMap((issue) =>
      describeIssue(issue, (p) => allowedKeys(p)).map((d) => at(d.path, formatPath(d.path), d.message, d.fix)),
    );
    return { lock: undefined, diagnostics: sortDiagnostics(diagnostics) };
  }
  const problems = sortDiagnostics(
    consistency(result.data).map((p) => at(p.path, formatPath(p.path), p.message, p.fix)),
  );
  return { lock: problems.length === 0 ? result.data : undefined, diagnostics: problems };
}

/** Rules across entries: waves named exist, survivors exist, no two departments share a slot. */
function consistency(lock: Lock): { path: IssuePath; message: string; fix: string }[] {
  const problems: { path: IssuePath; message: string; fix: string }[] = [];
  for (const wave of Object.keys(lock.waves)) {
    const [y, m, d] = waveDate(wave).split("-").map(Number) as [number, number, number];
    if (!isRealDay(y, m, d))
      problems.push({
        path: ["waves", wave],
        message: `wave ${wave} names no real day`,
        fix: "restore the wave id govcloud plan wrote",
      });
  }
  for (const [id, system] of Object.entries(lock.systems)) {
    if (system.wave !== undefined && !(system.wave in lock.waves)) {
      problems.push({
        path: ["systems", id, "wave"],
        message: `wave ${system.wave} is not in waves`,
        fix: "restore the wave, or run govcloud plan to write the lock again",
      });
    }
    if (system.into !== undefined && !(system.into in lock.systems)) {
      problems.push({
        path: ["systems", id, "into"],
        message: `survivor ${system.into} is not in systems`,
        fix: "run govcloud plan to write the lock again",
      });
    }
  }
  const owner = new Map<string, string>();
  for (const [department, held] of Object.entries(lock.departments)) {
    for (const domain of LOCK_DOMAINS) {
      for (const zone of SLOT_ZONES) {
        const slot = held[domain]?.[zone];
        if (slot === undefined) continue;
        const key = `${domain}.${zone}.${slot}`;
        const other = owner.get(key);
        if (other !== undefined) {
          problems.push({
            path: ["departments", department, domain, zone],
            message: `slot ${slot} of the ${domain} ${zone} zone is also ${other}'s`,
            fix: "give one of them a free slot; never move a deployed department's",
          });
        } else owner.set(key, department);
      }
    }
  }
  return problems;
}

const TOP_KEYS = Object.keys(LockSchema.shape);
function allowedKeys(where: IssuePath): readonly string[] {
  if (where.length === 0) return TOP_KEYS;
  if (where[0] === "planning") return ["start", "deadlines"];
  if (where[0] === "systems") return ["department", "status", "disposition", "wave", "date", "into"];
  if (where[0] === "departments") return where.length === 2 ? ["status", ...LOCK_DOMAINS] : SLOT_ZONES;
  return [];
}

/** Line and column of an entry of a lock's text (or of the nearest enclosing one). */
export function lockPosition(text: string, where: readonly (string | number)[]): { line: number; column: number } {
  const lines = new LineCounter();
  return locate({ doc: parseDocument(text, { lineCounter: lines }), lines }, where);
}

/** Line and column of the value (or the nearest enclosing one) at `where`. */
function locate(
  { doc, lines }: { doc: Document; lines: LineCounter },
  where: IssuePath,
): { line: number; column: number } {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const part of where) {
    if (!isMap(node)) break;
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
    if (!pair) break;
    offset = (pair.key as { range?: number[] }).range?.[0] ?? offset;
    node = pair.value;
  }
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

const flow = (entries: readonly (readonly [string, string | number | undefined])[]) =>
  `{ ${entries
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ")} }`;
const sortedKeys = <T>(record: Readonly<Record<string, T>>) => Object.keys(record).sort();

/** The lock as YAML, headed by the editor modeline; the same lock always gives the same bytes. */
export function renderLock(lock: Lock, modeline: string): string {
  const out = [
    modeline,
    `# The held plan of ${lock.dataset}: written by \`govcloud plan\`, reviewed as a diff and committed beside ` +
      `the dataset.`,
    "# The Pulumi stacks and the cutover runs deploy what it holds. Edit nothing by hand: wave states change with",
    '# `govcloud waves --set WAVE=deployed|done`, everything else with `govcloud plan` (README: "The plan lock").',
    `lockVersion: ${lock.lockVersion}`,
    `dataset: ${JSON.stringify(lock.dataset)}`,
  ];
  if (lock.planning && (lock.planning.start !== undefined || lock.planning.deadlines !== undefined)) {
    out.push("planning:");
    if (lock.planning.start !== undefined) out.push(`  start: ${lock.planning.start}`);
    if (lock.planning.deadlines !== undefined)
      out.push("  deadlines:", ...lock.planning.deadlines.map((d) => `    - ${JSON.stringify(d)}`));
  }
  const waves = sortedKeys(lock.waves);
  out.push(waves.length === 0 ? "waves: {}" : "waves:", ...waves.map((w) => `  ${w}: ${lock.waves[w]}`));
  const departments = sortedKeys(lock.departments);
  out.push(departments.length === 0 ? "departments: {}" : "departments:");
  for (const id of departments) {
    const held = lock.departments[id]!;
    out.push(`  ${id}:`, `    status: ${held.status}`);
    for (const domain of LOCK_DOMAINS) {
      const slots = held[domain];
      if (slots) out.push(`    ${domain}: ${flow(SLOT_ZONES.map((zone) => [zone, slots[zone]] as const))}`);
    }
  }
  const systems = sortedKeys(lock.systems);
  out.push(systems.length === 0 ? "systems: {}" : "systems:");
  for (const id of systems) {
    const s = lock.systems[id]!;
    const status = s.status === "released" ? s.status : undefined;
    out.push(
      `  ${id}: ${flow([
        ["department", s.department],
        ["status", status],
        ["disposition", s.disposition],
        ["wave", s.wave],
        ["date", s.date],
        ["into", s.into],
      ])}`,
    );
  }
  return `${out.join("\n")}\n`;
}
