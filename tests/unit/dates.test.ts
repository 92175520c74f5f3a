import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isIsoDate, isoOf, isRealDay, parseFormDate } from "../../src/migration/inventory/dates";

describe("form dates", () => {
  it.each([
    ["2018-03-01", "2018-03-01"],
    ["2018/3/1", "2018-03-01"],
    ["2018年3月1日", "2018-03-01"],
    ["2018年12月31日", "2018-12-31"],
    [" 2018/12/9 ", "2018-12-09"],
    ["2018.3.1", "2018-03-01"],
  ])("reads %s", (text, iso) => {
    expect(parseFormDate(text)).toEqual({ ok: true, iso });
  });

  it.each(["2018-02-29", "2016年2月30日", "2018/13/1", "2018/4/31"])(
    "refuses the day that does not exist: %s",
    (text) => {
      expect(parseFormDate(text)).toEqual({ ok: false, reason: "no-such-day" });
    },
  );

  it.each(["去年", "18/3/1", "2018-03", "2018年3月"])("refuses what is not a date: %s", (text) => {
    expect(parseFormDate(text)).toEqual({ ok: false, reason: "format" });
  });

  it("knows leap years", () => {
    expect(isRealDay(2016, 2, 29)).toBe(true);
    expect(isRealDay(1900, 2, 29)).toBe(false);
    expect(isRealDay(2000, 2, 29)).toBe(true);
  });

  it("every real day reads back the same in all three spellings", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }),
        (date) => {
          const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
          const iso = isoOf(y, m, d);
          expect(isIsoDate(iso)).toBe(true);
          for (const text of [iso, `${y}/${m}/${d}`, `${y}年${m}月${d}日`])
            expect(parseFormDate(text)).toEqual({ ok: true, iso });
        },
      ),
    );
  });
});
