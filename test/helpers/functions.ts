import { runScenario, type ScenarioSpec } from "../../src/engine/scenario";
import { allocate } from "../../src/functions/functions";

/** A range as Excel passes it to a custom function. */
export type Range = (number | string | boolean | null)[][];

/** Excel passes null for an omitted optional argument; the TypeScript signatures say undefined (range parameters). */
export const OMITTED = null as unknown as undefined;

/** ALLOCATE as Excel calls it: all eight parameters, null where the formula leaves one out. */
export function allocateExcel(
  args: {
    inputs?: Range;
    codes?: Range;
    basis?: Range;
    aid?: Range;
    total?: unknown;
    years?: unknown;
    method?: unknown;
    figures?: unknown;
  } = {}
) {
  return allocate(
    args.inputs ?? OMITTED,
    args.codes ?? OMITTED,
    args.basis ?? OMITTED,
    args.aid ?? OMITTED,
    (args.total ?? null) as string | null,
    (args.years ?? null) as string | null,
    (args.method ?? null) as string | null,
    (args.figures ?? null) as boolean | null
  );
}

/** What ALLOCATE must show for a scenario, built from the engine's result directly. */
export function expectedAllocation(spec: ScenarioSpec): (string | number)[][] {
  const { allocation } = runScenario(spec);
  return [
    ["Code", "Name", "Share", "Total", ...allocation.years],
    ...allocation.rows.map((row) => [
      row.code,
      row.name,
      row.share.toNumber(),
      row.total.toNumber(),
      ...row.byYear.map((amount) => amount.toNumber()),
    ]),
  ];
}
