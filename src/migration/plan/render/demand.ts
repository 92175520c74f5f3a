/**
 * cloud-demand.md (and .csv): for the leaders' budget (seed 002 puts cloud fees in it),
 * what the plan asks of the city cloud per department and in all — vCPU, memory, block
 * storage, replicated storage, public addresses — and its yearly cost at the policy's
 * prices, with the prices shown and flagged when they are the examples, not the contract's.
 */
import { DEFAULT_RULES } from "../../inventory/planner-rules";
import { cloudDemand, type DemandRow } from "../demand";
import { departmentPath, type RenderContext } from "./context";
import { aside, money10k, round, thousands } from "./labels";
import { listFiles, type LongList } from "./lists";
import { link, table } from "./markdown";

const ZH = {
  title: "政务云资源需求与年度费用",
  intro: (examples: boolean) =>
    `按计划中各系统的上云目标（云主机、容器、云硬盘、容灾副本、公网地址）汇总；年度费用按清单 policy.rules.prices 的单价计` +
    `算${examples ? "。**清单未设单价，以下使用的是示例单价，不是报价：请按政务云合同单价填写后重新生成。**" : "。"}`,
  department: "部门",
  vcpus: "vCPU（核）",
  memory: "内存（GiB）",
  block: "块存储（GiB）",
  replicated: "容灾复制存储（GiB）",
  addresses: "公网地址（个）",
  cost: "年度费用",
  total: "合计",
  prices: "单价（每年）",
  item: "项目",
  unitPrice: "单价（元/年）",
  summary: (cost: string, vcpus: string, memory: string) =>
    `政务云资源需求：${vcpus} 个 vCPU、${memory} GiB 内存等，年度费用约 ${cost}`,
};

const EN: typeof ZH = {
  title: "Cloud demand and yearly cost",
  intro: (examples) =>
    `The sum of the systems' cloud targets in the plan (instances, containers, volumes, disaster-recovery copies, ` +
    "public addresses); the yearly cost at the prices of the inventory's policy.rules.prices" +
    (examples
      ? ". **The inventory sets no prices: these are the example prices, not a quotation; " +
        "set the cloud contract's prices and regenerate.**"
      : "."),
  department: "Department",
  vcpus: "vCPUs",
  memory: "Memory (GiB)",
  block: "Block storage (GiB)",
  replicated: "Replicated storage (GiB)",
  addresses: "Public addresses",
  cost: "Yearly cost",
  total: "Total",
  prices: "Prices (a year)",
  item: "Item",
  unitPrice: "Price (CNY a year)",
  summary: (cost, vcpus, memory) =>
    `Cloud demand: ${vcpus} vCPUs, ${memory} GiB of memory and more, about ${cost} a year`,
};

function context(ctx: RenderContext) {
  const w = ctx.lang === "zh" ? ZH : EN;
  const prices = (ctx.inventory.policy?.rules ?? DEFAULT_RULES).prices;
  const examples = ctx.inventory.policy?.rules === undefined || isDefault(ctx);
  return { w, prices, examples, rows: cloudDemand(ctx.plan.systems, prices) };
}

/** Whether the prices are the schema's examples (the dataset set none of its own). */
function isDefault(ctx: RenderContext): boolean {
  const prices = ctx.inventory.policy?.rules?.prices;
  return JSON.stringify(prices) === JSON.stringify(DEFAULT_RULES.prices);
}

const cells = (ctx: RenderContext, r: DemandRow) => [
  round(r.vcpus, 1),
  round(r.memoryGib, 1),
  thousands(Math.round(r.blockGib)),
  thousands(Math.round(r.replicatedGib)),
  String(r.publicAddresses),
  money10k(ctx.lang, r.costYear / 10_000),
];

/** cloud-demand.md and cloud-demand.csv. */
export function renderDemand(ctx: RenderContext): [string, string][] {
  const { w, prices, examples, rows } = context(ctx);
  const body = rows.filter((r) => r.department !== null);
  const total = rows.at(-1)!;
  const list: LongList = {
    id: "cloud-demand",
    title: w.title,
    intro: w.intro(examples),
    header: [w.department, w.vcpus, w.memory, w.block, w.replicated, w.addresses, w.cost],
    align: ["l", "r", "r", "r", "r", "r", "r"],
    rows: (prefix) =>
      body.map((r) => [
        link(ctx.departmentName(r.department), `${prefix}${departmentPath(r.department!)}`),
        ...cells(ctx, r),
      ]),
    footer: () => [`**${w.total}**`, ...cells(ctx, total).map((c) => `**${c}**`)],
  };
  const [[, markdown], [, csv]] = listFiles(list) as [[string, string], [string, string]];
  const priceTable = table(
    [w.item, w.unitPrice],
    [
      [w.vcpus, thousands(prices.vcpuYear)],
      [w.memory, thousands(prices.memoryGibYear)],
      [w.block, thousands(prices.blockStorageGibYear)],
      [w.replicated, thousands(prices.replicatedStorageGibYear)],
      [w.addresses, thousands(prices.publicAddressYear)],
    ],
    ["l", "r"],
  );
  // The page sits at the plan's root: its links need no "../".
  const page = `${markdown.replace(/\]\(\.\.\//g, "](")}\n## ${w.prices}\n\n${priceTable}\n`;
  return [
    ["cloud-demand.md", page],
    ["cloud-demand.csv", csv],
  ];
}

/** The summary's line: the totals and the yearly cost, linking the page. */
export function demandSummary(ctx: RenderContext): string {
  const { w, rows } = context(ctx);
  const total = rows.at(-1)!;
  const line = w.summary(money10k(ctx.lang, total.costYear / 10_000), round(total.vcpus, 1), round(total.memoryGib, 1));
  return `${link(line, "cloud-demand.md")}${aside(ctx.lang, link("CSV", "cloud-demand.csv"))}`;
}
