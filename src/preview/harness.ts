/**
 * Runs a Pulumi program offline under the SDK's own mock runtime: every resource is
 * registered with its real inputs, through the same code `pulumi up` runs, with no CLI,
 * no cloud and no credentials. What comes back is what the program asked for; ids are
 * the mocks' placeholders, and nothing a provider would compute is invented.
 */
import * as pulumi from "@pulumi/pulumi";
import { OfflineMonitor, withoutWireEncoding, type Registration } from "./monitor";
import { mockId } from "./mock-id";

const AUTH_SCOPE = "openstack:identity/getAuthScope:getAuthScope";
/** The placeholder the offline run gives for the project of an auth scope read under `name`. */
export const authScopeProjectId = (name: string) => `${name}-auth-scope-project`;

export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** URN of the parent ("" for the stack itself). */
  readonly parent: string;
  /** The provider reference (urn::id) for custom resources, when one was given. */
  readonly provider: string;
  readonly custom: boolean;
  /** Read from elsewhere (Resource.get, another stack), not created by this stack. */
  readonly read: boolean;
  /** Registered with the `protect` option: the engine would refuse to delete it. */
  readonly protect: boolean;
  /** URNs it depends on (dependsOn and its inputs' resources): the engine deletes it before them. */
  readonly dependencies: readonly string[];
  readonly inputs: Record<string, unknown>;
}

export interface OfflineRun {
  readonly resources: RecordedResource[];
  readonly outputs: Record<string, unknown>;
}

export interface HarnessOptions {
  readonly project: string;
  readonly stack: string;
  /** Full config keys (`govcloud:inventory`) → raw string values, as the stack file gives them. */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys?: readonly string[];
  /** Outputs of other stacks, by stack name, for StackReference (a workload stack's platform). */
  readonly stackOutputs?: Readonly<Record<string, Record<string, unknown>>>;
  /** Called with the number of resources registered so far (for a progress display). */
  readonly onResource?: (count: number) => void;
  /**
   * "offline" (the default): OfflineMonitor, the SDK's mock monitor without its redundant
   * wire round trips; "stock": the SDK's MockMonitor itself, to check that both agree.
   */
  readonly monitor?: "offline" | "stock";
}

interface MonitorRequest {
  getParent(): string;
  getType(): string;
  getName(): string;
  /** Only on a registration (a read has no resource options). */
  getProtect?(): boolean | undefined;
  getDependenciesList?(): string[];
}

/**
 * What the SDK spends per resource that an offline run does not need: the call site of
 * every resource (an unbounded stack trace, parsed, for the engine's source positions)
 * and, on every internal promise, a stack trace and a place in a leak-tracking set (for
 * leak reports). Nothing here sends source positions anywhere, so all of it is switched
 * off for the run, and restored after.
 * Errors thrown meanwhile keep their messages; they lose their stack frames.
 */
function withoutCallSites(): () => void {
  const { Resource } = require("@pulumi/pulumi/resource") as { Resource: { stackTrace: (skip: number) => unknown[] } };
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
    debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
  };
  const stackTrace = Resource.stackTrace;
  const wrap = debuggable.debuggablePromise;
  const limit = Error.stackTraceLimit;
  Resource.stackTrace = () => [];
  // Leak reports need every internal promise tracked in a set; the run ends with
  // waitForRPCs, which waits for all of them anyway.
  debuggable.debuggablePromise = (promise) => promise;
  Error.stackTraceLimit = 0;
  return () => {
    Resource.stackTrace = stackTrace;
    debuggable.debuggablePromise = wrap;
    Error.stackTraceLimit = limit;
  };
}

export async function runOffline(
  program: () => Promise<Record<string, unknown>> | Record<string, unknown>,
  options: HarnessOptions,
): Promise<OfflineRun> {
  const recorded: RecordedResource[] = [];
  const pending: Registration[] = [];
  const mocks = recordingMocks(recorded, pending, options);
  // Not a preview: with known placeholder ids every reference resolves, so the recorded
  // inputs are complete and the same on every run.
  await pulumi.runtime.setMocks(mocks, options.project, options.stack, false);
  if (options.monitor === "stock") noteStockRegistrations(pending);
  else useOfflineMonitor(mocks, pending);
  pulumi.runtime.setAllConfig({ ...options.config }, [...(options.secretKeys ?? [])]);
  const outputs = await runInStack(program, options.monitor === "stock");
  recorded.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  return { resources: recorded, outputs: outputs ?? {} };
}

/**
 * The mocks: each resource recorded with where the monitor registered it (`pending`, in order), a
 * StackReference given the other stack's outputs, a data-source read answered with what was asked.
 */
function recordingMocks(
  recorded: RecordedResource[],
  pending: Registration[],
  options: HarnessOptions,
): pulumi.runtime.Mocks {
  return {
    newResource(args) {
      const where = pending.shift() ?? { urn: "", parent: "", read: false, protect: false, dependencies: [] };
      recorded.push({
        urn: where.urn,
        type: args.type,
        name: args.name,
        parent: where.parent,
        provider: args.provider ?? "",
        custom: args.custom ?? false,
        read: where.read,
        protect: where.protect,
        dependencies: [...where.dependencies].sort(),
        inputs: args.inputs as Record<string, unknown>,
      });
      options.onResource?.(recorded.length);
      if (args.type === "pulumi:pulumi:StackReference") {
        const name = String((args.inputs as { name?: unknown }).name);
        return { id: name, state: { name, outputs: options.stackOutputs?.[name] ?? {}, secretOutputNames: [] } };
      }
      return { id: args.id || mockId(args.name), state: args.inputs as Record<string, unknown> };
    },
    call(args) {
      // Data-source reads: what was asked and a placeholder id, like a created resource's. The
      // auth scope (whose project the credentials work in) gets a placeholder project id too:
      // the program gives that project the platform's quota and the external network.
      const inputs = args.inputs as Record<string, unknown>;
      const name = typeof inputs.name === "string" ? inputs.name : args.token;
      return {
        ...inputs,
        id: mockId(name),
        ...(args.token === AUTH_SCOPE ? { projectId: authScopeProjectId(name) } : {}),
      };
    },
  };
}

const runtimeSettings = () => require("@pulumi/pulumi/runtime/settings") as { getMonitor(): unknown };

/**
 * The SDK's own MockMonitor knows each resource's parent but does not tell the mocks: note
 * it on the way in. registerResource calls newResource before its first await, so order holds.
 */
function noteStockRegistrations(pending: Registration[]): void {
  const monitor = runtimeSettings().getMonitor() as {
    newUrn(parent: string, type: string, name: string): string;
    registerResource: (req: MonitorRequest, cb: unknown) => unknown;
    readResource: (req: MonitorRequest, cb: unknown) => unknown;
  };
  for (const method of ["registerResource", "readResource"] as const) {
    const original = monitor[method].bind(monitor);
    monitor[method] = (req, callback) => {
      const read = method === "readResource";
      const protect = !read && (req.getProtect?.() ?? false);
      const dependencies = read ? [] : (req.getDependenciesList?.() ?? []);
      pending.push({
        urn: monitor.newUrn(req.getParent(), req.getType(), req.getName()),
        parent: req.getParent(),
        read,
        protect,
        dependencies,
      });
      return original(req, callback);
    };
  }
}

/** setMocks has set the features a mock run supports; swap only the monitor it made for the OfflineMonitor. */
function useOfflineMonitor(mocks: pulumi.runtime.Mocks, pending: Registration[]): void {
  const { getStore } = require("@pulumi/pulumi/runtime/state") as { getStore(): { settings: { monitor: unknown } } };
  const offline = new OfflineMonitor(mocks, (where) => pending.push(where));
  getStore().settings.monitor = offline;
  if (runtimeSettings().getMonitor() !== offline)
    throw new Error(
      "this @pulumi/pulumi no longer takes its mock monitor from the store; the offline monitor needs updating",
    );
}

/**
 * Runs the program as the stack, with call sites (and, for the offline monitor, wire encoding) off, and waits for
 * every registration; its outputs.
 */
async function runInStack(
  program: () => Promise<Record<string, unknown>> | Record<string, unknown>,
  stock: boolean,
): Promise<Record<string, unknown> | undefined> {
  const { runInPulumiStack } = require("@pulumi/pulumi/runtime/stack") as {
    runInPulumiStack(init: () => Promise<unknown>): Promise<Record<string, unknown> | undefined>;
  };
  const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
  const restoreCallSites = withoutCallSites();
  const restoreEncoding = stock ? () => {} : withoutWireEncoding();
  // A program that stops (a stack setting it refuses, say) fails the run once, with its own
  // error, after the registrations in flight are done. Thrown inside the stack, the error
  // would also reject promises of the SDK that nothing awaits: unhandled rejections.
  let failure: { readonly error: unknown } | undefined;
  const guarded = async () => {
    try {
      return await program();
    } catch (error) {
      failure = { error };
      return {};
    }
  };
  let outputs: Record<string, unknown> | undefined;
  try {
    outputs = await runInPulumiStack(guarded);
    await waitForRPCs();
  } finally {
    restoreEncoding();
    restoreCallSites();
  }
  if (failure) throw failure.error;
  return outputs;
}
