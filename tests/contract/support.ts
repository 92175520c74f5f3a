/** Finding the replayed resources of an offline preview by type and tag. */
import type { PreviewRun } from "../../src/preview/preview";

export function tagged(preview: PreviewRun, type: string, tag?: string): PreviewRun["recorded"][number][] {
  return preview.recorded.filter(
    (r) =>
      r.type === type &&
      !r.read &&
      (tag === undefined || ((r.inputs.tags as string[] | undefined) ?? []).includes(tag)),
  );
}
