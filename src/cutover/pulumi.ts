/**
 * The pulumi action's drivers, behind one small interface so a rehearsal and a real
 * night differ by one word in cutover.yaml.
 * - offline (the default, tested): records the wave as deployed in the plan lock with
 *   `govcloud waves --set WAVE=deployed` semantics (src/migration/lock/states.ts) — for
 *   rehearsals and for sites whose platform team runs `pulumi up` itself.
 * - automation: `pulumi up` of the stack through the Automation API, then the same lock
 *   record. Written but NOT tested here: the Pulumi CLI is not on this machine, and the
 *   engine it drives cannot be mocked meaningfully.
 */
import * as fs from "node:fs";
import { readLockFile } from "../migration/lock/disk";
import { refusedTransition } from "../migration/lock/states";
import { lockText, writeLockFile } from "../cli/lock-file";
import type { TryResult } from "./actions";

export interface PulumiRequest {
  readonly stack: string;
  readonly wave: string;
  readonly logFile: string;
}

export interface PulumiDriver {
  up(request: PulumiRequest): Promise<TryResult>;
}

/** Raises the wave to deployed in the lock at `lockFile` (a wave already built stays as it is). */
export function raiseWaveInLock(lockFile: string, wave: string, logFile: string): TryResult {
  const onDisk = readLockFile([], lockFile, process.cwd());
  const from = onDisk.lock?.waves[wave];
  if (!onDisk.lock || from === undefined)
    return { ok: false, exitCode: null, error: `wave ${wave} is not in the plan lock ${lockFile}` };
  if (from !== "planned") {
    fs.appendFileSync(logFile, `wave ${wave} is already ${from} in ${onDisk.shown}\n`);
    return { ok: true, exitCode: null };
  }
  const why = refusedTransition(from, "deployed", false);
  if (why) return { ok: false, exitCode: null, error: why };
  writeLockFile(
    onDisk.file,
    lockText({ ...onDisk.lock, waves: { ...onDisk.lock.waves, [wave]: "deployed" } }, onDisk.file),
  );
  fs.appendFileSync(logFile, `wave ${wave}: planned → deployed in ${onDisk.shown} (commit it)\n`);
  return { ok: true, exitCode: null };
}

export function offlineDriver(lockFile: string): PulumiDriver {
  return { up: async ({ wave, logFile }) => raiseWaveInLock(lockFile, wave, logFile) };
}

/** pulumi up through the Automation API (untested here: no Pulumi CLI on this machine). */
export function automationDriver(lockFile: string, workDir: string): PulumiDriver {
  return {
    up: async ({ stack, wave, logFile }) => {
      try {
        // Loaded on use: the Pulumi SDK costs seconds to load, and only this driver needs it.
        const { LocalWorkspace } = (await import("@pulumi/pulumi")).automation;
        const selected = await LocalWorkspace.selectStack({ stackName: stack, workDir });
        const waves = await selected.getConfig("govcloud:waves").catch(() => ({ value: "[]" }));
        const list = JSON.parse(waves.value) as string[];
        if (!list.includes(wave))
          await selected.setConfig("govcloud:waves", { value: JSON.stringify([...list, wave].sort()) });
        const result = await selected.up({ onOutput: (out: string) => fs.appendFileSync(logFile, out) });
        if (result.summary.result !== "succeeded")
          return { ok: false, exitCode: null, error: `pulumi up of ${stack}: ${result.summary.result}` };
        return raiseWaveInLock(lockFile, wave, logFile);
      } catch (cause) {
        return { ok: false, exitCode: null, error: `pulumi up of ${stack}: ${(cause as Error).message}` };
      }
    },
  };
}
