/**
 * Replays an offline preview against a real Keystone and Neutron as `pulumi up` would run it:
 * each resource is sent as soon as everything it declares a dependency on exists (its
 * inputs' resources and its dependsOn, a component standing for all of its children), up to
 * `parallel` at a time; then everything created is deleted, dependants first. The mock ids
 * of the offline run (`<name>-id`) are swapped for the ids the services gave.
 */
import type { RecordedResource } from "../../src/preview/harness";
import { mockId } from "../../src/preview/mock-id";
import type { OpenStackApi } from "./openstack-api";
import { deleted, HANDLERS, outsideTheContract } from "./requests";

export interface Rejection {
  readonly name: string;
  readonly type: string;
  readonly message: string;
}

export interface Replay {
  /** Real id of each created resource, by URN. */
  readonly ids: ReadonlyMap<string, string>;
  /** What the services refused, with their own message. */
  readonly rejected: readonly Rejection[];
  /** Resources never sent because something they depend on was refused. */
  readonly blocked: readonly string[];
  /** Resource counts left out, by the service that is not behind the test. */
  readonly outside: Readonly<Record<string, number>>;
  readonly sent: number;
  /**
   * Every placeholder of the offline run resolved so far (its substitutions and the created ids): a workload stack's
   * replay starts from its platform's.
   */
  readonly values: ReadonlyMap<string, string>;
  /** Deletes everything created, dependants first; returns what the services refused to delete. */
  destroy(): Promise<Rejection[]>;
}

export interface ReplayOptions {
  readonly api: OpenStackApi;
  /** Values of the offline run that stand for something in the cloud (placeholder → real). */
  readonly substitutions: ReadonlyMap<string, string>;
  readonly parallel?: number;
}

/** Runs `work` over items as their prerequisites finish, at most `limit` at once. */
async function runGraph(
  nodes: readonly string[],
  prerequisites: ReadonlyMap<string, readonly string[]>,
  limit: number,
  work: (node: string) => Promise<boolean>,
): Promise<Set<string>> {
  const waitingOn = new Map(nodes.map((n) => [n, new Set(prerequisites.get(n) ?? [])]));
  const dependants = new Map<string, string[]>();
  for (const [node, before] of waitingOn)
    for (const b of before) (dependants.get(b) ?? dependants.set(b, []).get(b)!).push(node);
  const ready = nodes.filter((n) => waitingOn.get(n)!.size === 0);
  const failed = new Set<string>();
  let running = 0;
  return new Promise((resolve, reject) => {
    const pump = () => {
      while (running < limit && ready.length > 0) {
        const node = ready.shift()!;
        running++;
        work(node)
          .then((ok) => {
            running--;
            if (!ok) failed.add(node);
            else {
              for (const next of dependants.get(node) ?? []) {
                const set = waitingOn.get(next)!;
                set.delete(node);
                if (set.size === 0) ready.push(next);
              }
            }
            pump();
          })
          .catch(reject);
      }
      if (running === 0 && ready.length === 0) resolve(failed);
    };
    pump();
  });
}

export async function replay(resources: readonly RecordedResource[], options: ReplayOptions): Promise<Replay> {
  const { api } = options;
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const children = new Map<string, string[]>();
  for (const r of resources)
    if (r.parent) (children.get(r.parent) ?? children.set(r.parent, []).get(r.parent)!).push(r.urn);
  // A component in a dependency list stands for everything under it (as the engine waits for them).
  // Only what this stack creates is waited for: a resource read from another stack (a workload
  // stack's platform networks) or the engine's own (a StackReference) exists already.
  const nodes = resources.filter((r) => r.custom && !r.read && !r.type.startsWith("pulumi:")).map((r) => r.urn);
  const created = new Set(nodes);
  const expand = (urn: string): string[] => {
    const r = byUrn.get(urn);
    if (!r) return [];
    if (r.custom) return created.has(urn) ? [urn] : [];
    return (children.get(urn) ?? []).flatMap(expand);
  };
  const prerequisites = new Map(
    nodes.map((urn) => [urn, [...new Set(byUrn.get(urn)!.dependencies.flatMap(expand))].filter((d) => d !== urn)]),
  );

  const ids = new Map<string, string>();
  const realOf = new Map(options.substitutions);
  const outside: Record<string, number> = {};
  const rejected: Rejection[] = [];
  const made: string[] = [];
  const resolve = (value: unknown): unknown => {
    if (typeof value === "string") return realOf.get(value) ?? value;
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  const inputsOf = new Map<string, Record<string, unknown>>();

  const failed = await runGraph(nodes, prerequisites, options.parallel ?? 16, async (urn) => {
    const r = byUrn.get(urn)!;
    const handler = HANDLERS[r.type];
    if (!handler) {
      const service = outsideTheContract(r.type);
      if (!service)
        throw new Error(
          `the contract test has no request for ${r.type} (${r.name}): add it to tests/contract/requests.ts`,
        );
      outside[service] = (outside[service] ?? 0) + 1;
      return true; // nothing behind it here; its dependants still wait for their own OpenStack prerequisites
    }
    const inputs = resolve(r.inputs) as Record<string, unknown>;
    try {
      const id = await handler.create(api, inputs);
      ids.set(urn, id);
      realOf.set(mockId(r.name), id);
      inputsOf.set(urn, inputs);
      made.push(urn);
      return true;
    } catch (error) {
      rejected.push({ name: r.name, type: r.type, message: (error as Error).message });
      return false;
    }
  });
  const blocked = nodes
    .filter((n) => !ids.has(n) && !failed.has(n) && HANDLERS[byUrn.get(n)!.type] !== undefined)
    .map((n) => byUrn.get(n)!.name);

  return {
    ids,
    rejected: rejected.sort((a, b) => (a.name < b.name ? -1 : 1)),
    blocked: blocked.sort(),
    outside,
    sent: made.length + rejected.length,
    values: realOf,
    async destroy() {
      // Reverse the graph over what was created: a resource goes once everything that depends on it has.
      const exists = new Set(made);
      const after = new Map<string, string[]>();
      for (const urn of made)
        for (const before of prerequisites.get(urn) ?? [])
          if (exists.has(before)) (after.get(before) ?? after.set(before, []).get(before)!).push(urn);
      const refused: Rejection[] = [];
      await runGraph(made, after, options.parallel ?? 16, async (urn) => {
        const r = byUrn.get(urn)!;
        try {
          await deleted(() => HANDLERS[r.type]!.delete(api, ids.get(urn)!, inputsOf.get(urn)!));
        } catch (error) {
          refused.push({ name: r.name, type: r.type, message: (error as Error).message });
        }
        return true;
      });
      return refused;
    },
  };
}
