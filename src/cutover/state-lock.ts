/**
 * One executor per state folder: a lock file created exclusively, holding who took it.
 * A second executor is refused with the holder's name; a holder that died on this host
 * (kill -9, a closed laptop) is recognised by its pid and its lock taken over.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly run: string;
  readonly since: string;
}

export class StateBusy extends Error {
  constructor(
    readonly holder: LockHolder,
    readonly file: string,
  ) {
    super(
      `another executor holds ${file}: run ${holder.run}, pid ${holder.pid} on ${holder.host} since ${holder.since}`,
    );
    this.name = "StateBusy";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the state folder's lock; returns its release. Throws StateBusy when a live executor holds it. */
export function takeStateLock(
  stateDir: string,
  run: string,
  since: Date,
): { release: () => void; tookOverFrom?: LockHolder } {
  fs.mkdirSync(stateDir, { recursive: true });
  const file = path.join(stateDir, "executor.lock");
  const mine: LockHolder = { pid: process.pid, host: os.hostname(), run, since: since.toISOString() };
  let tookOverFrom: LockHolder | undefined;
  for (let tries = 0; tries < 2; tries++) {
    try {
      fs.writeFileSync(file, `${JSON.stringify(mine)}\n`, { flag: "wx" });
      const release = () => {
        try {
          const now = JSON.parse(fs.readFileSync(file, "utf8")) as LockHolder;
          if (now.pid === mine.pid && now.run === mine.run) fs.rmSync(file);
        } catch {
          /* already gone */
        }
      };
      return tookOverFrom ? { release, tookOverFrom } : { release };
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "EEXIST") throw cause;
      let holder: LockHolder;
      try {
        holder = JSON.parse(fs.readFileSync(file, "utf8")) as LockHolder;
      } catch {
        holder = { pid: 0, host: mine.host, run: "unknown", since: "unknown" }; // half-written by a crashed taker
      }
      // Only a holder on this host can be known dead; one on another host is asked about.
      if (holder.host !== mine.host || alive(holder.pid)) throw new StateBusy(holder, file);
      fs.rmSync(file, { force: true });
      tookOverFrom = holder;
    }
  }
  throw new Error(`could not take ${file}`);
}
