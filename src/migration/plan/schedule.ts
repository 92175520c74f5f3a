/**
 * Packs cutovers into the policy's windows. Systems in a dependency cycle form one
 * group that moves in one window; a group never moves before a group it depends on
 * (the same window is allowed), and a shadow merges strictly after its survivor. Ready
 * groups are taken easiest first (先易后难, seed 004), optionally room by room so rooms
 * close early, and placed in the earliest window with capacity left. Near-linear: one
 * pass over the dependency graph, a heap of ready groups, a moving pointer over windows.
 */
import { Heap, stronglyConnected } from "./graph";
import { WindowCalendar, type CutoverWindow } from "./windows";
import type { Text } from "./types";
import type { Weekday } from "../inventory/vocabulary";

export interface ScheduleUnit {
  readonly id: string;
  readonly room: string;
  readonly complexity: number;
  /** Data moved inside the window, GB (all of it when cold, the last delta when warm). */
  readonly windowDataGb: number;
  /** Hours the runbook needs inside the window. */
  readonly windowHours: number;
  /** Units it depends on: same window or earlier. */
  readonly after: readonly string[];
  /** Units that must be done in an earlier window (a shadow's survivor). */
  readonly strictlyAfter: readonly string[];
  /**
   * Held by the plan lock on this date: not moved, its capacity taken first (a cycle's, once,
   * on the latest of its members' dates, where it moves).
   */
  readonly fixedDate?: string;
  /** Why its window hours exceed the window, and the fix (from its copy plan); a generic sentence when absent. */
  readonly overWindowWhy?: Text;
}

export type Ordering = "rooms-first" | "easy-first";

export interface ScheduleSettings {
  readonly firstDay: string;
  readonly days: readonly Weekday[];
  readonly startTime: string;
  readonly hours: number;
  readonly capacitySystems: number;
  readonly capacityDataGb: number;
  readonly ordering: Ordering;
  /** Rank of each room in rooms-first ordering (lower closes first). */
  readonly roomRank: ReadonlyMap<string, number>;
  /** Rank of each unit when it differs from its room's (a dependency takes the rank of the room that waits for it). */
  readonly unitRank?: ReadonlyMap<string, number>;
  /**
   * New work (units not held on a date) goes no earlier than this date: after the built waves, not before the next
   * planned one.
   */
  readonly notBefore?: string;
  /** Give up on a group that finds no window within this many windows. */
  readonly maxWindows?: number;
}

export interface ScheduledWindow {
  readonly window: CutoverWindow;
  readonly units: string[];
  dataGb: number;
  readonly notes: Text[];
}

export interface ScheduleResult {
  readonly windowOf: ReadonlyMap<string, CutoverWindow>;
  readonly windows: readonly ScheduledWindow[];
  /** Units that found no window, with why. */
  readonly unscheduled: ReadonlyMap<string, Text>;
  readonly calendar: WindowCalendar;
}

interface Group {
  readonly members: readonly string[];
  readonly complexity: number;
  readonly dataGb: number;
  readonly hours: number;
  readonly overWindowWhy: Text | undefined;
  readonly rank: number;
  readonly key: string;
  readonly preds: Map<number, boolean>; // group index → strict
  readonly succs: number[];
  pending: number;
  earliest: number;
  blockedBy?: Text;
  /** The latest held date among its members: the whole group stays there. */
  readonly fixedDate: string | undefined;
}

/**
 * The units in groups the schedule places together (a dependency cycle moves as one), each
 * with its work, rank and held date, and linked to the groups it waits for.
 */
function groupsOf(units: readonly ScheduleUnit[], settings: ScheduleSettings): Group[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const components = componentsOf(units, byId);
  const groupOf = new Map<string, number>();
  components.forEach((members, index) => members.forEach((id) => groupOf.set(id, index)));
  const groups: Group[] = components.map((members) => {
    const list = members.map((id) => byId.get(id)!);
    return {
      members,
      complexity: list.reduce((n, u) => n + u.complexity, 0),
      dataGb: list.reduce((n, u) => n + u.windowDataGb, 0),
      hours: Math.max(...list.map((u) => u.windowHours)),
      overWindowWhy: [...list].sort((a, b) => b.windowHours - a.windowHours)[0]!.overWindowWhy,
      rank: Math.min(
        ...list.map((u) => settings.unitRank?.get(u.id) ?? settings.roomRank.get(u.room) ?? Number.MAX_SAFE_INTEGER),
      ),
      key: members[0]!,
      fixedDate: latestHeldDate(list),
      preds: new Map(),
      succs: [],
      pending: 0,
      earliest: 0,
    };
  });
  for (const unit of units) {
    const g = groupOf.get(unit.id)!;
    const link = (id: string, strict: boolean) => {
      const p = groupOf.get(id);
      if (p === undefined || p === g) return;
      const group = groups[g]!;
      if (!group.preds.has(p)) {
        group.preds.set(p, strict);
        groups[p]!.succs.push(g);
      } else if (strict) group.preds.set(p, true);
    };
    unit.after.forEach((id) => link(id, false));
    unit.strictlyAfter.forEach((id) => link(id, true));
  }
  for (const group of groups) group.pending = group.preds.size;
  return groups;
}

/** The units' dependency cycles, found once per list of units: a plan schedules the same units in both orderings. */
const componentsOfUnits = new WeakMap<readonly ScheduleUnit[], readonly (readonly string[])[]>();

function componentsOf(units: readonly ScheduleUnit[], byId: ReadonlyMap<string, ScheduleUnit>) {
  let components = componentsOfUnits.get(units);
  if (components === undefined) {
    const known = (id: string) => byId.has(id);
    components = stronglyConnected(
      units.map((u) => u.id),
      (id) => [...byId.get(id)!.after, ...byId.get(id)!.strictlyAfter].filter(known),
    );
    componentsOfUnits.set(units, components);
  }
  return components;
}

/**
 * Places the units' groups in turn as they become ready (all they wait for placed): a held
 * group stays on its date, a free one takes the earliest window with room; either releases
 * the groups that wait for it.
 */
export function schedule(units: readonly ScheduleUnit[], settings: ScheduleSettings): ScheduleResult {
  const groups = groupsOf(units, settings);
  const bookings = new WindowBookings(groups, settings);
  const unscheduled = new Map<string, Text>();
  const ready = new Heap<number>(easierFirst(groups, settings.ordering));
  groups.forEach((group, index) => {
    if (group.pending === 0) ready.push(index);
  });
  while (ready.size > 0) {
    const index = ready.pop()!;
    const group = groups[index]!;
    if (group.fixedDate !== undefined) {
      release(groups, index, bookings.hold(group.fixedDate, group), ready);
      continue;
    }
    const chosen = group.blockedBy === undefined ? place(group, bookings, settings) : undefined;
    if (group.blockedBy !== undefined) for (const id of group.members) unscheduled.set(id, group.blockedBy);
    release(groups, index, chosen, ready);
  }
  return { ...bookings.windows(), unscheduled, calendar: bookings.calendar };
}

/**
 * Which of two ready groups goes first: the better-ranked room when rooms close one by one,
 * then the easier (先易后难), then by id so equals always come out in the same order.
 */
function easierFirst(groups: readonly Group[], ordering: Ordering): (a: number, b: number) => boolean {
  return (a, b) => {
    const ga = groups[a]!;
    const gb = groups[b]!;
    if (ordering === "rooms-first" && ga.rank !== gb.rank) return ga.rank < gb.rank;
    if (ga.complexity !== gb.complexity) return ga.complexity < gb.complexity;
    return ga.key < gb.key;
  };
}

/**
 * Books a free group (not held on a date) into the earliest window from its floor that has
 * room for its systems and data, or says why there is none: a cutover longer than any window,
 * or no capacity left within the windows searched. Returns the window, undefined when none.
 */
function place(group: Group, bookings: WindowBookings, settings: ScheduleSettings): number | undefined {
  group.earliest = Math.max(group.earliest, bookings.floor);
  if (group.hours > settings.hours) {
    group.blockedBy = group.overWindowWhy ?? {
      zh: `割接需在窗口内连续 ${group.hours} 小时，而窗口只有 ${settings.hours} 小时（解决：延长窗口，或用温迁移工具缩短最终同步）`,
      en:
        `its cutover needs ${group.hours} h inside the window; windows are ${settings.hours} h (fix: ` +
        `a longer window, or warm migration tooling to shorten the final sync)`,
    };
    return undefined;
  }
  // A group larger than a window's capacity cannot share one: it takes the first empty window.
  const oversize = group.members.length > settings.capacitySystems || group.dataGb > settings.capacityDataGb;
  const from = Math.max(group.earliest, oversize ? 0 : bookings.firstOpen);
  const chosen = firstFit(group, from, oversize, bookings.slot, settings, bookings.maxWindows);
  if (chosen === undefined) {
    group.blockedBy = {
      zh: `${bookings.maxWindows} 个窗口内都没有剩余能力（解决：提高每窗口能力或增加窗口）`,
      en:
        `no window with capacity within ${bookings.maxWindows} windows (fix: ` +
        `more capacity per window, or more windows)`,
    };
    return undefined;
  }
  bookings.take(chosen, group, oversize);
  return chosen;
}

/**
 * Once a group is placed (or found no window), what waits for it may go: no earlier than its
 * window (strictly after it for a shadow's survivor), or nowhere when it has no window.
 */
function release(groups: readonly Group[], index: number, chosen: number | undefined, ready: Heap<number>): void {
  const group = groups[index]!;
  for (const next of group.succs) {
    const successor = groups[next]!;
    if (chosen === undefined)
      successor.blockedBy ??= {
        zh: `须等待 ${group.members.join("、")}，而其没有可用窗口（解决：先按其原因中的办法为其找到窗口）`,
        en:
          `waits for ${group.members.join(", ")}, which has no window (fix: ` +
          `find it a window first, as its own reason says)`,
      };
    else successor.earliest = Math.max(successor.earliest, chosen + (successor.preds.get(index) ? 1 : 0), 0);
    if (--successor.pending === 0) ready.push(next);
  }
}

interface Booking {
  count: number;
  dataGb: number;
  readonly units: string[];
  readonly notes: Text[];
}

/**
 * The cutover windows and what is booked in them: the free groups placed in each window, the
 * groups the plan lock holds on a date (their capacity taken on the date they move, before
 * anything is placed), the floor for new work and the first window with a place left.
 */
class WindowBookings {
  readonly calendar: WindowCalendar;
  /** Give up on a group that finds no window within this many windows. */
  readonly maxWindows: number;
  /** New work goes no earlier than this window (settings.notBefore). */
  readonly floor: number;
  /**
   * The first window from the floor with a place left for a system: where a search starts, so
   * that placing stays near-linear (the windows before it are full; firstFit would pass them by).
   */
  firstOpen: number;
  private readonly placed: Booking[] = [];
  /** What the lock holds, by date, in the order the groups came. */
  private readonly held = new Map<string, Booking>();
  private readonly firstDate: string;

  constructor(
    groups: readonly Group[],
    private readonly settings: ScheduleSettings,
  ) {
    this.calendar = new WindowCalendar(settings.firstDay, settings.days, settings.startTime, settings.hours);
    this.maxWindows = settings.maxWindows ?? 5200;
    this.firstDate = this.calendar.at(0).date;
    // A held group's capacity is taken on the date it moves: a cycle held on several dates
    // moves whole on the latest, and takes nothing on its members' earlier dates.
    for (const group of groups) {
      if (group.fixedDate === undefined || this.inThePast(group.fixedDate)) continue;
      const s = this.slot(this.calendar.indexOnOrAfter(group.fixedDate));
      s.count += group.members.length;
      s.dataGb += group.dataGb;
    }
    this.floor = this.calendar.indexOnOrAfter(settings.notBefore ?? this.firstDate);
    this.firstOpen = this.floor;
    this.advanceFirstOpen();
  }

  /** Window w's booking (empty until something is booked in it). */
  readonly slot = (w: number): Booking => (this.placed[w] ??= { count: 0, dataGb: 0, units: [], notes: [] });

  /** A held date before the first window is in the plan's past: it takes no capacity and holds nobody back. */
  private inThePast(date: string): boolean {
    return date < this.firstDate;
  }

  /** Keeps a held group on its date (its capacity is already taken); returns the date's window. */
  hold(date: string, group: Group): number {
    const at = this.held.get(date) ?? this.held.set(date, { count: 0, units: [], dataGb: 0, notes: [] }).get(date)!;
    at.units.push(...group.members);
    at.dataGb += group.dataGb;
    if (group.members.length > 1) at.notes.push(cycleNote(group.members));
    return this.inThePast(date) ? -1 : this.calendar.indexOnOrAfter(date);
  }

  /** Books a group into window w, with a note for a cycle and for a group larger than a window. */
  take(w: number, group: Group, oversize: boolean): void {
    const s = this.slot(w);
    s.count += group.members.length;
    s.dataGb += group.dataGb;
    s.units.push(...group.members);
    if (group.members.length > 1) s.notes.push(cycleNote(group.members));
    if (oversize) {
      const { capacitySystems, capacityDataGb } = this.settings;
      const tb = Math.round((capacityDataGb / 1024) * 100) / 100;
      s.notes.push({
        zh: `${group.members.join("、")}：超出单个窗口能力（${capacitySystems} 个系统、${tb} TB），单独占用一个窗口`,
        en:
          `${group.members.join(", ")}: exceeds the per-window capacity (${capacitySystems} systems, ${tb} TB): ` +
          `a dedicated window`,
      });
    }
    this.advanceFirstOpen();
  }

  private advanceFirstOpen(): void {
    while (this.slot(this.firstOpen).count >= this.settings.capacitySystems) this.firstOpen++;
  }

  /** One entry per date, in date order: what was placed in a window and what the lock holds on that date. */
  windows(): Pick<ScheduleResult, "windowOf" | "windows"> {
    const byDate = new Map<string, { window: CutoverWindow; units: string[]; dataGb: number; notes: Text[] }>();
    this.placed.forEach((s, w) => {
      if (!s || s.units.length === 0) return;
      const window = this.calendar.at(w);
      byDate.set(window.date, { window, units: [...s.units], dataGb: s.dataGb, notes: s.notes });
    });
    for (const [date, at] of this.held) {
      const entry =
        byDate.get(date) ??
        byDate.set(date, { window: this.calendar.on(date), units: [], dataGb: 0, notes: [] }).get(date)!;
      entry.units.push(...at.units);
      entry.dataGb += at.dataGb;
      entry.notes.push(...at.notes);
    }
    const windowOf = new Map<string, CutoverWindow>();
    const windows: ScheduledWindow[] = [];
    for (const date of [...byDate.keys()].sort()) {
      const entry = byDate.get(date)!;
      for (const id of entry.units) windowOf.set(id, entry.window);
      windows.push({
        window: entry.window,
        units: entry.units.sort(),
        dataGb: Math.round(entry.dataGb * 100) / 100,
        notes: entry.notes,
      });
    }
    return { windowOf, windows };
  }
}

const cycleNote = (members: readonly string[]): Text => ({
  zh: `${members.join("、")}：相互依赖（循环依赖），同批迁移`,
  en: `${members.join(", ")}: a dependency cycle, moved together`,
});

/** The latest of the units' held dates (ISO dates sort as text); undefined when none is held. */
function latestHeldDate(units: readonly ScheduleUnit[]): string | undefined {
  return units
    .map((u) => u.fixedDate)
    .filter((date): date is string => date !== undefined)
    .sort()
    .pop();
}

/**
 * The first window from `from` with room for the group's systems and data (an oversize
 * group: the first empty window); undefined when there is none within `maxWindows`.
 */
function firstFit(
  group: Pick<Group, "members" | "dataGb">,
  from: number,
  oversize: boolean,
  slot: (w: number) => { count: number; dataGb: number },
  settings: Pick<ScheduleSettings, "capacitySystems" | "capacityDataGb">,
  maxWindows: number,
): number | undefined {
  for (let w = from; w < maxWindows; w++) {
    const s = slot(w);
    const fits = oversize
      ? s.count === 0
      : s.count + group.members.length <= settings.capacitySystems &&
        s.dataGb + group.dataGb <= settings.capacityDataGb;
    if (fits) return w;
  }
  return undefined;
}
