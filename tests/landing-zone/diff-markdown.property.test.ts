/**
 * The Markdown diff always fits in a pull-request comment: random large diffs, hostile
 * names and values, any budget; the summary is always there and nothing is cut in half.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COMMENT_LIMIT,
  countChanges,
  diffPreviews,
  MIN_MARKDOWN_CHARS,
  renderDiffMarkdown,
  type ResourceDiff,
} from "../../src/preview/diff";

const TYPES = [
  "openstack:networking/subnet:Subnet",
  "openstack:networking/secGroupRule:SecGroupRule",
  "openstack:blockstorage/volume:Volume",
  "openstack:compute/instance:Instance",
  "kubernetes:core/v1:PersistentVolumeClaim",
  "openstack:dns/recordSet:RecordSet",
  "x`y|z:<details>:T",
];

/** Text that tries to break a table or a tag: pipes, backticks, tags, newlines, emoji, Chinese, lone surrogates. */
const FRAGMENTS = [
  "a",
  "|",
  "`",
  "``",
  "<details>",
  "</details>",
  "\n",
  "\\",
  "&lt;",
  "😀",
  "区财政局",
  "\uD83D",
  " ",
  "**",
  "-",
];
const hostile = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(""));
const value = fc.oneof(hostile, fc.integer(), fc.string({ maxLength: 3_000 }), fc.array(hostile, { maxLength: 5 }));
const inputs = fc.dictionary(
  fc.constantFrom("cidr", "name", "size", "description", "metadata", "blockDevices", "spec", "a|b", "x.y"),
  value,
  { maxKeys: 6 },
);

interface Entry {
  kind: "add" | "delete" | "change" | "same";
  type: string;
  name: string;
  protect: boolean;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}
const kinds = fc.constantFrom<Entry["kind"][]>("add", "delete", "change", "same");
const types = fc.constantFrom(...TYPES);
const entry: fc.Arbitrary<Entry> = fc.record({
  kind: kinds,
  type: types,
  name: hostile,
  protect: fc.boolean(),
  before: inputs,
  after: inputs,
});

/** Previews on both sides from generated entries (names made unique by position). */
function previews(entries: readonly Entry[]) {
  const before: object[] = [];
  const after: object[] = [];
  entries.forEach((e, i) => {
    const name = `${i}${e.name}`;
    const r = (inputs: object) => ({
      urn: `urn:pulumi:s::govcloud::${e.type}::${name}`,
      type: e.type,
      name,
      parent: "",
      inputs,
      protect: e.protect,
    });
    if (e.kind !== "add") before.push(r(e.before));
    if (e.kind !== "delete") after.push(r(e.kind === "change" ? e.after : e.before));
  });
  return diffPreviews({ resources: before as never }, { resources: after as never });
}

/** Every structural promise of the comment. */
function expectWellFormed(markdown: string, diff: ResourceDiff, limit: number): void {
  expect(markdown.length).toBeLessThanOrEqual(limit);
  const counts = countChanges(diff);
  const n = (k: number) => `**${k.toLocaleString("en-US")}**`;
  expect(markdown).toContain(
    `\n\n${n(counts.create)} to add, ${n(counts.update)} to update, ${n(counts.replace + counts.mayReplace)} to ` +
      `replace`,
  );
  const risky =
    `**⚠️ ${counts.atRisk.toLocaleString("en-US")} stateful or protected resource(s) deleted or ` + `replaced:**`;
  if (counts.atRisk > 0) expect(markdown).toContain(risky);
  // Our own tags, outside rows and list items (where a name holding "<details>" is escaped or in a code span).
  const structure = markdown
    .split("\n")
    .filter((line) => !line.startsWith("| ") && !line.startsWith("- "))
    .join("\n");
  expect((structure.match(/<details/g) ?? []).length).toBe((structure.match(/<\/details>/g) ?? []).length);
  expect(structure.match(/<summary>/g)?.length ?? 0).toBe(structure.match(/<\/summary>/g)?.length ?? 0);
  const rows = markdown.split("\n").filter((line) => line.startsWith("| "));
  for (const row of rows) {
    expect(row.endsWith(" |")).toBe(true);
    expect(row.split(/(?<!\\)\|/)).toHaveLength(6);
  }
  const shownRows = rows.filter((row) => !row.startsWith("| |") && !row.startsWith("| ---")).length;
  const left = /_… and ([\d,]+) more changes not shown/.exec(markdown);
  expect(shownRows + (left ? Number(left[1]!.replace(/,/g, "")) : 0)).toBe(diff.resources.length);
  const tagLines = structure.split("\n").filter((line) => /<\/?details|<\/?summary/.test(line));
  for (const line of tagLines) expect(line).toMatch(/^(<details( open)?><summary>[^<]*<\/summary>|<\/details>)$/);
}

const budgets = fc.oneof(fc.constant(COMMENT_LIMIT), fc.integer({ min: MIN_MARKDOWN_CHARS, max: COMMENT_LIMIT }));

describe("the Markdown diff", () => {
  it("never exceeds its budget, keeps the summary, cuts only between rows (random diffs)", () => {
    let cut = 0;
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 3_000, size: "max" }), budgets, (entries, limit) => {
        const diff = previews(entries);
        const markdown = renderDiffMarkdown(diff, "Infrastructure preview: <b>|`x`", limit);
        expectWellFormed(markdown, diff, limit);
        if (markdown.includes("more changes not shown")) cut++;
      }),
      // A failure shrinks thousands of entries: stop shrinking after a while and report the smallest so far.
      { numRuns: 30, interruptAfterTimeLimit: 40_000, markInterruptAsFailure: true },
    );
    // The runs reached the limit, not only small diffs that fit anyway.
    expect(cut).toBeGreaterThan(5);
  });

  it("holds for 20,000 changed resources with long values, and says how many were left out", () => {
    const entries = Array.from({ length: 20_000 }, (_, i) => ({
      kind: (["add", "delete", "change"] as const)[i % 3]!,
      type: TYPES[i % TYPES.length]!,
      name: `resource-${i}`,
      protect: i % 7 === 0,
      before: { cidr: `10.${i % 256}.0.0/24`, description: "x".repeat(500), size: 30 },
      after: { cidr: `10.${(i + 1) % 256}.0.0/24`, description: "y".repeat(500), size: 20 },
    }));
    const diff = previews(entries);
    const markdown = renderDiffMarkdown(diff);
    expectWellFormed(markdown, diff, COMMENT_LIMIT);
    expect(markdown).toMatch(/_… and [\d,]+ more changes not shown; run `govcloud diff` locally to see all\._\n$/);
    expect(markdown).toMatch(/\n\.?_… and [\d,]+ more of them not shown/);
  });

  it("keeps everything when it fits", () => {
    const diff = previews([
      { kind: "change", type: TYPES[0]!, name: "a", protect: false, before: { cidr: "1" }, after: { cidr: "2" } },
    ]);
    const markdown = renderDiffMarkdown(diff);
    expect(markdown).not.toContain("not shown");
    expectWellFormed(markdown, diff, COMMENT_LIMIT);
  });
});
