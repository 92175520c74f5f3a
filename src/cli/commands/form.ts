import * as path from "node:path";
import { parseArgs } from "node:util";
import { formRowsToCsv, formRowsToXlsx, inventoryToFormRows } from "../../migration/inventory/form/write-form";
import { loadInventory } from "../../migration/inventory/load";
import { resolvePolicy } from "../../migration/plan/resolved-policy";
import { EXIT, plural, printDiagnostics, UsageError, type Io } from "../io";
import { assertSafeOutput, assertWritableParent, writeFileAtomically } from "../output-safety";

export const formHelp = `Usage: govcloud form <inventory path>... --out <form.xlsx|form.csv> [--title TEXT]

Writes an inventory as a self-inspection form (自查表), one row a system, with the
form's Chinese headers and labels: send each department its pre-filled entries to
check and complete, then read them back with \`govcloud import\`. Server groups are
summed into one row and listed with their roles in 服务器分组; the exception's
approval, approver, reason and end date, and the data-sharing frequency, have columns
of their own; references are written as names; 系统编号 holds each system's id, so the
form read back keeps every id even for a system renamed on it, and plans the same.

The inventory is validated first: on any error nothing is written (exit 2).

Options:
  --out <file>     .xlsx or .csv (UTF-8, header first). The .xlsx has a title row, a
                   note on each header, drop-down lists on the fixed-value columns,
                   date cells, a 填表说明 sheet, and prints on A4 landscape with the
                   census deadline (the policy's, or seed 000's) in the page header
  --title TEXT     the workbook's title row (default: 政务信息系统自查表)
  -h, --help       show this help

Example:
  govcloud form tests/fixtures/forms/zhoucun-towns.csv --out inventories/forms/zhoucun-towns-self-inspection.xlsx`;

export async function formCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: "string" }, title: { type: "string", default: "政务信息系统自查表" } },
  });
  if (!values.out) throw new UsageError("--out <file> is required", "form");
  const extension = path.extname(values.out).toLowerCase();
  if (extension !== ".xlsx" && extension !== ".csv")
    throw new UsageError(`--out must name a .xlsx or .csv file, not "${values.out}"`, "form");

  // Checked before reading: a form written over the workbook it reads, or into the dataset, damages the input.
  const target = { out: path.resolve(io.cwd, values.out), shown: values.out, inputs: positionals, cwd: io.cwd };
  assertSafeOutput(target);
  assertWritableParent(target);
  const loaded = await loadInventory(positionals, { displayRoot: io.cwd });
  const { errors } = printDiagnostics(io, loaded.diagnostics);
  if (errors > 0) {
    io.err(`form: ${plural(errors, "error")} in the inventory; nothing written`);
    return EXIT.input;
  }
  const { header, rows } = inventoryToFormRows(loaded.inventory);
  // Due back by the census deadline: the dataset's policy, or seed 000's.
  const returnBy = resolvePolicy(loaded.inventory.policy).milestones.inventoryBy;
  const content =
    extension === ".csv"
      ? `\uFEFF${formRowsToCsv(header, rows)}`
      : await formRowsToXlsx(values.title, header, rows, returnBy);
  await writeFileAtomically(target, content);
  io.out(`wrote ${values.out}: ${plural(rows.length, "system")}`);
  return EXIT.ok;
}
