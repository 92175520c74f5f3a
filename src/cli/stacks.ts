/**
 * Which Pulumi stacks deploy a dataset's departments, read from the project's stack
 * files (Pulumi.yaml's stackConfigDir), so a runbook names the stack that really builds
 * a system. A platform-layer stack deploys no department; a stack without
 * govcloud:departments deploys them all.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { readRegularYamlText } from "../migration/inventory/regular-file";

interface StackFile {
  readonly name: string;
  readonly inventory: readonly string[];
  readonly layer: string;
  readonly departments: readonly string[] | undefined;
}

/** The Pulumi project above `from` (the folder holding Pulumi.yaml), if any. */
function projectRoot(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** A stack file's text; a pipe or device in stacks/ is skipped like a broken file (preview reports it). */
function readStackText(file: string): string {
  const read = readRegularYamlText(file);
  if (!read.ok) throw new Error(read.message);
  return read.text;
}

function readStacks(root: string): StackFile[] {
  let folder = root;
  try {
    const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as {
      stackConfigDir?: unknown;
    } | null;
    if (typeof project?.stackConfigDir === "string") folder = path.join(root, project.stackConfigDir);
  } catch {
    return []; // an unreadable project file: the runbooks then say which stack to create
  }
  const files = fs.existsSync(folder)
    ? fs
        .readdirSync(folder)
        .filter((f) => /^Pulumi\..+\.ya?ml$/.test(f))
        .sort()
    : [];
  const stacks: StackFile[] = [];
  for (const file of files) {
    try {
      const config =
        (parse(readStackText(path.join(folder, file))) as { config?: Record<string, unknown> } | null)?.config ?? {};
      const inventory = config["govcloud:inventory"];
      const departments = config["govcloud:departments"];
      stacks.push({
        name: file.replace(/^Pulumi\.(.+)\.ya?ml$/, "$1"),
        inventory: (Array.isArray(inventory) ? inventory : [inventory])
          .filter((p): p is string => typeof p === "string")
          .map((p) => path.resolve(root, p)),
        layer: typeof config["govcloud:layer"] === "string" ? config["govcloud:layer"] : "all",
        departments: Array.isArray(departments) ? departments.map(String) : undefined,
      });
    } catch {
      continue; // a broken stack file is reported by govcloud preview, not here
    }
  }
  return stacks;
}

/** department → the stacks (by name) that deploy it from exactly these inventory paths. */
export function stacksDeploying(
  inventoryPaths: readonly string[],
  cwd: string,
): (department: string) => readonly string[] {
  const wanted = inventoryPaths
    .map((p) => path.resolve(cwd, p))
    .sort()
    .join("\n");
  const root = projectRoot(path.resolve(cwd, inventoryPaths[0] ?? "."));
  const stacks = root
    ? readStacks(root).filter((s) => s.layer !== "platform" && [...s.inventory].sort().join("\n") === wanted)
    : [];
  return (department) =>
    stacks.filter((s) => s.departments === undefined || s.departments.includes(department)).map((s) => s.name);
}
