#!/usr/bin/env node
// npm run mutation [-- module.ts …]: mutation testing of the rule modules, one Stryker run per
// module (stryker.config.mjs), then each module's score; exit 1 when one is under 80 %.
// Slow (hours on two cores for all of them): not part of .ci/run. README: "Mutation testing".
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";

export const RULE_MODULES = [
  "src/migration/plan/similarity.ts",
  "src/migration/plan/deadlines.ts",
  "src/migration/plan/rooms.ts",
  "src/migration/plan/schedule.ts",
  "src/migration/plan/dispositions.ts",
  "src/migration/plan/targets.ts",
  "src/migration/plan/tiers.ts",
  "src/migration/plan/security-rules.ts",
  "src/migration/plan/disaster-recovery.ts",
  "src/network-rules/rules.ts",
];
const FLOOR = 80;

const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : RULE_MODULES;
for (const module of chosen) {
  const run = spawnSync("npx", ["stryker", "run"], {
    stdio: "inherit",
    env: { ...process.env, GOVCLOUD_MUTATE: module },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

const rows = [];
for (const module of RULE_MODULES) {
  const report = `reports/mutation/${module
    .replace(/^src\//, "")
    .replace(/\.ts$/, "")
    .replaceAll("/", "-")}.json`;
  if (!fs.existsSync(report)) {
    rows.push({ module, score: null });
    continue;
  }
  const mutants = Object.values(JSON.parse(fs.readFileSync(report, "utf8")).files).flatMap((f) => f.mutants);
  const count = (...states) => mutants.filter((m) => states.includes(m.status)).length;
  const detected = count("Killed", "Timeout");
  const valid = detected + count("Survived", "NoCoverage");
  rows.push({ module, score: valid === 0 ? 100 : (100 * detected) / valid, detected, valid });
}
const scoreText = (r) =>
  r.score === null ? "not run" : `${r.score.toFixed(1)} % (${r.detected} of ${r.valid} detected)`;
for (const r of rows) console.log(`${r.module.padEnd(40)} ${scoreText(r)}`);
const under = rows.filter((r) => r.score !== null && r.score < FLOOR);
if (under.length > 0) {
  console.log(`\nUnder ${FLOOR} %: ${under.map((r) => r.module).join(", ")}`);
  process.exitCode = 1;
}
