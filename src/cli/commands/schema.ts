import * as fs from "node:fs/promises";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { inventoryJsonSchema, schemaPath, SCHEMA_RELATIVE_PATH } from "../../migration/inventory/json-schema";
import { lockJsonSchema, lockSchemaPath, LOCK_SCHEMA_RELATIVE_PATH } from "../../migration/lock/json-schema";
import {
  cutoverJsonSchema,
  cutoverSchemaPath,
  CUTOVER_SCHEMA_RELATIVE_PATH,
} from "../../migration/cutover/json-schema";
import { EXIT, type Io } from "../io";

/** Every generated schema, with where its committed copy lives. */
const SCHEMAS = [
  { relative: SCHEMA_RELATIVE_PATH, absolute: schemaPath, generate: inventoryJsonSchema },
  { relative: LOCK_SCHEMA_RELATIVE_PATH, absolute: lockSchemaPath, generate: lockJsonSchema },
  { relative: CUTOVER_SCHEMA_RELATIVE_PATH, absolute: cutoverSchemaPath, generate: cutoverJsonSchema },
];

export const schemaHelp = `Usage: govcloud schema [--lock | --cutover] [--write | --check]

Prints the JSON Schema of inventory files (with --lock: of plan locks; with
--cutover: of site actions, cutover.yaml), generated from the zod models. \
Data files point editors at it with their first line:
  # yaml-language-server: $schema=../schema/inventory.schema.json

Options:
  --lock     the plan lock's schema instead of the inventory's
  --cutover  the site actions' schema instead of the inventory's
  --write    refresh ${SCHEMAS.map((s) => s.relative).join(", ")}
  --check    exit 2 when a committed schema is stale
  -h, --help show this help`;

export async function schemaCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      write: { type: "boolean" },
      check: { type: "boolean" },
      lock: { type: "boolean" },
      cutover: { type: "boolean" },
    },
  });
  if (values.write) {
    for (const schema of SCHEMAS) {
      await fs.mkdir(path.dirname(schema.absolute()), { recursive: true });
      await fs.writeFile(schema.absolute(), schema.generate());
      io.out(`wrote ${schema.relative}`);
    }
    return EXIT.ok;
  }
  if (values.check) {
    let stale = 0;
    for (const schema of SCHEMAS) {
      const committed = await fs.readFile(schema.absolute(), "utf8").catch(() => "");
      if (committed === schema.generate()) io.out(`${schema.relative} is up to date`);
      else {
        io.err(`${schema.relative} is stale (fix: run \`npm run schema\` and commit the result)`);
        stale++;
      }
    }
    return stale > 0 ? EXIT.input : EXIT.ok;
  }
  io.out((values.lock ? lockJsonSchema() : values.cutover ? cutoverJsonSchema() : inventoryJsonSchema()).trimEnd());
  return EXIT.ok;
}
