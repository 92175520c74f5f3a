import * as path from "node:path";
import { parseArgs } from "node:util";
import { loadInventory } from "../../migration/inventory/load";
import { buildPlan } from "../../migration/plan/plan";
import { renderPlanFiles, type Language } from "../../migration/plan/render/files";
import { PolicyOverrideError } from "../../migration/plan/settings";
import { EXIT, plural, printDiagnostics, UsageError, type Io } from "../io";
import { terminalProgress, type Progress } from "../progress";
import { assertOutsideInputs, outFolderWritable, writeFolderAtomically } from "../out-folder";
import { megabytes } from "./validate";

export const planHelp = `Usage: govcloud plan <inventory path>... --out <dir> [--lang zh|en]
                     [--start YYYY-MM-DD] [--deadline YYYY-MM-DD:NN%]... [--force]

The migration team's main job: from the inventory to a migration plan.
  - every system's disposition (exclude, retain, retire, consolidate, rehost,
    replatform) with the evidence for it;
  - targets: domain, zones, right-sized instances, volumes, workloads, security
    rules, disaster recovery, and each department tenant's quota;
  - dated waves in the policy's cutover windows (dependencies first, easy first,
    rooms closing early), and whether each deadline is met, and if not why;
  - a runbook per system, a decommission plan per server room.

The inventory is validated first: on any error the report is printed and nothing
is written (exit 2). A dataset without policy (a bare spreadsheet) gets the seeds'
schedule: planning from 2018-01-01, 70 % by 2018-06-30, all by 2018-12-31.

Writes to --out: plan.json (the machine contract), summary.md, departments/,
runbooks/, rooms/, appendix2-progress.md, migration-table.{md,csv,xlsx}, charts/.
The same inputs always give byte-identical files.

Options:
  --out <dir>          folder to write (replaced as a whole; must be empty unless --force)
  --lang zh|en         language of the reports (default zh)
  --start DATE         planning start, overriding the dataset's
  --deadline DATE:NN%  a deadline (repeatable), overriding the dataset's
  --force              replace a non-empty --out folder
  --max-file-mb N      refuse inventory files larger than N MiB (default 32)
  -h, --help           show this help

Example:
  govcloud plan inventories/zhoucun --out out/zhoucun
  govcloud plan form.xlsx --out out/form --start 2027-01-04 --deadline 2027-06-30:70% --deadline 2027-12-31:100%`;

interface PlanValues {
  readonly out: string;
  readonly lang: Language;
  readonly start?: string;
  readonly deadline?: string[];
  readonly force?: boolean;
  readonly "max-file-mb"?: string;
}

export async function planCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      lang: { type: "string", default: "zh" },
      start: { type: "string" },
      deadline: { type: "string", multiple: true },
      force: { type: "boolean", default: false },
      "max-file-mb": { type: "string" },
    },
  });
  if (!values.out) throw new UsageError("--out <dir> is required", "plan");
  if (values.lang !== "zh" && values.lang !== "en") throw new UsageError(`--lang takes zh or en, not "${values.lang}"`, "plan");
  if (positionals.length === 0) throw new UsageError("name the inventory to plan, e.g. inventories/zhoucun", "plan");

  const progress = terminalProgress("plan");
  try {
    return await runPlan({ ...values, out: values.out, lang: values.lang }, positionals, io, progress);
  } finally {
    progress.clear();
  }
}

async function runPlan(values: PlanValues, positionals: string[], io: Io, progress: Progress): Promise<number> {
  const loaded = await loadInventory(positionals, { displayRoot: io.cwd, maxFileBytes: megabytes(values["max-file-mb"]), onFile: (done, total) => (done < total ? progress.count("reading inventory files", done, total) : progress.step("checking the records")) });
  progress.clear();
  const { errors } = printDiagnostics(io, loaded.diagnostics);
  if (errors > 0) {
    io.err(`plan: ${plural(errors, "error")} in the inventory; nothing written`);
    return EXIT.input;
  }
  progress.step(`planning ${loaded.inventory.systems.length.toLocaleString("en")} systems`);
  let plan;
  try {
    plan = buildPlan({ inventory: loaded.inventory, dataset: datasetName(positionals), overrides: { start: values.start, deadlines: values.deadline } });
  } catch (cause) {
    if (cause instanceof PolicyOverrideError) throw new UsageError(cause.message, "plan");
    throw cause;
  }
  const out = path.resolve(io.cwd, values.out);
  assertOutsideInputs(out, positionals, io.cwd);
  if (!(await outFolderWritable(out, values.out, values.force ?? false, "plan", io))) return EXIT.input;
  progress.step("rendering the reports");
  const files = await renderPlanFiles(plan, loaded.inventory, values.lang);
  // Writing renders plan.json and the runbooks as it goes: most of a province's time.
  await writeFolderAtomically(out, files, (done, total) => progress.count("writing files", done, total));
  progress.clear();
  const count = (d: string) => plan.systems.filter((s) => s.disposition === d).length;
  io.out(
    `planned ${plural(plan.systems.length, "system")}: ${["rehost", "replatform", "consolidate", "retire", "retain", "exclude"].map((d) => `${count(d)} ${d}`).join(", ")}; ` +
      `${plural(plan.waves.length, "wave")}; deadlines ${plan.deadlines.map((d) => `${d.date} ${d.met ? "met" : `missed by ${d.shortBy}`}`).join(", ")}; wrote ${plural(files.size, "file")} to ${values.out}`,
  );
  return EXIT.ok;
}

/** The dataset's name: its folder or file name. */
function datasetName(paths: readonly string[]): string {
  return paths.map((p) => path.basename(path.resolve(p)).replace(/\.(ya?ml|csv|xlsx)$/i, "")).join("+");
}
