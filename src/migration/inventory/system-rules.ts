/**
 * The rules on each system: its references (department, server room, the systems it
 * depends on or duplicates), what its own fields say together (classification and network,
 * a retain exception's approval, usage figures that contradict each other), and whether it
 * exists in the name of a sub-unit.
 */
import type { Diagnostic } from "./diagnostics";
import type { Department, System } from "./model";
import { recordDiagnostic, type RecordOrigin } from "./origin";
import type { DatasetIds } from "./rules";
import type { Checked } from "./sections";
import { checkSubUnitSystem, ownerByName } from "./sub-unit";

export function checkSystems(records: readonly Checked<System>[], ids: DatasetIds, diagnostics: Diagnostic[]): void {
  let everyDepartment: Department[] | undefined;
  const ownerOf = (department: Department) =>
    department.parent === undefined
      ? ownerByName(department, (everyDepartment ??= [...ids.departments.values()].map((entry) => entry.record)))
      : ids.departments.get(department.parent)?.record;
  for (const { record, origin } of records) {
    checkPlace(record, origin, ids, diagnostics);
    checkLinks(record, origin, "dependsOn", ids, diagnostics);
    checkClassifiedDependencies(record, origin, ids, diagnostics);
    checkLinks(record, origin, "duplicates", ids, diagnostics);
    checkSystemRecord(record, origin, diagnostics);
    checkSubUnitSystem(record, origin, ids.departments.get(record.department)?.record, ownerOf, diagnostics);
  }
}

/** Its department and server room are known. */
function checkPlace(system: System, origin: RecordOrigin, ids: DatasetIds, diagnostics: Diagnostic[]): void {
  if (!ids.has("departments", system.department))
    diagnostics.push(ids.unknownReference(origin, ["department"], "departments", "department", system.department));
  if (!ids.has("rooms", system.serverRoom))
    diagnostics.push(ids.unknownReference(origin, ["serverRoom"], "rooms", "server room", system.serverRoom));
}

/** Each system it depends on or duplicates is another system, and a known one. */
function checkLinks(
  system: System,
  origin: RecordOrigin,
  field: "dependsOn" | "duplicates",
  ids: DatasetIds,
  diagnostics: Diagnostic[],
): void {
  system[field].forEach((target, index) => {
    if (target === system.id) {
      diagnostics.push(
        recordDiagnostic(
          origin,
          "error",
          [field, index],
          `a system cannot list itself in ${field}`,
          "remove the entry",
        ),
      );
    } else if (!ids.has("systems", target)) {
      diagnostics.push(ids.unknownReference(origin, [field, index], "systems", "system", target));
    }
  });
}

/** A system bound for the cloud depends on nothing of the classified intranet: the cloud has no path there. */
function checkClassifiedDependencies(
  system: System,
  origin: RecordOrigin,
  ids: DatasetIds,
  diagnostics: Diagnostic[],
): void {
  if (system.classified) return;
  system.dependsOn.forEach((target, index) => {
    const dependency = ids.systems.get(target)?.record;
    if (dependency && (dependency.classified || dependency.hostingNetwork === "intranet")) {
      diagnostics.push(
        recordDiagnostic(
          origin,
          "error",
          ["dependsOn", index],
          `depends on "${target}" (${dependency.name}), a system of the classified intranet; ` +
            `the cloud has no path to the classified intranet`,
          "remove the dependency and exchange the data through an approved offline channel, or mark this system " +
            "classified too",
        ),
      );
    }
  });
}

/** The rules on a system's own fields, read together. */
function checkSystemRecord(system: System, origin: RecordOrigin, diagnostics: Diagnostic[]): void {
  checkClassification(system, origin, diagnostics);
  checkRetainApproval(system, origin, diagnostics);
  checkUsageFigures(system, origin, diagnostics);
  checkPublicOnPrivateNetwork(system, origin, diagnostics);
}

/** A classified system stays off the internet and away from the public; an intranet system is classified. */
function checkClassification(system: System, origin: RecordOrigin, diagnostics: Diagnostic[]): void {
  if (system.classified && system.hostingNetwork === "internet") {
    diagnostics.push(
      recordDiagnostic(
        origin,
        "error",
        ["hostingNetwork"],
        "a classified system cannot be hosted on the internet",
        "correct hostingNetwork to intranet, or classified to false if the system is not classified",
      ),
    );
  }
  if (system.classified && system.publicFacing) {
    diagnostics.push(
      recordDiagnostic(
        origin,
        "error",
        ["publicFacing"],
        "a classified system cannot serve the public",
        "correct publicFacing to false, or classified to false",
      ),
    );
  }
  if (!system.classified && system.hostingNetwork === "intranet") {
    diagnostics.push(
      recordDiagnostic(
        origin,
        "warning",
        ["classified"],
        "hosted on the classified intranet but not marked classified; it will be planned for the cloud",
        "set classified: true if it is classified",
      ),
    );
  }
}

/** A retain exception names its approval (暂不迁移批文): without one the system must migrate. */
function checkRetainApproval(system: System, origin: RecordOrigin, diagnostics: Diagnostic[]): void {
  if (system.retain && !system.retain.approvalRef) {
    diagnostics.push(
      recordDiagnostic(
        origin,
        "error",
        ["retain"],
        "a retain exception must name its approval (暂不迁移批文)",
        "add retain.approvalRef with the approval's document number, or remove retain so the system migrates",
      ),
    );
  }
}

/** CPU figures and O&M status that contradict each other or the usage: the planner reads them for zombies. */
function checkUsageFigures(system: System, origin: RecordOrigin, diagnostics: Diagnostic[]): void {
  if (system.cpuAvgPct !== undefined && system.cpuPeakPct !== undefined && system.cpuPeakPct < system.cpuAvgPct) {
    diagnostics.push(
      recordDiagnostic(
        origin,
        "error",
        ["cpuPeakPct"],
        `peak CPU ${system.cpuPeakPct} % is below the average ${system.cpuAvgPct} %`,
        "the two values are probably swapped",
      ),
    );
  }
  if (system.cpuAvgPct === 0 && system.usageFrequency === "daily") {
    diagnostics.push(
      recordDiagnostic(
        origin,
        "warning",
        ["cpuAvgPct"],
        "0 % average CPU for a system used daily",
        "check the measurement: the planner reads idle CPU as a sign of a zombie system",
      ),
    );
  }
  if (system.omStatus === "stopped" && (system.usageFrequency === "daily" || system.usageFrequency === "weekly")) {
    diagnostics.push(
      recordDiagnostic(
        origin,
        "warning",
        ["omStatus"],
        `O&M stopped for a system used ${system.usageFrequency}`,
        "check omStatus and usageFrequency: a stopped system is a zombie candidate",
      ),
    );
  }
}

/** A public service on a business private network is probably a mistyped network. */
function checkPublicOnPrivateNetwork(system: System, origin: RecordOrigin, diagnostics: Diagnostic[]): void {
  if (system.publicFacing && system.hostingNetwork === "private") {
    diagnostics.push(
      recordDiagnostic(
        origin,
        "warning",
        ["publicFacing"],
        "public-facing but hosted on a business private network",
        "check hostingNetwork: public services usually run on the internet or the extranet",
      ),
    );
  }
}
