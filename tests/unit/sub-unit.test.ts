/** Seed 000 §二(三), seed 003: which systems exist in the name of a sub-unit (内设机构). */
import { describe, expect, it } from "vitest";
import type { Department, System } from "../../src/migration/inventory/model";
import { ownerByName, subUnitSign } from "../../src/migration/inventory/sub-unit";

const department = (name: string): Department => ({ id: "d", name, level: "district" });
const system = (fields: Partial<System>): System =>
  ({ id: "s", name: "某系统", department: "d", usageScope: "department", ...fields }) as System;

describe("subUnitSign", () => {
  it("a system only its sub-unit uses exists in that sub-unit's name, named or not", () => {
    expect(subUnitSign(system({ usageScope: "subunit", subUnit: "救灾科" }), department("区民政局"))).toEqual({
      kind: "scope",
      subUnit: "救灾科",
    });
    expect(subUnitSign(system({ usageScope: "subunit" }), department("王村镇"))).toEqual({
      kind: "scope",
      subUnit: undefined,
    });
  });

  it.each(["区民政局救灾科", "社会事务科", "王村镇农业股", " 城管科 "])(
    "a department named %s is a sub-unit entered as a department",
    (name) => {
      expect(subUnitSign(system({ usageScope: "region" }), department(name))).toMatchObject({ kind: "department" });
    },
  );

  it.each(["区科技局", "区政府办公室", "区信息中心", "区政务服务中心管理办公室", "王村镇", "区科协", "区发展和改革局"])(
    "%s is a department: its systems are its own",
    (name) => {
      expect(subUnitSign(system({ usageScope: "department", subUnit: "办公室" }), department(name))).toBeUndefined();
    },
  );

  it("a sub-unit that runs a system for its department or the region is not a sign", () => {
    for (const usageScope of ["region", "department", "public"] as const)
      expect(subUnitSign(system({ usageScope, subUnit: "社会救助科" }), department("区民政局"))).toBeUndefined();
  });
});

describe("ownerByName", () => {
  const named = (id: string, name: string): Department => ({ id, name, level: "district" });
  const departments = [named("a", "区民政局"), named("b", "区"), named("c", "区民政局救灾科"), named("d", "区民")];

  it("is the department whose name the sub-unit's begins with, the longest", () => {
    expect(ownerByName(departments[2]!, departments)?.id).toBe("a");
  });

  it("is none when no department's name begins it", () => {
    expect(ownerByName(named("e", "社会事务科"), departments)).toBeUndefined();
  });
});
