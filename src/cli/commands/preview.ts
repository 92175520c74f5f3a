import * as path from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../../migration/inventory/diagnostics";
import { listStacks, previewStack } from "../../preview/preview";
import { renderNetworkDiagram } from "../../preview/diagram";
import { renderSummary } from "../../preview/summary";
import { terminalProgress } from "../progress";
import { EXIT, printDiagnostics, UsageError, type Io } from "../io";
import { assertSafeOutput, writeFileAtomically } from "../output-safety";

export const previewHelp = `Usage: govcloud preview --stack <name> [--json <file>] [--diagram <file.svg>]

Shows what \`pulumi up\` of a stack would create, offline: no Pulumi CLI, no cloud,
no credentials. The stack's settings come from stacks/Pulumi.<name>.yaml; the real
program (the one Pulumi.yaml runs) is run under the Pulumi SDK's mock runtime, which
registers every resource with its real inputs; the network rules are checked
over the result (only the exit reaches the internet, the admin domain has no
internet, the domains meet only at the exchange platform, …).

Prints a summary by domain, tenant and resource type, and the network rules' violations.
With --json, writes {stack, resources: [{urn, type, name, parent, inputs}],
violations: [...]} sorted by URN, for \`govcloud diff\`.

Ids are the mock runtime's placeholders (<name>-id): what a provider computes at
creation is not known offline and is not invented.

Exit status: 0 no violation; 1 a network rule is broken; 2 bad stack config, inventory
or usage.

Options:
  --stack <name>   the stack: stacks/Pulumi.<name>.yaml
  --json <file>    also write the full preview as JSON
  --diagram <file> also draw the stack's network (domains, zones, exit, exchange, tenants) as SVG
  -h, --help       show this help`;

export async function previewCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { stack: { type: "string" }, json: { type: "string" }, diagram: { type: "string" } },
  });
  const root = path.resolve(__dirname, "..", "..", "..");
  if (!values.stack) {
    const stacks = await listStacks(root);
    throw new UsageError(
      `--stack <name> is required${stacks.length ? ` (stacks: ${stacks.join(", ")})` : ""}`,
      "preview",
    );
  }
  // What the preview reads: its stack files and the datasets; checked before the (long) preview runs.
  const inputs = [path.join(root, "stacks"), path.join(root, "inventories")];
  const outputs = (["json", "diagram"] as const).flatMap((option) => {
    const given = values[option];
    return given
      ? [{ out: path.resolve(io.cwd, given), shown: given, inputs, cwd: io.cwd, option: `--${option}` }]
      : [];
  });
  for (const target of outputs) assertSafeOutput(target);
  const progress = terminalProgress("preview");
  // The compiled program, exactly what Pulumi.yaml's main runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
  const program = require(path.join(root, "dist", "program", "index.js")) as () => Promise<Record<string, unknown>>;
  let result;
  try {
    result = await previewStack(values.stack, root, program, (count) => progress.count("resources registered", count));
  } catch (cause) {
    if (cause instanceof InputError) {
      printDiagnostics(io, cause.diagnostics);
      io.err(`preview: the stack's configuration or inventory has errors; nothing previewed`);
      return EXIT.input;
    }
    throw cause;
  } finally {
    progress.clear();
  }
  io.out(renderSummary(result));
  for (const target of outputs) {
    const { stack, resources, violations } = result;
    await writeFileAtomically(
      target,
      target.option === "--json"
        ? `${JSON.stringify({ stack, resources, violations }, null, 2)}\n`
        : renderNetworkDiagram(result),
    );
    io.out(`wrote ${target.shown}`);
  }
  return result.violations.length > 0 ? EXIT.violation : EXIT.ok;
}
