/**
 * The summary's long lists: each in its own file (lists/<id>.md and .csv), the summary
 * showing its first rows. They follow the summary's sections: what happens to each
 * system, the systems that need the leaders' attention (funding lost, cutovers beyond
 * the allowed downtime), the rooms, the departments, and the waves.
 */
import { DISPOSITION_ORDER, dispositionLabel, money10k, round } from "./labels";
import { departmentPath, named, roomPath, systemRef, type RenderContext } from "./context";
import type { LongList } from "./lists";
import { link, md } from "./markdown";
import { summaryWords, type SummaryWords } from "./summary-words";
import type { Department } from "../../inventory/model";
import type { RoomPlan, SystemPlan } from "../types";

/**
 * Every list the summary links to, by the part of the summary that shows it. `roomsShort` is the
 * summary's room table (a few blockers per room) and `departmentsBySize` its department table
 * (the largest first): the same files as `rooms` and `departments`, in another cut.
 */
export type SummaryLists = Readonly<
  Record<
    | "dispositions"
    | "retained"
    | "funding"
    | "tight"
    | "rooms"
    | "roomsShort"
    | "departments"
    | "departmentsBySize"
    | "classified"
    | "waves",
    LongList
  >
>;

/**
 * The summary's long lists. The key order is the order their files are written in; where two
 * share a file id (rooms, departments) the first one's file is written.
 */
export function summaryLists(ctx: RenderContext): SummaryLists {
  const w = summaryWords(ctx.lang);
  const bySystem = systemLists(ctx, w);
  return {
    dispositions: bySystem.dispositions,
    retained: bySystem.retained,
    // What the leaders must act on: the funding lost, the cutovers to agree with a department.
    funding: fundingList(ctx, w),
    tight: tightList(ctx, w),
    rooms: roomList(ctx, w, "rooms", Infinity),
    // The summary's room table names a few blockers per room; the rooms file and the room pages name all.
    roomsShort: roomList(ctx, w, "rooms", 3),
    departments: departmentList(ctx, w, ctx.departments),
    departmentsBySize: departmentList(ctx, w, departmentsBySize(ctx)),
    classified: bySystem.classified,
    waves: waveList(ctx, w),
  };
}

/**
 * What happens to each system: its disposition, the approved exceptions that keep a system
 * where it is (with their approval, so a leader can check it), and the classified systems
 * that stay outside the plan.
 */
function systemLists(
  ctx: RenderContext,
  w: SummaryWords,
): Pick<SummaryLists, "dispositions" | "retained" | "classified"> {
  const { lang } = ctx;
  const retained = ctx.systems.filter((s) => s.disposition === "retain");
  const excluded = ctx.systems.filter((s) => s.disposition === "exclude");
  return {
    dispositions: {
      id: "systems-by-disposition",
      title: w.bySystem,
      intro: null,
      header: [w.disposition, w.system, w.department, w.wave, w.date],
      rows: (prefix) =>
        DISPOSITION_ORDER.flatMap((d) =>
          ctx.systems
            .filter((s) => s.disposition === d)
            .map((s) => [
              md(dispositionLabel(lang, d)),
              systemRef(ctx, s.id, prefix),
              md(ctx.departmentName(s.department)),
              s.wave ?? "—",
              s.cutoverDate ?? "—",
            ]),
        ),
    },
    retained: {
      id: "retained",
      title: w.retainedTitle,
      intro: null,
      header: [w.system, w.department, w.approvalRef, w.until, w.reason],
      rows: (prefix) =>
        retained.map((s) => {
          const r = ctx.source(s.id)?.retain;
          return [
            systemRef(ctx, s.id, prefix),
            md(ctx.departmentName(s.department)),
            md(r?.approvalRef ? `${r.approvalRef}${r.approvedBy ? ` (${r.approvedBy})` : ""}` : w.noApproval),
            r?.until ?? "—",
            md(r?.reason ?? ""),
          ];
        }),
    },
    classified: {
      id: "classified",
      title: w.classifiedTitle,
      intro: w.excludedLine(excluded.length),
      header: [w.system, w.department],
      rows: () => excluded.map((s) => [md(named(lang, s.name, s.id)), md(ctx.departmentName(s.department))]),
    },
  };
}

/**
 * The systems that lose their O&M funding next year: the costliest first (what the leaders
 * weigh), why each misses the last deadline, and what they cost in all.
 */
function fundingList(ctx: RenderContext, w: SummaryWords): LongList {
  const { plan, lang } = ctx;
  const lastDeadline = plan.deadlines.at(-1)?.date ?? "—";
  const cost = (s: SystemPlan) => ctx.source(s.id)?.omCost10kCny;
  const losing = ctx.systems
    .filter((s) => s.losesFunding)
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (cost(b.s) ?? -1) - (cost(a.s) ?? -1) || a.i - b.i)
    .map(({ s }) => s);
  const why = (s: SystemPlan) =>
    s.cutoverDate === null ? w.notScheduled(s.unscheduledReason?.[lang] ?? "—") : w.late(s.cutoverDate, lastDeadline);
  return {
    id: "losing-funding",
    title: w.fundingTitle,
    intro: w.fundingRule,
    header: [w.system, w.department, w.omCost, w.why],
    align: ["l", "l", "r", "l"],
    rows: (prefix) =>
      losing.map((s) => {
        const value = cost(s);
        return [
          systemRef(ctx, s.id, prefix),
          md(ctx.departmentName(s.department)),
          value === undefined ? w.notRecorded : money10k(lang, value),
          md(why(s)),
        ];
      }),
    footer: () => [
      `**${w.sum}**`,
      "",
      `**${money10k(
        lang,
        losing.reduce((n, s) => n + (cost(s) ?? 0), 0),
      )}**`,
      "",
    ],
  };
}

/**
 * The cutovers to agree with their department beforehand: in-window steps longer than the
 * downtime the department allows, or than the window itself.
 */
function tightList(ctx: RenderContext, w: SummaryWords): LongList {
  const tight = ctx.systems.filter((s) => s.runbook && (!s.runbook.fitsDowntime || !s.runbook.fitsWindow));
  return {
    id: "tight-cutovers",
    title: w.tightTitle,
    intro: w.tightLine,
    header: [w.system, w.department, w.wave, w.windowHours, w.allowed, w.windowLimit],
    align: ["l", "l", "l", "r", "r", "r"],
    rows: (prefix) =>
      tight.map((s) => {
        const hours = ctx.source(s.id)?.maxDowntimeHours;
        return [
          systemRef(ctx, s.id, prefix),
          md(ctx.departmentName(s.department)),
          s.wave ?? "—",
          round(s.runbook!.windowHours),
          hours === undefined ? "—" : round(hours),
          round(ctx.plan.settings.windows.hours),
        ];
      }),
  };
}

/**
 * When the rooms close and what that saves: each room, who runs it, its systems, its close
 * date and why it cannot close yet (naming at most `blockersShown` blockers), with the total saved.
 */
function roomList(ctx: RenderContext, w: SummaryWords, id: string, blockersShown: number): LongList {
  const { lang } = ctx;
  const rooms = [...ctx.plan.rooms].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    id,
    title: w.roomsTitle,
    intro: null,
    header: [w.room, w.owner, w.systems, w.closeDate, w.note, w.saved],
    align: ["l", "l", "r", "l", "l", "r"],
    rows: (prefix) =>
      rooms.map((r) => [
        link(r.name, `${prefix}${roomPath(r.id)}`),
        md(ctx.departmentName(r.department)),
        String(r.systems.length),
        r.closeDate ?? "—",
        md(roomNote(ctx, w, r, blockersShown)),
        money10k(lang, r.omCostSaved10kCny),
      ]),
    footer: () => [`**${w.sum}**`, "", "", "", md(w.savedNote), `**${money10k(lang, ctx.counts.omSaved10kCny)}**`],
  };
}

/** A room's note: kept, blocked (naming at most `shown` blockers), or when it closes. */
function roomNote(ctx: RenderContext, w: SummaryWords, r: RoomPlan, shown: number): string {
  const [sep, colon] = ctx.lang === "zh" ? ["；", "："] : ["; ", ": "];
  if (r.cloudSite) return w.cloudSite;
  if (r.blockers.length) {
    const listed = r.blockers
      .slice(0, shown)
      .map((b) => `${named(ctx.lang, ctx.systemName(b.system), b.system)}${colon}${b.reason[ctx.lang]}`);
    const rest = r.blockers.length - listed.length;
    return w.blocked(listed.join(sep) + (rest > 0 ? `${sep}${w.more(rest)}` : ""));
  }
  return r.closeDate ? w.closes : w.noDate;
}

/** Each department's systems by disposition, linking to its report, in the given order. */
function departmentList(ctx: RenderContext, w: SummaryWords, order: readonly Department[]): LongList {
  const { lang } = ctx;
  return {
    id: "departments",
    title: w.departmentsTitle,
    intro: null,
    header: [w.department, w.systems, ...DISPOSITION_ORDER.map((d) => md(dispositionLabel(lang, d)))],
    align: ["l", "r", ...DISPOSITION_ORDER.map(() => "r" as const)],
    rows: (prefix) =>
      order.map((d) => {
        const counts = ctx.countsOf(d.id);
        return [
          link(d.name, `${prefix}${departmentPath(d.id)}`),
          String(counts.systems),
          ...DISPOSITION_ORDER.map((disp) => String(counts.byDisposition[disp])),
        ];
      }),
  };
}

/** The departments with the most systems first (the summary shows the first few); ties keep their order. */
function departmentsBySize(ctx: RenderContext): Department[] {
  return ctx.departments
    .map((d, i) => ({ d, i }))
    .sort((a, b) => ctx.countsOf(b.d.id).systems - ctx.countsOf(a.d.id).systems || a.i - b.i)
    .map(({ d }) => d);
}

/** Each wave: its window, its systems, its data and the planner's notes. */
function waveList(ctx: RenderContext, w: SummaryWords): LongList {
  const { plan, lang } = ctx;
  const sep = lang === "zh" ? "、" : ", ";
  return {
    id: "waves",
    title: w.wavesTitle,
    intro: null,
    header: [w.wave, w.start, w.end, w.system, w.dataGb, w.notes],
    align: ["l", "l", "l", "l", "r", "l"],
    rows: (prefix) =>
      plan.waves.map((wave) => [
        wave.id,
        wave.start.replace("T", " "),
        wave.end.replace("T", " "),
        wave.systems.map((id) => systemRef(ctx, id, prefix)).join(sep),
        round(wave.dataGb, 1),
        md(wave.notes.map((n) => n[lang]).join(lang === "zh" ? "；" : "; ")),
      ]),
  };
}
