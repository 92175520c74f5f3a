/**
 * Scratch projects for the held-plan tests (issue 12): a temporary project root with a copy
 * of a dataset, its plan lock (written by `govcloud plan`, in-process) and one stack, so an
 * inventory edit can be planned, previewed offline and diffed against the preview before.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isSeq, parse, parseDocument, stringify, type YAMLMap } from "yaml";
import { expect } from "vitest";
import { diffPreviews } from "../../src/preview/diff";
import type { PreviewResult } from "../../src/preview/preview";
import { parseLock } from "../../src/migration/lock/file";
import type { Lock } from "../../src/migration/lock/model";
import { runCli, type CliResult } from "../support/cli";
import { preview, PROJECT_ROOT, type Resource } from "./support";

/** Every scratch project of a test file lives under one folder, removed after the file. */
export function scratchFolder(prefix: string): { readonly dir: string; readonly remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `govcloud-${prefix}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The stack name of every scratch project: URNs carry it, so before and after must share it. */
export const STACK = "held";

export interface Project {
  readonly root: string;
  /** The dataset (a folder or a form), absolute. */
  readonly dataset: string;
  /** `<dataset>.lock.yaml` beside it, absolute. */
  readonly lockFile: string;
}

const lockOf = (dataset: string) =>
  path.join(path.dirname(dataset), `${path.basename(dataset).replace(/\.(ya?ml|csv|xlsx)$/i, "")}.lock.yaml`);

/** A project root holding a copy of `source` (a dataset folder or file) under inventories/. */
export function newProject(root: string, source: string): Project {
  const dataset = path.join(root, "inventories", path.basename(source));
  fs.mkdirSync(path.dirname(dataset), { recursive: true });
  fs.cpSync(source, dataset, { recursive: true });
  return { root, dataset, lockFile: lockOf(dataset) };
}

/** A copy of a whole project (dataset, lock, stacks) at `root`. */
export function cloneProject(from: Project, root: string): Project {
  fs.cpSync(from.root, root, { recursive: true });
  const dataset = path.join(root, path.relative(from.root, from.dataset));
  return { root, dataset, lockFile: lockOf(dataset) };
}

/** The shipped zhoucun stack's settings: everything but the inventory, which is the project's. */
export function zhoucunStackConfig(): Record<string, unknown> {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, "stacks", "Pulumi.zhoucun.yaml"), "utf8");
  return { ...(parse(text) as { config: Record<string, unknown> }).config };
}

/**
 * Writes stacks/Pulumi.held.yaml: the zhoucun stack's settings with the project's dataset,
 * `govcloud:waves` and whatever `config` adds or replaces (a key set to undefined is left out).
 * Returns the file's text.
 */
export function writeStack(project: Project, config: Record<string, unknown> = {}, stack = STACK): string {
  const settings: Record<string, unknown> = {
    ...zhoucunStackConfig(),
    "govcloud:inventory": project.dataset,
    "govcloud:waves": "all",
    ...config,
  };
  for (const [key, value] of Object.entries(settings)) if (value === undefined) delete settings[key];
  const text = stringify({ config: settings }, { lineWidth: 0 });
  fs.mkdirSync(path.join(project.root, "stacks"), { recursive: true });
  fs.writeFileSync(path.join(project.root, "stacks", `Pulumi.${stack}.yaml`), text);
  return text;
}

/**
 * Glance ids for every image the lock's plan boots from (the generated estates use images the zhoucun stack has no id
 * for).
 */
export function fakeImages(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((name, i) => [name, `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`]),
  );
}

let outs = 0;
/** `govcloud plan <dataset> --out <fresh folder> ...args`, in-process, run from the project root. */
export async function plan(
  project: Project,
  ...args: string[]
): Promise<CliResult & { readonly out: string; readonly outDir: string }> {
  const check = args.includes("--check");
  const outDir = path.join(project.root, `plan-out-${++outs}`);
  // The dataset by its absolute path: plan reads the inventory relative to the process's
  // folder (loadInventory), the lock relative to the runner's.
  const result = await runCli(project.root, ["plan", project.dataset, ...(check ? [] : ["--out", outDir]), ...args]);
  return { ...result, outDir };
}

/** `govcloud plan` that must succeed. */
export async function planOk(project: Project, ...args: string[]): Promise<CliResult> {
  const result = await plan(project, ...args);
  expect(result.code, `govcloud plan ${args.join(" ")}:\n${result.out}\n${result.err}`).toBe(0);
  return result;
}

/** `govcloud waves --set WAVE=STATE...`, in-process: records that waves were deployed (or are done). */
export async function setWaves(project: Project, states: Readonly<Record<string, "deployed" | "done">>): Promise<void> {
  const sets = Object.entries(states).flatMap(([wave, state]) => ["--set", `${wave}=${state}`]);
  const result = await runCli(project.root, ["waves", project.dataset, ...sets]);
  expect(result.code, `govcloud waves ${sets.join(" ")}:\n${result.out}\n${result.err}`).toBe(0);
}

export const lockText = (project: Project): string => fs.readFileSync(project.lockFile, "utf8");

export function readLock(project: Project): Lock {
  const parsed = parseLock(lockText(project), project.lockFile);
  expect(parsed.diagnostics).toEqual([]);
  return parsed.lock!;
}

export const previewOf = (project: Project, stack = STACK): Promise<PreviewResult> => preview(stack, project.root);

// ---------------------------------------------------------------------------------------
// Editing a dataset folder (one systems/<department>.yaml per department, departments.yaml)
// ---------------------------------------------------------------------------------------

export type SystemRecord = Record<string, unknown> & { id: string; name: string; department: string };

const systemsFolder = (project: Project) => path.join(project.dataset, "systems");

export function systemFiles(project: Project): string[] {
  return fs
    .readdirSync(systemsFolder(project))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => path.join(systemsFolder(project), f));
}

/** Every system record of the dataset, as written. */
export function allSystems(project: Project): SystemRecord[] {
  return systemFiles(project).flatMap(
    (file) => (parse(fs.readFileSync(file, "utf8")) as { systems?: SystemRecord[] } | null)?.systems ?? [],
  );
}

/** Rewrites each systems file through `edit` of its `systems` list (comments and layout of the rest kept). */
export function editSystemFiles(
  project: Project,
  edit: (systems: SystemRecord[], file: string) => SystemRecord[] | undefined,
): void {
  for (const file of systemFiles(project)) {
    const doc = parseDocument(fs.readFileSync(file, "utf8"));
    const list = doc.get("systems", true);
    if (!isSeq(list)) continue;
    const before = (list.toJSON() as SystemRecord[]).map((s) => s.id);
    const after = edit(list.toJSON() as SystemRecord[], file);
    if (after === undefined) continue;
    const kept = after.map((s) => {
      const at = before.indexOf(s.id);
      return at >= 0 && JSON.stringify((list.items[at] as YAMLMap).toJSON()) === JSON.stringify(s)
        ? list.items[at]!
        : doc.createNode(s);
    });
    if (kept.length === 0) fs.rmSync(file);
    else {
      list.items = kept;
      fs.writeFileSync(file, doc.toString({ lineWidth: 0 }));
    }
  }
}

/** Adds systems in a new file systems/<file>.yaml. */
export function addSystemsFile(project: Project, file: string, systems: readonly SystemRecord[]): void {
  fs.writeFileSync(path.join(systemsFolder(project), `${file}.yaml`), stringify({ systems }, { lineWidth: 0 }));
}

/** Edits departments.yaml's `departments` list. */
export function editDepartments(
  project: Project,
  edit: (departments: Record<string, unknown>[]) => Record<string, unknown>[],
): void {
  const file = path.join(project.dataset, "departments.yaml");
  const doc = parseDocument(fs.readFileSync(file, "utf8"));
  const list = doc.get("departments", true);
  if (!isSeq(list)) throw new Error(`${file} has no departments list`);
  const byId = new Map(list.items.map((item) => [String((item as YAMLMap).get("id")), item]));
  list.items = edit(list.toJSON() as Record<string, unknown>[]).map((d) => byId.get(String(d.id)) ?? doc.createNode(d));
  fs.writeFileSync(file, doc.toString({ lineWidth: 0 }));
}

/**
 * A copy of system `from` as a new system `id` of `department`: no dependencies or
 * duplicates, and a name and function of its own (a name like another's makes it that
 * system's shadow, to be consolidated).
 */
export function copySystem(from: SystemRecord, id: string, department: string, name: string): SystemRecord {
  const copy: SystemRecord = { ...from, id, department, name, function: `${name.replace(/系统$/, "")}日常事项` };
  delete copy.dependsOn;
  delete copy.duplicates;
  delete copy.subUnit;
  return copy;
}

// ---------------------------------------------------------------------------------------
// Who owns a resource, and what a diff of two previews holds
// ---------------------------------------------------------------------------------------

export interface Owner {
  readonly system?: string;
  readonly department?: string;
}

const SYSTEM = "govcloud:workload:MigratedSystem";
const TENANT = "govcloud:tenant:DepartmentTenant";

/**
 * The system or department tenant a resource belongs to (its component, or the component itself); platform resources
 * have neither.
 */
export function ownerOf(resource: Pick<Resource, "type" | "name" | "parent">): Owner {
  if (resource.type === SYSTEM) return { system: resource.name };
  if (resource.type === TENANT) return { department: resource.name };
  const parentType = resource.parent.split("$").pop()?.split("::")[0];
  const parentName = resource.parent.split("::").pop() ?? "";
  if (parentType === SYSTEM) return { system: parentName };
  if (parentType === TENANT) return { department: parentName };
  return {};
}

export interface Changes {
  readonly created: readonly string[];
  readonly deleted: readonly string[];
  /** Replaced or maybe replaced (the diff's own classification: force-new fields, cascades). */
  readonly replaced: readonly string[];
  readonly updated: readonly string[];
}

/**
 * The diff of two previews through `diffPreviews` (src/preview/diff.ts), whatever its
 * current shape: `{ resources: [{ action, urn }] }` (with replacements) or
 * `{ added, removed, changed }` (without). Every resource whose inputs differ is counted
 * too, so a diff module that missed one would not hide it.
 */
export function changesBetween(before: PreviewResult, after: PreviewResult): Changes {
  const diff = diffPreviews(before, after) as unknown as Record<string, unknown>;
  const created = new Set<string>();
  const deleted = new Set<string>();
  const replaced = new Set<string>();
  const updated = new Set<string>();
  if (Array.isArray(diff.resources)) {
    for (const r of diff.resources as { action: string; urn: string }[]) {
      if (r.action === "create") created.add(r.urn);
      else if (r.action === "delete") deleted.add(r.urn);
      else if (r.action === "replace" || r.action === "may-replace") replaced.add(r.urn);
      else if (r.action === "update") updated.add(r.urn);
      else
        throw new Error(
          `diffPreviews gave an action this helper does not know, "${r.action}" (${r.urn}): ` +
            `teach changesBetween what it means`,
        );
    }
  } else {
    for (const r of (diff.added ?? []) as { urn: string }[]) created.add(r.urn);
    for (const r of (diff.removed ?? []) as { urn: string }[]) deleted.add(r.urn);
    for (const r of (diff.changed ?? []) as { urn: string }[]) updated.add(r.urn);
  }
  const olds = new Map(before.resources.map((r) => [r.urn, r]));
  for (const r of after.resources) {
    const old = olds.get(r.urn);
    if (!old) expect(created.has(r.urn), `diffPreviews missed the creation of ${r.urn}`).toBe(true);
    else if (JSON.stringify(sortKeys(old.inputs)) !== JSON.stringify(sortKeys(r.inputs)) && !replaced.has(r.urn))
      updated.add(r.urn);
  }
  const nows = new Set(after.resources.map((r) => r.urn));
  for (const r of before.resources)
    if (!nows.has(r.urn)) expect(deleted.has(r.urn), `diffPreviews missed the deletion of ${r.urn}`).toBe(true);
  const sorted = (s: Set<string>) => [...s].sort();
  return { created: sorted(created), deleted: sorted(deleted), replaced: sorted(replaced), updated: sorted(updated) };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}

const short = (urn: string) => urn.split("$").pop() ?? urn;

/** What may change: resources of these systems and department tenants (and their components). */
export interface Scope {
  readonly systems?: readonly string[];
  readonly departments?: readonly string[];
  /**
   * Systems whose traffic other systems' security groups admit (rules `<callee>-<tier>-<port>-from-<caller>[-…]`):
   * those rules too.
   */
  readonly admittedFrom?: readonly string[];
  /** Departments whose network quota (its count of security-group rules) follows such rules. */
  readonly networkQuotasOf?: readonly string[];
}

export const inScope = (scope: Scope) => (resource: Pick<Resource, "type" | "name" | "parent">) => {
  const owner = ownerOf(resource);
  if (owner.system !== undefined && (scope.systems ?? []).includes(owner.system)) return true;
  if (owner.department !== undefined && (scope.departments ?? []).includes(owner.department)) return true;
  if (
    resource.type.endsWith(":QuotaV2") &&
    owner.department !== undefined &&
    (scope.networkQuotasOf ?? []).includes(owner.department)
  )
    return true;
  // The caller's id ends the name or is followed by a dash (never a longer id that starts with it).
  return (
    resource.type.endsWith(":SecGroupRule") &&
    (scope.admittedFrom ?? []).some(
      (caller) => resource.name.includes(`-from-${caller}-`) || resource.name.endsWith(`-from-${caller}`),
    )
  );
};

/** The input paths that differ between a resource's two previews. */
export function changedFields(before: PreviewResult, after: PreviewResult, urn: string): string[] {
  const [a, b] = [before.resources.find((r) => r.urn === urn), after.resources.find((r) => r.urn === urn)];
  return changedPaths(a?.inputs, b?.inputs).map((line) => line.split(":")[0]!);
}

/**
 * The rule: only the resources of what changed are added, changed or removed, and
 * nothing is replaced; everything else (platform, other tenants, other systems) is in the
 * preview after with exactly the same inputs. Each kind of change is allowed only within
 * its scope (none when left out).
 */
export function expectOnly(
  before: PreviewResult,
  after: PreviewResult,
  allowed: { create?: Scope; update?: Scope; delete?: Scope },
): Changes {
  const changes = changesBetween(before, after);
  const all = new Map([...before.resources, ...after.resources].map((r) => [r.urn, r]));
  const outside = (urns: readonly string[], scope: Scope | undefined) =>
    urns.filter((urn) => !(scope && inScope(scope)(all.get(urn)!))).map(short);
  expect(changes.replaced.map(short), "replaced").toEqual([]);
  expect(outside(changes.deleted, allowed.delete), "deleted, beyond what changed").toEqual([]);
  expect(outside(changes.updated, allowed.update), "updated, beyond what changed").toEqual([]);
  expect(outside(changes.created, allowed.create), "created, beyond what changed").toEqual([]);
  const touched = [allowed.create, allowed.update, allowed.delete]
    .filter((s): s is Scope => s !== undefined)
    .map(inScope);
  expectUntouched(before, after, (r) => !touched.some((mine) => mine(r)));
  return changes;
}

/**
 * The explicit checks of the issue, over every resource `unchanged` selects in the preview
 * before: each subnet keeps its CIDR, each security-group rule all of its fields, each
 * instance, volume and port exists after with the same inputs (and so does everything else).
 */
export function expectUntouched(
  before: PreviewResult,
  after: PreviewResult,
  unchanged: (r: Resource) => boolean,
): void {
  const now = new Map(after.resources.map((r) => [r.urn, r]));
  const problems: string[] = [];
  for (const r of before.resources.filter(unchanged)) {
    const later = now.get(r.urn);
    if (!later) problems.push(`removed: ${short(r.urn)}`);
    else if (r.type.endsWith(":Subnet") && r.inputs.cidr !== later.inputs.cidr)
      problems.push(`subnet ${r.name}: cidr ${String(r.inputs.cidr)} → ${String(later.inputs.cidr)}`);
    else if (JSON.stringify(sortKeys(r.inputs)) !== JSON.stringify(sortKeys(later.inputs)))
      problems.push(`changed: ${short(r.urn)} ${JSON.stringify(changedPaths(r.inputs, later.inputs))}`);
  }
  expect(problems.slice(0, 40), `${problems.length} unrelated resources changed or removed`).toEqual([]);
}

function changedPaths(a: unknown, b: unknown, at = ""): string[] {
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      changedPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at ? `${at}.${k}` : k),
    );
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [`${at}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`];
}

/** Resources of a preview selected by owner. */
export const resourcesOf = (result: PreviewResult, scope: Scope) => result.resources.filter(inScope(scope));

/** The subnets of a preview, name → CIDR. */
export const subnetCidrs = (result: PreviewResult) =>
  new Map(result.resources.filter((r) => r.type.endsWith(":Subnet")).map((r) => [r.name, String(r.inputs.cidr)]));

/** The line (1-based) of the first line of `text` that starts (after indentation) with `prefix`. */
export function lineOf(text: string, prefix: string): number {
  const index = text.split("\n").findIndex((line) => line.trimStart().startsWith(prefix));
  if (index < 0) throw new Error(`no line starting with ${prefix}`);
  return index + 1;
}
