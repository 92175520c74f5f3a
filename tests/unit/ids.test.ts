import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveId, initialsOf } from "../../src/migration/inventory/ids";
import { ID_PATTERN } from "../../src/migration/inventory/model";

describe("derived ids", () => {
  it("are the pinyin initials plus a hash of the key", () => {
    expect(initialsOf("区公安分局")).toBe("qgafj");
    expect(deriveId("区公安分局")).toMatch(/^qgafj-[0-9a-f]{6}$/);
    expect(initialsOf("OA办公系统")).toBe("oabgxt");
  });

  it("are stable, and differ for the same name in two departments", () => {
    expect(deriveId("低保管理系统", "区民政局/低保管理系统")).toBe(deriveId("低保管理系统", "区民政局/低保管理系统"));
    expect(deriveId("低保管理系统", "区民政局/低保管理系统")).not.toBe(deriveId("低保管理系统", "王村镇/低保管理系统"));
  });

  it("are always valid ids (DNS labels), whatever the name", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        expect(deriveId(name)).toMatch(ID_PATTERN);
      }),
    );
  });
});
