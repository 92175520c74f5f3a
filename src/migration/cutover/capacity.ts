/**
 * At most the policy's cutovers per window (policy.capacityPerWindow.systems, echoed in
 * the plan's settings): the planner fills each window up to it, and the executor holds
 * to it on the night — a system whose try already started in the window continues; a new
 * one starts only while the window has room; the rest wait, named. Pure.
 */

export interface WindowAdmission {
  /** Systems to work on now: continuing ones, and new ones the window has room for. */
  readonly admit: readonly string[];
  /** New systems past the limit, in the order given. */
  readonly wait: readonly string[];
  /** The systems that take the window's places (started before, or admitted now). */
  readonly taken: readonly string[];
}

/**
 * @param capacity the policy's cutovers per window
 * @param started systems whose try started in this window (the journal's; any run, any wave of the window)
 * @param candidates the systems a command would work on, in order
 */
export function admitToWindow(
  capacity: number,
  started: ReadonlySet<string>,
  candidates: readonly string[],
): WindowAdmission {
  const taken = [...started];
  const admit: string[] = [];
  const wait: string[] = [];
  for (const id of candidates) {
    if (started.has(id)) admit.push(id);
    else if (taken.length < capacity) {
      taken.push(id);
      admit.push(id);
    } else wait.push(id);
  }
  return { admit, wait, taken: taken.sort() };
}
