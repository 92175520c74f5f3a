/**
 * The 服务器分组 cell: one server group a part, separated by ；, each part's fields by ，:
 * the role (数据库服务器 or db), N台, N核, 内存N GB, 存储N GB and the operating system.
 * Written by the form writer, read back by the form reader: the round trip keeps every
 * group and its role.
 */
import type { ServerGroup } from "../model";
import { labelOf, lookupLabel, SERVER_ROLES } from "../vocabulary";

export function writeServerGroups(groups: readonly ServerGroup[]): string | null {
  // One group of unknown role is what the totals say already: the cell stays empty.
  if (groups.length === 1 && groups[0]!.role === undefined) return null;
  return groups
    .map((g) =>
      [
        g.role === undefined ? undefined : labelOf(SERVER_ROLES, g.role),
        `${g.count}台`,
        `${g.cores}核`,
        `内存${g.memoryGb}GB`,
        `存储${g.diskGb}GB`,
        g.os,
      ]
        .filter((part) => part !== undefined)
        .join("，"),
    )
    .join("；");
}

export type ReadGroups =
  | { readonly ok: true; readonly groups: Record<string, unknown>[] }
  | { readonly ok: false; readonly message: string; readonly fix: string };

const FIELDS: readonly [RegExp, "count" | "cores" | "memoryGb" | "diskGb"][] = [
  [/^(\d+)\s*台$/, "count"],
  [/^(\d+)\s*核$/, "cores"],
  [/^内存\s*(\d+(?:\.\d+)?)\s*(?:G|GB)$/i, "memoryGb"],
  [/^存储\s*(\d+(?:\.\d+)?)\s*(?:G|GB)$/i, "diskGb"],
];

export function readServerGroups(cell: string): ReadGroups {
  const example =
    "应用服务器，2台，16核，内存32GB，存储400GB，CentOS 7.2；数据库服务器，1台，16核，内存64GB，存储2000GB，CentOS 7.2";
  const groups: Record<string, unknown>[] = [];
  for (const [index, part] of cell
    .split(/[；;]/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .entries()) {
    const group: Record<string, unknown> = {};
    for (const field of part
      .split(/[，,]/)
      .map((f) => f.trim())
      .filter((f) => f !== "")) {
      const role = lookupLabel(SERVER_ROLES, field);
      const numeric = FIELDS.find(([pattern]) => pattern.test(field));
      if (role !== undefined && group.role === undefined && Object.keys(group).length === 0) group.role = role;
      else if (numeric) group[numeric[1]] = Number(numeric[0].exec(field)![1]);
      else if (group.os === undefined) group.os = field;
      else
        return {
          ok: false,
          message:
            `group ${index + 1} ("${part}"): cannot tell what "${field}" is ` +
            `(the operating system is already ` +
            `"${typeof group.os === "string" ? group.os : JSON.stringify(group.os)}")`,
          fix: `write each group as role，N台，N核，内存N GB，存储N GB，operating system, groups separated by ；, e.g. ${example}`,
        };
    }
    const missing = (["count", "cores", "memoryGb", "diskGb"] as const).filter((f) => group[f] === undefined);
    if (missing.length > 0) {
      const words = { count: "N台", cores: "N核", memoryGb: "内存N GB", diskGb: "存储N GB" };
      return {
        ok: false,
        message: `group ${index + 1} ("${part}") lacks ${missing.map((f) => words[f]).join("、")}`,
        fix: `write each group as role，N台，N核，内存N GB，存储N GB，operating system, e.g. ${example}`,
      };
    }
    groups.push(group);
  }
  return { ok: true, groups };
}
