import * as path from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../../migration/inventory/diagnostics";
import { loadInventory } from "../../migration/inventory/load";
import { readLockFile } from "../../migration/lock/disk";
import { holdPlan } from "../../migration/lock/hold";
import { createContext } from "../../migration/plan/render/context";
import { renderProgressFiles } from "../../migration/progress/files";
import { EXIT, plural, printDiagnostics, UsageError, type Io } from "../io";
import { asOfDate, readActuals } from "../journals";
import { problemDiagnostics } from "../lock-file";
import { outFolderWritable, writeFolderAtomically } from "../out-folder";
import { stacksDeploying } from "../stacks";

export const progressHelp = `Usage: govcloud progress <inventory path>... --as-of YYYY-MM-DD --out <dir>
                         [--state <cutover state folder or journal>]... [--lock <file>] [--force]

The monthly progress report from what really happened: the cutover journals (each
--state a folder of govcloud cutover run, or its journal.jsonl; a system's latest
record wins) against the held plan (the lock's waves and dates). Records after the
as-of date are not read: a report for last month says what was known then.

Writes to --out:
  progress.md, progress.json   per department and in total: done (migrated, merged,
                               retired, with actual dates), in progress, late, to do;
                               each deadline: share reached, share the rest of the plan
                               reaches, the pace, and what a miss needs; rooms that are
                               empty, can close or wait; systems losing O&M funding
  appendix2-actual.{md,csv,xlsx}         seed 001's Appendix 2 with the actual numbers
  migration-table-actual.{md,csv,xlsx}   the Luzhou-style table, planned and actual dates
  charts/burnup.svg                      planned and actual share against the deadlines
  charts/waves.svg                       the lock's waves: done, in progress, late, to do
The .xlsx forms print on A4 landscape, one page wide, the header on every page.
The same journals, inventory and date always give byte-identical files.

Options:
  --as-of DATE   the report's date (required: no clock is read)
  --state PATH   a cutover state folder or journal (repeatable; none: nothing done yet)
  --lock <file>  the plan lock (default: <dataset>.lock.yaml beside the dataset)
  --out <dir>    folder to write (replaced as a whole; must be empty unless --force)
  --force        replace a non-empty --out folder

Exit status: 0 written; 2 bad input or usage (file, line and field, with a fix).`;

export async function progressCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "as-of": { type: "string" },
      state: { type: "string", multiple: true },
      lock: { type: "string" },
      out: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  const asOf = asOfDate(values["as-of"], "progress");
  if (!values.out) throw new UsageError("--out <dir> is required", "progress");
  if (positionals.length === 0)
    throw new UsageError(
      "name the inventory, e.g. govcloud progress inventories/zhoucun --as-of 2018-06-30 --state " +
        ".govcloud/cutover --out out/progress",
      "progress",
    );
  const inventory = positionals.map((p) => path.resolve(io.cwd, p));
  const loaded = await loadInventory(inventory, { displayRoot: io.cwd });
  const { errors } = printDiagnostics(io, loaded.diagnostics);
  if (errors > 0) {
    io.err(`progress: ${plural(errors, "error")} in the inventory; nothing written`);
    return EXIT.input;
  }
  const onDisk = readLockFile(inventory, values.lock, io.cwd);
  if (!onDisk.lock)
    throw new InputError([
      {
        severity: "error",
        location: { kind: "file", file: onDisk.shown },
        field: "",
        message: "no plan lock: progress is measured against the held plan",
        fix: "run govcloud plan, review and commit the lock (or give --lock)",
      },
    ]);
  const held = holdPlan({
    inventory: loaded.inventory,
    dataset: onDisk.lock.dataset,
    lock: onDisk.lock,
    stacks: stacksDeploying(inventory, io.cwd),
  });
  if (held.problems.length > 0) throw new InputError(problemDiagnostics(held.problems, onDisk));
  const { actuals, journals } = await readActuals(values.state ?? [], asOf, io);
  const known = new Set(held.plan.systems.map((s) => s.id));
  for (const id of actuals.keys())
    if (!known.has(id))
      io.err(`warning: the journals name ${id}, which the inventory does not hold (released or renamed?): not counted`);

  const out = path.resolve(io.cwd, values.out);
  const target = {
    out,
    shown: values.out,
    inputs: [...positionals, ...(values.state ?? []), onDisk.file],
    cwd: io.cwd,
  };
  if (!(await outFolderWritable(target, values.force ?? false, "progress", io))) return EXIT.input;
  const ctx = createContext(held.plan, loaded.inventory, "zh");
  const { files, report } = await renderProgressFiles(ctx, actuals, asOf, journals);
  await writeFolderAtomically(target, files);
  const t = report.total;
  const deadlines = report.deadlines.map((d) => {
    if (d.past) return `${d.date} ${d.met ? "met" : `missed by ${d.required - d.reached}`}`;
    return `${d.date} ${d.met ? "on track" : `short by ${d.shortBy} at this pace`}`;
  });
  io.out(
    `as of ${asOf}: ${t.done} done, ${t.inProgress} in progress, ${t.toDo} to do of ${plural(t.all, "system")} ` +
      `(${t.late} late, ${t.rolledBack} rolled back); deadlines ${deadlines.join(", ")}; ` +
      `wrote ${plural(files.size, "file")} to ${values.out}`,
  );
  return EXIT.ok;
}
