/**
 * `npm run fuzz [-- --seed N] [-- --runs N]`: random scenarios through the command line's main(), each checked
 * against the exact reference (test/helpers/oracle.ts). Fails (exit 1) on any exit code 1, any table whose rows,
 * years and total do not add up exactly, any cell, row total or tranche that is not the floor or the ceiling of its
 * exact value (a whole exact value kept), or any run slower than 2 s. Exit code 2 (a refused input) is counted, not a
 * failure. Seeded: the seed is printed first, and the same seed replays the same scenarios.
 *
 * Ratios are written with a percent sign ("40%", "0.25%"), which read the same under every ratio convention.
 */
import { ALLIES } from "../../src/data";
import { main } from "../../src/cli/main";
import type { AllocationReport } from "../../src/cli/report";
import { allocationRequest, resolveScenario, type ScenarioSpec } from "../../src/engine/scenario";
import { Fraction, oracleAllocation, oracleDifferences } from "../helpers/oracle";
import { chance, generator, integer, pick, subset, type Random } from "../helpers/random";

const SLOW_MILLISECONDS = 2000;
const DEFAULT_RUNS = 10000;

/** A decimal with a few significant digits, m x 10^e, as text. */
function decimalText(random: Random, minExponent: number, maxExponent: number): string {
  return `${integer(random, 1, 9999)}e${integer(random, minExponent, maxExponent)}`;
}

/** One random scenario as command-line flags (name -> value). */
function randomSpec(random: Random): Record<string, string> {
  const spec: Record<string, string> = {};
  const codes = ALLIES.map((ally) => ally.iso3);
  const contributors = chance(random, 0.4) ? codes : subset(random, codes, integer(random, 1, 12));
  if (contributors !== codes) spec.contributors = contributors.join(",");
  const years = integer(random, 1, 8);
  if (years !== 5 || chance(random, 0.3)) spec.years = String(years);
  const method = pick(random, ["gdp", "gdp", "gdp", "key", "pct-gdp", "blend"]);
  // Percent of GDP is the same percent every year: no profile.
  const profile = method === "pct-gdp" ? "flat" : pick(random, ["flat", "front", "custom", "custom"]);
  if (profile === "custom") {
    const weights: string[] = Array.from({ length: years }, () =>
      chance(random, 0.1) ? decimalText(random, -300, 300) : String(integer(random, 0, 9))
    );
    if (!weights.some((weight) => weight !== "0")) weights[0] = "1";
    spec.profile = weights.join(",");
  } else if (profile === "front") spec.profile = "front";
  const unitChoice = pick(random, ["1m", "100k", "1", "3m", "7000", "250k", "10m"]);
  spec.unit = unitChoice;
  const unitValues: Record<string, number> = {
    "1m": 1e6,
    "100k": 1e5,
    "1": 1,
    "3m": 3e6,
    "7000": 7000,
    "250k": 250000,
  };
  const unitValue = unitValues[unitChoice] ?? 1e7;
  if (method !== "gdp") spec.method = method;
  if (method === "key") {
    spec.key = contributors
      .map((code) => `${code}=${chance(random, 0.2) ? decimalText(random, -300, 300) : integer(random, 0, 20)}`)
      .join(",");
    if (!/=[1-9]/.test(spec.key)) spec.key = spec.key.replace(/=0\b/, "=1");
  }
  if (method === "blend") spec.blend = pick(random, ["gdp2024:0.5,population:0.5", "gdp2023:0.25,gdp2024:0.75"]);
  if (method === "pct-gdp") spec["pct-gdp"] = pick(random, ["0.25%", "0.1%", "0.05%", "0.2%"]);
  else spec.total = String(unitValue * integer(random, 1, chance(random, 0.5) ? 200 : 2_000_000));
  if (chance(random, 0.5)) spec.credit = pick(random, ["0.5", "0.431", "1", "0.25", "0.1"]);
  if (chance(random, 0.3) && contributors.length > 2) {
    spec.exempt = subset(random, contributors, integer(random, 1, 2)).join(",");
  }
  const exempt = new Set((spec.exempt ?? "").split(","));
  const paying = contributors.filter((code) => !exempt.has(code));
  if (method !== "pct-gdp" && paying.length > 0) {
    const limitKind = pick(random, ["none", "none", "cap", "floor", "both", "exact-cap", "exact-both"]);
    // Limits that add up to exactly the total: 100% / n for every payer (a finite decimal when n divides a power of 10).
    const even = [1, 2, 4, 5, 8, 10, 16, 20, 25, 32].includes(paying.length) ? `${100 / paying.length}%` : null;
    if (limitKind === "exact-cap" && even && !spec.exempt) spec.cap = even;
    else if (limitKind === "exact-both" && even && !spec.exempt) {
      spec.cap = even;
      spec.floor = even;
    } else {
      if (limitKind === "cap" || limitKind === "both") {
        spec.cap = chance(random, 0.5)
          ? `${integer(random, 5, 60)}%`
          : `${pick(random, paying)}=${integer(random, 1, 40)}${chance(random, 0.5) ? ".5" : ""}%`;
      }
      if (limitKind === "floor" || limitKind === "both") {
        spec.floor = chance(random, 0.5)
          ? `${integer(random, 0, 25) / 10}%`
          : `${pick(random, paying)}=${integer(random, 1, 20)}%`;
      }
    }
  }
  if (chance(random, 0.2)) spec["max-pct-gdp"] = pick(random, ["1%", "0.5%", "2%", "0.05%"]);
  if (chance(random, 0.2)) spec.eu = "none";
  return spec;
}

interface Finding {
  readonly run: number;
  readonly argv: string[];
  readonly problems: string[];
}

/** Sums and faithfulness of the printed table, against the exact reference. */
function check(spec: Record<string, string>, report: AllocationReport): string[] {
  const scenario = resolveScenario(spec as ScenarioSpec);
  const oracle = oracleAllocation(allocationRequest(scenario));
  const unit = Fraction.parse(report.unit);
  const units = (text: string): number => {
    const value = Fraction.parse(text).div(unit);
    if (!value.isWhole()) throw new Error(`${text} is not a whole number of units`);
    return Number(value.n);
  };
  const years = report.years.map(String);
  const rows = report.allies.map((ally) => ({
    code: ally.iso3,
    totalUnits: units(ally.total),
    byYearUnits: years.map((year) => units(ally.byYear[year])),
  }));
  const codes = scenario.contributors.map((c) => c.code);
  if (rows.map((row) => row.code).join() !== codes.join()) return ["the rows are not the scenario's contributors"];
  return oracleDifferences(
    oracle,
    rows,
    years.map((year) => units(report.tranches[year])),
    units(report.total)
  );
}

async function fuzz(): Promise<number> {
  const argv = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const seed = Number(option("seed") ?? Math.floor(Math.random() * 2 ** 31));
  const runs = Number(option("runs") ?? DEFAULT_RUNS);
  console.log(`fuzz: seed ${seed}, ${runs} scenarios (replay with npm run fuzz -- --seed ${seed})`);
  const random = generator(seed);
  const findings: Finding[] = [];
  let refused = 0;
  const refusals = new Map<string, number>();
  let slowest = { milliseconds: 0, argv: [] as string[] };
  const started = Date.now();
  for (let run = 0; run < runs; run++) {
    const spec = randomSpec(random);
    const args = [
      "allocate",
      ...Object.entries(spec).flatMap(([name, value]) => [`--${name}`, value]),
      "--format",
      "json",
    ];
    let stdout = "";
    let stderr = "";
    const began = process.hrtime.bigint();
    const code = await main(args, { out: (text) => void (stdout += text), err: (text) => void (stderr += text) });
    const milliseconds = Number(process.hrtime.bigint() - began) / 1e6;
    if (milliseconds > slowest.milliseconds) slowest = { milliseconds, argv: args };
    const problems: string[] = [];
    if (milliseconds > SLOW_MILLISECONDS) problems.push(`took ${milliseconds.toFixed(0)} ms`);
    if (code === 2) {
      refused++;
      // The message without its figures: what kind of input was refused.
      const reason = stderr
        .split("\n")[0]
        .replace(/[0-9][0-9.,]*/g, "#")
        .slice(0, 90);
      refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
    } else if (code !== 0) problems.push(`exit ${code}: ${stderr.trim().split("\n").slice(0, 3).join(" / ")}`);
    else {
      try {
        problems.push(...check(spec, JSON.parse(stdout) as AllocationReport));
      } catch (error) {
        problems.push(`check failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (problems.length > 0) {
      findings.push({ run, argv: args, problems });
      if (findings.length <= 20) console.log(`run ${run}: fair-share ${args.join(" ")}\n  ${problems.join("\n  ")}`);
    }
    if ((run + 1) % 1000 === 0) console.log(`  ${run + 1} scenarios, ${findings.length} failing, ${refused} refused`);
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `fuzz: seed ${seed}: ${runs} scenarios in ${seconds.toFixed(1)} s; ${runs - refused} allocated and checked, ` +
      `${refused} refused (exit 2), ${findings.length} failing.`
  );
  const common = [...refusals].sort((a, b) => b[1] - a[1]).slice(0, 6);
  for (const [reason, count] of common) console.log(`  refused ${count}x: ${reason}`);
  console.log(`slowest run: ${slowest.milliseconds.toFixed(1)} ms: fair-share ${slowest.argv.join(" ")}`);
  return findings.length === 0 ? 0 : 1;
}

fuzz().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  }
);
