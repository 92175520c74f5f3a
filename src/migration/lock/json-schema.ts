/**
 * The JSON Schema of plan locks, generated from the zod model like the inventory's, so
 * an editor underlines a mistyped wave state or slot while the lock is reviewed.
 */
import * as path from "node:path";
import { jsonSchemaDocument, modelineFor } from "../inventory/json-schema";
import { LockSchema } from "./model";

export const LOCK_SCHEMA_RELATIVE_PATH = "inventories/schema/plan-lock.schema.json";

/** Absolute path of the committed schema (src/migration/lock or dist/migration/lock: three levels below the root). */
export function lockSchemaPath(): string {
  return path.resolve(__dirname, "..", "..", "..", LOCK_SCHEMA_RELATIVE_PATH);
}

export function lockJsonSchema(): string {
  return jsonSchemaDocument(LockSchema, {
    file: "plan-lock.schema.json",
    title: "govcloud plan lock",
    description: "The held plan of a dataset, written by govcloud plan (src/migration/lock/model.ts); do not edit.",
  });
}

/** The modeline a lock written into `directory` starts with. */
export function lockModeline(directory: string): string {
  return modelineFor(directory, lockSchemaPath());
}
