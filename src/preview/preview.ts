/**
 * The offline preview: reads stacks/Pulumi.<stack>.yaml, runs the real program under the
 * SDK's mock runtime (harness.ts), and checks the network rules over what it
 * registered. No CLI, no cloud, no credentials.
 */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { Diagnostic } from "../migration/inventory/diagnostics";
import { InputError, sortDiagnostics } from "../migration/inventory/diagnostics";
import { loadInventory } from "../migration/inventory/load";
import { readRegularYamlText } from "../migration/inventory/regular-file";
import { readLockFile } from "../migration/lock/disk";
import type { LandingZoneConfig } from "../components/landing-zone/config";
import type { Inventory } from "../migration/inventory/model";
import { getsResources, type Plan } from "../migration/plan/types";
import { checkNetworkRules, mockIdContext, type Violation } from "../network-rules/rules";
import { fullKey, parseStackConfig, StackConfigError } from "../program/config";
import { offerInventory } from "../program/preloaded";
import { prepareLandingZone } from "../program/prepare";
import { runOffline, type HarnessOptions, type OfflineRun, type RecordedResource } from "./harness";

export interface PreviewResult {
  readonly stack: string;
  /** What the stack would create (resources it only reads, from a platform stack, are left out). */
  readonly resources: readonly {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly parent: string;
    readonly protect?: boolean;
    readonly inputs: Record<string, unknown>;
  }[];
  readonly violations: readonly Violation[];
}

/** The preview, and the stack's outputs (for the workload stacks that reference it). */
export interface PreviewRun extends PreviewResult {
  readonly outputs: Record<string, unknown>;
  /**
   * Everything the program registered, with each resource's declared dependencies (for replaying it against a cloud).
   */
  readonly recorded: readonly RecordedResource[];
}

const PROJECT = "govcloud";
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export async function listStacks(projectRoot: string): Promise<string[]> {
  const files = await fs.readdir(path.join(projectRoot, "stacks")).catch(() => [] as string[]);
  return files
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/** Reads a stack file's config as the Pulumi CLI hands it to the program: strings, objects as JSON. */
export async function readStackFile(
  projectRoot: string,
  stack: string,
): Promise<{ config: Record<string, string>; secretKeys: string[]; file: string; doc: Document; lines: LineCounter }> {
  const file = path.join("stacks", `Pulumi.${stack}.yaml`);
  // A stack is a name, never a path: "../x" would read a file outside stacks/.
  if (!STACK_NAME.test(stack)) {
    throw new InputError([
      {
        severity: "error",
        location: { kind: "file", file: "stacks/" },
        field: "--stack",
        message: `"${stack}" is not a stack name`,
        fix: "give the name of a stacks/Pulumi.<name>.yaml: letters, digits, '-', '_' and '.', not a path",
      },
    ]);
  }
  const read = readRegularYamlText(path.join(projectRoot, file));
  if (!read.ok && read.code !== "ENOENT")
    throw new InputError([
      { severity: "error", location: { kind: "file", file }, field: "", message: read.message, fix: read.fix },
    ]);
  const text = read.ok ? read.text : undefined;
  if (text === undefined) {
    const stacks = await listStacks(projectRoot);
    throw new InputError([
      {
        severity: "error",
        location: { kind: "file", file },
        field: "",
        message: `no stack "${stack}"`,
        fix: stacks.length ? `use one of ${stacks.join(", ")}` : "create stacks/Pulumi.<stack>.yaml",
      },
    ]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map((e) => ({
        severity: "error",
        location: { kind: "text", file, line: lines.linePos(e.pos[0]).line, column: lines.linePos(e.pos[0]).col },
        field: "",
        message: `YAML syntax: ${e.message.split("\n")[0]}`,
      })),
    );
  }
  const data = (doc.toJS() ?? {}) as { config?: Record<string, unknown> };
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(data.config ?? {})) {
    if (value && typeof value === "object" && "secure" in value) {
      // An encrypted value cannot be read offline; the program sees that it is set, not what it is.
      config[key] = "[secret]";
      secretKeys.push(key);
    } else config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { config, secretKeys, file, doc, lines };
}

/** Where a `govcloud:<key>` sits in the stack file, for error messages. */
function locate(doc: Document, lines: LineCounter, key: string): { line: number; column: number } {
  const config = doc.get("config", true);
  const top = isMap(doc.contents)
    ? doc.contents.items.find((item) => isScalar(item.key) && item.key.value === "config")
    : undefined;
  let offset = (top?.key as { range?: number[] } | undefined)?.range?.[0] ?? 0;
  if (isMap(config)) {
    const [head, ...rest] = key.includes(":") ? [key] : key.split(".");
    const pair = config.items.find((item) => isScalar(item.key) && item.key.value === fullKey(head!));
    offset = (pair?.key as { range?: number[] } | undefined)?.range?.[0] ?? offset;
    let node: unknown = pair?.value;
    for (const part of rest) {
      if (!isMap(node)) break;
      const inner = node.items.find((item) => isScalar(item.key) && String(item.key.value) === part);
      if (!inner) break;
      offset = (inner.key as { range?: number[] }).range?.[0] ?? offset;
      node = inner.value;
    }
  }
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

export async function previewStack(
  stack: string,
  projectRoot: string,
  program: () => Promise<Record<string, unknown>>,
  onResource?: (count: number) => void,
  referencedBy: readonly string[] = [],
): Promise<PreviewRun> {
  const settings = await stackSettings(projectRoot, stack);
  const { config, secretKeys, parsed } = settings;
  const { paths, inventory, plan } = await preparedPlan(projectRoot, settings);
  const stackOutputs = await platformOutputs(stack, projectRoot, program, settings, referencedBy);
  const run = await runWithInventory(program, paths, inventory, {
    project: PROJECT,
    stack,
    config,
    secretKeys,
    ...(stackOutputs ? { stackOutputs } : {}),
    ...(onResource ? { onResource } : {}),
  });
  const violations = networkViolations(run.resources, plan, parsed);
  return {
    stack,
    resources: created(run.resources),
    violations,
    outputs: run.outputs,
    recorded: run.resources,
  };
}

/** The program run offline; it takes the inventory loaded here rather than parsing the files again. */
async function runWithInventory(
  program: () => Promise<Record<string, unknown>>,
  paths: readonly string[],
  inventory: Inventory,
  options: HarnessOptions,
): Promise<OfflineRun> {
  const withdraw = offerInventory(paths, inventory);
  try {
    return await runOffline(program, options);
  } finally {
    withdraw();
  }
}

/** The network rules over what the program registered, its mock ids resolved, against the plan's systems. */
function networkViolations(resources: readonly RecordedResource[], plan: Plan, parsed: LandingZoneConfig): Violation[] {
  return checkNetworkRules(
    resources,
    mockIdContext(resources, {
      buildable: new Set(plan.systems.filter((s) => getsResources(s.disposition)).map((s) => s.id)),
      known: new Set(plan.systems.map((s) => s.id)),
      domainCidrs: { admin: parsed.addressPlan.admin, public: parsed.addressPlan.public },
    }),
  );
}

/** What the stack would create, as the preview shows it: resources only read (from a platform stack) left out. */
const created = (resources: readonly RecordedResource[]): PreviewResult["resources"] =>
  resources
    .filter((r) => !r.read)
    .map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      ...(r.protect ? { protect: true } : {}),
      inputs: r.inputs,
    }));

/** A stack's settings: its config as the program gets it, parsed, and how to place a config problem on its line. */
interface StackSettings {
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
  readonly parsed: LandingZoneConfig;
  /** The stack file's diagnostics for a config problem, each on the line of its key. */
  readonly located: (cause: StackConfigError) => InputError;
}

async function stackSettings(projectRoot: string, stack: string): Promise<StackSettings> {
  const { config, secretKeys, file, doc, lines } = await readStackFile(projectRoot, stack);
  const located = (cause: StackConfigError) =>
    new InputError(
      sortDiagnostics(
        cause.problems.map((p): Diagnostic => ({
          severity: "error",
          location: { kind: "text", file, ...locate(doc, lines, p.key) },
          field: fullKey(p.key),
          message: p.message,
        })),
      ),
    );
  try {
    return { config, secretKeys, parsed: parseStackConfig(config, (key) => secretKeys.includes(key)), located };
  } catch (cause) {
    if (!(cause instanceof StackConfigError)) throw cause;
    throw located(cause);
  }
}

/**
 * The stack's inventory, loaded, and the plan the program would build from it and the lock. Everything the program
 * would refuse is refused here, with the stack file's or the lock's line.
 */
async function preparedPlan(
  projectRoot: string,
  { parsed, located }: StackSettings,
): Promise<{ paths: string[]; inventory: Inventory; plan: Plan }> {
  const paths = (Array.isArray(parsed.inventory) ? parsed.inventory : [parsed.inventory]).map((p) =>
    path.resolve(projectRoot, p),
  );
  const loaded = await loadInventory(paths, { displayRoot: projectRoot });
  if (!loaded.ok) throw new InputError(loaded.diagnostics);
  try {
    const lock = readLockFile(paths, parsed.lock && path.resolve(projectRoot, parsed.lock), projectRoot);
    return { paths, inventory: loaded.inventory, plan: prepareLandingZone(parsed, loaded.inventory, lock, paths).plan };
  } catch (cause) {
    if (cause instanceof StackConfigError) throw located(cause);
    throw cause;
  }
}

/**
 * A workload stack stands on its platform stack: that stack is previewed first, for its outputs (by the name the
 * workload stack gives it). A chain of stacks that leads back to one of them is refused on platformStack's line.
 */
async function platformOutputs(
  stack: string,
  projectRoot: string,
  program: () => Promise<Record<string, unknown>>,
  { parsed, located }: StackSettings,
  referencedBy: readonly string[],
): Promise<Record<string, Record<string, unknown>> | undefined> {
  if (parsed.layer !== "workloads" || !parsed.platformStack) return undefined;
  const local = parsed.platformStack.split("/").pop()!;
  const chain = [...referencedBy, stack];
  if (chain.includes(local)) {
    throw located(
      new StackConfigError([
        {
          key: "platformStack",
          message:
            `leads back to this stack (${[...chain, local].join(" → ")}) (fix: ` +
            `name the platform stack, whose govcloud:layer is platform)`,
        },
      ]),
    );
  }
  const platform = await previewStack(local, projectRoot, program, undefined, chain);
  return { [parsed.platformStack]: platform.outputs };
}
