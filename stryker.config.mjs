// Mutation testing of the rule modules (issue 18), one module per run: `npm run mutation`
// (scripts/mutation.mjs) runs them in turn and checks each module's score (at least 80 %).
// GOVCLOUD_MUTATE names the module of this run; each keeps its own report and incremental
// file, so a module whose code and tests did not change is not tested again.
const module = process.env.GOVCLOUD_MUTATE ?? "src/migration/plan/similarity.ts";
const name = module
  .replace(/^src\//, "")
  .replace(/\.ts$/, "")
  .replaceAll("/", "-");

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.mts" },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: [module],
  coverageAnalysis: "perTest",
  // The modules' sentences (bilingual reasons, runbook and room texts) are what the golden
  // reports pin; mutation testing is about the rules' logic, so text is not mutated.
  mutator: { excludedMutations: ["StringLiteral"] },
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 60_000,
  reporters: ["clear-text", "progress-append-only", "json", "html"],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: ".stryker-tmp",
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
};
