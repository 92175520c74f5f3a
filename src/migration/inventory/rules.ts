/**
 * Cross-record rules: what no single record's schema can see. They run once on the
 * merged dataset, after every file has been read, and report with each record's origin.
 */
import type { Diagnostic } from "./diagnostics";
import { formatLocation } from "./diagnostics";
import type { Department, Section, System } from "./model";
import { recordDiagnostic, type RecordOrigin } from "./origin";
import type { Checked, CheckedSections } from "./sections";
import { checkSubUnitSystem, ownerByName } from "./sub-unit";
import { didYouMean, SuggestionBudget } from "./suggest";

/** Comparisons "did you mean" may make across one dataset's references (a few seconds at most). */
const SUGGESTION_BUDGET = 1_000_000;

export function checkCrossRecordRules(all: CheckedSections, policies: number, diagnostics: Diagnostic[]): void {
  const budget = new SuggestionBudget(SUGGESTION_BUDGET);
  const unknownReference = (
    origin: RecordOrigin,
    field: (string | number)[],
    noun: string,
    id: string,
    known: readonly string[],
  ): Diagnostic => {
    const suggestion = didYouMean(id, known, budget);
    return recordDiagnostic(
      origin,
      "error",
      field,
      `unknown ${noun} "${id}"${suggestion ? `; ${suggestion}` : ""}`,
      suggestion ? "correct the id" : `add the ${noun} to the inventory, or correct the id`,
    );
  };
  const departments = indexById("departments", all.departments, diagnostics);
  const rooms = indexById("rooms", all.rooms, diagnostics);
  const systems = indexById("systems", all.systems, diagnostics);

  const resolve = (section: Section, index: Map<string, unknown>) => (id: string) =>
    index.has(id) || all.rejectedIds[section].has(id);
  // Suggestions come from every id written, including records that failed their schema;
  // each list is built once, on the first unknown reference that needs it.
  const lists = new Map<Section, readonly string[]>();
  const ids = (section: Section, index: Map<string, unknown>) => {
    let list = lists.get(section);
    if (!list) lists.set(section, (list = [...index.keys(), ...all.rejectedIds[section]]));
    return list;
  };
  const knownDepartment = resolve("departments", departments);
  const knownRoom = resolve("rooms", rooms);
  const knownSystem = resolve("systems", systems);

  for (const { record, origin } of all.departments) {
    if (record.parent === undefined) continue;
    if (record.parent === record.id)
      diagnostics.push(
        recordDiagnostic(
          origin,
          "error",
          ["parent"],
          "a department cannot be its own parent",
          "remove parent or name the department above it",
        ),
      );
    else if (!knownDepartment(record.parent))
      diagnostics.push(
        unknownReference(origin, ["parent"], "department", record.parent, ids("departments", departments)),
      );
  }
  checkParentCycles(all.departments, departments, diagnostics);

  for (const { record, origin } of all.rooms) {
    if (record.department !== undefined && !knownDepartment(record.department)) {
      diagnostics.push(
        unknownReference(origin, ["department"], "department", record.department, ids("departments", departments)),
      );
    }
  }

  let everyDepartment: Department[] | undefined;
  const ownerOf = (department: Department) =>
    department.parent === undefined
      ? ownerByName(department, (everyDepartment ??= [...departments.values()].map((entry) => entry.record)))
      : departments.get(department.parent)?.record;
  for (const { record, origin } of all.systems) {
    if (!knownDepartment(record.department))
      diagnostics.push(
        unknownReference(origin, ["department"], "department", record.department, ids("departments", departments)),
      );
    if (!knownRoom(record.serverRoom))
      diagnostics.push(unknownReference(origin, ["serverRoom"], "server room", record.serverRoom, ids("rooms", rooms)));
    const unknownSystem = (field: (string | number)[], target: string) =>
      unknownReference(origin, field, "system", target, ids("systems", systems));
    checkSystemLinks(record, origin, "dependsOn", systems, knownSystem, unknownSystem, diagnostics);
    checkSystemLinks(record, origin, "duplicates", systems, knownSystem, unknownSystem, diagnostics);
    checkSystemRecord(record, origin, diagnostics);
    checkSubUnitSystem(record, origin, departments.get(record.department)?.record, ownerOf, diagnostics);
  }

  if (policies > 1 && all.policy) {
    diagnostics.push(
      recordDiagnostic(
        all.policy.origin,
        "error",
        [],
        `the dataset has ${policies} policies; only one file may set policy`,
        "keep one policy section and delete the others",
      ),
    );
  }
  if (all.policy) {
    checkPolicy(all.policy.record, all.policy.origin, diagnostics);
    // Rooms kept as the cloud's own site are room ids: a slip would silently close the cloud's room.
    const { origin } = all.policy;
    (all.policy.record.rules?.decommission.cloudSiteRooms ?? []).forEach((room, index) => {
      if (!knownRoom(room))
        diagnostics.push(
          unknownReference(
            origin,
            ["rules", "decommission", "cloudSiteRooms", index],
            "room",
            room,
            ids("rooms", rooms),
          ),
        );
    });
  }
}

function indexById<T extends { id: string }>(
  section: Section,
  records: readonly Checked<T>[],
  diagnostics: Diagnostic[],
): Map<string, Checked<T>> {
  const index = new Map<string, Checked<T>>();
  const noun = section === "systems" ? "system" : section === "rooms" ? "server room" : "department";
  for (const entry of records) {
    const first = index.get(entry.record.id);
    if (first) {
      diagnostics.push(
        recordDiagnostic(
          entry.origin,
          "error",
          ["id"],
          `duplicate ${noun} id "${entry.record.id}", first defined at ${formatLocation(first.origin.locate(["id"]))}`,
          `give each ${noun} its own id`,
        ),
      );
    } else index.set(entry.record.id, entry);
  }
  return index;
}

function checkSystemLinks(
  system: System,
  origin: RecordOrigin,
  field: "dependsOn" | "duplicates",
  systems: Map<string, Checked<System>>,
  known: (id: string) => boolean,
  unknown: (field: (string | number)[], target: string) => Diagnostic,
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
    } else if (!known(target)) {
      diagnostics.push(unknown([field, index], target));
    }
  });
  if (field !== "dependsOn" || system.classified) return;
  system.dependsOn.forEach((target, index) => {
    const dependency = systems.get(target)?.record;
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

function checkSystemRecord(system: System, origin: RecordOrigin, diagnostics: Diagnostic[]): void {
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

function checkParentCycles(
  records: readonly Checked<Department>[],
  index: Map<string, Checked<Department>>,
  diagnostics: Diagnostic[],
): void {
  const reported = new Set<string>();
  for (const { record, origin } of records) {
    const seen = new Set<string>([record.id]);
    let current = record.parent === undefined ? undefined : index.get(record.parent)?.record;
    while (current && current.id !== record.id) {
      if (seen.has(current.id)) break; // a cycle further up: reported from its own members
      seen.add(current.id);
      current = current.parent === undefined ? undefined : index.get(current.parent)?.record;
    }
    if (current && current.id === record.id && record.parent !== record.id && !reported.has(record.id)) {
      for (const id of seen) reported.add(id);
      diagnostics.push(
        recordDiagnostic(
          origin,
          "error",
          ["parent"],
          `departments form a cycle through their parents: ${[...seen].join(" → ")} → ${record.id}`,
          "one of them must have no parent or another parent",
        ),
      );
    }
  }
}

function checkPolicy(
  policy: NonNullable<CheckedSections["policy"]>["record"],
  origin: RecordOrigin,
  diagnostics: Diagnostic[],
): void {
  policy.deadlines.forEach((deadline, index) => {
    if (deadline.date <= policy.planningStart) {
      diagnostics.push(
        recordDiagnostic(
          origin,
          "error",
          ["deadlines", index, "date"],
          `deadline ${deadline.date} is not after planningStart ${policy.planningStart}`,
          "move planningStart earlier or the deadline later",
        ),
      );
    }
    const previous = index > 0 ? policy.deadlines[index - 1] : undefined;
    if (previous && deadline.date <= previous.date) {
      diagnostics.push(
        recordDiagnostic(
          origin,
          "error",
          ["deadlines", index, "date"],
          `deadlines must be in date order: ${deadline.date} comes after ${previous.date}`,
          "sort the deadlines by date",
        ),
      );
    } else if (previous && deadline.sharePct < previous.sharePct) {
      diagnostics.push(
        recordDiagnostic(
          origin,
          "error",
          ["deadlines", index, "sharePct"],
          `${deadline.sharePct} % is less than the earlier deadline's ${previous.sharePct} %`,
          "a later deadline cannot require a smaller share",
        ),
      );
    }
  });
  const milestones = policy.milestones;
  if (milestones && milestones.planApprovedBy < milestones.inventoryBy) {
    diagnostics.push(
      recordDiagnostic(
        origin,
        "error",
        ["milestones", "planApprovedBy"],
        `the plan is approved (${milestones.planApprovedBy}) before the census ends (${milestones.inventoryBy})`,
        "the classification and the plan follow the census: move planApprovedBy after inventoryBy",
      ),
    );
  }
  const last = policy.deadlines[policy.deadlines.length - 1];
  if (last && last.sharePct < 100) {
    diagnostics.push(
      recordDiagnostic(
        origin,
        "warning",
        ["deadlines", policy.deadlines.length - 1, "sharePct"],
        `the last deadline requires only ${last.sharePct} %: nothing requires every system to move`,
        "add a final deadline at 100 % (应上尽上)",
      ),
    );
  }
}
