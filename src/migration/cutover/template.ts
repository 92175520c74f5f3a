/**
 * {variables} in site actions: the values a plan holds for a system (its id, room,
 * tenant, wave window…) and the site's vars. One grammar, one home: `{name}` is a
 * variable, `{{` and `}}` are literal braces. An unknown name is found before anything
 * runs, never replaced by an empty string on cutover night.
 */
import type { SystemPlan, Wave } from "../plan/types";

const PLACEHOLDER = /\{\{|\}\}|\{([^{}]*)\}/g;

/** The variables a plan gives every system of a wave (the site's vars are added on top). */
export function planVariables(system: SystemPlan, wave: Wave | undefined, stateDir: string): Record<string, string> {
  const vars: Record<string, string> = {
    "system.id": system.id,
    "system.name": system.name,
    "system.department": system.department,
    "system.disposition": system.disposition,
    "source.room": system.serverRoom,
    "target.tenant": system.tenant ?? "",
    "target.domain": system.domain ?? "",
    "wave.id": system.wave ?? "",
    "run.dir": stateDir,
  };
  if (wave) {
    vars["wave.start"] = wave.start;
    vars["wave.end"] = wave.end;
  }
  if (system.consolidateInto) vars["target.system"] = system.consolidateInto;
  return vars;
}

/** The names a template uses that `vars` lacks. */
export function unknownVariables(template: string, vars: Readonly<Record<string, string>>): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name !== undefined && !(name in vars)) unknown.push(name);
  }
  return unknown;
}

/** The template with its variables filled (call only after unknownVariables found none). */
export function fill(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string | undefined) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    const value = vars[name!];
    if (value === undefined) throw new Error(`unknown variable {${name}}`);
    return value;
  });
}
