/** Shared by the workbook tests: the sheet a scenario's values describe. */
import type { ParameterName } from "../../src/engine/parameters";
import { runScenario } from "../../src/engine/scenario";
import type { SheetDescription } from "../../src/workbook/description";
import { scenarioSheet } from "../../src/workbook/scenario-sheet";

/** The scenario sheet for these values, with the engine's result for them. */
export function sheetFor(values: Partial<Record<ParameterName, string>>): SheetDescription {
  return scenarioSheet({ values, result: runScenario(values) });
}
