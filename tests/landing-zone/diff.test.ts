import { describe, expect, it } from "vitest";
import { diffPreviews, propertyChanges, renderDiffMarkdown, renderDiffText } from "../../src/preview/diff";

const resource = (name: string, inputs: Record<string, unknown>) => ({ urn: `urn:pulumi:s::govcloud::t::${name}`, type: "openstack:compute/instance:Instance", name, parent: "", inputs });

describe("diff", () => {
  const before = { resources: [resource("a", { flavorName: "2C4G", tags: ["x"] }), resource("gone", {})] };
  const after = { resources: [resource("a", { flavorName: "4C8G", tags: ["x", "y"] }), resource("new", { flavorName: "2C4G" })] };
  const diff = diffPreviews(before, after);

  it("finds added, removed and changed resources with property-level changes", () => {
    expect(diff.added.map((r) => r.name)).toEqual(["new"]);
    expect(diff.removed.map((r) => r.name)).toEqual(["gone"]);
    expect(diff.changed).toEqual([{ urn: "urn:pulumi:s::govcloud::t::a", type: "openstack:compute/instance:Instance", changes: [{ path: "flavorName", before: "2C4G", after: "4C8G" }, { path: "tags[1]", before: undefined, after: "y" }] }]);
  });

  it("renders text and Markdown", () => {
    expect(renderDiffText(diff)).toBe(
      ["1 to add, 1 to change, 1 to remove", "+ openstack:compute/instance:Instance new", "- openstack:compute/instance:Instance gone", "~ openstack:compute/instance:Instance a", '    flavorName: "2C4G" => "4C8G"', '    tags[1]: (none) => "y"'].join("\n"),
    );
    expect(renderDiffMarkdown(diff)).toContain('| ✏️ | `openstack:compute/instance:Instance` | a | `flavorName`: "2C4G" → "4C8G"<br>`tags[1]`: (none) → "y" |');
  });

  it("says so when nothing changes", () => {
    expect(propertyChanges({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    expect(renderDiffText(diffPreviews(before, before))).toBe("0 to add, 0 to change, 0 to remove");
  });
});
