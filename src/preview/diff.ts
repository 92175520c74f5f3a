/**
 * Differences between two previews as a platform engineer needs them before `pulumi up`:
 * what is added, updated in place, replaced (deleted and created again, with a new id) or
 * deleted, which fields force each replacement (replacement.ts), and which deletions and
 * replacements lose data (stateful or protected resources, listed first). Rendered as text,
 * or as Markdown that always fits in a pull-request comment. Pure.
 */
import type { PreviewResult } from "./preview";
import { atRisk, pathEffect, rulesFor, type PathEffect } from "./replacement";
import { sameValue, showValue } from "./values";
import { mockId } from "./mock-id";

/** A preview's resource; `protect` is read when the preview records it. */
type Resource = PreviewResult["resources"][number] & { readonly protect?: boolean };

export type Key = string | number;

export interface PropertyChange {
  readonly path: string;
  /** The path as keys (array positions as numbers), for matching rules without parsing `path`. */
  readonly keys: readonly Key[];
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * Nesting below which values are compared whole: real inputs are a few levels deep, and
 * a recursive walk of a value nested thousands deep (input is untrusted) would overflow.
 */
export const MAX_DEPTH = 32;

export type Action = "create" | "update" | "replace" | "may-replace" | "delete";

export interface ResourceChange {
  readonly action: Action;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Property changes (none for a creation or deletion), each with what it does to the resource. */
  readonly changes: readonly (PropertyChange & { readonly effect: PathEffect })[];
  /** Why it is replaced: the force-new paths, or a reference to a replaced resource. */
  readonly reasons: readonly string[];
  /** Set on a deletion or replacement of a stateful or protected resource: what is lost. */
  readonly risk?: string;
}

export interface ResourceDiff {
  /** Every resource with something to do, risky deletions and replacements first. */
  readonly resources: readonly ResourceChange[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `spec.selector.matchLabels["govcloud/system"]`, `fixedIps[0].subnetId`: keys that are not plain names are quoted. */
export function formatPath(keys: readonly Key[]): string {
  let path = "";
  for (const key of keys) {
    if (typeof key === "number") path += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) path += path ? `.${key}` : key;
    else path += `[${JSON.stringify(key)}]`;
  }
  return path;
}

function collectChanges(before: unknown, after: unknown, keys: Key[], out: PropertyChange[]): void {
  if (keys.length < MAX_DEPTH && isObject(before) && isObject(after)) {
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const name of names) collectChanges(before[name], after[name], [...keys, name], out);
  } else if (keys.length < MAX_DEPTH && Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      collectChanges(before[i], after[i], [...keys, i], out);
  } else if (!sameValue(before, after)) out.push({ path: formatPath(keys), keys, before, after });
}

/** Leaf-level differences between two input trees; arrays compare by index, values below MAX_DEPTH whole. */
export function propertyChanges(before: unknown, after: unknown): PropertyChange[] {
  const out: PropertyChange[] = [];
  collectChanges(before, after, [], out);
  return out;
}

type Draft = { -readonly [K in keyof ResourceChange]: ResourceChange[K] } & { reasons: string[] };

/** An update, a replacement or nothing, from a kept resource's property changes. */
function classify(old: Resource, now: Resource): Draft {
  const changes = propertyChanges(old.inputs, now.inputs).map((c) => ({
    ...c,
    effect: pathEffect(now.type, c.keys, c.before, c.after),
  }));
  const forced = changes.filter((c) => c.effect.kind === "replace");
  const unknown = changes.filter((c) => c.effect.kind === "unknown");
  const draft: Draft = { action: "update", urn: now.urn, type: now.type, name: now.name, changes, reasons: [] };
  if (forced.length > 0) {
    draft.action = "replace";
    draft.reasons = forced.map((c) =>
      c.effect.kind === "replace" && c.effect.why ? `${c.path} (${c.effect.why})` : c.path,
    );
  } else if (unknown.length > 0) {
    draft.action = "may-replace";
    draft.reasons = rulesFor(now.type)
      ? unknown.map((c) => `${c.path} (no rule for this field)`)
      : ["no replacement rules for this type"];
  }
  return draft;
}

/** The strings of a value that are ids of the offline preview (`<name>-id`), with where they are. */
function references(inputs: unknown, ids: ReadonlyMap<string, unknown>): { id: string; keys: Key[] }[] {
  const found: { id: string; keys: Key[] }[] = [];
  const pending: [unknown, Key[]][] = [[inputs, []]];
  while (pending.length > 0) {
    const [value, keys] = pending.pop()!;
    if (typeof value === "string" && ids.has(value)) found.push({ id: value, keys });
    else if (keys.length >= MAX_DEPTH) continue;
    else if (Array.isArray(value)) value.forEach((item, i) => pending.push([item, [...keys, i]]));
    else if (isObject(value)) for (const [key, item] of Object.entries(value)) pending.push([item, [...keys, key]]);
  }
  return found;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const isComponent = (type: string) => type.startsWith("govcloud:") || type === "pulumi:pulumi:Stack";

/**
 * A replaced or newly created resource has a new id, so a kept resource that refers to it
 * through a force-new field is replaced too (a replaced subnet replaces its router
 * interface). The offline ids do not change, so this follows them by name (`<name>-id`).
 */
function cascade(drafts: Map<string, Draft>, after: readonly Resource[], added: ReadonlySet<string>): void {
  const owners = new Map<string, Resource[]>();
  for (const r of after) if (!isComponent(r.type)) push(owners, mockId(r.name), r);
  const referrers = new Map<string, { resource: Resource; keys: Key[] }[]>();
  for (const r of after) {
    if (added.has(r.urn)) continue;
    for (const ref of references(r.inputs, owners)) push(referrers, ref.id, { resource: r, keys: ref.keys });
  }
  const renewed = (r: Resource) => added.has(r.urn) || drafts.get(r.urn)?.action === "replace";
  const queue = [...owners].filter(([, rs]) => rs.some(renewed)).map(([id]) => id);
  for (let next = 0; next < queue.length; next++) {
    const id = queue[next]!;
    for (const { resource, keys } of referrers.get(id) ?? []) {
      const effect = pathEffect(resource.type, keys, id, id);
      if (effect.kind === "update" || (effect.kind === "unknown" && drafts.get(resource.urn)?.action === "replace"))
        continue;
      const draft = drafts.get(resource.urn) ?? {
        action: "update",
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        changes: [],
        reasons: [],
      };
      drafts.set(resource.urn, draft);
      const reason = `${formatPath(keys)} → ${id.slice(0, -"-id".length)}, which gets a new id`;
      if (!draft.reasons.includes(reason)) draft.reasons.push(reason);
      if (effect.kind === "replace" && draft.action !== "replace") {
        // Reasons of a mere "may replace" are superseded by a certain one.
        if (draft.action === "may-replace") draft.reasons = [reason];
        draft.action = "replace";
        queue.push(mockId(resource.name));
      } else if (effect.kind === "unknown" && draft.action === "update") draft.action = "may-replace";
    }
  }
}

const RANK: Record<Action, number> = { delete: 0, replace: 1, "may-replace": 2, update: 3, create: 4 };

/** Risky deletions and replacements first, then by action, causes before what they replace in turn, then by URN. */
function order(a: ResourceChange, b: ResourceChange): number {
  const cascaded = (r: ResourceChange) => Number(r.changes.length === 0 && r.reasons.length > 0);
  return (
    Number(!a.risk) - Number(!b.risk) ||
    RANK[a.action] - RANK[b.action] ||
    cascaded(a) - cascaded(b) ||
    (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0)
  );
}

export function diffPreviews(
  before: Pick<PreviewResult, "resources">,
  after: Pick<PreviewResult, "resources">,
): ResourceDiff {
  const olds = new Map((before.resources as readonly Resource[]).map((r) => [r.urn, r]));
  const nows = new Map((after.resources as readonly Resource[]).map((r) => [r.urn, r]));
  const added = new Set([...nows.keys()].filter((urn) => !olds.has(urn)));
  const drafts = new Map<string, Draft>();
  for (const [urn, now] of nows) {
    const old = olds.get(urn);
    if (old && !sameValue(old.inputs, now.inputs)) drafts.set(urn, classify(old, now));
  }
  cascade(drafts, [...nows.values()], added);
  const resources: ResourceChange[] = [];
  for (const draft of drafts.values()) {
    if (draft.changes.length === 0 && draft.reasons.length === 0) continue;
    const protect = Boolean(olds.get(draft.urn)?.protect || nows.get(draft.urn)?.protect);
    const risky = draft.action !== "update" ? atRisk({ type: draft.type, protect }) : undefined;
    resources.push(risky ? { ...draft, risk: risky } : draft);
  }
  for (const urn of added) {
    const r = nows.get(urn)!;
    resources.push({ action: "create", urn, type: r.type, name: r.name, changes: [], reasons: [] });
  }
  for (const [urn, r] of olds) {
    if (nows.has(urn)) continue;
    const risk = atRisk(r);
    resources.push({
      action: "delete",
      urn,
      type: r.type,
      name: r.name,
      changes: [],
      reasons: [],
      ...(risk ? { risk } : {}),
    });
  }
  return { resources: resources.sort(order) };
}

export interface DiffCounts {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly mayReplace: number;
  readonly delete: number;
  /** Deletions and replacements of stateful or protected resources. */
  readonly atRisk: number;
}

export function countChanges(diff: ResourceDiff): DiffCounts {
  const count = (action: Action) => diff.resources.filter((r) => r.action === action).length;
  const atRisk = diff.resources.filter((r) => r.risk).length;
  return {
    create: count("create"),
    update: count("update"),
    replace: count("replace"),
    mayReplace: count("may-replace"),
    delete: count("delete"),
    atRisk,
  };
}

/** Whether applying the diff deletes or (maybe) replaces anything: what CI gates on. */
export function isDestructive(diff: ResourceDiff): boolean {
  return diff.resources.some((r) => r.action === "delete" || r.action === "replace" || r.action === "may-replace");
}

const number = (n: number) => n.toLocaleString("en-US");

/** "1 to add, 2 to update, 3 to replace (1 of them maybe), 1 to delete": counts of a diff. */
function countsLine(counts: DiffCounts, bold: (n: number) => string): string {
  const replace = counts.replace + counts.mayReplace;
  const maybe = counts.mayReplace > 0 ? ` (${bold(counts.mayReplace)} of them maybe: no rules)` : "";
  return (
    `${bold(counts.create)} to add, ${bold(counts.update)} to update, ${bold(replace)} to replace${maybe}, ` +
    `${bold(counts.delete)} to delete`
  );
}

const SIGN: Record<Action, string> = { create: "+", update: "~", replace: "-/+", "may-replace": "-/+?", delete: "-" };

/** A property change's effect, as a suffix. */
function effectNote(effect: PathEffect): string {
  if (effect.kind === "replace") return `forces replacement${effect.why ? `: ${effect.why}` : ""}`;
  if (effect.kind === "unknown") return "may force replacement";
  return effect.note ?? "";
}

/** Values longer than this are cut in the text form (a user-data script is not read in a diff). */
const TEXT_VALUE_CHARS = 1_000;

export function renderDiffText(diff: ResourceDiff): string {
  const counts = countChanges(diff);
  const lines = [countsLine(counts, String)];
  if (counts.atRisk > 0)
    lines.push(`!! ${counts.atRisk} stateful or protected resource(s) deleted or replaced: listed first, marked !!`);
  for (const r of diff.resources) {
    const why = r.reasons.length > 0 ? `  (${PAST[r.action]}: ${r.reasons.join("; ")})` : "";
    lines.push(`${SIGN[r.action]} ${r.type} ${r.name}${why}${r.risk ? `  !! ${r.risk}` : ""}`);
    for (const c of r.changes) {
      const note = effectNote(c.effect);
      lines.push(
        `    ${c.path}: ${showValue(c.before, TEXT_VALUE_CHARS)} => ` +
          `${showValue(c.after, TEXT_VALUE_CHARS)}${note ? `  [${note}]` : ""}`,
      );
    }
  }
  return lines.join("\n");
}

/** GitHub refuses a comment longer than this (it counts characters; UTF-16 units here, never fewer). */
export const COMMENT_LIMIT = 65_536;
/** The smallest budget that still holds the heading, the counts and the notes. */
export const MIN_MARKDOWN_CHARS = 2_000;

/** Text cut to `max` characters with "…", never between the halves of a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 2] ?? "") ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

/** Plain text for a table cell: no HTML (a name could hold `<details>`), no row or column breaks. */
function esc(text: string, max = 200): string {
  return clip(text, max)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/[\r\n]+/g, " ");
}

/** A code span for a table cell, fenced with more backticks than it contains. */
function code(text: string, max = 200): string {
  const body = clip(text, max)
    .replace(/[\r\n]+/g, " ")
    .replace(/\|/g, "\\|");
  const fence = "`".repeat(Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  return fence.length > 1 || body.startsWith(" ") || body.endsWith(" ")
    ? `${fence} ${body} ${fence}`
    : `${fence}${body}${fence}`;
}

const PAST: Record<Action, string> = {
  create: "added",
  update: "updated",
  replace: "replaced",
  "may-replace": "may be replaced",
  delete: "deleted",
};
const ICON: Record<Action, string> = { create: "➕", update: "✏️", replace: "🔁", "may-replace": "❓", delete: "➖" };

/** Property changes shown per resource in Markdown; the rest are counted. */
const MARKDOWN_PROPERTIES = 20;
const MARKDOWN_VALUE_CHARS = 120;

function markdownRow(r: ResourceChange): string {
  const details: string[] = [];
  if (r.risk) details.push(`⚠️ **${esc(r.risk)}**`);
  if (r.reasons.length > 0) {
    const more = r.reasons.length > 10 ? `, … ${number(r.reasons.length - 10)} more` : "";
    details.push(
      `${PAST[r.action]}: ${r.reasons
        .slice(0, 10)
        .map((reason) => code(reason))
        .join(", ")}${more}`,
    );
  }
  for (const c of r.changes.slice(0, MARKDOWN_PROPERTIES)) {
    const note = effectNote(c.effect);
    const [old, now] = [
      code(showValue(c.before, MARKDOWN_VALUE_CHARS)),
      code(showValue(c.after, MARKDOWN_VALUE_CHARS)),
    ];
    details.push(`${code(c.path)}: ${old} → ${now}${note ? ` _(${esc(note)})_` : ""}`);
  }
  if (r.changes.length > MARKDOWN_PROPERTIES)
    details.push(`… ${number(r.changes.length - MARKDOWN_PROPERTIES)} more properties`);
  return `| ${ICON[r.action]} | ${code(r.type)} | ${esc(r.name)} | ${details.join("<br>")} |\n`;
}

const SECTIONS: readonly { action: Action; title: string; open: boolean }[] = [
  { action: "delete", title: "➖ Deleted", open: true },
  { action: "replace", title: "🔁 Replaced (deleted and created again, new id)", open: true },
  { action: "may-replace", title: "❓ May be replaced (no replacement rules for the type or field)", open: true },
  { action: "update", title: "✏️ Updated in place", open: false },
  { action: "create", title: "➕ Added", open: false },
];

const leftOut = (n: number, what: string) =>
  `\n_… and ${number(n)} more ${what} not shown; run \`govcloud diff\` locally to see all._\n`;

/** The named list of risky deletions and replacements, within `budget` characters. */
function riskSummary(risky: readonly ResourceChange[], budget: number): string {
  if (risky.length === 0) return "";
  let out = `\n**⚠️ ${number(risky.length)} stateful or protected resource(s) deleted or replaced:**\n\n`;
  const reserve = leftOut(risky.length, "of them").length;
  let shown = 0;
  for (const r of risky) {
    const why =
      r.reasons.length > 0
        ? ` (${r.reasons
            .slice(0, 3)
            .map((reason) => code(reason, 80))
            .join(", ")}${r.reasons.length > 3 ? ", …" : ""})`
        : "";
    const line =
      `- ${ICON[r.action]} **${PAST[r.action]}** ${code(r.type)} ${esc(r.name)}${why}: ` + `${esc(r.risk ?? "")}\n`;
    if (out.length + line.length + reserve > budget) break;
    out += line;
    shown++;
  }
  return shown < risky.length ? out + leftOut(risky.length - shown, "of them") : out;
}

/**
 * The diff as a pull-request comment of at most `limit` characters: the heading and counts,
 * the risky deletions and replacements by name, then a folded table per action. Rows that
 * do not fit are left out whole (never a row or tag cut in half) and counted at the end.
 */
export function renderDiffMarkdown(
  diff: ResourceDiff,
  title = "Infrastructure preview",
  limit = COMMENT_LIMIT,
): string {
  const counts = countChanges(diff);
  const heading = clip(title, 200)
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;");
  let out = `### ${heading}\n\n${countsLine(counts, (n) => `**${number(n)}**`)}.\n`;
  if (diff.resources.length === 0) return out;
  // The named risks may take half of what is left; the details use the rest.
  out += riskSummary(
    diff.resources.filter((r) => r.risk),
    Math.floor((limit - out.length) / 2),
  );
  const reserve = leftOut(diff.resources.length, "changes").length;
  let shown = 0;
  let full = false;
  for (const section of SECTIONS) {
    const rows = diff.resources
      .filter((r) => r.action === section.action)
      .sort((a, b) => Number(!a.risk) - Number(!b.risk));
    if (rows.length === 0 || full) continue;
    const summary =
      `<details${section.open ? " open" : ""}><summary>${section.title}: ` + `${number(rows.length)}</summary>`;
    const open = `\n${summary}\n\n| | type | resource | details |\n| --- | --- | --- | --- |\n`;
    const close = "\n</details>\n";
    const first = markdownRow(rows[0]!);
    if (out.length + open.length + first.length + close.length + reserve > limit) {
      full = true;
      continue;
    }
    out += open + first;
    shown++;
    for (const r of rows.slice(1)) {
      const row = markdownRow(r);
      if (out.length + row.length + close.length + reserve > limit) {
        full = true;
        break;
      }
      out += row;
      shown++;
    }
    out += close;
  }
  return shown < diff.resources.length ? out + leftOut(diff.resources.length - shown, "changes") : out;
}
