/**
 * progress.md: where the estate stands as of a date, from the journals: per department
 * and in total (done, in progress, to do, late), each deadline (reached, what the rest
 * of the plan reaches, the pace, and what a miss would need), the systems late or rolled
 * back, the old rooms, and the O&M funding at stake. progress.json holds the same, for
 * machines. English with the forms' Chinese terms; the forms themselves are in forms.ts.
 */
import type { RenderContext } from "../plan/render/context";
import { percent } from "../plan/render/labels";
import { bullets, document, md, table } from "../plan/render/markdown";
import { progressCounts, type ProgressCounts } from "./counts";
import type { DeadlineOutlook, FundingOutlook, RoomOutlook } from "./outlook";
import type { SystemProgress } from "./status";

export interface ProgressReport {
  readonly asOf: string;
  readonly dataset: string;
  readonly journals: readonly string[];
  readonly systems: readonly SystemProgress[];
  readonly total: ProgressCounts;
  readonly byDepartment: ReadonlyMap<string, ProgressCounts>;
  readonly deadlines: readonly DeadlineOutlook[];
  readonly rooms: readonly RoomOutlook[];
  readonly funding: FundingOutlook;
}

export function progressReport(
  ctx: RenderContext,
  rows: readonly SystemProgress[],
  asOf: string,
  journals: readonly string[],
  deadlines: readonly DeadlineOutlook[],
  rooms: readonly RoomOutlook[],
  funding: FundingOutlook,
): ProgressReport {
  const { total, byDepartment } = progressCounts(
    rows,
    ctx.departments.map((d) => d.id),
  );
  return { asOf, dataset: ctx.plan.dataset, journals, systems: rows, total, byDepartment, deadlines, rooms, funding };
}

const countsRow = (name: string, c: ProgressCounts) => [
  name,
  String(c.all),
  String(c.done),
  `${c.migrated} / ${c.merged} / ${c.retired}`,
  String(c.inProgress),
  String(c.toDo),
  String(c.late),
  String(c.rolledBack),
  String(c.kept),
];
const COUNT_HEADER = [
  "Department (部门)",
  "To act on",
  "Done",
  "migrated / merged / retired",
  "In progress",
  "To do",
  "Late",
  "Rolled back",
  "Kept (保留)",
];

/** A system as the report names it: its name and id, escaped for Markdown. */
type SystemName = (id: string) => string;

/** progress.md, section by section: the totals, per department, deadlines, the systems' lists, rooms, funding. */
export function progressMarkdown(ctx: RenderContext, p: ProgressReport): string {
  const name: SystemName = (id) => md(`${ctx.systemName(id)} (${id})`);
  return document([
    ...overview(p),
    "## Per department (各部门)",
    table(
      COUNT_HEADER,
      [
        ...ctx.departments.map((d) => countsRow(md(d.name), p.byDepartment.get(d.id)!)),
        countsRow("**Total (合计)**", p.total),
      ],
      COUNT_HEADER.map((_, i) => (i === 0 ? "l" : "r")),
    ),
    "## Deadlines (期限)",
    ...deadlineBlocks(ctx, p, name),
    "## Done (已完成)",
    doneTable(ctx, p, name),
    "## In progress (进行中)",
    inProgressTable(p, name),
    "## Late (逾期)",
    lateTable(p, name),
    "## Rolled back (已回退)",
    rolledBackTable(p, name),
    "## Server rooms (机房)",
    roomsTable(p, name),
    "## O&M funding (运维经费)",
    fundingText(ctx, p.funding, name),
  ]);
}

/** The title, where the facts come from and what the words mean, and the totals. */
function overview(p: ProgressReport): string[] {
  return [
    `# Progress as of ${p.asOf} (进展情况，截至 ${p.asOf}): ${md(p.dataset)}`,
    `From the cutover journals ` +
      `${p.journals.map((j) => `\`${j}\``).join(", ") || "(none given: nothing has happened yet)"} and the plan ` +
      `lock. Done = finalized (migrated, merged into its survivor, or retired); ` +
      `in progress = a try under way, switched, observing or waiting for the operator; ` +
      `to do = never started or rolled back; late = not done by its wave's date plus the observation period. ` +
      `Forms to hand in: [Appendix 2](appendix2-actual.md), [migration table](migration-table-actual.md); charts: ` +
      `[burn-up](charts/burnup.svg), [waves](charts/waves.svg).`,
    `**In total: ${p.total.done} done, ${p.total.inProgress} in progress, ${p.total.toDo} to do of ` +
      `${p.total.all} systems to act on** (${p.total.late} late, ${p.total.rolledBack} rolled back at least once; ` +
      `${p.total.kept} kept where they are).`,
  ];
}

/** Each deadline's outlook, then for each one the current pace misses, how it can still be met. */
function deadlineBlocks(ctx: RenderContext, p: ProgressReport, name: SystemName): string[] {
  return [
    table(
      ["Deadline", "Required", "Reached", "Plan reaches", "At the current pace", "Windows left", "Outlook"],
      p.deadlines.map((d) => [
        d.date,
        `${percent(d.requiredShare)} (${d.required} of ${d.total})`,
        `${percent(d.reached / Math.max(1, d.total))} (${d.reached})`,
        d.past ? "—" : `${percent(d.planReaches / Math.max(1, d.total))} (${d.planReaches})`,
        d.past ? "—" : `${d.atPace} (${d.pace} a window)`,
        String(d.windowsLeft),
        outlookText(d),
      ]),
    ),
    ...p.deadlines.flatMap((d) => (d.fix ? [fixText(d, d.fix, ctx.plan.settings.capacity.systems, name)] : [])),
  ];
}

/** The systems finalized, in the order they were. */
function doneTable(ctx: RenderContext, p: ProgressReport, name: SystemName): string {
  const doneRows = p.systems
    .filter((r) => r.status === "done")
    .sort((a, b) => (a.finished! < b.finished! ? -1 : a.finished! > b.finished! ? 1 : a.id < b.id ? -1 : 1));
  return doneRows.length
    ? table(
        ["System", "Department", "Disposition", "Planned", "Done", "Late by (days)"],
        doneRows.map((r) => [
          name(r.id),
          md(ctx.departmentName(r.department)),
          r.disposition,
          r.planned ?? "—",
          r.finished ?? "—",
          r.lateDays ? String(r.lateDays) : "",
        ]),
      )
    : "Nothing finalized yet.";
}

function inProgressTable(p: ProgressReport, name: SystemName): string {
  const moving = p.systems.filter((r) => r.status === "in-progress");
  return moving.length
    ? table(
        ["System", "State", "Started", "Planned", "Due", "Late by (days)"],
        moving.map((r) => [
          name(r.id),
          r.state,
          r.started ?? "—",
          r.planned ?? "—",
          r.due ?? "—",
          r.lateDays ? String(r.lateDays) : "",
        ]),
      )
    : "None.";
}

/** The systems late and not yet done. */
function lateTable(p: ProgressReport, name: SystemName): string {
  const late = p.systems.filter((r) => r.late && r.status !== "done");
  return late.length
    ? table(
        ["System", "Status", "Planned", "Due", "Late by (days)"],
        late.map((r) => [name(r.id), r.status, r.planned ?? "—", r.due ?? "—", String(r.lateDays)]),
      )
    : "None.";
}

/** The systems rolled back at least once, whatever they are now, with the last reason. */
function rolledBackTable(p: ProgressReport, name: SystemName): string {
  const rolled = p.systems.filter((r) => r.rollbacks > 0);
  return rolled.length
    ? table(
        ["System", "Rollbacks", "Now", "Last reason"],
        rolled.map((r) => [
          name(r.id),
          String(r.rollbacks),
          r.status === "done" ? "done" : r.state,
          md(r.reason ?? ""),
        ]),
      )
    : "None.";
}

/** Each old room: empty or not, whether it can close now, and what it waits for. */
function roomsTable(p: ProgressReport, name: SystemName): string {
  return table(
    ["Room", "Empty", "Can close now", "Waits for"],
    p.rooms.map((r) => [
      md(`${r.name} (${r.id})`),
      r.empty ? "yes" : "no",
      r.cloudSite ? "no (the cloud's site)" : r.canClose ? "**yes**" : "no",
      r.waitsFor.map((w) => `${name(w.system)}: ${md(w.why.en)}`).join("; "),
    ]),
  );
}

/** How a deadline the current pace misses can still be met: more cutovers a window, or more windows. */
function fixText(
  d: DeadlineOutlook,
  fix: NonNullable<DeadlineOutlook["fix"]>,
  capacity: number,
  name: (id: string) => string,
): string {
  const beyond =
    fix.windowsNeeded > d.windowsLeft ? ` (${fix.windowsNeeded - d.windowsLeft} more than are left: add windows)` : "";
  const blocking = fix.blockers.length ? fix.blockers.map((id) => name(id)).join(", ") : "none by name: only the pace";
  return (
    `**${d.date}** will be missed at the current pace by ${d.shortBy} systems. Fix: ${fix.perWindow} ` +
    `cutovers in each of the ${d.windowsLeft} windows left (pace so far ${d.pace}, capacity ${capacity}), ` +
    `or ${fix.windowsNeeded} windows at the plan's capacity${beyond}. Blocking: ${blocking}.`
  );
}

/** The systems that get no O&M money next year for not moving by the last deadline (seeds 002–004). */
function fundingText(ctx: RenderContext, funding: FundingOutlook, name: (id: string) => string): string {
  if (!funding.systems.length) return `No system is at risk of losing its O&M funding at ${funding.deadline}.`;
  const lead = funding.definite
    ? `The last deadline ${funding.deadline} has passed: these systems should have moved and did not, ` +
      "so they get no O&M money next year (seeds 002–004):"
    : `Unless they move by the last deadline ${funding.deadline}, these systems get no O&M money next year ` +
      "(seeds 002–004):";
  const systems = funding.systems.map((s) => `${name(s.id)}, ${md(ctx.departmentName(s.department))}: ${md(s.why.en)}`);
  return `${lead}\n\n${bullets(systems)}`;
}

function outlookText(d: DeadlineOutlook): string {
  if (d.past) return d.met ? "met" : `**missed by ${d.required - d.reached}**`;
  return d.met ? "on track" : `**short by ${d.shortBy} at this pace**`;
}

/** The same facts for machines: maps as sorted objects. */
export function progressJson(p: ProgressReport): string {
  return `${JSON.stringify({ ...p, byDepartment: Object.fromEntries(p.byDepartment) }, null, 2)}\n`;
}
