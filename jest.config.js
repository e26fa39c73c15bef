// Jest with ts-jest. tsconfig.json sets isolatedModules, so ts-jest only transpiles (fast); types are checked once by
// `npm run typecheck`, not per test file.
//
// The tests are split into projects, so that the report says which kind each suite is and `npm run test:unit` runs the
// fast ones alone:
// - unit: the engine, the data, the custom functions, parsing, the workbook descriptions, the command line's main()
//   in process. No build, no browser, no LibreOffice; seconds.
// - cli: the command line as users run it, a process on the compiled lib/ (compiled first when stale).
// - build: the webpack build: dist/ (functions.json, the manifest's files, the help page), a build for another
//   address and `npm run release` (its zip and checksums).
// - browser: the built add-in in Chromium (the functions and the task pane).
// - libreoffice: workbooks recomputed and printed to PDF by LibreOffice.
// `npm test` builds, then runs every project; `npx jest --selectProjects cli` runs one.

/** The files of each project but unit, which takes every other test file. */
const SLOW_PROJECTS = {
  cli: [
    "test/cli.test.ts",
    "test/cli-eu-add.test.ts",
    "test/cli-figures.test.ts",
    "test/cli-xlsx.test.ts",
    "test/cli-track.test.ts",
    "test/cli-sweep.test.ts",
    "test/cli-solve.test.ts",
    "test/eu-instruments-faces.test.ts",
    "test/import-data.test.ts",
    "test/cli-data.test.ts",
    "test/cli-workbook.test.ts",
    "test/cli-scenarios.test.ts",
    "test/cli-summary.test.ts",
  ],
  build: [
    "test/build-base-url.test.ts",
    "test/functions-metadata.test.ts",
    "test/manifest.test.ts",
    "test/release.test.ts",
  ],
  browser: [
    "test/browser.test.ts",
    "test/pane.test.ts",
    "test/pane-use.test.ts",
    "test/pane-csp.test.ts",
    "test/pane-sensitivity.test.ts",
    "test/pane-goal.test.ts",
    "test/pane-live.test.ts",
    "test/pane-scenarios.test.ts",
  ],
  libreoffice: [
    "test/workbook/portable-libreoffice.test.ts",
    "test/workbook/xlsx-libreoffice.test.ts",
    "test/workbook/portable-read-libreoffice.test.ts",
    "test/workbook/portable-print.test.ts",
    "test/workbook/portable-solve-libreoffice.test.ts",
    "test/workbook/portable-inputs-libreoffice.test.ts",
    "test/workbook/portable-edits-libreoffice.test.ts",
    "test/workbook/portable-print-libreoffice.test.ts",
    "test/workbook/vintage-libreoffice.test.ts",
    "test/workbook/portable-summary-libreoffice.test.ts",
    "test/workbook/portable-choice-libreoffice.test.ts",
  ],
};

/**
 * ESM-only packages that test/manifest.test.ts reaches through office-addin-manifest (-> uuid@14, and
 * -> @microsoft/app-manifest -> strip-bom@5). Jest runs CommonJS on Node 20, so these are transformed to CommonJS;
 * every other file under node_modules is left alone. The pattern also matches nested copies
 * (node_modules/a/node_modules/strip-bom).
 */
const esmOnlyPackages = ["uuid", "strip-bom"];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** @type {import("jest").Config} */
const common = {
  rootDir: __dirname,
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  moduleFileExtensions: ["ts", "tsx", "js", "mjs", "cjs", "json", "node"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
    // Plain JavaScript from the packages above: ts-jest with allowJs turns their `import`/`export` into `require`.
    "^.+\\.m?js$": ["ts-jest", { tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(?:.*/node_modules/)?(?:${esmOnlyPackages.join("|")})/)`],
};

/** @type {import("jest").Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: [
        "/node_modules/",
        ...Object.values(SLOW_PROJECTS)
          .flat()
          .map((file) => `/${escape(file)}$`),
      ],
    },
    ...Object.entries(SLOW_PROJECTS).map(([name, files]) => ({
      ...common,
      displayName: name,
      testMatch: files.map((file) => `<rootDir>/${file}`),
    })),
  ],
};
