/** govcloud cutover: its help, and each subcommand handed to its module with the run's state opened and closed. */
import { DEFAULT_STATE, DEFAULT_WORK, stateFailure, stateOf } from "../cutover-session";
import { UsageError, type Io } from "../io";
import { retire } from "./cutover-retire";
import { assertStateOutsideDataset, operatorName, parse, type Ctx } from "./cutover-context";
import { resume, run } from "./cutover-run";
import { approve, finalize, rollback, status, verify } from "./cutover-after-run";

export const cutoverHelp = `\
Usage: govcloud cutover run <inventory path>... --wave W [--systems a,b] [--parallel N] [--dry-run]
       govcloud cutover resume [--retry-phase SYSTEM:PHASE]... [--mark-done SYSTEM:PHASE]... [--by NAME]
       govcloud cutover status [--json]
       govcloud cutover approve <system> <phase> --by NAME
       govcloud cutover rollback <system> [--force] [--by NAME]
       govcloud cutover finalize <system> [--by NAME]
       govcloud cutover retire [<inventory path>...] <system> --by NAME
       govcloud cutover journal verify

Runs the held plan's runbooks on cutover night: each system of a deployed wave goes
through its itinerary (precheck, copy, freeze, final sync, switch, smoke, observe)
with the actions the site's cutover.yaml gives each phase. Every step is journalled
(append-only, fsync'd, hash-chained) in the state folder with its own log, so
\`resume\` continues after a crash without re-running a finished step.

Before the traffic switch a failure rolls back by itself (writes re-enabled at the
source, the targets kept) and the system returns to planned; the switch is the point
of no return: before it, the rollback check must pass. After it, a failure waits for
the operator: \`rollback\` switches back, \`resume --retry-phase\` tries again.
\`finalize\` (after the observation) shuts the old system down: no rollback after it
without --force. When every system of a wave is finalized, the wave is recorded done.
\`retire\` records that a planned retirement was carried out (it has no cutover to run),
so govcloud progress counts it done. A wave starts no more systems in its window than
the policy's cutovers per window (capacityPerWindow.systems); the rest wait, named. On
a terminal, run and resume draw a live table (system, state, phase, elapsed, ETA).

Options:
  --wave W             the lock's wave to run (must be deployed: govcloud waves --set W=deployed)
  --systems a,b        only these systems of the wave
  --parallel N         systems at once (default 1)
  --dry-run            print every step's resolved command; run and record nothing
  --now YYYY-MM-DDTHH:MM  window checks as if it were then (city time, UTC+8; journalled)
  --state <dir|url>    the run's state: a folder outside the dataset (default ${DEFAULT_STATE}), or
                       postgres://USER@HOST:PORT/DATABASE for a team on several machines
                       (one executor per system; executors on different systems proceed)
  --work <dir>         with a postgres:// state: this machine's folder for step logs and
                       the actions' working folder (default ${DEFAULT_WORK})
  --lock <file>        the plan lock (default: <dataset>.lock.yaml beside the dataset)
  --actions <file>     the site actions (default: cutover.yaml in the dataset folder)
  --by NAME            who decides (approve, mark-done, rollback, finalize, retire; default: the login name)
  --force              rollback of a finalized system
  --json               status as JSON
  -h, --help           show this help

Exit status: 0 every system got as far as it can without a person; 1 a system is
waiting, rolled back or needs the operator (status says which), or the journal does
not verify; 2 bad input or usage (file, line and field, with a fix).`;

export async function cutoverCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parse(rest);
  const state = stateOf(values.state, values.work, io.cwd);
  const ctx: Ctx = {
    io,
    values,
    positionals,
    state,
    shown: state.shown,
    operator: values.by ?? operatorName(),
    say: { line: (line) => io.out(line) },
  };
  try {
    return await subcommand(sub, ctx);
  } catch (cause) {
    throw stateFailure(state, cause) ?? cause;
  } finally {
    await state.close();
  }
}

async function subcommand(sub: string | undefined, ctx: Ctx): Promise<number> {
  const { positionals } = ctx;
  switch (sub) {
    case "run":
      return run(ctx);
    case "resume":
      return resume(ctx);
    case "status":
      return status(ctx);
    case "approve":
      return approve(ctx);
    case "rollback":
      return rollback(ctx);
    case "finalize":
      return finalize(ctx);
    case "retire":
      // Named inventory paths: the journal must not land in them (without, the run's own are used).
      if (positionals.length > 1) assertStateOutsideDataset(ctx, positionals.slice(0, -1));
      return retire({
        io: ctx.io,
        state: ctx.state,
        positionals,
        by: ctx.values.by,
        lock: ctx.values.lock,
      });
    case "journal":
      if (positionals[0] !== "verify")
        throw new UsageError("journal takes verify: govcloud cutover journal verify [--state DIR]", "cutover");
      return verify(ctx);
    default:
      throw new UsageError(
        `name a subcommand: run, resume, status, approve, rollback, finalize, retire or journal ` +
          `verify${sub ? `, not "${sub}"` : ""}`,
        "cutover",
      );
  }
}
