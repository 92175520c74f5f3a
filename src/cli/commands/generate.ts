import * as path from "node:path";
import { parseArgs } from "node:util";
import { generateEstateWithTruth } from "../../migration/generate/estate";
import { schemaModeline } from "../../migration/inventory/json-schema";
import { renderInventoryFiles } from "../../migration/inventory/write-yaml";
import { EXIT, plural, UsageError, type Io } from "../io";
import { outFolderWritable, writeFolderAtomically } from "../out-folder";
import { assertSafeOutput, writeFileAtomically } from "../output-safety";

export const generateHelp = `Usage: govcloud generate --systems N --seed S --out <dir> [--truth <file>] [--force]

Writes a synthetic, realistic estate as a dataset folder: departments in a city /
district / town hierarchy, server rooms, and N systems with the seeds' mix
(zombies, shadows, classified systems, approved exceptions, business private
networks, dependency chains and the odd cycle), Chinese names, and a policy with
the Weifang deadlines and a capacity that grows with N. The same N and S always
give the same files. For tests, benchmarks and trying govcloud at scale.

Options:
  --systems N   number of systems (1 to 1,000,000)
  --seed S      any whole number (default 1)
  --out <dir>   folder to write (must be empty unless --force)
  --truth <file>  also write what the estate means, as JSON: which systems are
                zombies and by which criterion, which are review candidates,
                which systems of a department do the same thing (true duplicates)
                and which only look alike, which dependencies point at zombies;
                for scoring a plan (outside --out; replaced if it exists)
  --force       replace the folder's contents
  -h, --help    show this help`;

export async function generateCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      systems: { type: "string" },
      seed: { type: "string", default: "1" },
      out: { type: "string" },
      truth: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  const systems = Number(values.systems);
  const seed = Number(values.seed);
  if (!Number.isInteger(systems) || systems < 1 || systems > 1_000_000)
    throw new UsageError(
      `--systems takes a whole number from 1 to 1,000,000, not "${values.systems ?? ""}"`,
      "generate",
    );
  if (!Number.isSafeInteger(seed))
    throw new UsageError(`--seed takes a whole number, not "${values.seed}"`, "generate");
  if (!values.out) throw new UsageError("--out <dir> is required", "generate");
  const out = path.resolve(io.cwd, values.out);
  const target = { out, shown: values.out, inputs: [], cwd: io.cwd };
  if (!(await outFolderWritable(target, values.force ?? false, "generate", io))) return EXIT.input;
  const truthFile = values.truth ? path.resolve(io.cwd, values.truth) : undefined;
  if (truthFile && (truthFile === out || truthFile.startsWith(out + path.sep)))
    throw new UsageError(
      `--truth ${values.truth} is inside --out: write it outside the dataset folder (it is not inventory)`,
      "generate",
    );
  const truthTarget = truthFile && { out: truthFile, shown: values.truth!, inputs: [], cwd: io.cwd, option: "--truth" };
  if (truthTarget) assertSafeOutput(truthTarget);
  const { inventory: estate, truth } = generateEstateWithTruth({ systems, seed });
  const files = renderInventoryFiles(estate, {
    modeline: (subfolder) => schemaModeline(path.join(out, subfolder)),
    provenance: `Synthetic estate written by \`govcloud generate --systems ${systems} --seed ${seed}\`.`,
  });
  await writeFolderAtomically(target, files);
  if (truthTarget) await writeFileAtomically(truthTarget, `${JSON.stringify(truth, null, 2)}\n`);
  io.out(
    `generated ${plural(systems, "system")}, ${plural(estate.departments.length, "department")}, ` +
      `${plural(estate.rooms.length, "server room")} into ${values.out} ` +
      `(${plural(files.size, "file")})${truthFile ? `; its ground truth into ${values.truth}` : ""}`,
  );
  return EXIT.ok;
}
