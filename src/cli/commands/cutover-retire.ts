/**
 * `govcloud cutover retire <system> --by NAME`: records that a planned retirement was
 * carried out. A retirement has no cutover to run (no wave, no traffic switch): the
 * department archives, announces, stops and reclaims over days, and a person records it
 * when it is done, so `govcloud progress` counts it from what happened. Journalled in the
 * run's state like every other decision; refused for a system the plan does not retire.
 */
import * as os from "node:os";
import { fold } from "../../migration/cutover/journal";
import { InputError } from "../../migration/inventory/diagnostics";
import type { CutoverState } from "../../cutover/store";
import { systemClock } from "../../cutover/journal-file";
import { loadHeldPlan, requireSetup } from "../cutover-plan";
import { stateFailure } from "../cutover-session";
import { EXIT, UsageError, type Io } from "../io";

export interface RetireInput {
  readonly io: Io;
  readonly state: CutoverState;
  readonly positionals: readonly string[];
  readonly by: string | undefined;
  readonly lock: string | undefined;
}

export async function retire({ io, state, positionals, by, lock }: RetireInput): Promise<number> {
  const system = positionals.at(-1);
  if (!system)
    throw new UsageError(
      "retire takes [<inventory>…] <system> --by NAME, e.g. " +
        "govcloud cutover retire inventories/zhoucun agri-traceability --by 张三",
      "cutover",
    );
  if (!by)
    throw new UsageError("retire needs --by NAME: the journal records who checked the retirement was done", "cutover");
  const inventory = positionals.length > 1 ? positionals.slice(0, -1) : (await requireSetup(state)).inventory;
  const held = await loadHeldPlan(
    inventory,
    lock ?? (positionals.length > 1 ? undefined : (await requireSetup(state)).lock),
    io.cwd,
  );
  const planned = held.plan.systems.find((s) => s.id === system);
  const refuse = (message: string, fix: string) =>
    new InputError([
      {
        severity: "error",
        location: { kind: "file", file: held.lock.shown },
        field: `systems.${system}`,
        message,
        fix,
      },
    ]);
  if (!planned)
    throw refuse(
      `${system} is not a system of the plan`,
      "name a system the plan lock retires (its disposition: retire)",
    );
  if (planned.disposition !== "retire") {
    const into = planned.consolidateInto ? ` into ${planned.consolidateInto}` : "";
    const inWave = planned.wave ? ` in wave ${planned.wave}` : "";
    throw refuse(
      `the plan does not retire ${system}: it is ${planned.disposition}${into}${inWave}`,
      planned.wave
        ? `its cutover is run (govcloud cutover run … --wave ${planned.wave}) and finalized ` +
            `(govcloud cutover finalize ${system})`
        : "a system is retired only when the plan says so: change its disposition in the inventory, then govcloud plan",
    );
  }
  let opened: Awaited<ReturnType<CutoverState["open"]>>;
  try {
    opened = await state.open({ run: `retire-${system}`, operator: by, host: os.hostname() }, [system], systemClock);
  } catch (cause) {
    throw stateFailure(state, cause) ?? cause;
  }
  try {
    for (const message of opened.notes) await opened.journal.commit({ type: "note", message });
    const now = fold(opened.journal.records).systems.get(system);
    if (now?.state === "finalized") {
      io.out(`${system}: already done (${now.reason ?? "finalized"}, ${now.updated}); nothing recorded`);
      return EXIT.ok;
    }
    if (now && now.state !== "planned")
      throw refuse(`${system} is ${now.state} in ${state.journalShown}`, "see govcloud cutover status");
    await opened.journal.commit({ type: "retired", system, by });
    io.out(`${system}: retired, recorded by ${by} in ${state.journalShown} (govcloud progress counts it done)`);
    return EXIT.ok;
  } finally {
    await opened.release();
  }
}
