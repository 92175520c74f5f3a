/**
 * Renders an inventory as the canonical YAML files of a dataset folder: departments.yaml,
 * rooms.yaml, policy.yaml (when set) and systems/<department>.yaml. Keys follow the
 * schema's order, empty lists are left out, and every id that refers to another record
 * carries that record's name as a comment, so the files read well with derived ids.
 * Pure: returns file contents; the caller writes them.
 */
import { Document, isMap, isScalar, isSeq, type Node } from "yaml";
import type { z } from "zod";
import {
  DepartmentSchema,
  PolicySchema,
  PrivateLineSchema,
  RetainSchema,
  RoomSchema,
  ServerGroupSchema,
  SystemSchema,
  type Inventory,
} from "./model";
import { emitBlockYaml } from "./yaml-emit";

/** Nested objects and the schema whose key order they follow. */
const NESTED: Record<string, z.ZodObject> = {
  servers: ServerGroupSchema,
  retain: RetainSchema,
  privateLines: PrivateLineSchema,
  placement: SystemSchema.shape.placement.unwrap(),
};

function ordered(schema: z.ZodObject, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const item = value[key];
    if (item === undefined || (Array.isArray(item) && item.length === 0)) continue;
    const nested = NESTED[key];
    if (nested && Array.isArray(item))
      out[key] = item.map((entry) => ordered(nested, entry as Record<string, unknown>));
    else if (nested && typeof item === "object" && item !== null)
      out[key] = ordered(nested, item as Record<string, unknown>);
    else out[key] = item;
  }
  return out;
}

export interface RenderOptions {
  /** The `# yaml-language-server: $schema=…` line for a file in the given subfolder ("" or "systems"). */
  readonly modeline: (subfolder: string) => string;
  /** Says where the data came from, in each file's header. */
  readonly provenance: string;
  /** Always write through the `yaml` library, never the fast writer (the reference the tests compare against). */
  readonly libraryOnly?: boolean;
}

/** Relative path → file contents, in a stable order. */
export function renderInventoryFiles(inventory: Inventory, options: RenderOptions): Map<string, string> {
  const names = new Map<string, string>();
  for (const record of [...inventory.departments, ...inventory.rooms, ...inventory.systems])
    names.set(record.id, record.name);
  const files = new Map<string, string>();
  const render = (subfolder: string, title: string, content: Record<string, unknown>) => {
    const header = ` ${title}\n ${options.provenance}`;
    const fast = options.libraryOnly
      ? undefined
      : emitBlockYaml(content, header, (key, value) =>
          REFERENCE_KEYS.has(key) && typeof value === "string" && names.has(value) ? ` ${names.get(value)}` : undefined,
        );
    const text = fast ?? renderWithLibrary(content, header, names);
    return `${options.modeline(subfolder)}\n${text}`;
  };
  const byId = <T extends { id: string }>(list: readonly T[]) =>
    [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (inventory.policy)
    files.set(
      "policy.yaml",
      render("", "Policy: deadlines, cutover windows, capacity.", { policy: ordered(PolicySchema, inventory.policy) }),
    );
  files.set(
    "departments.yaml",
    render("", "Departments and towns.", {
      departments: byId(inventory.departments).map((d) => ordered(DepartmentSchema, d)),
    }),
  );
  files.set(
    "rooms.yaml",
    render("", "Server rooms to be emptied.", { rooms: byId(inventory.rooms).map((r) => ordered(RoomSchema, r)) }),
  );
  const byDepartment = new Map<string, Record<string, unknown>[]>();
  for (const system of byId(inventory.systems)) {
    const list = byDepartment.get(system.department) ?? [];
    list.push(ordered(SystemSchema, system));
    byDepartment.set(system.department, list);
  }
  for (const department of [...byDepartment.keys()].sort()) {
    const title = `Systems of ${names.get(department) ?? department}.`;
    files.set(`systems/${department}.yaml`, render("systems", title, { systems: byDepartment.get(department)! }));
  }
  return files;
}

const REFERENCE_KEYS = new Set(["department", "parent", "serverRoom", "dependsOn", "duplicates"]);

/** The general path (and the reference for emitBlockYaml): a `yaml` Document, annotated. */
function renderWithLibrary(
  content: Record<string, unknown>,
  header: string,
  names: ReadonlyMap<string, string>,
): string {
  const doc = new Document(content);
  annotateReferences(doc.contents, names);
  doc.commentBefore = header;
  return doc.toString({ lineWidth: 0 });
}

function annotateReferences(node: unknown, names: ReadonlyMap<string, string>): void {
  if (isSeq(node)) for (const item of node.items) annotateReferences(item, names);
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key === "string" && REFERENCE_KEYS.has(key)) {
      const targets: Node[] = isSeq(pair.value) ? (pair.value.items as Node[]) : [pair.value as Node];
      for (const target of targets) {
        if (isScalar(target) && typeof target.value === "string" && names.has(target.value))
          target.comment = ` ${names.get(target.value)}`;
      }
    } else annotateReferences(pair.value, names);
  }
}
