/**
 * A site whose every phase is a no-op (true), for scenarios about the executor itself
 * rather than the tools: the sample dataset copied with its wave deployed, and a
 * cutover.yaml where chosen systems announce with a program of the test's own.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "../support/cli";
import { ROOT, WAVE } from "./real-fixture";

/** The sample dataset and its lock in `dir`, the wave deployed; `policy` edits policy.yaml's text. */
export async function copyDataset(dir: string, policy: (text: string) => string = (t) => t): Promise<void> {
  fs.cpSync(path.join(ROOT, "inventories", "zhoucun"), path.join(dir, "zhoucun"), { recursive: true });
  fs.copyFileSync(path.join(ROOT, "inventories", "zhoucun.lock.yaml"), path.join(dir, "zhoucun.lock.yaml"));
  const file = path.join(dir, "zhoucun", "policy.yaml");
  fs.writeFileSync(file, policy(fs.readFileSync(file, "utf8")));
  const waves = await runCli(dir, ["waves", "zhoucun", "--set", `${WAVE}=deployed`]);
  if (waves.code !== 0) throw new Error(waves.err);
}

export const PHASES = [
  "prepare",
  "map-data",
  "announce",
  "freeze",
  "offline-copy",
  "data-merge",
  "verify",
  "switch-traffic",
  "redirect-users",
  "smoke",
  "observe",
];

/** Waits until the file `other` exists after writing `me` (both executors inside their announce at once). */
export const BARRIER = `const fs = require("node:fs");
const [me, other] = process.argv.slice(2);
fs.writeFileSync(me, String(process.pid));
const until = Date.now() + 120000;
const poll = () => {
  if (fs.existsSync(other)) process.exit(0);
  if (Date.now() > until) {
    console.error("no other executor came");
    process.exit(1);
  }
  setTimeout(poll, 50);
};
poll();
`;

/** No-op phases; `announce` gives chosen systems their own announce argv (YAML flow). */
export function actions(dir: string, announce: Record<string, string> = {}): string {
  const step = `[{ kind: run, name: "no-op", idempotent: true, argv: ["true"] }]`;
  const own = Object.entries(announce)
    .map(
      ([system, argv]) =>
        `  ${system}:\n    phases:\n      announce: [{ kind: run, name: the other executor runs too, idempotent: ` +
        `true, argv: ${argv} }]`,
    )
    .join("\n");
  return `version: 1
defaults:
  phases:
${PHASES.map((p) => `    ${p}: ${step}`).join("\n")}
    finalize: [{ kind: gate, name: sign-off }]
  rollbackCheck: ${step}
  rollback: ${step}
${own ? `systems:\n${own}\n` : ""}# ${dir}
`;
}
