/**
 * Systems that exist in the name of a sub-unit (内设机构). The seeds ask each department to
 * integrate its scattered systems into one interconnected "big system" and to leave no
 * independent system in the name of a single sub-unit (seed 000 §二(三): 基本消除以单个
 * 内设机构、所属单位名义存在的独立信息系统; seed 003 重点任务之六: 杜绝以单个司局、处室名义
 * 存在的独立信息系统). The inventory says so in two ways:
 * - the system's usage scope is one sub-unit (usageScope: subunit, 使用范围 内设机构): it
 *   serves that office alone (its subUnit names the office, when given);
 * - its department is named as a sub-unit is (…科, …股): an office of a department entered
 *   as a department of its own, as forms often do. Departments, bureaux, towns and their
 *   affiliated bodies are named …局, …委, …办, …中心, …镇; an internal office …科 or …股.
 * A subUnit alone is not such a sign: it says which office runs a system the department or
 * the region uses. The check warns and never fails validation: integrating the system is
 * the department's decision, the plan's classification shows where it goes.
 */
import type { Diagnostic } from "./diagnostics";
import type { Department, System } from "./model";
import { recordDiagnostic, type RecordOrigin } from "./origin";
import { labelOf, USAGE_SCOPES } from "./vocabulary";

export const SUB_UNIT_RULE_SOURCE = "seed 000 §二(三), seed 003 重点任务之六";

/** How a sub-unit's name ends: 科 (a section of a bureau), 股 (of a district or town office). */
const SUB_UNIT_NAME = /[科股]$/u;

export type SubUnitSign =
  | { readonly kind: "scope"; readonly subUnit: string | undefined }
  | { readonly kind: "department"; readonly subUnit: string };

/** Why a system exists in the name of a sub-unit, or undefined when it does not. */
export function subUnitSign(system: System, department: Department | undefined): SubUnitSign | undefined {
  if (department && SUB_UNIT_NAME.test(department.name.trim())) return { kind: "department", subUnit: department.name };
  if (system.usageScope === "subunit") return { kind: "scope", subUnit: system.subUnit };
  return undefined;
}

/**
 * The department a sub-unit entered as a department belongs to, by name: the one whose name
 * its own begins with, the longest (区民政局 for 区民政局救灾科). Forms give no parent.
 */
export function ownerByName(subUnit: Department, departments: readonly Department[]): Department | undefined {
  let owner: Department | undefined;
  for (const candidate of departments) {
    const name = candidate.name.trim();
    if (candidate.id === subUnit.id || name.length < 2 || name.length >= subUnit.name.trim().length) continue;
    if (subUnit.name.trim().startsWith(name) && (!owner || name.length > owner.name.trim().length)) owner = candidate;
  }
  return owner;
}

/** `department` is the system's department record; `ownerOf` finds the department above one (its parent). */
export function checkSubUnitSystem(
  system: System,
  origin: RecordOrigin,
  department: Department | undefined,
  ownerOf: (department: Department) => Department | undefined,
  diagnostics: Diagnostic[],
): void {
  const sign = subUnitSign(system, department);
  if (!sign) return;
  const rule = `the seeds leave no independent system in the name of a single sub-unit (${SUB_UNIT_RULE_SOURCE})`;
  if (sign.kind === "department") {
    const owner = department ? ownerOf(department) : undefined;
    const home = owner ? owner.name : "the department the office belongs to";
    diagnostics.push(
      recordDiagnostic(
        origin,
        "warning",
        ["department"],
        `exists in the name of a sub-unit: its department "${sign.subUnit}" has the name of a sub-unit ` +
          `(内设机构, …科/…股); ${rule}`,
        `enter the system under ${home}, with the office as its sub-unit ` +
          `(内设机构), and plan to integrate it into that department's one big system (大系统)`,
      ),
    );
    return;
  }
  const office = sign.subUnit ? ` (${sign.subUnit})` : "";
  diagnostics.push(
    recordDiagnostic(
      origin,
      "warning",
      ["usageScope"],
      `exists in the name of a sub-unit${office}: its usage scope is ${labelOf(USAGE_SCOPES, "subunit")}; ${rule}`,
      "integrate it into the department's one big system (大系统), or correct the usage scope if the whole " +
        "department uses it",
    ),
  );
}
