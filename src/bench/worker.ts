/**
 * One measurement, in a process of its own so that its peak memory is its own. Prints
 * {"ms", "rssMb", "count"} on stdout: the time of the work itself (not Node's start-up)
 * and the process's peak resident memory.
 */
import * as fs from "node:fs";
import * as inspector from "node:inspector";
import * as path from "node:path";
import ExcelJS from "exceljs";
import * as pulumi from "@pulumi/pulumi";
import { load as loadJsYaml } from "js-yaml";
import { parse } from "yaml";
import { loadInventory } from "../migration/inventory/load";
import { buildPlan } from "../migration/plan/plan";
import { runOffline } from "../preview/harness";
import { previewStack } from "../preview/preview";
import { renderInventoryFiles } from "../migration/inventory/write-yaml";
import { mockId } from "../preview/mock-id";

/** The barest custom resource: a type and one input. */
class Bare extends pulumi.CustomResource {
  constructor(name: string) {
    super("bench:index:Bare", name, { index: name });
  }
}

/** A custom resource shaped like a provider's: `declared` properties, the first `set` of them given. */
class Shaped extends pulumi.CustomResource {
  constructor(name: string, declared: number, set: number) {
    const props: Record<string, string | undefined> = {};
    for (let i = 0; i < declared; i++) props[`p${i}`] = i < set ? `${name}-${i}` : undefined;
    super("bench:index:Shaped", name, props);
  }
}

/**
 * How many properties the SDK sets up per resource (a provider's resource declares all of
 * its inputs and outputs, most undefined) and how many are given: counted at the SDK's
 * transferProperties, in an untimed probe run only.
 */
function countProperties(): () => { declared: number; set: number } {
  const rpc = require("@pulumi/pulumi/runtime/rpc") as {
    transferProperties: (onto: unknown, label: string, props: Record<string, unknown>) => unknown;
  };
  const transfer = rpc.transferProperties;
  let resources = 0;
  let declared = 0;
  let set = 0;
  rpc.transferProperties = (onto, label, props) => {
    resources++;
    for (const value of Object.values(props)) {
      declared++;
      if (value !== undefined) set++;
    }
    return transfer(onto, label, props);
  };
  return () => ({ declared: Math.round(declared / resources), set: Math.round(set / resources) });
}

function files(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? files(path.join(folder, entry.name)) : [path.join(folder, entry.name)]))
    .filter((file) => file.endsWith(".yaml"))
    .sort();
}

type Result = number | { count: number; declared: number; set: number };

/** The dataset at `target`, read and checked; a bench estate that does not validate is a bench bug. */
async function validInventory(target: string) {
  const loaded = await loadInventory([target]);
  if (!loaded.ok) throw new Error(`${target} does not validate`);
  return loaded;
}

/**
 * What each mode measures, given the target (a folder, a count, a stack project) and the
 * extra argument: the number of things it handled (or, for the probe, the preview's shape).
 */
const MODES: Record<string, (target: string, extra: string | undefined) => Promise<Result>> = {
  parse: async (target) => {
    // The floor of planning: merely parsing the same files with the yaml library.
    let count = 0;
    for (const file of files(target)) {
      parse(fs.readFileSync(file, "utf8"));
      count++;
    }
    return count;
  },
  "parse-js-yaml": async (target) => {
    // The fastest parse of the same files on npm: js-yaml.
    let count = 0;
    for (const file of files(target)) {
      loadJsYaml(fs.readFileSync(file, "utf8"));
      count++;
    }
    return count;
  },
  read: async (target) => {
    // What plan does before planning: read every file, check every record against its
    // schema and the cross-record rules, with the positions of their diagnostics.
    const loaded = await validInventory(target);
    return loaded.inventory.systems.length;
  },
  plan: async (target) => {
    const loaded = await validInventory(target);
    return buildPlan({ inventory: loaded.inventory, dataset: path.basename(target) }).systems.length;
  },
  floor: async (target, extra) => {
    // The SDK's own floor: as many bare resources (or, with extra "declared:set", resources
    // with as many properties as the preview's), registered through the same mock harness.
    const count = Number(target);
    const [declared, set] = (extra ?? "").split(":").map(Number);
    const run = await runOffline(
      async () => {
        for (let i = 0; i < count; i++) {
          if (extra) new Shaped(`shaped-${i}`, declared!, set!);
          else new Bare(`bare-${i}`);
        }
        return {};
      },
      { project: "govcloud", stack: "floor", config: {} },
    );
    return run.resources.length;
  },
  "floor-stock": async (target) => {
    // The SDK as it ships: as many bare resources under its own mock runtime (setMocks'
    // MockMonitor, a call-site stack trace per resource, every promise tracked), with
    // none of what the offline harness switches off.
    const count = Number(target);
    let registered = 0;
    const newResource = (args: pulumi.runtime.MockResourceArgs) => {
      registered++;
      return { id: mockId(args.name), state: args.inputs as Record<string, unknown> };
    };
    await pulumi.runtime.setMocks(
      { newResource, call: (args) => args.inputs as Record<string, unknown> },
      "govcloud",
      "floor",
      false,
    );
    const { runInPulumiStack } = require("@pulumi/pulumi/runtime/stack") as {
      runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
    };
    const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
    await runInPulumiStack(async () => {
      for (let i = 0; i < count; i++) new Bare(`bare-${i}`);
      return {};
    });
    await waitForRPCs();
    return registered;
  },
  "preview-shape": async (target, extra) => {
    // Untimed probe: the preview's resource count and properties per resource.
    const shape = countProperties();
    const count = (await measure("preview", target, extra)) as number;
    return { count, ...shape() };
  },
  preview: async (target, extra) => {
    const program = require(path.resolve(__dirname, "..", "program", "index.js")) as () => Promise<
      Record<string, unknown>
    >;
    const result = await previewStack(extra!, target, program);
    if (result.violations.length > 0) throw new Error(`${result.violations.length} network rule violations`);
    return result.resources.length;
  },
  "xlsx-read": async (target) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(target) as unknown as ArrayBuffer);
    return workbook.worksheets.reduce((n, sheet) => n + sheet.rowCount, 0);
  },
  import: async (target) => {
    // What govcloud import does, but writing to memory: read, validate, render the YAML.
    const loaded = await validInventory(target);
    const rendered = renderInventoryFiles(loaded.inventory, {
      modeline: () => "# yaml-language-server: $schema=x",
      provenance: "bench",
    });
    return rendered.size + loaded.inventory.systems.length;
  },
};

async function measure(mode: string, target: string, extra: string | undefined): Promise<Result> {
  const run = MODES[mode];
  if (!run) throw new Error(`unknown mode ${mode}`);
  return run(target, extra);
}

/**
 * The same process setup for the preview and its floor: the program and its provider
 * SDKs loaded, and one small run done, before the clock starts; so the figure compares
 * the work per resource, not module loading or JIT warm-up.
 */
async function warmUp(mode: string, warmRoot: string | undefined): Promise<void> {
  if (mode !== "preview" && mode !== "floor" && mode !== "floor-stock") return;
  const program = require(path.resolve(__dirname, "..", "program", "index.js")) as () => Promise<
    Record<string, unknown>
  >;
  if (warmRoot) await previewStack("warm", warmRoot, program);
}

/**
 * GOVCLOUD_BENCH_PROFILE=file.cpuprofile: a CPU profile of the measured work alone (not
 * start-up or warm-up), to open in Chrome's DevTools; returns the function that writes it.
 */
async function startProfile(): Promise<(file: string) => Promise<void>> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 200 });
  await post("Profiler.start");
  return async (file) => {
    const { profile } = (await post("Profiler.stop")) as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

async function main(): Promise<void> {
  const [mode, target, extra] = process.argv.slice(2);
  if (!mode || !target) throw new Error("usage: worker <mode> <target> [extra]");
  await warmUp(mode, process.env.GOVCLOUD_BENCH_WARM_ROOT);
  const profile = process.env.GOVCLOUD_BENCH_PROFILE ? await startProfile() : undefined;
  const start = process.hrtime.bigint();
  const result = await measure(mode, target, extra);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (profile) await profile(process.env.GOVCLOUD_BENCH_PROFILE!);
  const counts = typeof result === "number" ? { count: result } : result;
  process.stdout.write(
    `${JSON.stringify({ ms, rssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...counts })}\n`,
  );
}

main().catch((cause: unknown) => {
  process.stderr.write(`bench worker: ${(cause as Error).stack ?? String(cause)}\n`);
  process.exitCode = 1;
});
