/** A store of named scenarios for the summary tests: rows the store's writer makes, on the embedded data's vintage. */
import { dataVintage, embeddedEdition } from "../../src/engine";
import { storeHeader, storeRow } from "../../src/workbook/scenario-store";

/** Three scenarios that differ in exemption, credit, cap, total and unit. */
export const THREE_SCENARIOS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Default: {},
  "Hungary exempt": { exempt: "HUN", credit: "50%" },
  "US capped at 40%": { cap: "USA=40%", total: "120bn", unit: "100k" },
};

/** The store's grid (header first) of the scenarios, each stored with `vintage(name)` (the embedded one by default). */
export function storeGrid(
  scenarios: Readonly<Record<string, Readonly<Record<string, string>>>> = THREE_SCENARIOS,
  vintage: (name: string) => string = () => dataVintage(embeddedEdition())
): string[][] {
  const header = storeHeader();
  return [
    header,
    ...Object.entries(scenarios).map(
      ([name, parameters]) =>
        storeRow(
          {
            name,
            comment: `about ${name}`,
            parameters,
            created: "2026-12-01T09:00:00Z",
            modified: "2026-12-01T09:00:00Z",
            author: "",
            vintage: vintage(name),
          },
          header
        ) as string[]
    ),
  ];
}
