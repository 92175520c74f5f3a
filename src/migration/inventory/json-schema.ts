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

/** A zod schema as the committed JSON Schema document: draft 2020-12, with its id, title and description first. */
export function jsonSchemaDocument(
  schema: z.ZodType,
  head: { readonly file: string; readonly title: string; readonly description: string },
): string {
  const { $schema, ...body } = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" });
  const document = {
    $schema,
    $id: `https://govcloud.invalid/schema/${head.file}`,
    title: head.title,
    description: head.description,
    ...body,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function inventoryJsonSchema(): string {
  return jsonSchemaDocument(InventoryFileSchema, {
    file: "inventory.schema.json",
    title: "govcloud inventory file",
    description:
      "One file of a govcloud inventory dataset: policy, departments, server rooms and information systems. " +
      "Generated from src/migration/inventory/model.ts; do not edit.",
  });
}

/** The modeline that makes yaml-language-server check a file in `fromDirectory` against the schema at `schemaFile`. */
export function modelineFor(fromDirectory: string, schemaFile: string): string {
  let relative = path.relative(fromDirectory, schemaFile).split(path.sep).join("/");
  if (!relative.startsWith(".")) relative = `./${relative}`;
  return `# yaml-language-server: $schema=${relative}`;
}

/** The modeline that makes yaml-language-server check a data file against the inventory schema. */
export function schemaModeline(fromDirectory: string): string {
  return modelineFor(fromDirectory, schemaPath());
}
