// ESLint with typescript-eslint's type-checked rules over the sources and tests (.ci/run runs it).
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "coverage/**",
      "out/**",
      "tests/fixtures/**",
      "**/*.mjs",
      "**/*.mts",
      "examples/**",
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `_name` marks a parameter kept for its position (a callback's signature).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Commands, drivers and mocks are async by their interface, whether or not this one awaits.
      "@typescript-eslint/require-await": "off",
      // Prettier's width, also for what Prettier does not wrap: comments, strings, template literals
      // (help texts, SQL) and regular expressions. A long text is split at a natural break (a line
      // of a help text, a statement, a clause of a message); a long regular expression is built
      // from commented parts (new RegExp([...].join("|")) of .source pieces).
      "max-len": ["error", { code: 120 }],
    },
  },
  {
    // The offline preview and its bench reach into the Pulumi SDK's runtime: modules it does not
    // export (required where they are used, so an SDK without them fails there, by name) and
    // methods swapped on its objects and put back after the run.
    files: ["src/preview/harness.ts", "src/preview/monitor.ts", "src/bench/worker.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off", "@typescript-eslint/unbound-method": "off" },
  },
  {
    // Tests assert on parsed JSON and spy on objects: the checks are the assertions themselves.
    files: ["tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-base-to-string": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
);
