/**
 * The JSON Schema of plan locks, generated from the zod model like the inventory's, so
 * an editor underlines a mistyped wave state or slot while the lock is reviewed.
 */
import * as path from "node:path";
import { z } from "zod";
import { LockSchema } from "./model";

export const LOCK_SCHEMA_RELATIVE_PATH = "inventories/schema/plan-lock.schema.json";

/** Absolute path of the committed schema (src/migration/lock or dist/migration/lock: three levels below the root). */
export function lockSchemaPath(): string {
  return path.resolve(__dirname, "..", "..", "..", LOCK_SCHEMA_RELATIVE_PATH);
}

export function lockJsonSchema(): string {
  const { $schema, ...body } = z.toJSONSchema(LockSchema, { io: "input", target: "draft-2020-12" });
  const document = {
    $schema,
    $id: "https://govcloud.invalid/schema/plan-lock.schema.json",
    title: "govcloud plan lock",
    description: "The held plan of a dataset, written by govcloud plan (src/migration/lock/model.ts); do not edit.",
    ...body,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The modeline a lock written into `directory` starts with. */
export function lockModeline(directory: string): string {
  let relative = path.relative(directory, lockSchemaPath()).split(path.sep).join("/");
  if (!relative.startsWith(".")) relative = `./${relative}`;
  return `# yaml-language-server: $schema=${relative}`;
}
