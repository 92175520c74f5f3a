import { defineConfig } from "vitest/config";

// The behavioural tests of each rule module, for mutation testing (stryker.config.mjs; the
// module in GOVCLOUD_MUTATE). Not golden files — a mutant must be killed by a test that states
// the rule, not by a changed report — and not the tests that merely pass through the module
// on the way to something else (a preview plans the sample, so it covers every rule module,
// and each mutant would pay its seconds again).
const RULE_TESTS: Record<string, string[]> = {
  "src/migration/plan/similarity.ts": ["tests/plan/similarity.test.ts", "tests/plan/ground-truth.test.ts"],
  "src/migration/plan/dispositions.ts": [
    "tests/plan/dispositions.test.ts",
    "tests/plan/similarity.test.ts",
    "tests/plan/ground-truth.test.ts",
  ],
  "src/migration/plan/schedule.ts": [
    "tests/plan/schedule.test.ts",
    "tests/plan/schedule-edges.test.ts",
    "tests/plan/schedule-rules.test.ts",
    "tests/plan/ground-truth.test.ts",
  ],
  "src/migration/plan/rooms.ts": ["tests/plan/rooms.test.ts", "tests/plan/schedule-rules.test.ts"],
  "src/migration/plan/deadlines.ts": ["tests/plan/deadlines.test.ts"],
  "src/migration/plan/targets.ts": [
    "tests/plan/targets.test.ts",
    "tests/plan/target-rules.test.ts",
    "tests/plan/target-names.test.ts",
  ],
  // Split out of targets.ts: stated by the same tests.
  "src/migration/plan/tiers.ts": ["tests/plan/targets.test.ts", "tests/plan/target-rules.test.ts"],
  "src/migration/plan/security-rules.ts": ["tests/plan/targets.test.ts", "tests/plan/target-rules.test.ts"],
  "src/migration/plan/disaster-recovery.ts": ["tests/plan/targets.test.ts", "tests/plan/target-rules.test.ts"],
  "src/network-rules/rules.ts": [
    "tests/landing-zone/network-rules.test.ts",
    "tests/landing-zone/fencing-rule.test.ts",
    "tests/landing-zone/rule-violations.test.ts",
  ],
};

const module = process.env.GOVCLOUD_MUTATE;
export default defineConfig({
  test: {
    include: module ? (RULE_TESTS[module] ?? []) : [...new Set(Object.values(RULE_TESTS).flat())],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
