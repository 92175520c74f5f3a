/**
 * Where the estate stands against its deadlines, its rooms and its funding, from the
 * systems' progress (status.ts) and the held plan: the share reached, the share the rest
 * of the plan reaches, the pace so far and what a missed deadline would need; which old
 * rooms are empty, which can close, which wait and for what; which systems lose their
 * O&M money (seeds 002–004). Pure: the windows are the policy's calendar, never a clock.
 */
import { CLOUD_BOUND, type Plan, type Text } from "../plan/types";
import { WindowCalendar } from "../plan/windows";
import type { SystemProgress } from "./status";

export interface DeadlineOutlook {
  readonly date: string;
  readonly source: string | null;
  readonly requiredShare: number;
  /** Systems the share needs, of `total`. */
  readonly required: number;
  readonly total: number;
  /** Done by the deadline (or by the as-of date, when the deadline is still ahead). */
  readonly reached: number;
  /**
   * Done, plus under way, plus still planned on or before the deadline (late ones need a new window, so not counted).
   */
  readonly planReaches: number;
  /** At the pace so far (done per window since the first window): done by the deadline. */
  readonly atPace: number;
  readonly past: boolean;
  /** Met (past), or met at the current pace (ahead). */
  readonly met: boolean;
  readonly shortBy: number;
  readonly windowsLeft: number;
  /** Done per window so far. */
  readonly pace: number;
  /**
   * When missed: cutovers per window the remaining windows need, windows needed at the plan's capacity, and the systems
   * that block.
   */
  readonly fix: {
    readonly perWindow: number;
    readonly windowsNeeded: number;
    readonly blockers: readonly string[];
  } | null;
}

export function deadlineOutlook(plan: Plan, rows: readonly SystemProgress[], asOf: string): DeadlineOutlook[] {
  const cloud = rows.filter((r) => CLOUD_BOUND.includes(r.disposition));
  const total = cloud.length;
  const calendar = new WindowCalendar(
    plan.settings.firstWindow,
    plan.settings.windows.days as never,
    plan.settings.windows.startTime,
    plan.settings.windows.hours,
  );
  const windowsSoFar = plan.settings.firstWindow > asOf ? 0 : calendar.countUntil(asOf);
  const doneNow = cloud.filter((r) => r.status === "done").length;
  const pace = windowsSoFar === 0 ? 0 : doneNow / windowsSoFar;
  return plan.deadlines.map((d) => {
    const required = Math.ceil(d.requiredShare * total - 1e-9);
    const past = d.date < asOf;
    const reached = cloud.filter((r) => r.status === "done" && r.finished !== null && r.finished <= d.date).length;
    const windowsLeft = past ? 0 : Math.max(0, calendar.countUntil(d.date) - windowsSoFar);
    const planReaches = past
      ? reached
      : cloud.filter(
          (r) =>
            r.status === "done" ||
            r.status === "in-progress" ||
            (r.planned !== null && r.planned >= asOf && r.planned <= d.date && !r.late),
        ).length;
    const atPace = past
      ? reached
      : Math.min(
          total,
          doneNow + cloud.filter((r) => r.status === "in-progress").length + Math.floor(pace * windowsLeft + 1e-9),
        );
    const met = atPace >= required;
    const shortBy = met ? 0 : required - atPace;
    const blockers = cloud
      .filter(
        (r) =>
          r.status !== "done" &&
          (r.late ||
            r.rollbacks > 0 ||
            r.state === "needs-operator" ||
            r.planned === null ||
            (r.planned !== null && r.planned > d.date)),
      )
      .map((r) => r.id)
      .sort();
    const missing = Math.max(0, required - doneNow - cloud.filter((r) => r.status === "in-progress").length);
    return {
      date: d.date,
      source: d.source ?? null,
      requiredShare: d.requiredShare,
      required,
      total,
      reached: past ? reached : doneNow,
      planReaches,
      atPace,
      past,
      met,
      shortBy,
      windowsLeft,
      pace: Math.round(pace * 100) / 100,
      fix:
        met || past
          ? null
          : {
              perWindow: windowsLeft === 0 ? missing : Math.ceil(missing / windowsLeft),
              windowsNeeded: Math.ceil(missing / Math.max(1, plan.settings.capacity.systems)),
              blockers,
            },
    };
  });
}

export interface RoomOutlook {
  readonly id: string;
  readonly name: string;
  readonly cloudSite: boolean;
  /** Every system it held is gone (done); nothing kept there. */
  readonly empty: boolean;
  /** Empty and not the cloud's own site: it can close now. */
  readonly canClose: boolean;
  readonly waitsFor: readonly { readonly system: string; readonly why: Text }[];
}

export function roomOutlook(plan: Plan, rows: readonly SystemProgress[]): RoomOutlook[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return plan.rooms.map((room) => {
    const waitsFor: { system: string; why: Text }[] = [];
    for (const s of room.systems) {
      const r = byId.get(s.id);
      if (!r || r.status === "done") continue;
      waitsFor.push({ system: s.id, why: waitWhy(r) });
    }
    const empty = waitsFor.length === 0;
    return {
      id: room.id,
      name: room.name,
      cloudSite: room.cloudSite,
      empty,
      canClose: empty && !room.cloudSite,
      waitsFor,
    };
  });
}

function waitWhy(r: SystemProgress): Text {
  if (r.disposition === "exclude")
    return { zh: "涉密系统：须先迁入电子政务内网", en: "classified: must first move to the classified intranet" };
  if (r.disposition === "retain") return { zh: "凭批文暂缓迁移", en: "retained by an approval" };
  if (r.status === "in-progress") return { zh: `割接进行中（${r.state}）`, en: `cutover under way (${r.state})` };
  if (r.rollbacks > 0)
    return {
      zh: `已回退，待重新割接${r.reason ? `：${r.reason}` : ""}`,
      en: `rolled back, to run again${r.reason ? `: ${r.reason}` : ""}`,
    };
  if (r.planned === null) return { zh: "未排期", en: "not scheduled" };
  if (r.late)
    return {
      zh: `逾期 ${r.lateDays} 天（计划 ${r.planned}）`,
      en: `late by ${r.lateDays} days (planned ${r.planned})`,
    };
  return { zh: `计划 ${r.planned}`, en: `planned ${r.planned}` };
}

export interface FundingOutlook {
  /** The last deadline: after it, a system that should have moved and did not gets no O&M money next year. */
  readonly deadline: string;
  /** The deadline has passed: these lose it. Ahead: these will, unless they move in time. */
  readonly definite: boolean;
  readonly systems: readonly { readonly id: string; readonly department: string; readonly why: Text }[];
}

export function fundingOutlook(plan: Plan, rows: readonly SystemProgress[], asOf: string): FundingOutlook {
  const deadline = plan.deadlines[plan.deadlines.length - 1]?.date ?? asOf;
  const definite = deadline < asOf;
  const systems = rows
    .filter((r) => CLOUD_BOUND.includes(r.disposition))
    .filter((r) =>
      definite
        ? !(r.status === "done" && r.finished !== null && r.finished <= deadline)
        : r.status !== "done" && (r.late || r.planned === null || r.planned > deadline || r.rollbacks > 0),
    )
    .map((r) => ({ id: r.id, department: r.department, why: fundingWhy(r, deadline, definite) }))
    .sort((a, b) => (a.department < b.department ? -1 : a.department > b.department ? 1 : a.id < b.id ? -1 : 1));
  return { deadline, definite, systems };
}

function fundingWhy(r: SystemProgress, deadline: string, definite: boolean): Text {
  if (definite) return { zh: `${deadline} 前未完成迁移`, en: `not moved by ${deadline}` };
  if (r.planned === null) return { zh: "未排期", en: "no window" };
  if (r.planned > deadline)
    return { zh: `计划 ${r.planned}，晚于期限`, en: `planned ${r.planned}, after the deadline` };
  if (r.rollbacks > 0) return { zh: "已回退，尚无新窗口", en: "rolled back, no new window yet" };
  return { zh: `逾期 ${r.lateDays} 天`, en: `late by ${r.lateDays} days` };
}
