import * as fs from "node:fs/promises";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { inventoryJsonSchema, schemaPath, SCHEMA_RELATIVE_PATH } from "../../migration/inventory/json-schema";
import { EXIT, type Io } from "../io";

export const schemaHelp = `Usage: govcloud schema [--write | --check]

Prints the JSON Schema of inventory files, generated from the zod model. Data files
point editors at it with their first line:
  # yaml-language-server: $schema=../schema/inventory.schema.json

Options:
  --write    refresh ${SCHEMA_RELATIVE_PATH}
  --check    exit 2 when the committed schema is stale
  -h, --help show this help`;

export async function schemaCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { write: { type: "boolean" }, check: { type: "boolean" } } });
  const generated = inventoryJsonSchema();
  if (values.write) {
    await fs.mkdir(path.dirname(schemaPath()), { recursive: true });
    await fs.writeFile(schemaPath(), generated);
    io.out(`wrote ${SCHEMA_RELATIVE_PATH}`);
    return EXIT.ok;
  }
  if (values.check) {
    const committed = await fs.readFile(schemaPath(), "utf8").catch(() => "");
    if (committed !== generated) {
      io.err(`${SCHEMA_RELATIVE_PATH} is stale (fix: run \`npm run schema\` and commit the result)`);
      return EXIT.input;
    }
    io.out(`${SCHEMA_RELATIVE_PATH} is up to date`);
    return EXIT.ok;
  }
  io.out(generated.trimEnd());
  return EXIT.ok;
}
