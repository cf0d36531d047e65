// ESLint: the recommended JavaScript and typescript-eslint rules, and React's rules of hooks
// (eslint-plugin-react-hooks' recommended set). Formatting is Prettier's (.prettierrc.json).
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist", "e2e-artifacts", "node_modules", "src/api/schema.d.ts", "src/api/competences.ts"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    rules: {
      // `const { kind: _kind, ...changes } = body` leaves a field out on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, varsIgnorePattern: "^_" }],
    },
  },
  { files: ["**/*.{js,mjs}"], extends: [js.configs.recommended], languageOptions: { globals: globals.node } },
);
