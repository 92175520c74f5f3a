/** A person's view of a preview: what would be created, by domain, tenant and type. Pure. */
import { tagValue } from "../network-rules/rules";
import type { PreviewResult } from "./preview";

type Resource = PreviewResult["resources"][number];

function labels(resource: Resource): Record<string, string> {
  return (resource.inputs.metadata as { labels?: Record<string, string> } | undefined)?.labels ?? {};
}

export function domainOf(resource: Resource): string {
  return (
    tagValue(resource, "domain") ??
    labels(resource)["govcloud/domain"] ??
    (tagValue(resource, "role") === "internet-exit" ? "exit" : "—")
  );
}

export function tenantOf(resource: Resource): string {
  return tagValue(resource, "department") ?? labels(resource)["govcloud/department"] ?? "platform";
}

function countBy(resources: readonly Resource[], key: (r: Resource) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function block(title: string, rows: [string, number][]): string[] {
  const width = Math.max(...rows.map(([k]) => k.length), 4);
  return [title, ...rows.map(([k, n]) => `  ${k.padEnd(width)}  ${String(n).padStart(6)}`)];
}

export function renderSummary(result: PreviewResult): string {
  const created = result.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
  const lines = [
    `stack ${result.stack}: ${created.length} resources would be created`,
    "",
    ...block("by domain:", countBy(created, domainOf)),
    "",
    ...block("by tenant:", countBy(created, tenantOf)),
    "",
    ...block(
      "by type:",
      countBy(created, (r) => r.type),
    ),
    "",
  ];
  if (result.violations.length === 0) lines.push("network rules: no violations");
  else {
    lines.push(`network rules: ${result.violations.length} violation(s)`);
    for (const v of result.violations) lines.push(`  [${v.rule}] ${v.message}\n    ${v.urn}`);
  }
  return lines.join("\n");
}
