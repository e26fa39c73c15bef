import { readInputsBlock } from "../../src/functions/inputs";
import { parametersFor } from "../../src/engine/parameters";
import { cellAddress, columnLetters, parseAddress } from "../../src/workbook/description";
import { INPUTS_BLOCK_NAME, inputsBlock } from "../../src/workbook/inputs-block";

/** The parameters an allocation's inputs block lists. */
const ALLOCATE_PARAMETERS = parametersFor("allocate");

describe("sheet addresses", () => {
  test.each([
    [1, "A"],
    [26, "Z"],
    [27, "AA"],
    [52, "AZ"],
    [703, "AAA"],
  ])("column %i is %s and back", (column, letters) => {
    expect(columnLetters(column)).toBe(letters);
    expect(parseAddress(`$${letters}$7`)).toEqual({ row: 7, column });
  });

  test("a bad address is refused", () => {
    expect(() => parseAddress("7B")).toThrow(/not an A1 cell address/);
    expect(() => columnLetters(0)).toThrow(RangeError);
  });
});

describe("inputs block", () => {
  const block = inputsBlock({ row: 4, column: 1, values: { total: "40bn", exempt: "HUN" } });

  test("one labelled row per parameter, named, inside the block's range", () => {
    expect(block.range).toBe(`A4:B${3 + ALLOCATE_PARAMETERS.length}`);
    expect(block.valueCell.total).toBe("B4");
    expect(block.names).toContainEqual({ name: "fs.usd_per_eur", range: block.valueCell["usd-per-eur"] });
    expect(block.names.find((n) => n.name === INPUTS_BLOCK_NAME)?.range).toBe(block.range);
    expect(block.nextRow).toBe(4 + ALLOCATE_PARAMETERS.length);
  });

  test("the functions read the block back as the scenario it was built from", () => {
    const byAddress = new Map(block.cells.map((cell) => [cell.address, cell.value ?? null]));
    const rows = ALLOCATE_PARAMETERS.map((_, index) => [
      byAddress.get(cellAddress(4 + index, 1)),
      byAddress.get(cellAddress(4 + index, 2)),
    ]);
    const read = readInputsBlock(rows);
    expect(Object.fromEntries(read)).toEqual({ total: "40bn", exempt: "HUN" });
  });
});
