/**
 * Wave states as a table: which move is allowed, and why a move back is not. A wave is
 * planned until its resources are built (deployed), and done once its cutovers are
 * finished. Moving back would let a re-plan move or a stack leave out systems that
 * exist, so only a person who knows they were destroyed says so (--force).
 */
import type { WaveState } from "./model";

export const WAVE_TRANSITIONS: Readonly<Record<WaveState, readonly WaveState[]>> = {
  planned: ["deployed"],
  deployed: ["done"],
  done: [],
};

/** Undefined when allowed; otherwise why not, with the fix. */
export function refusedTransition(from: WaveState, to: WaveState, force: boolean): string | undefined {
  if (from === to || WAVE_TRANSITIONS[from].includes(to)) return undefined;
  if (force) return undefined;
  const forward = WAVE_TRANSITIONS[from].join(" or ") || "nothing (it is finished)";
  return (
    `a ${from} wave moves only to ${forward}; going to ${to} tells the planner its systems' resources ` +
    `${to === "planned" ? "do not exist" : "exist"} (fix: add --force if that is true)`
  );
}
