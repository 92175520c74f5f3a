/**
 * The network and room milestones the seeds set beside the migration itself, dated from
 * the plan's waves:
 * - the unified internet exit (统一互联网出口) is in service the day before the first
 *   public-service system moves (the public domain reaches the internet only through it);
 *   seed 001 item 9 wants the exits integrated by 2018-06-30;
 * - each department is on the e-government extranet the day before its first cutover
 *   (its users reach the cloud over it; seeds 001 item 7, 004);
 * - each department withdraws its business private lines (业务专网) once the last of its
 *   systems on them has moved or retired; a system staying behind (retained, classified,
 *   unscheduled) keeps the line; seed 001 item 8 wants them integrated by 2018-12-31;
 * - each room closes on its plan's close date; seed 004 empties independent rooms within
 *   three years of the start.
 * A seed's date is a due date only when it falls after the planning start (a plan that
 * starts later follows its own policy, not the 2018 notices).
 */
import { addDays } from "./windows";
import { CLOUD_BOUND, type Milestone, type RoomPlan, type SystemPlan } from "./types";

export const MILESTONE_SEEDS = {
  internetExit: { date: "2018-06-30", source: "潍坊市政务信息系统整合共享实施方案任务分解表 第9项（互联网出口整合）" },
  extranet: {
    source: "潍坊市政务信息系统整合共享实施方案任务分解表 第7项；枣庄市政务云实施意见（部门接入电子政务外网）",
  },
  privateLines: { date: "2018-12-31", source: "潍坊市政务信息系统整合共享实施方案任务分解表 第8项（业务专网整合）" },
  rooms: { years: 3, source: "枣庄市政务云实施意见（独立机房三年内腾空）" },
} as const;

export interface MilestoneInput {
  readonly planningStart: string;
  readonly systems: readonly SystemPlan[];
  readonly rooms: readonly RoomPlan[];
  /** Whether a system runs on a business private network today (its hosting network). */
  readonly onPrivateLine: (systemId: string) => boolean;
}

const due = (date: string, planningStart: string) => (date > planningStart ? date : null);
const met = (date: string | null, dueDate: string | null) =>
  dueDate === null ? null : date !== null && date <= dueDate;
const dayBefore = (date: string) => addDays(date, -1);
const earliest = (dates: readonly (string | null)[]) => dates.filter((d): d is string => d !== null).sort()[0] ?? null;

/** Every milestone of the plan: the exit, then per department (extranet, private lines), then per room. */
export function planMilestones({ planningStart, systems, rooms, onPrivateLine }: MilestoneInput): Milestone[] {
  const moving = systems.filter((s) => CLOUD_BOUND.includes(s.disposition));
  const out: Milestone[] = [];
  const firstPublic = earliest(moving.filter((s) => s.domain === "public").map((s) => s.cutoverDate));
  const firstAny = earliest(moving.map((s) => s.cutoverDate));
  const exitDate = firstPublic ?? firstAny;
  const exitDue = due(MILESTONE_SEEDS.internetExit.date, planningStart);
  out.push({
    kind: "internet-exit",
    subject: null,
    date: exitDate === null ? null : dayBefore(exitDate),
    due: exitDue,
    met: met(exitDate === null ? null : dayBefore(exitDate), exitDue),
    blockers: [],
    source: MILESTONE_SEEDS.internetExit.source,
  });

  // Each department's own systems, gathered once: a city has hundreds of departments.
  const byDepartment = new Map<string, SystemPlan[]>();
  for (const s of systems)
    (byDepartment.get(s.department) ?? byDepartment.set(s.department, []).get(s.department)!).push(s);
  const linesDue = due(MILESTONE_SEEDS.privateLines.date, planningStart);
  for (const department of [...byDepartment.keys()].sort()) {
    const own = byDepartment.get(department)!;
    const first = earliest(own.filter((s) => CLOUD_BOUND.includes(s.disposition)).map((s) => s.cutoverDate));
    if (first !== null)
      out.push({
        kind: "extranet",
        subject: department,
        date: dayBefore(first),
        due: null,
        met: null,
        blockers: [],
        source: MILESTONE_SEEDS.extranet.source,
      });
    const onLines = own.filter((s) => onPrivateLine(s.id));
    if (onLines.length === 0) continue;
    // A system that stays (retained, classified) or has no date keeps the line in use.
    const staying = onLines.filter(
      (s) => s.cutoverDate === null || !(CLOUD_BOUND.includes(s.disposition) || s.disposition === "retire"),
    );
    const date = staying.length
      ? null
      : onLines
          .map((s) => s.cutoverDate!)
          .sort()
          .at(-1)!;
    out.push({
      kind: "private-lines",
      subject: department,
      date,
      due: linesDue,
      met: met(date, linesDue),
      blockers: staying.map((s) => s.id),
      source: MILESTONE_SEEDS.privateLines.source,
    });
  }

  const [year, rest] = [Number(planningStart.slice(0, 4)), planningStart.slice(4)];
  const roomsDue = `${String(year + MILESTONE_SEEDS.rooms.years).padStart(4, "0")}${rest}`;
  for (const room of [...rooms].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (room.cloudSite) continue;
    out.push({
      kind: "room",
      subject: room.id,
      date: room.closeDate,
      due: roomsDue,
      met: met(room.closeDate, roomsDue),
      blockers: room.blockers.map((b) => b.system),
      source: MILESTONE_SEEDS.rooms.source,
    });
  }
  return out;
}
