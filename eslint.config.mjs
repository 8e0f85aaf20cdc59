import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "lib/db/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "bench/out/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Links to the app's pages go through AppLink (prefetch on intent, not on view): every page
      // is dynamic, so a viewport prefetch is a full server render nobody asked for.
      "no-restricted-imports": ["error", { paths: [{ name: "next/link", message: "Use AppLink from @/components/ui/app-link (prefetches on hover/focus, not on view)." }] }],
    },
  },
  {
    files: ["components/ui/app-link.tsx"],
    rules: { "no-restricted-imports": "off" },
  },
];

export default config;
