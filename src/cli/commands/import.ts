import * as path from "node:path";
import { parseArgs } from "node:util";
import { schemaModeline } from "../../migration/inventory/json-schema";
import { FORM_EXTENSIONS } from "../../migration/inventory/form/read-form";
import { loadInventory } from "../../migration/inventory/load";
import { renderInventoryFiles } from "../../migration/inventory/write-yaml";
import { EXIT, plural, printDiagnostics, UsageError, type Io } from "../io";
import { outFolderWritable, writeFolderAtomically } from "../out-folder";
import { assertSafeOutput } from "../output-safety";
import { megabytes } from "./validate";

export const importHelp = `Usage: govcloud import <form.csv|form.xlsx> --out <dir> [--force]

Converts a department's self-inspection form (自查表) into the canonical YAML of a
dataset folder: departments.yaml, rooms.yaml and systems/<department-id>.yaml, each
checked by editors against the generated JSON Schema.

The form's columns are read by header (Chinese canonical, English alias), in any
order; the header may sit below a title row. A system's id is its 系统编号 (id),
kept as written, so a system renamed on the form keeps its id; a row without one,
and the departments and server rooms created from the names used, get ids derived
stably from the names (pinyin initials plus a short hash). 依赖系统 and 功能重复系统
list system names of the same form, separated by ； or ;. Dates may be written
2018-03-01, 2018/3/1 or 2018年3月1日. Forms saved by Excel as GB18030 CSV are read too.

The form is validated first: on any error nothing is written (exit 2).

Options:
  --out <dir>       folder to write (created; must be empty unless --force)
  --force           replace the folder's contents
  --max-file-mb N   refuse files larger than N MiB (default 32)
  -h, --help        show this help`;

export async function importCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: "string" }, force: { type: "boolean", default: false }, "max-file-mb": { type: "string" } },
  });
  if (positionals.length !== 1) throw new UsageError("import takes exactly one form file", "import");
  if (!values.out) throw new UsageError("--out <dir> is required", "import");
  const form = positionals[0]!;
  if (!FORM_EXTENSIONS.includes(path.extname(form).toLowerCase())) {
    throw new UsageError(
      `"${form}" is not a form: import reads ${FORM_EXTENSIONS.join(" or ")} files (YAML is already canonical)`,
      "import",
    );
  }
  const out = path.resolve(io.cwd, values.out);
  const target = { out, shown: values.out, inputs: [form], cwd: io.cwd };
  assertSafeOutput(target);

  const loaded = await loadInventory([form], { displayRoot: io.cwd, maxFileBytes: megabytes(values["max-file-mb"]) });
  const { errors } = printDiagnostics(io, loaded.diagnostics);
  if (errors > 0) {
    io.err(`import: ${plural(errors, "error")} in ${form}; nothing written`);
    return EXIT.input;
  }
  if (!(await outFolderWritable(target, values.force ?? false, "import", io))) return EXIT.input;

  const files = renderInventoryFiles(loaded.inventory, {
    modeline: (subfolder) => schemaModeline(path.join(out, subfolder)),
    provenance:
      `Imported by \`govcloud import\` from ${path.basename(form)}; ` +
      `edit freely, then \`govcloud validate\` the folder.`,
  });
  await writeFolderAtomically(target, files);
  const { inventory } = loaded;
  io.out(
    `imported ${plural(inventory.systems.length, "system")}, ` +
      `${plural(inventory.departments.length, "department")}, ${plural(inventory.rooms.length, "server room")} ` +
      `into ${values.out} (${plural(files.size, "file")})`,
  );
  return EXIT.ok;
}
