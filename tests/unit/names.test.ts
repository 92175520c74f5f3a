/** Names that look the same are the same name (src/migration/inventory/names.ts). */
import { describe, expect, it } from "vitest";
import { deriveId } from "../../src/migration/inventory/ids";
import { canonicalName, controlCharacterIn } from "../../src/migration/inventory/names";

describe("names", () => {
  it("NFD and NFC spellings, and zero-width characters, give one name and one derived id", () => {
    const plain = "Café 机房";
    for (const lookAlike of ["Cafe\u0301 机房", "Caf\u200bé 机房", "\ufeffCafé\u200d 机房", "Café\u2060 机房"]) {
      expect(canonicalName(lookAlike)).toBe(plain);
      expect(deriveId(lookAlike)).toBe(deriveId(plain));
    }
  });

  it("finds the control characters a name may not hold", () => {
    expect(controlCharacterIn("案件\u001b[2J")).toBe("U+001B");
    expect(controlCharacterIn("案件\u0000")).toBe("U+0000");
    expect(controlCharacterIn("案件\u0085")).toBe("U+0085");
    expect(controlCharacterIn("案件 信息·系统（一期）")).toBeUndefined();
  });
});
