/**
 * The JSON Schema of site actions (cutover.yaml), generated from the zod model like the
 * inventory's and the lock's, so an editor underlines a misspelt action kind as it is typed.
 */
import * as path from "node:path";
import { jsonSchemaDocument, modelineFor } from "../inventory/json-schema";
import { SiteActionsSchema } from "./model";

export const CUTOVER_SCHEMA_RELATIVE_PATH = "inventories/schema/cutover.schema.json";

/**
 * Absolute path of the committed schema (src/migration/cutover or dist/migration/cutover: three levels below the root).
 */
export function cutoverSchemaPath(): string {
  return path.resolve(__dirname, "..", "..", "..", CUTOVER_SCHEMA_RELATIVE_PATH);
}

export function cutoverJsonSchema(): string {
  return jsonSchemaDocument(SiteActionsSchema, {
    file: "cutover.schema.json",
    title: "govcloud site actions (cutover.yaml)",
    description:
      "How a site carries out each runbook phase: run, http, wait, gate and pulumi actions, as defaults, per " +
      "department and per system. Generated from src/migration/cutover/model.ts; do not edit.",
  });
}

/** The modeline a cutover.yaml in `directory` starts with. */
export function cutoverModeline(directory: string): string {
  return modelineFor(directory, cutoverSchemaPath());
}
