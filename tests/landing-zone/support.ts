/** Runs a stack of the real program under the mock runtime, once per test file. */
import * as path from "node:path";
import program from "../../src/program";
import { previewStack, type PreviewResult } from "../../src/preview/preview";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

export function preview(stack: string, root = PROJECT_ROOT): Promise<PreviewResult> {
  return previewStack(stack, root, program);
}

export type Resource = PreviewResult["resources"][number];

export const ofType = (resources: readonly Resource[], suffix: string) =>
  resources.filter((r) => r.type.endsWith(suffix));
export const tag = (r: Resource | undefined, key: string) =>
  ((r?.inputs.tags as string[] | undefined) ?? []).find((t) => t.startsWith(`${key}=`))?.slice(key.length + 1);
export const byId = (resources: readonly Resource[]) => {
  const map = new Map(resources.map((r) => [`${r.name}-id`, r]));
  return (id: unknown) => (typeof id === "string" ? map.get(id) : undefined);
};
