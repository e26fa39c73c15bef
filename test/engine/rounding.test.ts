import fc from "fast-check";

import { Dec } from "../../src/engine/decimal";
import {
  controlledRounding,
  exactUnitTable,
  roundRankOneTable,
  roundUnitTable,
  type RoundedTable,
  type RoundingProblem,
} from "../../src/engine/rounding";
import { dec } from "../helpers/engine";

/** A rounding problem from exact cells (in units); the grand total rounds down, up, or is given. */
function problem(cells: readonly (readonly DecText[])[], grand?: "down" | "up" | number): RoundingProblem {
  const table = cells.map((row) => row.map((cell) => dec(cell)));
  const columnCount = table[0]?.length ?? 0;
  const rowTotals = table.map((row) => row.reduce((sum, cell) => sum.plus(cell), dec(0)));
  const columnTotals = Array.from({ length: columnCount }, (_, j) =>
    table.reduce((sum, row) => sum.plus(row[j]), dec(0))
  );
  const exactGrand = rowTotals.reduce((sum, total) => sum.plus(total), dec(0));
  const grandTotal =
    typeof grand === "number" ? grand : grand === "up" ? exactGrand.ceil().toNumber() : exactGrand.floor().toNumber();
  return { cells: table, rowTotals, columnTotals, grandTotal };
}

type DecText = string | number;

/**
 * What a controlled rounding promises: whole cells within one unit of the exact cells (so each is the floor or the
 * ceiling), rows and columns that add up to the returned margins, margins within one unit of the exact margins, and
 * a grand total equal to the one asked for.
 */
function checkRounding(input: RoundingProblem, result: RoundedTable): void {
  const within = (rounded: number, exact: Dec): boolean => new Dec(rounded).minus(exact).abs().lt(1);
  expect(result.cells).toHaveLength(input.cells.length);
  result.cells.forEach((row, i) => {
    expect(row).toHaveLength(input.columnTotals.length);
    row.forEach((cell, j) => {
      expect(Number.isInteger(cell)).toBe(true);
      expect(within(cell, input.cells[i][j])).toBe(true);
    });
    expect(row.reduce((sum, cell) => sum + cell, 0)).toBe(result.rowTotals[i]);
    expect(within(result.rowTotals[i], input.rowTotals[i])).toBe(true);
  });
  input.columnTotals.forEach((exact, j) => {
    const column = result.cells.reduce((sum, row) => sum + row[j], 0);
    expect(column).toBe(result.columnTotals[j]);
    expect(within(column, exact)).toBe(true);
  });
  expect(result.rowTotals.reduce((sum, total) => sum + total, 0)).toBe(input.grandTotal);
  expect(result.columnTotals.reduce((sum, total) => sum + total, 0)).toBe(input.grandTotal);
}

/** One-axis rounding: each row by largest remainder (ties to the first column), as a naive splitter would. */
function roundRowsOnly(cells: readonly (readonly DecText[])[]): number[][] {
  return cells.map((row) => {
    const exact = row.map((cell) => dec(cell));
    const floors = exact.map((cell) => cell.floor().toNumber());
    const total = exact
      .reduce((sum, cell) => sum.plus(cell), dec(0))
      .toDecimalPlaces(0)
      .toNumber();
    const order = exact
      .map((cell, j) => ({ j, fraction: cell.minus(cell.floor()) }))
      .sort((a, b) => b.fraction.comparedTo(a.fraction) || a.j - b.j);
    let missing = total - floors.reduce((sum, value) => sum + value, 0);
    for (const { j } of order) if (missing-- > 0) floors[j] += 1;
    return floors;
  });
}

describe("controlled rounding: the classic hard cases", () => {
  const hard: readonly [string, DecText[][]][] = [
    [
      "2x2 with every cell 0.5",
      [
        ["0.5", "0.5"],
        ["0.5", "0.5"],
      ],
    ],
    [
      "rows of 0.5, 0.5 on different columns (a cycle)",
      [
        ["0.5", "0.5", 0],
        [0, "0.5", "0.5"],
        ["0.5", 0, "0.5"],
      ],
    ],
    [
      "a 4-cycle of halves",
      [
        ["0.5", "0.5", 0, 0],
        [0, "0.5", "0.5", 0],
        [0, 0, "0.5", "0.5"],
        ["0.5", 0, 0, "0.5"],
      ],
    ],
    [
      "thirds in every cell",
      [
        ["0.333", "0.333", "0.334"],
        ["0.333", "0.334", "0.333"],
        ["0.334", "0.333", "0.333"],
      ],
    ],
    [
      "fractional margins everywhere",
      [
        ["0.3", "0.3", "0.3"],
        ["0.3", "0.3", "0.3"],
      ],
    ],
    [
      "whole and fractional cells mixed",
      [
        [2, "3.5", "0.5"],
        [1, "0.5", "4.5"],
        ["0.7", "0.2", 0],
      ],
    ],
  ];

  test.each(hard)("%s: rows, columns and total all kept", (_, cells) => {
    for (const grand of ["down", "up"] as const) {
      const input = problem(cells, grand);
      checkRounding(input, controlledRounding(input));
    }
  });

  test("2x2 of halves: one unit in each row and each column", () => {
    const result = controlledRounding(
      problem([
        ["0.5", "0.5"],
        ["0.5", "0.5"],
      ])
    );
    expect(result.rowTotals).toEqual([1, 1]);
    expect(result.columnTotals).toEqual([1, 1]);
    // A diagonal: either [[1,0],[0,1]] or [[0,1],[1,0]].
    expect(result.cells[0][0]).toBe(result.cells[1][1]);
    expect(result.cells[0][0] + result.cells[0][1]).toBe(1);
  });

  test("the cycle of halves defeats rounding each row alone, not controlled rounding", () => {
    const cells = [
      ["0.5", "0.5", 0],
      [0, "0.5", "0.5"],
      ["0.5", 0, "0.5"],
    ];
    // Each row alone, ties to the first column: rows (1,0,0), (0,1,0), (1,0,0); column 3 gets 0 against an exact 1.
    const naive = roundRowsOnly(cells);
    const naiveColumns = [0, 1, 2].map((j) => naive.reduce((sum, row) => sum + row[j], 0));
    expect(naiveColumns).toEqual([2, 1, 0]);
    const result = controlledRounding(problem(cells));
    expect(result.columnTotals).toEqual([1, 1, 1]);
    expect(result.rowTotals).toEqual([1, 1, 1]);
  });

  test("whole cells and exact whole margins are kept as they are", () => {
    const input = problem([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const result = controlledRounding(input);
    expect(result.cells).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  test("a grand total of 0.9 can round to 0 or to 1", () => {
    const cells = [["0.3", "0.3", "0.3"]];
    expect(controlledRounding(problem(cells, 0)).cells).toEqual([[0, 0, 0]]);
    const up = controlledRounding(problem(cells, 1));
    expect(up.cells[0].reduce((sum, cell) => sum + cell, 0)).toBe(1);
  });

  test("margins round to the nearest unit when the table allows it", () => {
    // Rows 0.8 and 0.2, total 1: the unit goes to the row with the larger remainder.
    const result = controlledRounding(
      problem(
        [
          ["0.4", "0.4"],
          ["0.1", "0.1"],
        ],
        1
      )
    );
    expect(result.rowTotals).toEqual([1, 0]);
  });
});

describe("controlled rounding: preferred column totals", () => {
  const cells = [
    ["0.5", "0.5", 0],
    [0, "0.5", "0.5"],
    ["0.5", 0, "0.5"],
    ["0.4", "0.3", "0.3"],
  ];

  test("kept when some table has them", () => {
    const input = problem(cells, "up"); // exact total 4, columns 1.4, 1.3, 1.3
    const free = controlledRounding(input);
    // Any column totals the free rounding reached are feasible; ask for another feasible set explicitly too.
    for (const preferred of [free.columnTotals, [2, 1, 1], [1, 2, 1], [1, 1, 2]]) {
      const result = controlledRounding({ ...input, preferredColumnTotals: preferred });
      checkRounding(input, result);
      expect(result.columnTotals).toEqual(preferred);
      expect(result.keptPreferredColumns).toBe(true);
    }
  });

  test("kept with rows one unit off their nearest totals when the nearest rows cannot have them", () => {
    // Rows 2.3, 0.25 and 0.3 (total 2.85, rounded 3): the nearest rows are 3, 0, 0, and row 1 reaches 3 only with
    // its column-1 cell, which the preferred columns 0 and 3 leave at 0. Row 1 stays at 2 and the extra unit goes to
    // the row with the largest remainder that can take it: row 3 (0.3) before row 2 (0.25).
    const input = problem(
      [
        ["0.4", "1.9"],
        ["0.05", "0.2"],
        ["0.05", "0.25"],
      ],
      "up"
    );
    for (const options of [{}, { buildNetwork: true }]) {
      const result = controlledRounding({ ...input, preferredColumnTotals: [0, 3] }, options);
      checkRounding(input, result);
      expect(result.keptPreferredColumns).toBe(true);
      expect(result.cells).toEqual([
        [0, 2],
        [0, 0],
        [0, 1],
      ]);
    }
    // Without preferred columns the nearest rows are kept, and so are the nearest columns (1 and 2).
    expect(controlledRounding(input).rowTotals).toEqual([3, 0, 0]);
  });

  test("given up, with the columns still within one unit, when no table has them", () => {
    // Columns 0.4, 0.6, 0.1: (1, 0, 1) rounds each within one unit and adds up to the grand total 2, but both of its
    // units must come from row 1 (the only row with a fraction in columns 1 and 3), whose total 0.5 allows one.
    const input = problem(
      [
        ["0.4", 0, "0.1"],
        [0, "0.6", 0],
      ],
      "up"
    );
    const result = controlledRounding({ ...input, preferredColumnTotals: [1, 0, 1] });
    checkRounding(input, result);
    expect(result.keptPreferredColumns).toBe(false);
    expect(result.rowTotals).toEqual([1, 1]);
  });

  test("given up when a preferred total is more than one unit from its exact column", () => {
    const input = problem([["1.4", "0.3"]], "up"); // columns 1.4 and 0.3, grand total 2
    for (const preferred of [
      [0, 2],
      [3, -1],
    ]) {
      const result = controlledRounding({ ...input, preferredColumnTotals: preferred });
      checkRounding(input, result);
      expect(result.keptPreferredColumns).toBe(false);
      expect(result.columnTotals).toEqual([2, 0]);
    }
  });
});

describe("controlled rounding: random tables", () => {
  /** Cells with up to 3 decimals; halves and quarters often, so ties are common. */
  const cell = fc.oneof(
    fc.integer({ min: 0, max: 5000 }).map((n) => new Dec(n).div(1000)),
    fc.integer({ min: 0, max: 40 }).map((n) => new Dec(n).div(4)),
    fc.constant(new Dec(0))
  );
  const table = fc
    .record({ rows: fc.integer({ min: 1, max: 12 }), columns: fc.integer({ min: 1, max: 10 }) })
    .chain(({ rows, columns }) =>
      fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows })
    );

  test("every cell and margin within one unit, all sums kept, for either rounding of the grand total", () => {
    fc.assert(
      fc.property(table, fc.boolean(), (cells, up) => {
        const input = problem(
          cells.map((row) => row.map((value) => value.toFixed())),
          up ? "up" : "down"
        );
        checkRounding(input, controlledRounding(input));
      }),
      { numRuns: 300 }
    );
  });

  test("the search without a built network finds the same rounding as the network", () => {
    // Tie-heavy tables with fixed totals (the first attempt), preferred columns, and both roundings of the total.
    fc.assert(
      fc.property(table, fc.boolean(), fc.boolean(), (cells, up, prefer) => {
        const input = problem(
          cells.map((row) => row.map((value) => value.toFixed())),
          up ? "up" : "down"
        );
        const free = controlledRounding(input, { buildNetwork: true });
        const asked = prefer ? { ...input, preferredColumnTotals: free.columnTotals.slice().reverse() } : input;
        expect(controlledRounding(asked)).toEqual(controlledRounding(asked, { buildNetwork: true }));
      }),
      { numRuns: 400 }
    );
  });

  test("the column totals of one rounding are always kept when preferred", () => {
    fc.assert(
      fc.property(table, (cells) => {
        const input = problem(cells.map((row) => row.map((value) => value.toFixed())));
        const free = controlledRounding(input);
        const again = controlledRounding({ ...input, preferredColumnTotals: free.columnTotals });
        expect(again.keptPreferredColumns).toBe(true);
        expect(again.columnTotals).toEqual(free.columnTotals);
        checkRounding(input, again);
      }),
      { numRuns: 150 }
    );
  });
});

/** The rounded row and column totals of every controlled rounding of a small table, by brute force. */
function allRoundings(input: RoundingProblem): { rows: number[]; columns: number[] }[] {
  const columnCount = input.columnTotals.length;
  const bounds = (exact: Dec): [number, number] => [exact.floor().toNumber(), exact.ceil().toNumber()];
  const columnBounds = input.columnTotals.map(bounds);
  // Each row's roundings that keep its total within one unit: the floors plus any set of its fractional cells.
  const rowChoices = input.cells.map((row, i) => {
    const [low, high] = bounds(input.rowTotals[i]);
    const floors = row.map((cell) => cell.floor().toNumber());
    const fractional = row.flatMap((cell, j) => (cell.isInteger() ? [] : [j]));
    const choices: number[][] = [];
    for (let mask = 0; mask < 2 ** fractional.length; mask++) {
      const cells = floors.slice();
      fractional.forEach((j, bit) => (cells[j] += (mask >> bit) & 1));
      const total = cells.reduce((sum, cell) => sum + cell, 0);
      if (total >= low && total <= high) choices.push(cells);
    }
    return choices;
  });
  const found: { rows: number[]; columns: number[] }[] = [];
  const visit = (i: number, rows: number[], columns: number[]): void => {
    if (i === rowChoices.length) {
      const fits = columns.every((total, j) => total >= columnBounds[j][0] && total <= columnBounds[j][1]);
      if (fits && rows.reduce((sum, total) => sum + total, 0) === input.grandTotal) found.push({ rows, columns });
      return;
    }
    for (const cells of rowChoices[i]) {
      const total = cells.reduce((sum, cell) => sum + cell, 0);
      visit(
        i + 1,
        [...rows, total],
        columns.map((sum, j) => sum + cells[j])
      );
    }
  };
  visit(0, [], new Array<number>(columnCount).fill(0));
  return found;
}

/** Lines (rows or columns) by largest remainder: larger fraction first, then earlier line. */
function remainderOrder(exact: readonly Dec[]): number[] {
  const fraction = exact.map((value) => value.minus(value.floor()));
  return exact.map((_, k) => k).sort((a, b) => fraction[b].comparedTo(fraction[a]) || a - b);
}

/** The line totals largest remainder gives for a grand total, or null when it cannot reach it. */
function nearestTotals(exact: readonly Dec[], grandTotal: number): number[] | null {
  const totals = exact.map((value) => value.floor().toNumber());
  let extra = grandTotal - totals.reduce((sum, total) => sum + total, 0);
  for (const k of remainderOrder(exact)) {
    if (extra > 0 && !exact[k].isInteger()) {
      totals[k]++;
      extra--;
    }
  }
  return extra === 0 ? totals : null;
}

describe("controlled rounding: which margins, against every rounding of small tables", () => {
  // Small tables, so every rounding can be listed: quarters, tenths, small whole cells and zeros, so remainders tie.
  const cell = fc.oneof(
    fc.integer({ min: 0, max: 12 }).map((n) => new Dec(n).div(4)),
    fc.integer({ min: 0, max: 20 }).map((n) => new Dec(n).div(10)),
    fc.integer({ min: 0, max: 2 }).map((n) => new Dec(n)),
    fc.constant(new Dec(0))
  );
  const table = fc
    .record({ rows: fc.integer({ min: 1, max: 4 }), columns: fc.integer({ min: 1, max: 4 }) })
    .chain(({ rows, columns }) =>
      fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows })
    );
  // Preferred columns: none, those of some rounding (always kept), or each column's floor or ceiling (often not).
  const preference = fc.oneof(
    fc.constant<"none">("none"),
    fc.nat().map((pick) => ({ pick })),
    fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }).map((ups) => ({ ups }))
  );

  test("the preferred (else nearest) columns whenever some table has them; within them, the rows nearest, else the first feasible rows in largest-remainder order", () => {
    fc.assert(
      fc.property(table, fc.boolean(), preference, (cells, up, prefer) => {
        const input = problem(
          cells.map((row) => row.map((value) => value.toFixed())),
          up ? "up" : "down"
        );
        const roundings = allRoundings(input);
        let preferred: number[] | undefined;
        if (prefer !== "none" && "pick" in prefer) preferred = roundings[prefer.pick % roundings.length].columns;
        if (prefer !== "none" && "ups" in prefer)
          preferred = input.columnTotals.map((exact, j) => (prefer.ups[j] ? exact.ceil() : exact.floor()).toNumber());
        const asked = preferred ? { ...input, preferredColumnTotals: preferred } : input;
        const result = controlledRounding(asked);
        checkRounding(input, result);
        expect(controlledRounding(asked, { buildNetwork: true })).toEqual(result);

        const same = (a: readonly number[], b: readonly number[] | null): boolean =>
          b !== null && a.every((value, k) => value === b[k]);
        const wanted = preferred ?? nearestTotals(input.columnTotals, input.grandTotal);
        const keeping = roundings.filter(({ columns }) => same(columns, wanted));
        if (preferred) expect(result.keptPreferredColumns).toBe(keeping.length > 0);
        if (keeping.length > 0) expect(result.columnTotals).toEqual(wanted);
        // The rows: of the roundings with the columns chosen, the one that rounds up the rows earliest in
        // largest-remainder order (the nearest totals when they are among them).
        const candidates = keeping.length > 0 ? keeping : roundings;
        const order = remainderOrder(input.rowTotals);
        const ups = (rows: readonly number[]): string =>
          order.map((i) => (rows[i] > input.rowTotals[i].floor().toNumber() ? "1" : "0")).join("");
        const best = candidates.map(({ rows }) => ups(rows)).reduce((a, b) => (b > a ? b : a));
        expect(ups(result.rowTotals)).toBe(best);
        const nearest = nearestTotals(input.rowTotals, input.grandTotal);
        if (candidates.some(({ rows }) => same(rows, nearest))) expect(result.rowTotals).toEqual(nearest);
      }),
      { numRuns: 400 }
    );
  });
});

describe("controlled rounding: rank-one tables (amounts spread by year weights)", () => {
  /** amounts_i x w_j / (divisor x W) through the general table of BigInt numerators. */
  function throughGeneralTable(
    amounts: readonly bigint[],
    divisor: bigint,
    weights: readonly bigint[],
    grandTotal: number,
    preferred?: readonly number[]
  ): RoundedTable {
    const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
    const sum = amounts.reduce((total, amount) => total + amount, 0n);
    return roundUnitTable(
      exactUnitTable(
        amounts.map((amount) => weights.map((weight) => amount * weight)),
        amounts.map((amount) => amount * weightSum),
        weights.map((weight) => sum * weight),
        divisor * weightSum,
        grandTotal,
        preferred
      )
    );
  }

  // Divisors on either side of 2^52 (with the weights) and amounts from a few units to far beyond 2^53, so both the
  // float64 path and its BigInt fallback run; equal amounts and equal weights make ties.
  const divisor = fc.oneof(
    fc.bigInt({ min: 1n, max: 20n }),
    fc.bigInt({ min: 1n, max: 2n ** 40n }),
    fc.bigInt({ min: 2n ** 50n, max: 2n ** 70n })
  );
  const weights = fc.oneof(
    fc.integer({ min: 1, max: 8 }).map((years) => Array.from({ length: years }, () => 1n)),
    fc.integer({ min: 1, max: 8 }).map((years) => Array.from({ length: years }, (_, j) => BigInt(years - j))),
    fc.array(fc.bigInt({ min: 0n, max: 2n ** 30n }), { minLength: 1, maxLength: 8 })
  );
  const scenario = fc
    .record({ divisor, weights, rows: fc.integer({ min: 1, max: 40 }), units: fc.integer({ min: 0, max: 10 ** 9 }) })
    .filter(({ weights: w }) => w.some((weight) => weight > 0n))
    .chain(({ divisor: d, weights: w, rows, units }) =>
      fc.record({
        divisor: fc.constant(d),
        weights: fc.constant(w),
        amounts: fc.array(
          fc.oneof(
            fc.constant(BigInt(units) * d),
            fc.bigInt({ min: 0n, max: BigInt(units) * d + d - 1n }),
            fc.bigInt({ min: 0n, max: 3n * d })
          ),
          { minLength: rows, maxLength: rows }
        ),
        prefer: fc.boolean(),
      })
    );

  test("the same rounding as the general table of BigInt numerators, on either path", () => {
    fc.assert(
      fc.property(scenario, ({ divisor: d, weights: w, amounts, prefer }) => {
        const sum = amounts.reduce((total, amount) => total + amount, 0n);
        const grandTotal = Number(sum / d + (2n * (sum % d) >= d ? 1n : 0n));
        const weightSum = w.reduce((total, weight) => total + weight, 0n);
        const preferred = prefer
          ? roundRankOneTable([BigInt(grandTotal)], 1n, w, weightSum, grandTotal).columnTotals
          : undefined;
        expect(roundRankOneTable(amounts, d, w, weightSum, grandTotal, preferred)).toEqual(
          throughGeneralTable(amounts, d, w, grandTotal, preferred)
        );
      }),
      { numRuns: 400 }
    );
  });

  test("the same rounding as the general table for amounts about 2^53, where the float division steps aside", () => {
    const nearSafeLimit = fc
      .record({ divisor: fc.bigInt({ min: 4n, max: 2n ** 40n }), years: fc.integer({ min: 1, max: 6 }) })
      .chain(({ divisor: d, years }) =>
        fc.record({
          divisor: fc.constant(d),
          weights: fc.constant(Array.from({ length: years }, () => 1n)),
          amounts: fc.array(fc.bigInt({ min: 2n ** 53n - 3n * d, max: 2n ** 53n + d }), { minLength: 1, maxLength: 6 }),
        })
      );
    fc.assert(
      fc.property(nearSafeLimit, ({ divisor: d, weights: w, amounts }) => {
        const sum = amounts.reduce((total, amount) => total + amount, 0n);
        // The rounding takes its totals as float64 whole numbers: a table's grand total stays a safe integer (the
        // engine refuses a total of more than 1e15 rounding units), while its cells' numerators pass 2^53.
        fc.pre(sum / d < BigInt(Number.MAX_SAFE_INTEGER));
        const grandTotal = Number(sum / d + (2n * (sum % d) >= d ? 1n : 0n));
        const weightSum = BigInt(w.length);
        expect(roundRankOneTable(amounts, d, w, weightSum, grandTotal)).toEqual(
          throughGeneralTable(amounts, d, w, grandTotal)
        );
      }),
      { numRuns: 300 }
    );
  });
});
