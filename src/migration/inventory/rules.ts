/**
 * Cross-record rules: what no single record's schema can see. They run once on the
 * merged dataset, after every file has been read, and report with each record's origin.
 */
import type { Diagnostic } from "./diagnostics";
import { formatLocation } from "./diagnostics";
import type { Department, Room, Section, System } from "./model";
import { recordDiagnostic, type RecordOrigin } from "./origin";
import type { Checked, CheckedSections } from "./sections";
import { didYouMean, SuggestionBudget } from "./suggest";
import { checkSystems } from "./system-rules";

/** Comparisons "did you mean" may make across one dataset's references (a few seconds at most). */
const SUGGESTION_BUDGET = 1_000_000;

export function checkCrossRecordRules(all: CheckedSections, policies: number, diagnostics: Diagnostic[]): void {
  const ids = new DatasetIds(all, diagnostics);
  checkDepartments(all.departments, ids, diagnostics);
  checkRooms(all.rooms, ids, diagnostics);
  checkSystems(all.systems, ids, diagnostics);
  if (all.policy) checkPolicyRecord(all.policy, policies, ids, diagnostics);
}

/**
 * The ids a dataset's references resolve against: each section's records by id (a duplicate
 * id is reported as the index is built, and the first record kept), and the ids of records
 * that failed their schema, which resolve too (their error is reported already).
 */
export class DatasetIds {
  readonly departments: Map<string, Checked<Department>>;
  readonly rooms: Map<string, Checked<Room>>;
  readonly systems: Map<string, Checked<System>>;
  private readonly budget = new SuggestionBudget(SUGGESTION_BUDGET);
  /** Every id written per section, for suggestions: built once, on the first unknown reference that needs it. */
  private readonly written = new Map<Section, readonly string[]>();

  constructor(
    private readonly all: CheckedSections,
    diagnostics: Diagnostic[],
  ) {
    this.departments = indexById("departments", all.departments, diagnostics);
    this.rooms = indexById("rooms", all.rooms, diagnostics);
    this.systems = indexById("systems", all.systems, diagnostics);
  }

  has(section: Section, id: string): boolean {
    return this.index(section).has(id) || this.all.rejectedIds[section].has(id);
  }

  /** The error for a reference to an id the section does not have, with a "did you mean" when one is close. */
  unknownReference(origin: RecordOrigin, field: (string | number)[], section: Section, noun: string, id: string) {
    const suggestion = didYouMean(id, this.idsWritten(section), this.budget);
    return recordDiagnostic(
      origin,
      "error",
      field,
      `unknown ${noun} "${id}"${suggestion ? `; ${suggestion}` : ""}`,
      suggestion ? "correct the id" : `add the ${noun} to the inventory, or correct the id`,
    );
  }

  private index(section: Section): Map<string, unknown> {
    return section === "departments" ? this.departments : section === "rooms" ? this.rooms : this.systems;
  }

  private idsWritten(section: Section): readonly string[] {
    let list = this.written.get(section);
    if (!list) this.written.set(section, (list = [...this.index(section).keys(), ...this.all.rejectedIds[section]]));
    return list;
  }
}

/** A department's parent: not itself, known, and no cycle through the parents. */
function checkDepartments(records: readonly Checked<Department>[], ids: DatasetIds, diagnostics: Diagnostic[]): void {
  for (const { record, origin } of records) {
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
    else if (!ids.has("departments", record.parent))
      diagnostics.push(ids.unknownReference(origin, ["parent"], "departments", "department", record.parent));
  }
  checkParentCycles(records, ids.departments, diagnostics);
}

/** A room's department, when it names one, is known. */
function checkRooms(records: readonly Checked<Room>[], ids: DatasetIds, diagnostics: Diagnostic[]): void {
  for (const { record, origin } of records) {
    if (record.department !== undefined && !ids.has("departments", record.department)) {
      diagnostics.push(ids.unknownReference(origin, ["department"], "departments", "department", record.department));
    }
  }
}

/**
 * One policy for the dataset, its dates in order, and the rooms it keeps as the cloud's own
 * site known: they are room ids, and a slip would silently close the cloud's room.
 */
function checkPolicyRecord(
  policy: NonNullable<CheckedSections["policy"]>,
  policies: number,
  ids: DatasetIds,
  diagnostics: Diagnostic[],
): void {
  const { record, origin } = policy;
  if (policies > 1) {
    diagnostics.push(
      recordDiagnostic(
        origin,
        "error",
        [],
        `the dataset has ${policies} policies; only one file may set policy`,
        "keep one policy section and delete the others",
      ),
    );
  }
  checkPolicy(record, origin, diagnostics);
  (record.rules?.decommission.cloudSiteRooms ?? []).forEach((room, index) => {
    if (!ids.has("rooms", room))
      diagnostics.push(
        ids.unknownReference(origin, ["rules", "decommission", "cloudSiteRooms", index], "rooms", "room", room),
      );
  });
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
