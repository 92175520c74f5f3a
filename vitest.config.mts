import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    // Property tests and the CLI's 50 MB case take seconds on a slow CI machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
