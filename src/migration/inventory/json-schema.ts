/**
 * The JSON Schema editors use to check inventory files, generated from the zod schema
 * so the two can never disagree. `govcloud schema --write` refreshes the committed copy;
 * a test fails when it is stale.
 */
import { z } from "zod";
import * as path from "node:path";
import { InventoryFileSchema } from "./model";

/** Where the committed JSON Schema lives, relative to the project root. */
export const SCHEMA_RELATIVE_PATH = "inventories/schema/inventory.schema.json";

/** Absolute path of the committed schema, from the compiled or the source tree alike. */
export function schemaPath(): string {
  // src/migration/inventory or dist/migration/inventory: three levels below the root.
  return path.resolve(__dirname, "..", "..", "..", SCHEMA_RELATIVE_PATH);
}

export function inventoryJsonSchema(): string {
  const schema = z.toJSONSchema(InventoryFileSchema, { io: "input", target: "draft-2020-12" });
  const { $schema, ...body } = schema;
  const document = {
    $schema,
    $id: "https://govcloud.invalid/schema/inventory.schema.json",
    title: "govcloud inventory file",
    description:
      "One file of a govcloud inventory dataset: policy, departments, server rooms and information systems. Generated from src/migration/inventory/model.ts; do not edit.",
    ...body,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The modeline that makes yaml-language-server check a data file against the schema. */
export function schemaModeline(fromDirectory: string): string {
  let relative = path.relative(fromDirectory, schemaPath()).split(path.sep).join("/");
  if (!relative.startsWith(".")) relative = `./${relative}`;
  return `# yaml-language-server: $schema=${relative}`;
}
