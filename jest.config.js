// Jest with ts-jest. tsconfig.json sets isolatedModules, so ts-jest only transpiles (fast); types are checked once by
// `npm run typecheck`, not per test file.

/**
 * ESM-only packages that test/manifest.test.ts reaches through office-addin-manifest (-> uuid@14, and
 * -> @microsoft/app-manifest -> strip-bom@5). Jest runs CommonJS on Node 20, so these are transformed to CommonJS;
 * every other file under node_modules is left alone. The pattern also matches nested copies
 * (node_modules/a/node_modules/strip-bom).
 */
const esmOnlyPackages = ["uuid", "strip-bom"];

/** @type {import("jest").Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  moduleFileExtensions: ["ts", "tsx", "js", "mjs", "cjs", "json", "node"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
    // Plain JavaScript from the packages above: ts-jest with allowJs turns their `import`/`export` into `require`.
    "^.+\\.m?js$": ["ts-jest", { tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(?:.*/node_modules/)?(?:${esmOnlyPackages.join("|")})/)`],
};
