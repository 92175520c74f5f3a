/**
 * What every cutover subcommand shares: its options, the context it runs in (the state,
 * the operator, where lines go), and a session on the state holding the systems it works on.
 */
import * as os from "node:os";
import { parseArgs } from "node:util";
import type { ResolvedSystem } from "../../migration/cutover/resolve";
import { cityTime } from "../../migration/cutover/window";
import type { CutoverState } from "../../cutover/store";
import { loadCutoverPlan, requireSetup, resolveWave, windowOfWave, type CutoverPlan } from "../cutover-plan";
import { DEFAULT_STATE, DEFAULT_WORK, isPostgresState, openSession, shownPath, type Session } from "../cutover-session";
import { UsageError, type Io } from "../io";
import { assertFolderOutsideInputs } from "../output-safety";

const OPTIONS = {
  wave: { type: "string" },
  systems: { type: "string" },
  parallel: { type: "string" },
  "dry-run": { type: "boolean" },
  now: { type: "string" },
  state: { type: "string" },
  work: { type: "string" },
  lock: { type: "string" },
  actions: { type: "string" },
  by: { type: "string" },
  force: { type: "boolean" },
  json: { type: "boolean" },
  "retry-phase": { type: "string", multiple: true },
  "mark-done": { type: "string", multiple: true },
} as const;

export type Values = ReturnType<typeof parse>["values"];
export const parse = (args: string[]) => parseArgs({ args, allowPositionals: true, options: OPTIONS });

export interface Ctx {
  readonly io: Io;
  readonly values: Values;
  readonly positionals: string[];
  readonly state: CutoverState;
  readonly shown: string;
  /** Where the engine's lines go: standard output, or above the live table while one is drawn. */
  readonly say: { line: (line: string) => void };
  readonly operator: string;
}

export function operatorName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "unknown";
  }
}

export function parallelOf(values: Values): number {
  const n = values.parallel === undefined ? 1 : Number(values.parallel);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new UsageError(`--parallel takes a whole number from 1 to 1000, not "${values.parallel}"`, "cutover");
  return n;
}

export function nowOf(values: Values): Date | undefined {
  if (values.now === undefined) return undefined;
  const now = cityTime(values.now);
  if (!now)
    throw new UsageError(`--now takes YYYY-MM-DDTHH:MM (city time) or an ISO instant, not "${values.now}"`, "cutover");
  return now;
}

/** A session holding `systems` (the ones the command works on) against other executors. */
export function session(ctx: Ctx, cp: CutoverPlan, systems: readonly ResolvedSystem[]): Promise<Session> {
  const now = nowOf(ctx.values);
  const byId = new Map(systems.map((rs) => [rs.system.id, rs]));
  const wave = (rs: ResolvedSystem) => cp.plan.waves.find((w) => w.id === rs.system.wave);
  return openSession({
    state: ctx.state,
    systems: systems.map((rs) => rs.system.id),
    operator: ctx.operator,
    lockFile: cp.lock.file,
    projectDir: ctx.io.cwd,
    say: (line) => ctx.say.line(line),
    windowOf: (rs) => {
      const w = wave(byId.get(rs.system.id) ?? rs);
      return w ? windowOfWave(w) : undefined;
    },
    ...(now ? { now } : {}),
  });
}

/** The plan and the systems of the state folder's run, for the commands after `run`. */
export async function runOfState(ctx: Ctx): Promise<{ cp: CutoverPlan; systems: ResolvedSystem[] }> {
  const setup = await requireSetup(ctx.state);
  const cp = await loadCutoverPlan(
    setup.inventory,
    ctx.values.lock ?? setup.lock,
    ctx.values.actions ?? setup.actions,
    ctx.io.cwd,
  );
  const wave = cp.plan.waves.find((w) => w.id === setup.wave);
  if (!wave) throw new UsageError(`wave ${setup.wave} of this run is no longer in the plan lock`, "cutover");
  return { cp, systems: resolveWave(cp, wave, setup.systems, ctx.state.workDir) };
}

export function systemPhase(
  text: string,
  systems: readonly ResolvedSystem[],
  flag: string,
): { system: string; phase: string } {
  const [system, phase] = text.split(":");
  const rs = systems.find((x) => x.system.id === system);
  if (!rs || !phase)
    throw new UsageError(
      `${flag} takes SYSTEM:PHASE of this run, e.g. ${systems[0]?.system.id ?? "system"}:full-copy, not "${text}"`,
      "cutover",
    );
  const phases = [...rs.phases.map((p) => p.id), "rollback", "rollback-check"];
  if (!phases.includes(phase))
    throw new UsageError(`${system} has no phase ${phase} (its phases: ${phases.join(", ")})`, "cutover");
  return { system: system!, phase };
}

/**
 * Refuses, before any work, a run's state that would land in the dataset (its journal,
 * setup and step logs; with a PostgreSQL state, this machine's --work folder): named as the
 * user named it, or as the default they did not know they were using.
 */
export function assertStateOutsideDataset(ctx: Ctx, inventory: readonly string[]): void {
  const { values, io } = ctx;
  const postgres = values.work !== undefined || isPostgresState(values.state ?? "");
  const given = postgres ? values.work : values.state;
  const flag = postgres ? "--work" : "--state";
  const fallback = postgres ? DEFAULT_WORK : DEFAULT_STATE;
  assertFolderOutsideInputs(
    {
      out: ctx.state.workDir,
      shown: shownPath(io.cwd, ctx.state.workDir),
      inputs: inventory,
      cwd: io.cwd,
      option: given === undefined ? `the default ${flag} folder ${fallback}` : flag,
    },
    given === undefined
      ? `run from outside the dataset, or give a ${flag} folder outside it`
      : `choose a ${flag} outside the dataset (the default is ${fallback}, in the current folder)`,
  );
}
