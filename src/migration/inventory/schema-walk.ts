/** Finds the keys a strict object schema allows at a path, for "did you mean". */
import type { z } from "zod";
import type { IssuePath } from "./issues";

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips optional/default/nullable/pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return current;
  }
}

export function schemaAt(schema: z.ZodType, path: IssuePath): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const part of path) {
    if (!current) return undefined;
    const def = defOf(current);
    if (typeof part === "number" && def.type === "array" && def.element) current = unwrap(def.element);
    else if (typeof part === "string" && def.type === "object" && def.shape) {
      const next: z.ZodType | undefined = def.shape[part];
      current = next ? unwrap(next) : undefined;
    } else return undefined;
  }
  return current;
}

export function allowedKeysAt(schema: z.ZodType, path: IssuePath): string[] {
  const target = schemaAt(schema, path);
  if (!target) return [];
  const def = defOf(target);
  return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

/** True when the field at `path` must be given: its schema (wrappers included) rejects a missing value. */
export function isRequiredAt(schema: z.ZodType, path: IssuePath): boolean {
  const parent = schemaAt(schema, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!parent || typeof last !== "string") return false;
  const def = defOf(parent);
  const field = def.type === "object" ? def.shape?.[last] : undefined;
  return field !== undefined && !field.safeParse(undefined).success;
}
