/**
 * What every cutover command starts from: the plan as the lock holds it (refused when
 * the lock is not current: a run executes the reviewed plan, nothing re-planned), the
 * site actions read with file/line/field errors, and the run the state remembers (which
 * dataset, wave and systems), so later commands need only --state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError, type Diagnostic } from "../migration/inventory/diagnostics";
import { loadInventory } from "../migration/inventory/load";
import { readRegularYamlText } from "../migration/inventory/regular-file";
import { parseSiteActions, siteActionsPathFor, sortedAt, type ParsedSiteActions } from "../migration/cutover/file";
import { resolveSystem, type ResolvedSystem } from "../migration/cutover/resolve";
import { cityTime } from "../migration/cutover/window";
import { readLockFile, type LockOnDisk } from "../migration/lock/disk";
import { holdPlan } from "../migration/lock/hold";
import type { Plan, Wave } from "../migration/plan/types";
import { lockChanges } from "../migration/lock/changes";
import { stacksDeploying } from "./stacks";
import type { CutoverState, OpenedJournal, RunSetup } from "../cutover/store";

/** The run the state holds; refused when there is none. */
export async function requireSetup(state: CutoverState): Promise<RunSetup> {
  const setup = await state.readSetup();
  if (setup) return setup;
  throw new InputError([
    {
      severity: "error",
      location: { kind: "file", file: state.shown },
      field: "--state",
      message: "no cutover run in this state",
      fix: "start one with govcloud cutover run <inventory> --wave W (or name the run's state with --state)",
    },
  ]);
}

export interface CutoverPlan {
  readonly plan: Plan;
  readonly lock: LockOnDisk;
  readonly actionsFile: string;
  readonly site: ParsedSiteActions;
  readonly cwd: string;
  /** The inventory's data size of each system, GB. */
  readonly dataGb: ReadonlyMap<string, number>;
}

const fileError = (file: string, message: string, fix: string): InputError =>
  new InputError([{ severity: "error", location: { kind: "file", file }, field: "", message, fix }]);

/** The held plan (the lock must be current) and the inventory's data sizes: what a command that records needs. */
export async function loadHeldPlan(
  given: readonly string[],
  lockPath: string | undefined,
  cwd: string,
): Promise<Pick<CutoverPlan, "plan" | "lock" | "dataGb">> {
  const inventory = given.map((p) => path.resolve(cwd, p));
  const loaded = await loadInventory(inventory, { displayRoot: cwd });
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new InputError(errors);
  const lock = readLockFile(inventory, lockPath, cwd);
  if (!lock.lock || lock.text === undefined)
    throw fileError(
      lock.shown,
      "no plan lock: a cutover runs the held plan",
      "run govcloud plan, review and commit the lock",
    );
  const held = holdPlan({
    inventory: loaded.inventory,
    dataset: lock.lock.dataset,
    lock: lock.lock,
    stacks: stacksDeploying(inventory, cwd),
  });
  // Compared by decisions, not bytes: a copied dataset's lock keeps its modeline.
  if (held.problems.length > 0 || lockChanges(lock.lock, held.lock).length > 0) {
    throw fileError(
      lock.shown,
      "the plan lock is not current: the inventory changed since it was written",
      "run govcloud plan, review the lock's diff and commit it, then run the cutover",
    );
  }
  const dataGb = new Map(loaded.inventory.systems.map((x) => [x.id, x.dataGb]));
  return { plan: held.plan, lock, dataGb };
}

export async function loadCutoverPlan(
  given: readonly string[],
  lockPath: string | undefined,
  actionsPath: string | undefined,
  cwd: string,
): Promise<CutoverPlan> {
  const { plan, lock, dataGb } = await loadHeldPlan(given, lockPath, cwd);
  const inventory = given.map((p) => path.resolve(cwd, p));
  const first = path.resolve(cwd, inventory[0] ?? ".");
  const actionsFile = actionsPath
    ? path.resolve(cwd, actionsPath)
    : siteActionsPathFor([first], fs.statSync(first).isDirectory());
  const actionsShown = path.relative(cwd, actionsFile).split(path.sep).join("/") || actionsFile;
  const read = readRegularYamlText(actionsFile);
  if (!read.ok)
    throw fileError(
      actionsShown,
      `cannot read the site actions: ${read.message}`,
      read.code === "ENOENT"
        ? "write cutover.yaml in the dataset folder (README: cutover night), or give --actions <path>"
        : read.fix,
    );
  const site = parseSiteActions(read.text, actionsShown);
  if (!site.actions) throw new InputError(site.diagnostics);
  return { plan, lock, actionsFile, site, cwd, dataGb };
}

/** The wave to run: one of the lock's, built (deployed) and not finished. */
export function runnableWave(cp: CutoverPlan, id: string, dryRun = false): Wave {
  const wave = cp.plan.waves.find((w) => w.id === id);
  if (!wave)
    throw fileError(
      cp.lock.shown,
      `wave ${id} is not in the plan lock`,
      `name one of its waves (govcloud waves ${cp.lock.shown} lists them)`,
    );
  // A dry run of a planned wave is a rehearsal of its commands: nothing runs.
  if (wave.state === "planned" && !dryRun)
    throw fileError(
      cp.lock.shown,
      `wave ${id} is planned: its resources are not built`,
      `pulumi up of its stacks, then govcloud waves --set ${id}=deployed`,
    );
  if (wave.state === "done")
    throw fileError(cp.lock.shown, `wave ${id} is done: its cutovers are finished`, "run a wave that is deployed");
  return wave;
}

/** The systems of a wave (all, or the ones named), resolved against the site actions; every problem at once. */
export function resolveWave(
  cp: CutoverPlan,
  wave: Wave,
  only: readonly string[] | undefined,
  stateDir: string,
): ResolvedSystem[] {
  const members = cp.plan.systems.filter((s) => s.wave === wave.id && s.runbook !== null);
  const problems: Diagnostic[] = [];
  const unknown = (only ?? []).filter((id) => !members.some((s) => s.id === id));
  for (const id of unknown)
    problems.push({
      severity: "error",
      location: { kind: "file", file: cp.lock.shown },
      field: `systems.${id}`,
      message: `${id} is not a system of wave ${wave.id}`,
      fix: `name systems of the wave: ${members.map((s) => s.id).join(", ")}`,
    });
  const chosen = only && only.length > 0 ? members.filter((s) => only.includes(s.id)) : members;
  const resolved: ResolvedSystem[] = [];
  for (const system of chosen) {
    const { resolved: rs, problems: found } = resolveSystem(cp.site.actions!, system, wave, stateDir);
    problems.push(...sortedAt(cp.site, found));
    const dataGb = cp.dataGb.get(system.id);
    resolved.push(dataGb === undefined ? rs : { ...rs, dataGb });
  }
  if (problems.length > 0) throw new InputError(dedupe(problems));
  return resolved;
}

/** The same problem found for several systems of a department is reported once per line. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function windowOfWave(wave: Wave): { start: Date; end: Date } | undefined {
  const start = cityTime(wave.start);
  const end = cityTime(wave.end);
  return start && end ? { start, end } : undefined;
}

/**
 * The systems of `systems` a command may work on in their window, and the ones that wait
 * because the window already has the policy's cutovers (journalled and said by the caller).
 * `take` gives the places, atomically against other executors of the state.
 */
export async function windowAdmission(
  cp: CutoverPlan,
  systems: readonly ResolvedSystem[],
  triesOf: (id: string) => number,
  known: Iterable<string>,
  take: OpenedJournal["takePlaces"],
): Promise<{ admit: ResolvedSystem[]; wait: { rs: ResolvedSystem; message: string }[] }> {
  const byWindow = new Map<string, ResolvedSystem[]>();
  const windowKey = (waveId: string | null) => {
    const wave = cp.plan.waves.find((w) => w.id === waveId);
    return wave ? `${wave.start} – ${wave.end}` : undefined;
  };
  for (const rs of systems) {
    const key = windowKey(rs.system.wave) ?? "";
    (byWindow.get(key) ?? byWindow.set(key, []).get(key)!).push(rs);
  }
  const capacity = cp.plan.settings.capacity.systems;
  const waveOf = new Map(cp.plan.systems.map((s) => [s.id, s.wave]));
  const admit: ResolvedSystem[] = [];
  const wait: { rs: ResolvedSystem; message: string }[] = [];
  for (const [key, group] of byWindow) {
    if (key === "") {
      admit.push(...group);
      continue;
    }
    const started = new Set([...known].filter((id) => triesOf(id) > 0 && windowKey(waveOf.get(id) ?? null) === key));
    const decided = await take(
      key,
      capacity,
      started,
      group.map((rs) => rs.system.id),
    );
    for (const rs of group) {
      if (decided.admit.includes(rs.system.id)) admit.push(rs);
      else
        wait.push({
          rs,
          message:
            `waits for another window: ${key} already has the policy's ${capacity} cutovers per window ` +
            `(${decided.taken.join(", ")}); policy.capacityPerWindow.systems, or govcloud plan moves it to a ` +
            `later wave`,
        });
    }
  }
  return { admit: systems.filter((rs) => admit.includes(rs)), wait };
}
