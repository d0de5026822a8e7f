// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Layer boundaries: each folder may import only what lies below it (see AGENTS.md). */
const restrict = (files, patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

const sdk = { group: ["@aws-sdk/*", "@smithy/*"], message: "Only src/aws/ may import the AWS SDK." };
const node = { group: ["node:*"], message: "core/ is pure: no I/O. Pass what you need in." };
const up = (layer) => ({ group: [`**/${layer}/**`], message: `This layer must not import ${layer}/.` });

export default tseslint.config(
  { ignores: ["dist/**", "coverage/**", "node_modules/**", ".aws-coworker/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Plain Node scripts (benchmarks, generators).
    files: ["bench/**/*.js", "scripts/**/*.mjs", "bin/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    // Only the entry points touch process (test/architecture.test.ts checks the same).
    files: ["src/**/*.ts"],
    ignores: ["src/interfaces/cli/main.ts", "src/interfaces/mcp/stdio.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        {
          name: "process",
          message: "Only src/interfaces/cli/main.ts and src/interfaces/mcp/stdio.ts touch process.",
        },
      ],
    },
  },
  restrict(
    ["src/core/**/*.ts"],
    [sdk, node, up("aws"), up("workflows"), up("orchestrate"), up("report"), up("interfaces")],
  ),
  restrict(["src/report/**/*.ts"], [sdk, up("aws"), up("workflows"), up("orchestrate"), up("interfaces")]),
  restrict(["src/orchestrate/**/*.ts"], [sdk, up("workflows"), up("interfaces")]),
  restrict(["src/workflows/**/*.ts"], [sdk, up("interfaces")]),
  restrict(["src/interfaces/**/*.ts"], [sdk]),
  restrict(["src/aws/**/*.ts"], [up("workflows"), up("orchestrate"), up("interfaces"), up("report")]),
);
