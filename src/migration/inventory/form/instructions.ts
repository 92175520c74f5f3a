/**
 * The form's 填表说明: what each column asks, whether it must be filled and what it takes,
 * as a sheet of its own and as a note on each header. Built from FORM_COLUMNS and the
 * vocabularies, so the instructions never list a value the reader refuses. The reader
 * skips the sheet: it has no form header.
 */
import { allowedValues, FORM_COLUMNS, ID_COLUMN_KEY, requiresCell, type FormColumn } from "./columns";

export const INSTRUCTIONS_SHEET = "填表说明";

const HEADER = ["列名", "含义", "是否必填", "填写要求"] as const;

function need(column: FormColumn): string {
  if (column.key === ID_COLUMN_KEY) return "预填，勿改";
  return requiresCell(column) ? "必填" : "选填";
}

/** What a cell of the column takes, in the words of the form. */
export function cellRule(column: FormColumn): string {
  const values = allowedValues(column);
  if (values) return `从下拉列表选择：${values.join("、")}`;
  switch (column.kind.type) {
    case "integer":
      return "整数，只写数字";
    case "number":
      return "数字，不带单位；小数用小数点";
    case "percent":
      return "0–100 的数字，可带 %";
    case "date":
      return "日期，如 2018-03-01、2018/3/1 或 2018年3月1日";
    case "names":
      return "系统名称，多个用；分隔";
    default:
      return "文字";
  }
}

/** The note on a header cell: meaning, then whether it is required and what it takes. */
export function headerNote(column: FormColumn): string {
  return `${column.meaning}\n${need(column)}。${cellRule(column)}`;
}

/** The 填表说明 sheet's header and rows: a row a column, then how the form is filled and returned. */
export function instructionsTable(returnBy: string): { header: readonly string[]; rows: string[][] } {
  const rows = FORM_COLUMNS.map((column) => [column.header, column.meaning, need(column), cellRule(column)]);
  rows.push(
    ["一行一个系统", "同一系统的多台服务器合计填在一行，按用途分组列在 服务器分组", "", ""],
    [
      "下拉列表",
      "有下拉列表的列请从列表中选择；其他常见写法（如 全镇、视频专网、二级）读入时按对应的规范值处理，并提示改正",
      "",
      "",
    ],
    ["交回时间", `请于 ${returnBy} 前填妥交回迁移工作组`, "", ""],
  );
  return { header: HEADER, rows };
}
