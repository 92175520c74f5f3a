import * as path from "node:path";
import { parseArgs } from "node:util";
import { loadInventory } from "../../migration/inventory/load";
import { InputError } from "../../migration/inventory/diagnostics";
import { lockChanges } from "../../migration/lock/changes";
import { holdPlan } from "../../migration/lock/hold";
import type { Lock } from "../../migration/lock/model";
import { countSystems } from "../../migration/plan/counts";
import { renderPlanFiles, type Language } from "../../migration/plan/render/files";
import { PolicyOverrideError } from "../../migration/plan/resolved-policy";
import { EXIT, plural, printDiagnostics, UsageError, type Io } from "../io";
import { terminalProgress, type Progress } from "../progress";
import { outFolderWritable, writeFolderAtomically } from "../out-folder";
import { megabytes } from "./validate";
import { readLockFile, type LockOnDisk } from "../../migration/lock/disk";
import { assertLockWritable, lockText, problemDiagnostics, writeLockFile } from "../lock-file";
import { stacksDeploying } from "../stacks";
import { asOfDate, readActuals } from "../journals";
import { happenedOf, movedHappened } from "../replan";

export const planHelp = `Usage: govcloud plan <inventory path>... --out <dir> [--lang zh|en]
                     [--start YYYY-MM-DD] [--deadline YYYY-MM-DD:NN%]... [--force]
                     [--lock <file>] [--replan] [--release <system>]... [--reuse-released]
                     [--state <cutover state folder or journal>... --as-of YYYY-MM-DD]
       govcloud plan <inventory path>... --check [--lock <file>]

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

Writes to --out: plan.json (the machine contract), summary.md (with its long
lists whole in lists/, Markdown and CSV), cloud-demand.{md,csv}, departments/,
runbooks/, rooms/, appendix2-progress.md, migration-table.{md,csv,xlsx}, charts/.
The same inputs always give byte-identical files.

The plan lock (<dataset>.lock.yaml beside the dataset, or --lock): the decisions
that must not move once made, which the Pulumi stacks and the cutover runs deploy.
plan keeps every decision the lock holds, gives new systems waves and new
departments address slots, prints what changed in the lock, and writes it (an
unchanged lock keeps its bytes). A system of a deployed or done wave never moves;
if it left the inventory, plan stops (exit 2) unless --release names it.

Options:
  --out <dir>          folder to write (replaced as a whole; must be empty unless --force)
  --lang zh|en         language of the reports (default zh)
  --start DATE         planning start, overriding the dataset's (kept in the lock;
                       planned waves are scheduled afresh from it)
  --deadline DATE:NN%  a deadline (repeatable), overriding the dataset's (kept in the lock)
  --lock <file>        the plan lock (default: <dataset>.lock.yaml beside the dataset)
  --check              write nothing; exit 1 when the lock would change (for CI)
  --replan             schedule every planned wave afresh (deployed and done waves stay)
  --release <system>   take a system of a deployed or done wave that left the
                       inventory out of the stacks (repeatable; its data volumes
                       stay protected until unprotected by hand)
  --reuse-released     let new departments take released departments' address slots
  --state PATH         re-plan from what happened (repeatable; with --as-of): every
                       system the cutover journals show done or running keeps its
                       wave, disposition and (a retirement) the day it was done; the
                       rest is scheduled afresh from --start (built waves never move)
  --as-of DATE         the date the journals are read up to (required with --state)
  --force              replace a non-empty --out folder
  --max-file-mb N      refuse inventory files larger than N MiB (default 32)
  -h, --help           show this help

Example:
  govcloud plan inventories/zhoucun --out out/zhoucun
  govcloud plan form.xlsx --out out/form --start 2027-01-04 --deadline 2027-06-30:70% --deadline 2027-12-31:100%
  govcloud plan inventories/zhoucun --check

Exit status: 0 done (or, with --check, the lock is current); 1 with --check, the
lock would change; 2 bad input, usage, or a change the lock forbids.`;

interface PlanValues {
  readonly out: string;
  readonly lang: Language;
  readonly start?: string;
  readonly deadline?: string[];
  readonly force?: boolean;
  readonly "max-file-mb"?: string;
  readonly lock?: string;
  readonly check?: boolean;
  readonly replan?: boolean;
  readonly release?: string[];
  readonly "reuse-released"?: boolean;
  readonly state?: string[];
  readonly "as-of"?: string;
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
      lock: { type: "string" },
      check: { type: "boolean", default: false },
      replan: { type: "boolean", default: false },
      release: { type: "string", multiple: true },
      "reuse-released": { type: "boolean", default: false },
      state: { type: "string", multiple: true },
      "as-of": { type: "string" },
    },
  });
  if (!values.out && !values.check)
    throw new UsageError("--out <dir> is required (or --check to compare the lock only)", "plan");
  if (values.out && values.check) throw new UsageError("--check writes nothing: drop --out", "plan");
  if (values.lang !== "zh" && values.lang !== "en")
    throw new UsageError(`--lang takes zh or en, not "${values.lang}"`, "plan");
  if (positionals.length === 0) throw new UsageError("name the inventory to plan, e.g. inventories/zhoucun", "plan");
  if (values["as-of"] !== undefined && !values.state)
    throw new UsageError("--as-of reads the cutover journals: give them with --state", "plan");

  const progress = terminalProgress("plan");
  try {
    return await runPlan({ ...values, out: values.out ?? "", lang: values.lang }, positionals, io, progress);
  } finally {
    progress.clear();
  }
}

async function runPlan(values: PlanValues, positionals: string[], io: Io, progress: Progress): Promise<number> {
  const loaded = await loadInventory(positionals, {
    displayRoot: io.cwd,
    maxFileBytes: megabytes(values["max-file-mb"]),
    onFile: (done, total) =>
      done < total ? progress.count("reading inventory files", done, total) : progress.step("checking the records"),
  });
  progress.clear();
  const { errors } = printDiagnostics(io, loaded.diagnostics);
  if (errors > 0) {
    io.err(`plan: ${plural(errors, "error")} in the inventory; nothing written`);
    return EXIT.input;
  }
  const onDisk = readLockFile(positionals, values.lock, io.cwd);
  let happened: Map<string, string | null> | undefined;
  if (values.state && values.state.length > 0) {
    const asOf = asOfDate(values["as-of"], "plan");
    if (!onDisk.lock)
      throw new UsageError(
        `--state re-plans a held plan, and ${onDisk.shown} does not exist (run govcloud plan first)`,
        "plan",
      );
    happened = happenedOf(onDisk.lock, (await readActuals(values.state, asOf, io)).actuals, onDisk.shown);
  }
  progress.step(`planning ${loaded.inventory.systems.length.toLocaleString("en")} systems`);
  let held;
  try {
    held = holdPlan({
      inventory: loaded.inventory,
      dataset: onDisk.lock?.dataset ?? datasetName(positionals),
      lock: onDisk.lock,
      overrides: { start: values.start, deadlines: values.deadline },
      replan: (values.replan ?? false) || happened !== undefined,
      ...(happened ? { happened } : {}),
      release: values.release ?? [],
      reuseReleased: values["reuse-released"] ?? false,
      stacks: stacksDeploying(positionals, io.cwd),
    });
  } catch (cause) {
    if (cause instanceof PolicyOverrideError) throw new UsageError(cause.message, "plan");
    throw cause;
  }
  progress.clear();
  if (held.problems.length > 0) throw new InputError(problemDiagnostics(held.problems, onDisk));
  const { plan } = held;
  if (happened && onDisk.lock) {
    const moved = movedHappened(onDisk.lock, plan, happened);
    if (moved.length > 0)
      throw new Error(`the re-plan moved ${moved.join(", ")}, which the journals show done or running`);
  }
  const nextText = lockText(held.lock, onDisk.file);
  const changes = onDisk.lock ? lockChanges(onDisk.lock, held.lock) : [];
  if (values.check) return reportCheck(io, onDisk, changes, nextText);

  const out = path.resolve(io.cwd, values.out);
  const target = {
    out,
    shown: values.out,
    inputs: [...positionals, ...(values.state ?? []), onDisk.file],
    cwd: io.cwd,
  };
  if (!(await outFolderWritable(target, values.force ?? false, "plan", io))) return EXIT.input;
  if (nextText !== onDisk.text) assertLockWritable(onDisk.file);
  progress.step("rendering the reports");
  const files = await renderPlanFiles(plan, loaded.inventory, values.lang);
  // Writing renders plan.json and the runbooks as it goes: most of a province's time.
  await writeFolderAtomically(target, files, (done, total) => progress.count("writing files", done, total));
  progress.clear();
  if (nextText !== onDisk.text) writeLockFile(onDisk.file, nextText);
  const counts = countSystems(plan.systems, () => undefined);
  const byDisposition = (["rehost", "replatform", "consolidate", "retire", "retain", "exclude"] as const)
    .map((d) => `${counts.byDisposition[d]} ${d}`)
    .join(", ");
  const deadlines = plan.deadlines.map((d) => `${d.date} ${d.met ? "met" : `missed by ${d.shortBy}`}`).join(", ");
  io.out(
    `planned ${plural(counts.systems, "system")}: ${byDisposition}; ${plural(plan.waves.length, "wave")}; ` +
      `deadlines ${deadlines}; wrote ${plural(files.size, "file")} to ${values.out}`,
  );
  if (happened)
    io.out(
      `kept as they happened: ${plural(happened.size, "system")} done or running ` +
        `(the rest scheduled afresh from ${plan.settings.planningStart})`,
    );
  reportLock(io, onDisk, held.lock, changes, nextText);
  return EXIT.ok;
}

const SHOWN_CHANGES = 200;

function printChanges(io: Io, changes: readonly string[]): void {
  for (const line of changes.slice(0, SHOWN_CHANGES)) io.out(`  ${line}`);
  if (changes.length > SHOWN_CHANGES)
    io.out(`  … and ${changes.length - SHOWN_CHANGES} more (see the lock's diff in version control)`);
}

/** --check: nothing written; 1 when the committed lock is not what plan would write. */
function reportCheck(io: Io, onDisk: LockOnDisk, changes: readonly string[], nextText: string): number {
  if (onDisk.text === nextText) {
    io.out(`plan lock ${onDisk.shown} is current`);
    return EXIT.ok;
  }
  if (!onDisk.lock)
    io.out(`plan lock ${onDisk.shown} does not exist (fix: run govcloud plan, review and commit the lock)`);
  else {
    io.out(
      `plan lock ${onDisk.shown} would ` +
        `change${changes.length ? ` (${plural(changes.length, "change")}):` : " (layout only)"}`,
    );
    printChanges(io, changes);
    io.out("fix: run govcloud plan, review the lock's diff and commit it");
  }
  return EXIT.violation;
}

function reportLock(io: Io, onDisk: LockOnDisk, lock: Lock, changes: readonly string[], nextText: string): void {
  const counts =
    `${plural(Object.keys(lock.waves).length, "wave")}, ` +
    `${plural(Object.keys(lock.departments).length, "department")}, ` +
    `${plural(Object.keys(lock.systems).length, "system")}`;
  if (!onDisk.lock) io.out(`plan lock ${onDisk.shown} written: ${counts} (review and commit it)`);
  else if (onDisk.text === nextText) io.out(`plan lock ${onDisk.shown} unchanged`);
  else {
    io.out(`plan lock ${onDisk.shown} updated: ${plural(changes.length, "change")} (review the diff and commit it):`);
    printChanges(io, changes);
  }
}

/** The dataset's name: its folder or file name. */
function datasetName(paths: readonly string[]): string {
  return paths.map((p) => path.basename(path.resolve(p)).replace(/\.(ya?ml|csv|xlsx)$/i, "")).join("+");
}
