import { parseArgs } from "node:util";
import { loadInventory } from "../../migration/inventory/load";
import { EXIT, plural, printDiagnostics, UsageError, type Io } from "../io";

export const validateHelp = `Usage: govcloud validate <path>... [--max-file-mb N]

Checks an inventory: every file against the strict schema, then the rules across
records (unique ids, references resolve, no cloud system depends on the classified
intranet, classified systems are not on the internet, a retain exception names its
approval, ...). All paths together form one dataset: folders are read recursively
(.yaml, .yml, .csv, .xlsx); spreadsheets are read as self-inspection forms.

Warnings do not fail validation; among them: a system that exists in the name of a
sub-unit (内设机构: usage scope 内设机构, or a department named …科/…股; seed 000 §二(三),
seed 003), and a form cell written as a common variant (全镇, 视频专网, 二级), read as the
form's value that the warning names.

Every problem is reported, as  file:line:column: field: message (fix: ...),
or for spreadsheets  file:row:column-header: field: message.

Options:
  --max-file-mb N   refuse files larger than N MiB (default 32)
  -h, --help        show this help

Exit status: 0 valid (warnings may be printed), 2 errors found or bad usage.

Example:
  govcloud validate inventories/zhoucun
  govcloud validate inventories/zhoucun inventories/forms/zhoucun-towns-self-inspection.xlsx`;

export async function validateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "max-file-mb": { type: "string" } },
  });
  const loaded = await loadInventory(positionals, {
    displayRoot: io.cwd,
    maxFileBytes: megabytes(values["max-file-mb"]),
  });
  const { errors, warnings } = printDiagnostics(io, loaded.diagnostics);
  const { inventory } = loaded;
  const contents = [
    plural(inventory.systems.length, "system"),
    plural(inventory.departments.length, "department"),
    plural(inventory.rooms.length, "server room"),
    inventory.policy ? "policy set" : "no policy (the seeds' defaults apply)",
  ].join(", ");
  const verdict = `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
  const summary =
    `${errors > 0 ? "invalid" : "valid"}: ${contents}; ${verdict} in ` + `${plural(loaded.files.length, "file")}`;
  if (errors > 0) {
    io.err(summary);
    return EXIT.input;
  }
  io.out(summary);
  return EXIT.ok;
}

export function megabytes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--max-file-mb takes a positive number, not "${value}"`);
  return n * 1024 * 1024;
}
