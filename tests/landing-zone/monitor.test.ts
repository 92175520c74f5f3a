/**
 * The offline preview runs on OfflineMonitor, the SDK's MockMonitor without its
 * redundant wire round trips. It must record exactly what the SDK's own monitor records:
 * the same resources, parents, providers and inputs, and the same stack outputs.
 */
import { describe, expect, it } from "vitest";
import program from "../../src/program";
import { runOffline, type OfflineRun } from "../../src/preview/harness";
import { readStackFile } from "../../src/preview/preview";
import { PROJECT_ROOT } from "./support";

async function run(
  stack: string,
  monitor: "offline" | "stock",
  stackOutputs?: Record<string, Record<string, unknown>>,
): Promise<OfflineRun> {
  const { config, secretKeys } = await readStackFile(PROJECT_ROOT, stack);
  return runOffline(program, {
    project: "govcloud",
    stack,
    config,
    secretKeys,
    monitor,
    ...(stackOutputs ? { stackOutputs } : {}),
  });
}

describe("the offline monitor", () => {
  it("records the zhoucun stack exactly as the SDK's mock monitor does", async () => {
    const [stock, offline] = [await run("zhoucun", "stock"), await run("zhoucun", "offline")];
    expect(offline.resources.length).toBeGreaterThan(1000);
    expect(offline.resources).toEqual(stock.resources);
    expect(offline.outputs).toEqual(stock.outputs);
  }, 120_000);

  it("answers a StackReference (state other than the inputs) as the SDK's mock monitor does", async () => {
    const platform = await run("zhoucun-platform", "offline");
    const outputs = { "organization/govcloud/zhoucun-platform": platform.outputs };
    const [stock, offline] = [
      await run("zhoucun-social", "stock", outputs),
      await run("zhoucun-social", "offline", outputs),
    ];
    expect(offline.resources.filter((r) => r.read).map((r) => r.type)).toContain("pulumi:pulumi:StackReference");
    expect(offline.resources).toEqual(stock.resources);
    expect(offline.outputs).toEqual(stock.outputs);
  }, 120_000);
});
