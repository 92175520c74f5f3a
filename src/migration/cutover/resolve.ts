/**
 * A system's itinerary as this site runs it: every phase of its runbook with the
 * actions cutover.yaml gives it (the most specific level wins per phase), variables
 * filled. Every problem — a phase without actions, an unknown variable — is collected
 * with where it is in cutover.yaml, so a run refuses before its first step. Pure.
 */
import type { IssuePath } from "../inventory/issues";
import { didYouMean } from "../inventory/suggest";
import type { SystemPlan, Wave } from "../plan/types";
import { isIdempotent, type Action, type Check, type Level, type SiteActions } from "./model";
import { fill, planVariables, unknownVariables } from "./template";

export interface ResolvedStep {
  /** Position in its phase: the journal's step number. */
  readonly index: number;
  readonly name: string;
  readonly action: Action;
  readonly idempotent: boolean;
  /** Where it is written in cutover.yaml. */
  readonly source: IssuePath;
}

export interface ResolvedPhase {
  readonly id: string;
  readonly inWindow: boolean;
  /** The plan's estimate, hours. */
  readonly hours: number;
  readonly steps: readonly ResolvedStep[];
}

export interface ResolvedSystem {
  readonly system: SystemPlan;
  readonly phases: readonly ResolvedPhase[];
  readonly rollbackCheck: readonly ResolvedStep[];
  readonly rollback: readonly ResolvedStep[];
  /** Phases after the switch whose failure rolls back without waiting for the operator. */
  readonly rollbackOn: readonly string[];
  /** The inventory's data size, GB: the plan's pace for the window prediction (absent: the copy's time alone). */
  readonly dataGb?: number;
}

export interface ResolveProblem {
  readonly path: IssuePath;
  readonly message: string;
  readonly fix: string;
}

type ListKey = "rollbackCheck" | "rollback";

/** The levels that apply to a system, most specific first, with their paths in the file. */
function levels(site: SiteActions, system: SystemPlan): { level: Level; path: IssuePath }[] {
  const out: { level: Level; path: IssuePath }[] = [];
  const own = site.systems[system.id];
  if (own) out.push({ level: own, path: ["systems", system.id] });
  const department = site.departments[system.department];
  if (department) out.push({ level: department, path: ["departments", system.department] });
  out.push({ level: site.defaults, path: ["defaults"] });
  return out;
}

export function resolveSystem(
  site: SiteActions,
  system: SystemPlan,
  wave: Wave | undefined,
  stateDir: string,
): { resolved: ResolvedSystem; problems: ResolveProblem[] } {
  const applicable = levels(site, system);
  const vars = { ...planVariables(system, wave, stateDir) };
  for (const { level } of [...applicable].reverse()) Object.assign(vars, level.vars ?? {});
  const problems: ResolveProblem[] = [];

  const resolveList = (actions: readonly Action[], path: IssuePath): ResolvedStep[] =>
    actions.map((action, index) => {
      const source = [...path, index];
      for (const [where, template] of templates(action)) {
        for (const name of unknownVariables(template, vars)) {
          const hint = didYouMean(name, Object.keys(vars));
          problems.push({
            path: [...source, ...where],
            message: `{${name}} is not a variable of system ${system.id}${hint ? `; ${hint}` : ""}`,
            fix: `use one of ${Object.keys(vars).sort().join(", ")}, or define it under vars`,
          });
        }
      }
      const filled = problems.length > 0 ? action : fillAction(action, vars);
      return { index, name: action.name ?? describe(filled), action: filled, idempotent: isIdempotent(action), source };
    });

  const phases: ResolvedPhase[] = [];
  for (const step of system.runbook?.steps ?? []) {
    const found = applicable.find(({ level }) => level.phases?.[step.phase] !== undefined);
    if (!found) {
      problems.push({
        path: ["defaults", "phases"],
        message: `no actions for phase ${step.phase} of system ${system.id} (${system.department})`,
        fix:
          `add defaults.phases.${step.phase} (or departments.${system.department} / systems.${system.id}); ` +
          `[] when this site has nothing to do`,
      });
      continue;
    }
    phases.push({
      id: step.phase,
      inWindow: step.inWindow,
      hours: step.hours,
      steps: resolveList(found.level.phases![step.phase]!, [...found.path, "phases", step.phase]),
    });
  }
  const list = (key: ListKey): ResolvedStep[] => {
    const found = applicable.find(({ level }) => level[key] !== undefined);
    return found ? resolveList(found.level[key]!, [...found.path, key]) : [];
  };
  const rollbackOn = applicable.find(({ level }) => level.rollbackOn !== undefined)?.level.rollbackOn ?? [];
  return {
    resolved: { system, phases, rollbackCheck: list("rollbackCheck"), rollback: list("rollback"), rollbackOn },
    problems,
  };
}

/** Every templated string of an action, with its path inside the action. */
function templates(action: Action | Check): [IssuePath, string][] {
  switch (action.kind) {
    case "run":
      return [
        ...action.argv.map((arg, i): [IssuePath, string] => [["argv", i], arg]),
        ...Object.entries(action.env ?? {}).map(([key, value]): [IssuePath, string] => [["env", key], value]),
        ...(action.cwd !== undefined ? [[["cwd"], action.cwd] as [IssuePath, string]] : []),
        ...(action.measure !== undefined ? [[["measure"], action.measure] as [IssuePath, string]] : []),
      ];
    case "http":
      return [[["url"], action.url]];
    case "pulumi":
      return [[["stack"], action.stack]];
    case "wait":
      return action.checks.flatMap((check, i) =>
        templates(check).map(([where, text]): [IssuePath, string] => [["checks", i, ...where], text]),
      );
    case "gate":
      return [];
  }
}

function fillAction<A extends Action | Check>(action: A, vars: Readonly<Record<string, string>>): A {
  const f = (text: string) => fill(text, vars);
  switch (action.kind) {
    case "run":
      return {
        ...action,
        argv: action.argv.map(f),
        ...(action.env ? { env: Object.fromEntries(Object.entries(action.env).map(([k, v]) => [k, f(v)])) } : {}),
        ...(action.cwd !== undefined ? { cwd: f(action.cwd) } : {}),
        ...(action.measure !== undefined ? { measure: f(action.measure) } : {}),
      };
    case "http":
      return { ...action, url: f(action.url) };
    case "pulumi":
      return { ...action, stack: f(action.stack) };
    case "wait":
      return { ...action, checks: action.checks.map((check) => fillAction(check, vars)) };
    default:
      return action;
  }
}

/** A step's default name: its kind and what it touches. */
export function describe(action: Action | Check): string {
  switch (action.kind) {
    case "run":
      return `run ${action.argv[0]}`;
    case "http":
      return `${action.method ?? "GET"} ${action.url}`;
    case "wait":
      return `observe ${action.for}`;
    case "gate":
      return `approval${action.who ? ` of ${action.who}` : ""}`;
    case "pulumi":
      return `pulumi ${action.stack}`;
  }
}
