import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../../src/migration/inventory/suggest";

describe("did you mean", () => {
  it("counts a swap of neighbours as one slip", () => {
    expect(editDistance("levle", "level")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests near misses and nothing for strangers", () => {
    expect(closest("hostingNetwrok", ["hostingNetwork", "publicFacing"])).toBe("hostingNetwork");
    expect(closest("dayly", ["daily", "weekly"])).toBe("daily");
    expect(closest("notes", ["policy", "departments", "rooms", "systems"])).toBeUndefined();
  });

  it("is a metric on small strings (symmetry, identity)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, a)).toBe(0);
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});
