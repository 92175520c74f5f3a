/**
 * Differences between two previews: added, removed and changed resources, with the
 * properties that changed, as text or as Markdown for a pull-request comment. Pure.
 */
import type { PreviewResult } from "./preview";

type Resource = PreviewResult["resources"][number];

export interface PropertyChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface ResourceDiff {
  readonly added: readonly Resource[];
  readonly removed: readonly Resource[];
  readonly changed: readonly { readonly urn: string; readonly type: string; readonly changes: readonly PropertyChange[] }[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Leaf-level differences between two input trees; arrays compare by index. */
export function propertyChanges(before: unknown, after: unknown, path = ""): PropertyChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => propertyChanges(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => propertyChanges(before[i], after[i], `${path}[${i}]`)).flat();
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}

export function diffPreviews(before: Pick<PreviewResult, "resources">, after: Pick<PreviewResult, "resources">): ResourceDiff {
  const old = new Map(before.resources.map((r) => [r.urn, r]));
  const now = new Map(after.resources.map((r) => [r.urn, r]));
  const byUrn = (a: { urn: string }, b: { urn: string }) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);
  return {
    added: after.resources.filter((r) => !old.has(r.urn)).sort(byUrn),
    removed: before.resources.filter((r) => !now.has(r.urn)).sort(byUrn),
    changed: after.resources
      .filter((r) => old.has(r.urn))
      .map((r) => ({ urn: r.urn, type: r.type, changes: propertyChanges(old.get(r.urn)!.inputs, r.inputs) }))
      .filter((c) => c.changes.length > 0)
      .sort(byUrn),
  };
}

const show = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value));
const shortName = (urn: string) => urn.split("::").pop() ?? urn;

export function renderDiffText(diff: ResourceDiff): string {
  const lines = [`${diff.added.length} to add, ${diff.changed.length} to change, ${diff.removed.length} to remove`];
  for (const r of diff.added) lines.push(`+ ${r.type} ${r.name}`);
  for (const r of diff.removed) lines.push(`- ${r.type} ${r.name}`);
  for (const c of diff.changed) {
    lines.push(`~ ${c.type} ${shortName(c.urn)}`);
    for (const p of c.changes) lines.push(`    ${p.path}: ${show(p.before)} => ${show(p.after)}`);
  }
  return lines.join("\n");
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderDiffMarkdown(diff: ResourceDiff, title = "Infrastructure preview"): string {
  const lines = [`### ${title}`, "", `**${diff.added.length}** to add, **${diff.changed.length}** to change, **${diff.removed.length}** to remove.`];
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) return `${lines.join("\n")}\n`;
  lines.push("", "| | type | resource | changes |", "| --- | --- | --- | --- |");
  for (const r of diff.added) lines.push(`| ➕ | \`${r.type}\` | ${cell(r.name)} | |`);
  for (const r of diff.removed) lines.push(`| ➖ | \`${r.type}\` | ${cell(r.name)} | |`);
  for (const c of diff.changed) lines.push(`| ✏️ | \`${c.type}\` | ${cell(shortName(c.urn))} | ${c.changes.map((p) => `\`${cell(p.path)}\`: ${cell(show(p.before))} → ${cell(show(p.after))}`).join("<br>")} |`);
  return `${lines.join("\n")}\n`;
}
