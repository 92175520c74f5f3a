import { describe, expect, it } from "vitest";
import {
  diffPreviews,
  formatPath,
  isDestructive,
  MAX_DEPTH,
  propertyChanges,
  renderDiffMarkdown,
  renderDiffText,
} from "../../src/preview/diff";
import { showValue, sameValue } from "../../src/preview/values";

const INSTANCE = "openstack:compute/instance:Instance";
const resource = (name: string, inputs: Record<string, unknown>, type = INSTANCE) => ({
  urn: `urn:pulumi:s::govcloud::${type}::${name}`,
  type,
  name,
  parent: "",
  inputs,
});

describe("diff", () => {
  const before = {
    resources: [
      resource("a", { flavorName: "2C4G", tags: ["x"] }),
      resource("gone", {}, "openstack:networking/port:Port"),
    ],
  };
  const after = {
    resources: [resource("a", { flavorName: "4C8G", tags: ["x", "y"] }), resource("new", { flavorName: "2C4G" })],
  };
  const diff = diffPreviews(before, after);

  it("finds added, removed and changed resources with property-level changes", () => {
    expect(diff.resources.map((r) => [r.action, r.name])).toEqual([
      ["delete", "gone"],
      ["update", "a"],
      ["create", "new"],
    ]);
    expect(diff.resources[1]!.changes.map(({ path, before, after }) => ({ path, before, after }))).toEqual([
      { path: "flavorName", before: "2C4G", after: "4C8G" },
      { path: "tags[1]", before: undefined, after: "y" },
    ]);
  });

  it("renders text and Markdown", () => {
    expect(renderDiffText(diff)).toBe(
      [
        "1 to add, 1 to update, 0 to replace, 1 to delete",
        "- openstack:networking/port:Port gone",
        "~ openstack:compute/instance:Instance a",
        '    flavorName: "2C4G" => "4C8G"  [resizes the server (it reboots)]',
        '    tags[1]: (none) => "y"',
        "+ openstack:compute/instance:Instance new",
      ].join("\n"),
    );
    const markdown = renderDiffMarkdown(diff);
    expect(markdown.split("\n").slice(0, 3)).toEqual([
      "### Infrastructure preview",
      "",
      "**1** to add, **1** to update, **0** to replace, **1** to delete.",
    ]);
    expect(markdown).toContain(
      "| ✏️ | `openstack:compute/instance:Instance` | a | " +
        '`flavorName`: `"2C4G"` → `"4C8G"` _(resizes the server (it reboots))_<br>`tags[1]`: `(none)` → `"y"` |',
    );
  });

  it("says so when nothing changes, and that is not destructive", () => {
    expect(propertyChanges({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    expect(renderDiffText(diffPreviews(before, before))).toBe("0 to add, 0 to update, 0 to replace, 0 to delete");
    expect(isDestructive(diffPreviews(before, before))).toBe(false);
    expect(isDestructive(diff)).toBe(true);
  });

  it("quotes keys that are not plain names, so paths stay unambiguous", () => {
    expect(formatPath(["metadata", "labels", "govcloud/system"])).toBe('metadata.labels["govcloud/system"]');
    expect(formatPath(["spec", "hard", "requests.cpu"])).toBe('spec.hard["requests.cpu"]');
    expect(formatPath(["fixedIps", 0, "subnetId"])).toBe("fixedIps[0].subnetId");
  });
});

describe("deeply nested inputs", () => {
  /** A value nested `depth` deep, built without recursion (as JSON.parse would build it). */
  const nest = (depth: number, leaf: unknown) => {
    let value: unknown = leaf;
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
    return value;
  };

  it("walks at most MAX_DEPTH levels and compares the rest whole", () => {
    const changes = propertyChanges({ x: nest(200_000, 1) }, { x: nest(200_000, 2) });
    expect(changes).toHaveLength(1);
    expect(changes[0]!.keys).toHaveLength(MAX_DEPTH);
    expect(propertyChanges({ x: nest(200_000, 1) }, { x: nest(200_000, 1) })).toEqual([]);
  });

  it("renders a diff of such values in bounded text, without overflowing the stack", () => {
    const deep = diffPreviews(
      { resources: [resource("a", { metadata: nest(200_000, 1) })] },
      { resources: [resource("a", { metadata: nest(200_000, 2) })] },
    );
    expect(deep.resources[0]!.action).toBe("update");
    expect(renderDiffText(deep).length).toBeLessThan(3_000);
    expect(renderDiffMarkdown(deep).length).toBeLessThan(3_000);
  });

  it("compares and shows values without recursion", () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue([1, 2], [1, 2, 3])).toBe(false);
    expect(showValue({ a: [1, "x", null, { b: true }], c: undefined })).toBe(
      JSON.stringify({ a: [1, "x", null, { b: true }] }),
    );
    expect(showValue("a".repeat(50), 10)).toBe(`"${"a".repeat(9)}…`);
    expect(showValue(nest(200_000, 1), 20)).toBe('[{"a":[{"a":[{"a":[{…');
  });
});
