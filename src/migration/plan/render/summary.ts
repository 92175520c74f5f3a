/**
 * summary.md: the plan on one page for the district's leaders: what happens to every
 * system, whether each deadline is met (and if not, why), who loses O&M funding, when
 * the rooms close, the waves, and links to everything else. Each section below is one
 * thing the leaders read the summary for; the long lists are in summary-lists.ts, the
 * words in summary-words.ts.
 */
import {
  aside,
  DISPOSITION_ORDER,
  dispositionLabel,
  orderingLabel,
  percent,
  policySourceLabel,
  round,
  weekdayLabel,
} from "./labels";
import type { RenderContext } from "./context";
import { demandSummary } from "./demand";
import { repointList } from "./judgement";
import { milestoneList, milestoneSummary } from "./milestones";
import { excerpt, listFiles, pageAndCsv, SUMMARY_ROWS } from "./lists";
import { bullets, document, link, md, table } from "./markdown";
import { summaryLists, type SummaryLists } from "./summary-lists";
import { summaryWords, type SummaryWords } from "./summary-words";
import type { DeadlineResult } from "../types";

/** summary.md and the long lists it links to (lists/*.md, lists/*.csv). */
export function renderSummary(ctx: RenderContext): [string, string][] {
  const lists = summaryLists(ctx);
  const files = [...Object.values(lists), repointList(ctx).list, milestoneList(ctx)]
    .filter((list, i, all) => all.findIndex((other) => other.id === list.id) === i)
    .flatMap((list) => listFiles(list));
  return [["summary.md", summaryText(ctx, lists)], ...files];
}

/** What every section needs: the context, the words, the lists. */
interface Section {
  readonly ctx: RenderContext;
  readonly w: SummaryWords;
  readonly lists: SummaryLists;
}

type Blocks = (string | null)[];

function summaryText(ctx: RenderContext, lists: SummaryLists): string {
  const s: Section = {
    ctx,
    w: summaryWords(ctx.lang),
    lists,
  };
  return document([
    s.w.title(md(ctx.inventory.policy?.name ?? ctx.plan.dataset)),
    s.w.generated,
    ...atAGlance(s),
    ...dispositions(s),
    s.w.demand,
    demandSummary(ctx),
    ...deadlines(s),
    ...needsAttention(s),
    s.w.rooms,
    excerpt(ctx, lists.roomsShort),
    ...waves(s),
    ...departments(s),
    ...otherReports(s),
    ...classified(s),
  ]);
}

/** At a glance: the dataset, the programme, the windows and their capacity, the milestones, how many systems. */
function atAGlance({ ctx, w }: Section): Blocks {
  const { plan, inventory, lang } = ctx;
  const { settings } = plan;
  const days = settings.windows.days.map((d) => weekdayLabel(lang, d)).join(lang === "zh" ? "、" : ", ");
  const { inventoryBy, planApprovedBy } = settings.milestones;
  const basics = table(
    [w.item, w.value],
    [
      [w.dataset, md(plan.dataset)],
      ...(inventory.policy?.name ? [[w.programme, md(inventory.policy.name)]] : []),
      [w.planningStart, settings.planningStart],
      [w.policySource, md(policySourceLabel(lang, settings.policySource))],
      [w.windowsLabel, md(w.windows(days, settings.windows.startTime, round(settings.windows.hours)))],
      [w.capacityLabel, md(w.capacity(settings.capacity.systems, round(settings.capacity.dataTb)))],
      [w.milestones, md(w.milestonesValue(inventoryBy, planApprovedBy, settings.workStart))],
      [w.firstWindow, settings.firstWindow],
      [w.ordering, md(orderingLabel(lang, settings.ordering))],
      [w.total, w.totalValue(ctx.counts.systems, ctx.counts.toCloud, ctx.counts.merged)],
    ],
  );
  return [w.basics, basics];
}

/** What happens to every system: the count of each disposition, the list by system, the approved exceptions. */
function dispositions({ ctx, w, lists }: Section): Blocks {
  const counts = table(
    [w.disposition, w.count],
    [
      ...DISPOSITION_ORDER.map((d) => [md(dispositionLabel(ctx.lang, d)), String(ctx.counts.byDisposition[d])]),
      [`**${w.sum}**`, `**${ctx.counts.systems}**`],
    ],
    ["l", "r"],
  );
  return [
    w.dispositions,
    counts,
    w.bySystemLine(pageAndCsv(ctx.lang, lists.dispositions.title, lists.dispositions.id)),
    lists.retained.rows("").length ? `**${w.retainedTitle}**` : null,
    excerpt(ctx, lists.retained),
  ];
}

/** Whether each deadline is met, and if not why; then the milestones on the way. */
function deadlines({ ctx, w }: Section): Blocks {
  const { plan, lang } = ctx;
  return [
    w.deadlines,
    deadlineTable(ctx, w),
    w.shareNote(ctx.counts.cloudBound),
    ...plan.deadlines
      .filter((d) => !d.met && d.explanation)
      .map((d) => `${w.whyMissed(d.date)}${lang === "zh" ? "" : " "}${md(d.explanation?.[lang] ?? "")}`),
    ...milestoneSummary(ctx),
    pageAndCsv(ctx.lang, milestoneList(ctx).title, "milestones"),
  ];
}

function deadlineTable(ctx: RenderContext, w: SummaryWords): string {
  const verdict = (d: DeadlineResult) => (d.met ? `✅ ${w.met}` : `❌ ${w.missed(d.shortBy)}`);
  return table(
    [w.deadline, w.required, w.planned, w.verdict, w.source],
    ctx.plan.deadlines.map((d) => [
      d.date,
      percent(d.requiredShare),
      percent(d.plannedShare),
      verdict(d),
      md(d.source ?? "—"),
    ]),
    ["l", "r", "r", "l", "l"],
  );
}

/**
 * What the leaders must act on: the systems losing O&M funding (always said, even when none
 * do), and, only when there are any, the cutovers beyond the allowed downtime and the
 * repoints that block them.
 */
function needsAttention({ ctx, w, lists }: Section): Blocks {
  const lastDeadline = ctx.plan.deadlines.at(-1)?.date ?? "—";
  const funding = excerpt(ctx, lists.funding);
  const tight = excerpt(ctx, lists.tight);
  const blockers = repointList(ctx);
  const blockerExcerpt = excerpt(ctx, blockers.list);
  return [
    w.funding,
    w.fundingRule,
    funding || w.noFunding(lastDeadline),
    tight ? w.tight : null,
    tight ? w.tightLine : null,
    tight,
    blockerExcerpt ? blockers.heading : null,
    blockerExcerpt ? blockers.intro : null,
    blockerExcerpt,
  ];
}

/** When the cutovers happen: the first and last wave, the full list, and the two charts. */
function waves({ ctx, w, lists }: Section): Blocks {
  const all = ctx.plan.waves;
  const [first, last] = [all[0], all.at(-1)];
  return [
    w.waves,
    first && last
      ? `${w.wavesLine(all.length, first.start.slice(0, 10), first.id, last.start.slice(0, 10), last.id)} ` +
        pageAndCsv(ctx.lang, lists.waves.title, lists.waves.id)
      : w.noWaves,
    `![${w.gantt}](charts/gantt.svg)`,
    `![${w.progress}](charts/progress.svg)`,
  ];
}

/** Each department's share of the work, the largest first (the summary shows the first few). */
function departments({ ctx, w, lists }: Section): Blocks {
  return [
    w.byDepartment,
    ctx.departments.length > SUMMARY_ROWS ? w.topDepartments : null,
    excerpt(ctx, lists.departmentsBySize),
  ];
}

/** Where everything else is: Appendix 2, the migration table, the rooms, the runbooks, the charts, plan.json. */
function otherReports({ ctx, w, lists }: Section): Blocks {
  const [list, colon] = ctx.lang === "zh" ? ["、", "："] : [", ", ": "];
  const tableFormats = [link("CSV", "migration-table.csv"), link("Excel", "migration-table.xlsx")].join(list);
  return [
    w.links,
    bullets([
      link(w.linkAppendix2, "appendix2-progress.md"),
      `${link(w.linkTable, "migration-table.md")}${aside(ctx.lang, tableFormats)}`,
      pageAndCsv(ctx.lang, w.linkRooms, lists.rooms.id),
      w.linkRunbooks,
      `${link(w.gantt, "charts/gantt.svg")}${list}${link(w.progress, "charts/progress.svg")}`,
      `${link("plan.json", "plan.json")}${colon}${w.linkJson}`,
    ]),
  ];
}

/** Last, and only when there are any: the classified systems, which this plan leaves out. */
function classified({ ctx, w, lists }: Section): Blocks {
  const excerpted = excerpt(ctx, lists.classified);
  return [
    excerpted ? w.excluded : null,
    excerpted ? w.excludedLine(ctx.counts.byDisposition.exclude) : null,
    excerpted,
  ];
}
