/** `cutover run --dry-run`: every step of every system as it would run, resolved; nothing runs, nothing is recorded. */
import type { Action, Check } from "../../migration/cutover/model";
import type { ResolvedStep, ResolvedSystem } from "../../migration/cutover/resolve";
import type { Wave } from "../../migration/plan/types";
import type { Io } from "../io";

function show(action: Action | Check): string {
  switch (action.kind) {
    case "run": {
      const cwd = action.cwd ? ` in ${action.cwd}` : "";
      const env = action.env ? ` env ${JSON.stringify(action.env)}` : "";
      const idempotence = action.idempotent ? "" : " (not idempotent)";
      return `run ${JSON.stringify(action.argv)}${cwd}${env}${idempotence}`;
    }
    case "http":
      return `http ${action.method} ${action.url} → ${action.status}${action.body ? ` /${action.body}/` : ""}`;
    case "wait":
      return `wait ${action.for}, every ${action.every}${action.checks.map((c) => `; check ${show(c)}`).join("")}`;
    case "gate":
      return `gate: approval${action.who ? ` of ${action.who}` : ""}`;
    case "pulumi":
      return `pulumi up ${action.stack} (${action.driver})`;
  }
}

export function printDryRun(io: Io, wave: Wave, systems: readonly ResolvedSystem[]): void {
  io.out(`dry run of wave ${wave.id} (${wave.start} – ${wave.end}): nothing runs, nothing is recorded`);
  const steps = (title: string, list: readonly ResolvedStep[]) => {
    io.out(`  ${title}`);
    for (const step of list) io.out(`    ${step.index + 1}. ${step.name}: ${show(step.action)}`);
  };
  for (const rs of systems) {
    io.out(`${rs.system.id} (${rs.system.department}, ${rs.system.disposition})`);
    for (const phase of rs.phases)
      steps(
        `${phase.id}${phase.inWindow ? " [in window]" : ""}${phase.steps.length === 0 ? ": nothing at this site" : ""}`,
        phase.steps,
      );
    if (rs.rollbackCheck.length > 0) steps("rollback-check (before the switch)", rs.rollbackCheck);
    steps(`rollback${rs.rollback.length === 0 ? ": none — the switch will be refused" : ""}`, rs.rollback);
  }
}
