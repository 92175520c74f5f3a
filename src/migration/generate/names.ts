/**
 * What a synthetic system is called and what it does, worded as departments write them on
 * the form: a function (subject + aspect) that a shadow shares with its original, and a
 * name often carrying the department's own name, the trap the duplicate finder must avoid.
 */
import type { Department } from "../inventory/model";
import type { Random } from "./random";

/** How a function is worded on the form: a duplicate's wording often differs from its original's. */
export const WORDINGS = ["业务办理", "业务受理与办理", "日常管理", "管理与查询", "工作台账管理"];
const SUBJECTS = [
  "人口",
  "法人",
  "社会保险",
  "医疗保障",
  "不动产登记",
  "行政审批",
  "网格化",
  "视频监控",
  "电子证照",
  "信用信息",
  "财政预算",
  "非税收入",
  "学籍",
  "招生",
  "食品安全",
  "特种设备",
  "案件",
  "档案",
  "协同办公",
  "公文交换",
  "村务公开",
  "养老服务",
  "低保救助",
  "就业服务",
  "住房保障",
  "工程建设",
  "农产品追溯",
  "动物防疫",
  "旅游服务",
  "统计直报",
  "审计作业",
  "投资项目",
  "应急指挥",
  "舆情监测",
  "12345热线",
];
const ASPECTS = [
  "登记",
  "审批",
  "监测",
  "统计",
  "查询",
  "办理",
  "调度",
  "核查",
  "评估",
  "预警",
  "采集",
  "共享",
  "发布",
  "考核",
  "归档",
];
const SUFFIXES = ["管理系统", "信息系统", "服务平台", "综合平台", "数据库", "监管系统", "业务系统"];
/** Suffixes a shadow's name may add: a second phase, a new version. */
const VERSIONS = ["（二期）", "二期", "新版", "V2.0", "（2期）", "升级版"];

/** A new function's key: equal keys in one department are the same function (the ground truth of duplicates). */
export function newFunctionKey(random: Random): string {
  return `${random.pick(SUBJECTS)}${random.pick(ASPECTS)}`;
}

/**
 * A system's name, numbered （2）, （3）… when its department already has one so called:
 * a department's names are unique on its form.
 */
export function uniqueSystemName(
  random: Random,
  department: Department,
  short: string | undefined,
  functionKey: string,
  shadow: boolean,
  taken: Set<string>,
): { name: string; namedAfterDepartment: boolean } {
  const { name: baseName, namedAfterDepartment } = systemName(random, department, short, functionKey, shadow);
  let name = baseName;
  for (let n = 2; taken.has(`${department.id}/${name}`); n++) name = `${baseName}（${n}）`;
  taken.add(`${department.id}/${name}`);
  return { name, namedAfterDepartment };
}

/**
 * A system's name as departments write them: often with the department's own name (or
 * its district, or its bureau) in front, as in 周村区档案局档案管理系统; a shadow's name
 * sometimes marks a phase or version.
 */
function systemName(
  random: Random,
  department: Department,
  short: string | undefined,
  functionKey: string,
  shadow: boolean,
): { name: string; namedAfterDepartment: boolean } {
  const full = department.name;
  const withoutCity = full.replace(/^[^市]+市/, "");
  const bureau = withoutCity.replace(/^[^区县]+[区县]/, "");
  const district = full.slice(0, full.length - bureau.length).replace(/^[^市]+市/, "");
  const prefix = random.weighted([
    ["", 45],
    [full, 15],
    [withoutCity, 20],
    [bureau, 8],
    [district, 4],
    [short ?? bureau, 8],
  ] as const);
  const version = shadow && random.chance(0.4) ? random.pick(VERSIONS) : "";
  return { name: `${prefix}${functionKey}${random.pick(SUFFIXES)}${version}`, namedAfterDepartment: prefix !== "" };
}
