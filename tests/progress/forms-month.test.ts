/**
 * The forms and the chart of the month (month.ts): Appendix 2 and the Luzhou-style table
 * say what happened, the workbook prints as a form (A4 landscape, fit to width, header
 * repeated, title and date in the page header), the burn-up is well-formed XML whose
 * labels never overlap each other or the plot; the same input gives the same bytes; bad
 * input exits 2 with file, line and field and no stack trace.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overlaps, PLOT, type Box } from "../../src/migration/progress/burnup";
import { textWidth } from "../../src/migration/plan/render/svg";
import { runCli } from "../support/cli";
import { FileJournal } from "../../src/cutover/journal-file";
import { AS_OF, RETIRE_PLANNED, RETIRED_ON, runMonth, SetClock, type Month } from "./month";

let month: Month;
let out: string;
beforeAll(async () => {
  month = await runMonth();
  out = path.join(month.dir, "out");
  const r = await progress(out);
  if (r.code !== 0) throw new Error(r.err);
}, 120_000);
afterAll(() => month?.cleanup());

function progress(dir: string, states = month.states, ...extra: string[]) {
  return runCli(month.dir, [
    "progress",
    "zhoucun",
    "--as-of",
    AS_OF,
    ...states.flatMap((s) => ["--state", s]),
    "--out",
    dir,
    ...extra,
  ]);
}

const csvRows = (file: string) =>
  fs
    .readFileSync(path.join(out, file), "utf8")
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n")
    .map((l) => l.split(","));

describe("the forms of the month", () => {
  it(
    "Appendix 2: the health department's migrations done (W0, W1) and its rolled-back one " +
      "(W1) and W2's not, both late; the total adds up",
    () => {
      const rows = csvRows("appendix2-actual.csv");
      const header = rows[0]!;
      const col = (name: string) => header.indexOf(name);
      // The rolled-back system is the health department's (health-regional-platform in W1); its
      // four cloud-bound systems: W0's and W1's first done, the rolled-back one and W2's late.
      expect(month.plan.systems.find((s) => s.id === month.rolledBack)!.department).toBe("health");
      const health = rows.find((r) => r[0] === "区卫生和计划生育局")!;
      expect(Number(health[col("应迁移上云系统个数*")])).toBe(4);
      expect(Number(health[col("已迁移上云*")])).toBe(2);
      expect(Number(health[col("迁移中*")])).toBe(0);
      expect(Number(health[col("未迁移*")])).toBe(2);
      expect(Number(health[col("逾期未完成*")])).toBe(2);
      const agri = rows.find((r) => r[0] === "区农业局")!;
      expect(Number(agri[col("其中已整合（清理）")])).toBe(1);
      const total = rows.find((r) => r[0] === "合计")!;
      const sum = (name: string) => rows.slice(1, -1).reduce((n, r) => n + Number(r[col(name)]), 0);
      for (const name of ["自查系统总数", "拟清理系统个数", "其中已整合（清理）", "已迁移上云*", "迁移中*", "未迁移*"])
        expect(Number(total[col(name)])).toBe(sum(name));
      expect(Number(total[col("已迁移上云*")]) + Number(total[col("迁移中*")]) + Number(total[col("未迁移*")])).toBe(
        Number(total[col("应迁移上云系统个数*")]),
      );
    },
  );

  it("the Luzhou-style table: planned and actual dates side by side, the rollback and the late retirement", () => {
    const rows = csvRows("migration-table-actual.csv");
    const header = rows[0]!;
    const at = (name: string, system: string) => rows.find((r) => r[2] === system)![header.indexOf(name)];
    const retired = month.plan.systems.find((s) => s.id === month.retired)!;
    expect(at("计划日期", retired.name)).toBe(RETIRE_PLANNED);
    expect(at("实际完成日期", retired.name)).toBe(RETIRED_ON);
    expect(at("逾期天数", retired.name)).toBe("2");
    const back = month.plan.systems.find((s) => s.id === month.rolledBack)!;
    expect(at("进展", back.name)).toBe("已回退");
    expect(at("实际完成日期", back.name)).toBe("");
  });

  it(
    "the workbooks print as forms: A4 landscape, one page wide, the header row repeated, title and date in the " +
      "page header",
    async () => {
      for (const file of ["appendix2-actual.xlsx", "migration-table-actual.xlsx"]) {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(fs.readFileSync(path.join(out, file)) as unknown as ArrayBuffer);
        const sheet = workbook.worksheets[0]!;
        expect(sheet.pageSetup).toMatchObject({
          paperSize: 9,
          orientation: "landscape",
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          printTitlesRow: "2:2",
        });
        expect(sheet.headerFooter.oddHeader).toContain(`截至 ${AS_OF}`);
        expect(String(sheet.getRow(1).getCell(1).value)).toContain(AS_OF);
      }
    },
  );

  it("the burn-up is well-formed XML, marks the as-of date, and no label overlaps another or the plot", () => {
    const boxes = labelBoxes(fs.readFileSync(path.join(out, "charts", "burnup.svg"), "utf8"));
    expect(boxes.some((b) => b.text === `截至 ${AS_OF}`)).toBe(true);
    const plot = { x: PLOT.x0, y: PLOT.top, w: PLOT.x1 - PLOT.x0, h: PLOT.bottom - PLOT.top };
    for (const [i, a] of boxes.entries()) {
      expect(overlaps(a.box, plot), `"${a.text}" over the plot`).toBe(false);
      for (const b of boxes.slice(i + 1)) expect(overlaps(a.box, b.box), `"${a.text}" over "${b.text}"`).toBe(false);
    }
  });

  it(
    "the waves chart shades each wave by what happened: W0 done, W1 and W2 late, W3 in progress; " +
      "no label over another",
    () => {
      const svg = fs.readFileSync(path.join(out, "charts", "waves.svg"), "utf8");
      const boxes = labelBoxes(svg);
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1)) expect(overlaps(a.box, b.box), `"${a.text}" over "${b.text}"`).toBe(false);
      const shade = (wave: string) => {
        const row = boxes.find((b) => b.text === wave)!;
        const bar = [...svg.matchAll(/<rect x="[^"]+" y="([^"]+)" width="8" height="12" fill="(#[0-9a-f]+)"/g)].find(
          (m) => Math.abs(Number(m[1]) - (row.box.y + 11 - 10)) < 1,
        );
        return bar?.[2];
      };
      expect(shade(month.waves.w0.id)).toBe("#2e7d32");
      expect(shade(month.waves.w1.id)).toBe("#c62828");
      expect(shade(month.waves.w2.id)).toBe("#c62828");
      expect(shade(month.waves.w3.id)).toBe("#1f77b4");
    },
  );
});

/** Every text of an SVG with its box (parsed as XML: a malformed file throws). */
function labelBoxes(svg: string): { box: Box; text: string }[] {
  const boxes: { box: Box; text: string }[] = [];
  const parser = new SaxesParser();
  let open: { x: number; y: number; size: number; anchor: string } | undefined;
  parser.on("opentag", (tag) => {
    if (tag.name === "text")
      open = {
        x: Number(tag.attributes.x),
        y: Number(tag.attributes.y),
        size: Number(tag.attributes["font-size"] ?? 12),
        anchor: String(tag.attributes["text-anchor"] ?? "start"),
      };
  });
  parser.on("text", (t) => {
    if (!open) return;
    const w = textWidth(t, open.size);
    const x = open.anchor === "middle" ? open.x - w / 2 : open.anchor === "end" ? open.x - w : open.x;
    boxes.push({ box: { x, y: open.y - open.size, w, h: open.size + 2 }, text: t });
    open = undefined;
  });
  parser.write(svg).close();
  return boxes;
}

describe("deterministic and strict", () => {
  it("the same journals, inventory and date give byte-identical files", async () => {
    const again = path.join(month.dir, "again");
    expect((await progress(again)).code).toBe(0);
    for (const file of fs.readdirSync(out, { recursive: true }).map(String)) {
      if (fs.statSync(path.join(out, file)).isFile())
        expect(fs.readFileSync(path.join(again, file)).equals(fs.readFileSync(path.join(out, file))), file).toBe(true);
    }
  });

  it("an earlier date reads only the records up to it", async () => {
    const early = path.join(month.dir, "early");
    const r = await runCli(month.dir, [
      "progress",
      "zhoucun",
      "--as-of",
      RETIRE_PLANNED,
      ...month.states.flatMap((s) => ["--state", s]),
      "--out",
      early,
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(fs.readFileSync(path.join(early, "progress.json"), "utf8"));
    expect(json.total.done).toBe(0);
    expect(json.systems.find((s: { id: string }) => s.id === month.retired).state).toBe("in-progress");
  });

  it("after a deadline: missed by how many; after the last one, the systems losing O&M money are certain", async () => {
    const read = async (asOf: string) => {
      const dir = path.join(month.dir, `after-${asOf}`);
      const r = await runCli(month.dir, [
        "progress",
        "zhoucun",
        "--as-of",
        asOf,
        ...month.states.flatMap((s) => ["--state", s]),
        "--out",
        dir,
      ]);
      expect(r.code, r.err).toBe(0);
      return { out: r.out, json: JSON.parse(fs.readFileSync(path.join(dir, "progress.json"), "utf8")) };
    };
    const july = await read("2018-07-15");
    const june = july.json.deadlines[0];
    expect(june).toMatchObject({ date: "2018-06-30", past: true, met: false, reached: 3, fix: null });
    expect(july.out).toContain(`2018-06-30 missed by ${june.required - 3}`);
    expect(july.json.funding.definite).toBe(false);
    const january = await read("2019-01-05");
    expect(january.json.funding).toMatchObject({ deadline: "2018-12-31", definite: true });
    const cloudBound = month.plan.systems.filter((s) =>
      ["rehost", "replatform", "consolidate"].includes(s.disposition),
    ).length;
    expect(january.json.funding.systems.length).toBe(cloudBound - 3);
    expect(january.json.funding.systems.some((s: { id: string }) => month.done.has(s.id))).toBe(false);
  });

  it("--as-of is required: no clock is read", async () => {
    const r = await runCli(month.dir, ["progress", "zhoucun", "--out", path.join(month.dir, "x")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--as-of YYYY-MM-DD is required");
    expect(
      (await runCli(month.dir, ["progress", "zhoucun", "--as-of", "2018-02-30", "--out", path.join(month.dir, "x")]))
        .err,
    ).toContain('not "2018-02-30"');
  });

  it("a tampered journal exits 2 with its file and line, nothing written, no stack trace", async () => {
    const bad = path.join(month.dir, "tampered");
    fs.cpSync(month.states[1]!, bad, { recursive: true });
    const file = path.join(bad, "journal.jsonl");
    const lines = fs.readFileSync(file, "utf8").split("\n");
    lines[2] = lines[2]!.replace(/"at":"[^"]+"/, '"at":"2018-04-01T00:00:00.000Z"');
    fs.writeFileSync(file, lines.join("\n"));
    const target = path.join(month.dir, "not-written");
    const r = await progress(target, [bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/tampered\/journal\.jsonl:4:1: the chain breaks here/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(target)).toBe(false);
  });

  it("a record the engine cannot have written (a nonexistent state) exits 2 with file, line and field", async () => {
    const dir = path.join(month.dir, "forged");
    fs.mkdirSync(dir);
    const clock = new SetClock();
    clock.set("2018-05-02T00:00:00Z");
    const journal = FileJournal.open(path.join(dir, "journal.jsonl"), { run: "r", operator: "t", host: "h" }, clock);
    journal.append({ type: "system", system: month.rolledBack, state: "in-progress" });
    journal.append({ type: "system", system: month.rolledBack, state: "finished" as never });
    journal.append({ type: "system", system: month.rolledBack, state: "observing" });
    journal.close();
    const r = await progress(path.join(month.dir, "z"), [dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('forged/journal.jsonl:2:1: state: record 2: "finished" is not a system state');
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
  });

  it("a missing journal exits 2 with the path and the fix", async () => {
    const r = await progress(path.join(month.dir, "y"), [path.join(month.dir, "nowhere")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("nowhere: --state: no cutover journal here (fix: name a cutover state folder");
  });
});
