import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The CLI tests spawn the built binary; give slow CI machines room.
    testTimeout: 60_000,
  },
});
