// The split of the tests into jest projects (jest.config.js): every test file in exactly one project, and the unit
// project free of what makes the others slow (a build, a process on lib/, a browser, LibreOffice), so that
// `npm run test:unit` needs none of them.
import { readFileSync, readdirSync, statSync } from "fs";
import path from "path";

const ROOT = path.resolve(__dirname, "..");

interface Project {
  readonly displayName: string;
  readonly testMatch: string[];
  readonly testPathIgnorePatterns?: string[];
}

const { projects } = require("../jest.config.js") as { projects: Project[] };

function testFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return testFiles(full);
    return name.endsWith(".test.ts") ? [path.relative(ROOT, full).split(path.sep).join("/")] : [];
  });
}

/** The project a file falls in: a slow project lists its files; unit takes the rest. */
function projectsOf(file: string): string[] {
  return projects
    .filter((project) => {
      if (project.displayName === "unit") {
        return !(project.testPathIgnorePatterns ?? []).some((pattern) => new RegExp(pattern).test(`/${file}`));
      }
      return project.testMatch.includes(`<rootDir>/${file}`);
    })
    .map((project) => project.displayName);
}

const files = testFiles(path.join(ROOT, "test"));

test("the projects are unit, cli, build, browser and libreoffice", () => {
  expect(projects.map((project) => project.displayName)).toEqual(["unit", "cli", "build", "browser", "libreoffice"]);
});

test("every file a slow project lists exists", () => {
  for (const project of projects.filter((entry) => entry.displayName !== "unit")) {
    for (const pattern of project.testMatch) expect(files).toContain(pattern.replace("<rootDir>/", ""));
  }
});

test.each(files)("%s is in exactly one project", (file) => {
  expect(projectsOf(file)).toHaveLength(1);
});

/** What a unit test must not use: each is what a slow project is for. */
const SLOW_USES: readonly (readonly [RegExp, string])[] = [
  [/from "\.\.?\/(?:\.\.\/)?helpers\/cli"/, "the command line as a process on lib/ (cli)"],
  [/from "\.\.?\/(?:\.\.\/)?helpers\/browser"|playwright/, "a browser (browser)"],
  [/InLibreOffice|soffice/, "LibreOffice (libreoffice)"],
  [/\bDIST\b|"dist"|webpack/, "the build in dist/ (build)"],
];

// This file names the patterns it looks for; every other unit file is checked.
const unitFiles = files.filter((file) => projectsOf(file)[0] === "unit" && file !== "test/jest-projects.test.ts");

test.each(unitFiles)("%s (unit) needs no build, browser or LibreOffice", (file) => {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  for (const [pattern, what] of SLOW_USES) {
    if (pattern.test(text)) throw new Error(`${file} uses ${what}: list it in that project in jest.config.js`);
  }
});
