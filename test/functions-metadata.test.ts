// The contract of the FAIRSHARE functions as Excel sees it: the functions.json that the build generates from the JSDoc
// in src/functions/functions.ts, checked against the pinned copy in test/golden/functions.json (a renamed function or
// parameter fails here), plus descriptions and help URLs; and the help page those URLs name, whose examples must be
// what the functions return. `npm test` builds first; to run this file alone, run `npm run build` before it.
import { existsSync, readFileSync } from "fs";
import path from "path";
import "./functions-runtime";
import { allies, allocate, data, gap, overlap, schedule, share, track, vintage } from "../src/functions/functions";

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const GENERATED = path.join(DIST, "functions.json");
const HELP_PAGE = path.join(DIST, "docs", "functions.html");
const DOCS = path.join(ROOT, "docs", "functions.md");

/** The base of every help URL: the docs page the dev server serves from dist/ (the manifest's origin). */
const HELP_BASE_URL = "https://localhost:3000/docs/functions.html";

// The help page renderer used by webpack.config.js: a CommonJS build helper without type declarations.
const { renderHelpPage, headingId } = require("../src/functions/help-page.cjs") as {
  renderHelpPage: (markdown: string) => string;
  headingId: (text: string) => string;
};

interface GeneratedParameter {
  readonly name: string;
  readonly description?: string;
  readonly type?: string;
  readonly dimensionality?: string;
  readonly optional?: boolean;
}

interface GeneratedFunction {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly helpUrl?: string;
  readonly parameters: readonly GeneratedParameter[];
  readonly result: { readonly type?: string; readonly dimensionality?: string };
}

interface GeneratedMetadata {
  readonly allowErrorForDataTypeAny?: boolean;
  readonly functions: readonly GeneratedFunction[];
}

function readBuilt(file: string): string {
  if (!existsSync(file)) {
    throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` first (npm test does it for you).`);
  }
  return readFileSync(file, "utf8");
}

const generated = JSON.parse(readBuilt(GENERATED)) as GeneratedMetadata;
const golden = JSON.parse(readFileSync(path.join(__dirname, "golden", "functions.json"), "utf8")) as {
  functions: unknown[];
};

/** The fields the golden file pins, with the generator's omitted defaults written out. */
function pinned(fn: GeneratedFunction) {
  return {
    id: fn.id,
    name: fn.name,
    parameters: fn.parameters.map((parameter) => ({
      name: parameter.name,
      type: parameter.type ?? "any",
      dimensionality: parameter.dimensionality ?? "scalar",
      optional: parameter.optional ?? false,
    })),
    result: { type: fn.result.type ?? "any", dimensionality: fn.result.dimensionality ?? "scalar" },
  };
}

describe("the generated functions.json", () => {
  it("registers exactly the pinned functions, with the pinned ids, names and parameters", () => {
    expect(generated.functions.map(pinned)).toEqual(golden.functions);
  });

  it("lists ALLOCATE, SHARE, SCHEDULE, OVERLAP, DATA, ALLIES, SOURCES, EDITION, TRACK, GAP, SWEEP, SOLVE, EXPLAIN and VINTAGE", () => {
    expect(generated.functions.map((fn) => fn.id)).toEqual([
      "ALLOCATE",
      "SHARE",
      "SCHEDULE",
      "OVERLAP",
      "DATA",
      "ALLIES",
      "SOURCES",
      "EDITION",
      "TRACK",
      "GAP",
      "SWEEP",
      "SOLVE",
      "EXPLAIN",
      "VINTAGE",
    ]);
  });

  it("gives every function a one-line description and a help URL to its section of the docs", () => {
    for (const fn of generated.functions) {
      expect({ id: fn.id, description: fn.description?.length ?? 0 }).toEqual({
        id: fn.id,
        description: expect.any(Number),
      });
      expect(fn.description).toMatch(/^[A-Z][^\n]+\.$/);
      expect(fn.helpUrl).toBe(`${HELP_BASE_URL}#${fn.id.toLowerCase()}`);
    }
  });

  it("describes every parameter", () => {
    for (const fn of generated.functions) {
      for (const parameter of fn.parameters) {
        expect({ fn: fn.id, parameter: parameter.name, described: (parameter.description ?? "").length > 10 }).toEqual({
          fn: fn.id,
          parameter: parameter.name,
          described: true,
        });
      }
    }
  });

  it("leaves error values out of the arguments (Excel returns an error in an argument itself)", () => {
    // cells.ts relies on this: without allowErrorForDataTypeAny, Excel never calls a function with an error argument.
    expect(generated.allowErrorForDataTypeAny).toBeUndefined();
  });
});

describe("the help page", () => {
  const page = readBuilt(HELP_PAGE);

  it("is built from docs/functions.md and has a section for every function's help URL", () => {
    expect(page).toContain("<title>Fair Share functions in Excel</title>");
    for (const fn of generated.functions) {
      const anchor = (fn.helpUrl ?? "").split("#")[1];
      expect({ anchor, found: new RegExp(`<h2 id="?${anchor}"?>`).test(page) }).toEqual({ anchor, found: true });
    }
  });

  it("shows each function's syntax and an example in its section", () => {
    const docs = readFileSync(DOCS, "utf8");
    for (const fn of generated.functions) {
      const start = docs.indexOf(`\n## ${fn.id}\n`);
      expect({ fn: fn.id, hasSection: start >= 0 }).toEqual({ fn: fn.id, hasSection: true });
      const next = docs.indexOf("\n## ", start + 1);
      const section = docs.slice(start, next < 0 ? undefined : next);
      expect(section).toContain(`=FAIRSHARE.${fn.id}(`);
      expect(section).toMatch(/Examples?[ ,:]/);
      for (const parameter of fn.parameters)
        expect({ fn: fn.id, text: section.includes(parameter.name) }).toEqual({ fn: fn.id, text: true });
    }
  });
});

describe("the help page's examples", () => {
  const docs = readFileSync(DOCS, "utf8").replace(/\s+/g, " ");
  const OMITTED = null as unknown as undefined;
  const amount = (value: number | string | boolean | undefined): string => Number(value).toLocaleString("en-US");
  const millions = (value: number | string | boolean | undefined): string => `${Number(value) / 1e6}m`;

  it("are what the functions return", () => {
    const table = allocate();
    const examples: string[] = [];
    for (const row of table.slice(1, 3)) {
      examples.push(
        `| ${row[0]} | ${row[1]} | ${Number(row[2]).toFixed(5)} | ${row.slice(3).map(amount).join(" | ")} |`
      );
    }
    const keyed = allocate(
      OMITTED,
      [["USA"], ["DEU"], ["GBR"], ["FRA"]],
      [[15.88], [16.19], [10.94], [10.2]],
      OMITTED,
      "1bn",
      2,
      "key"
    );
    examples.push(
      `gives USA EUR ${millions(keyed[1][3])}, DEU ${millions(keyed[2][3])}, GBR ${millions(keyed[3][3])} and FRA ${millions(keyed[4][3])}`
    );
    const deuShare = share("DEU", null, "share");
    examples.push(
      `\`=FAIRSHARE.SHARE("DEU")\` is ${amount(share("DEU"))}`,
      `\`=FAIRSHARE.SHARE("DEU", 2025)\` is ${amount(share("DEU", 2025))}`,
      `\`=FAIRSHARE.SHARE("DEU", , "share")\` is ${deuShare.toFixed(4)} (${(deuShare * 100).toFixed(2)}%)`
    );
    const deuGdp = share("DEU", null, "pct-gdp");
    examples.push(
      `\`=FAIRSHARE.SHARE("DEU", , "pct-gdp")\` is ${deuGdp.toFixed(4)} (${(deuGdp * 100).toFixed(2)}% of GDP a year)`,
      `\`=FAIRSHARE.SHARE("DEU", , "per-capita")\` is ${share("DEU", null, "per-capita").toFixed(2)} (EUR per inhabitant)`
    );
    const block = [
      ["total", "40bn"],
      ["years", 1],
      ["start", 2025],
      ["exempt", "HUN"],
    ];
    examples.push(
      `\`=FAIRSHARE.SHARE("USA", , , A1:B4)\` is ${amount(share("USA", null, null, block))}`,
      `\`=FAIRSHARE.SHARE("HUN", , , A1:B4)\` is ${amount(share("HUN", null, null, block))}`
    );
    const fmtMillions = (row: number[]) => row.map((value) => `${(value / 1e6).toLocaleString("en-US")}m`);
    const front = fmtMillions(schedule("100bn", 5, [["front"]])[0]);
    examples.push(`gives ${front.slice(0, 4).join(", ")} and ${front[4]}`);
    const custom = fmtMillions(schedule("100bn", 5, [[5, 4, 3, 2, 1]], 2025, "100k")[0]);
    examples.push(`gives ${custom.slice(0, 4).join(", ")} and ${custom[4]}`);
    expect(schedule("100bn", 5)).toEqual([[20e9, 20e9, 20e9, 20e9, 20e9]]);
    const deu = overlap().find((row) => row[0] === "DEU") ?? [];
    const usa = overlap().find((row) => row[0] === "USA") ?? [];
    examples.push(
      `has for Germany Allocation ${amount(deu[3])}, EU overlap ${amount(deu[4])}`,
      `and Net new ${amount(deu[5])}.`,
      `its Net new is its whole allocation, ${amount(usa[5])}.`
    );
    examples.push(
      `\`=FAIRSHARE.DATA("DEU", "gdp")\` is ${data("DEU", "gdp")}`,
      `\`=FAIRSHARE.DATA("USA", "gdp-usd", 2023)\` is ${data("USA", "gdp-usd", 2023)}`,
      `\`=FAIRSHARE.DATA("DEU", "aid", 2024)\` is ${data("DEU", "aid", 2024)}`,
      `\`=FAIRSHARE.DATA("DEU", "aid", , "2024-01", "2024-06")\` is ${data("DEU", "aid", null, "2024-01", "2024-06")}`,
      `\`=FAIRSHARE.DATA("AUT", "gni")\` is ${data("AUT", "gni")}`,
      `\`=FAIRSHARE.DATA("NOR", "eu")\` is ${String(data("NOR", "eu")).toUpperCase()}`
    );
    const listed = allies();
    examples.push(
      `starting \`${listed[1].join(", ")}\` and \`${listed[2].join(", ").replace("true", "TRUE")}\``.replace(
        "false",
        "FALSE"
      )
    );
    const pledge = [
      ["per-year", "40bn"],
      ["start", 2024],
      ["years", 1],
      ["exempt", "HUN"],
    ];
    const tracked = track(pledge);
    const germany = tracked.find((row) => row[0] === "DEU") ?? [];
    const albania = tracked.find((row) => row[0] === "ALB") ?? [];
    const cell = (value: number | string | boolean): string =>
      typeof value === "boolean"
        ? String(value).toUpperCase()
        : typeof value === "number" && !Number.isInteger(value)
          ? value.toFixed(4)
          : String(value);
    examples.push(
      `\`=FAIRSHARE.TRACK(A1:B4)\` spills ${tracked.length} rows`,
      `Germany's is \`${germany.map(cell).join(", ")}\``,
      `Albania's \`${albania.map(cell).join(", ")}\``,
      `\`=FAIRSHARE.GAP("DEU", A1:B4)\` is ${gap("DEU", pledge)}`,
      `\`=FAIRSHARE.GAP("USA", A1:B4)\` is ${gap("USA", pledge)}`
    );
    expect(track(pledge, [["code,gap"]])[1]).toEqual([tracked[1][0], tracked[1][4]]);
    const datasets = vintage().split("; ");
    examples.push(`ending \`${datasets[datasets.length - 1]}\``, `\`${datasets[0]}; ${datasets[1]}; ...;`);
    for (const example of examples)
      expect({ example, documented: docs.includes(example) }).toEqual({ example, documented: true });
  });
});

describe("the help page renderer", () => {
  it("gives headings the ids GitHub gives them, so a help URL's anchor works on both", () => {
    expect(headingId("ALLOCATE")).toBe("allocate");
    expect(headingId("Empty cells, text numbers and errors")).toBe("empty-cells-text-numbers-and-errors");
    expect(headingId("Your own contributors: codes, basis and aid")).toBe("your-own-contributors-codes-basis-and-aid");
  });

  it("renders tables, lists, code and links, and escapes everything else", () => {
    const html = renderHelpPage(
      [
        "# Title",
        "",
        'Text with `a <b> & "c"` and **bold** and [a link](#x).',
        "",
        "- one",
        "  continued",
        "- two",
        "",
        "| A | B |",
        "| --- | --- |",
        "| 1 | <2> |",
      ].join("\n")
    );
    expect(html).toContain('<h1 id="title">Title</h1>');
    expect(html).toContain(
      '<p>Text with <code>a &lt;b&gt; &amp; &quot;c&quot;</code> and <strong>bold</strong> and <a href="#x">a link</a>.</p>'
    );
    expect(html).toContain("<ul><li>one continued</li><li>two</li></ul>");
    expect(html).toContain("<thead><tr><th>A</th><th>B</th></tr></thead>");
    expect(html).toContain("<tbody><tr><td>1</td><td>&lt;2&gt;</td></tr></tbody>");
  });
});
