import { parseArgs } from "node:util";
import { readLockFile } from "../../migration/lock/disk";
import { WAVE_ID, WAVE_STATES, type Lock, type WaveState } from "../../migration/lock/model";
import { refusedTransition } from "../../migration/lock/states";
import { EXIT, plural, UsageError, type Io } from "../io";
import { lockText, writeLockFile } from "../lock-file";

export const wavesHelp = `Usage: govcloud waves <inventory path>... [--lock <file>] [--set WAVE=STATE]... [--force]

Lists the waves the plan lock holds: id, state, and how many systems move in each.
With --set, records a wave's new state in the lock:
  planned → deployed   its resources are built (after \`pulumi up\` of the stacks)
  deployed → done      its cutovers are finished
A deployed or done wave is never re-planned, and no stack may leave it out (its
systems would be destroyed). Going back needs --force and the knowledge that its
resources were destroyed (or never built).

Options:
  --lock <file>        the plan lock (default: <dataset>.lock.yaml beside the dataset)
  --set WAVE=STATE     e.g. --set 2018-03-10-a=deployed (repeatable)
  --force              allow a move back (done → deployed, deployed → planned)
  -h, --help           show this help

Exit status: 0 done; 2 bad usage, no lock, or a move the table refuses.`;

export async function wavesCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      lock: { type: "string" },
      set: { type: "string", multiple: true },
      force: { type: "boolean", default: false },
    },
  });
  if (positionals.length === 0 && !values.lock)
    throw new UsageError("name the inventory (or --lock), e.g. inventories/zhoucun", "waves");
  const onDisk = readLockFile(positionals, values.lock, io.cwd);
  if (!onDisk.lock) throw new UsageError(`no plan lock at ${onDisk.shown} (run govcloud plan first)`, "waves");
  const sets = (values.set ?? []).map(parseSet);
  if (sets.length === 0) {
    printWaves(io, onDisk.lock);
    return EXIT.ok;
  }
  const waves = { ...onDisk.lock.waves };
  const refused: string[] = [];
  for (const { wave, state } of sets) {
    const from = waves[wave];
    if (from === undefined) {
      refused.push(`${wave}: not a wave of ${onDisk.shown} (govcloud waves lists them)`);
      continue;
    }
    const why = refusedTransition(from, state, values.force ?? false);
    if (why) refused.push(`${wave}: ${why}`);
    else waves[wave] = state;
  }
  if (refused.length > 0) {
    for (const line of refused) io.err(`govcloud waves: ${line}`);
    io.err("govcloud waves: nothing written");
    return EXIT.input;
  }
  writeLockFile(onDisk.file, lockText({ ...onDisk.lock, waves }, onDisk.file));
  for (const { wave, state } of sets) io.out(`${wave}: ${onDisk.lock.waves[wave]} → ${state}`);
  io.out(`wrote ${onDisk.shown} (commit it)`);
  return EXIT.ok;
}

function parseSet(text: string): { wave: string; state: WaveState } {
  const [wave, state] = text.split("=");
  if (!wave || !WAVE_ID.test(wave) || !WAVE_STATES.includes(state as WaveState)) {
    throw new UsageError(
      `--set takes WAVE=STATE, e.g. 2018-03-10-a=deployed (states: ${WAVE_STATES.join(", ")}), not "${text}"`,
      "waves",
    );
  }
  return { wave, state: state as WaveState };
}

function printWaves(io: Io, lock: Lock): void {
  const members = new Map<string, number>();
  for (const system of Object.values(lock.systems))
    if (system.wave && system.status === "active") members.set(system.wave, (members.get(system.wave) ?? 0) + 1);
  const ids = Object.keys(lock.waves).sort();
  for (const id of ids) io.out(`${id}  ${lock.waves[id]!.padEnd(8)}  ${plural(members.get(id) ?? 0, "system")}`);
  const count = (state: WaveState) => ids.filter((id) => lock.waves[id] === state).length;
  io.out(`${plural(ids.length, "wave")}: ${WAVE_STATES.map((s) => `${count(s)} ${s}`).join(", ")}`);
}
