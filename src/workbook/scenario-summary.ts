/**
 * Stored scenarios computed for a summary (the comparison itself is the engine's, src/engine/compare.ts): each on the
 * embedded data, with what cannot be computed reported by row and reason.
 */
import {
  dataVintage,
  embeddedEdition,
  isFairShareError,
  runScenario,
  type ParameterName,
  type ScenarioResult,
  type ScenarioSpec,
} from "../engine";
import type { StoreProblem, StoredRow } from "./scenario-store";

/** The engine's spec of a stored scenario: its parameters' text as the inputs block takes it. */
export function storedSpec(stored: Pick<StoredRow, "parameters">): ScenarioSpec {
  return { ...stored.parameters } as Partial<Record<ParameterName, string>>;
}

export interface ComputedScenarios {
  readonly computed: readonly { readonly stored: StoredRow; readonly result: ScenarioResult }[];
  /** Stored scenarios that cannot be computed here, by row and reason (as the store's own problems). */
  readonly problems: readonly StoreProblem[];
  /** Scenarios stored with another data vintage than the embedded data's: each names both vintages. */
  readonly vintageWarnings: readonly StoreProblem[];
}

/**
 * Computes stored scenarios on the embedded data, the data a stored scenario is computed with when its vintage is
 * the embedded one's. A scenario stored with another vintage is computed too, and warned about, naming both; one that
 * names data of the user's own (`data`) or an instrument file (eu-add @FILE), which the store does not carry, is
 * reported and left out, as is one the engine refuses.
 */
export function computeStored(scenarios: readonly StoredRow[]): ComputedScenarios {
  const current = dataVintage(embeddedEdition());
  const computed: { stored: StoredRow; result: ScenarioResult }[] = [];
  const problems: StoreProblem[] = [];
  const vintageWarnings: StoreProblem[] = [];
  for (const stored of scenarios) {
    const { row, parameters } = stored;
    if (parameters.data !== undefined) {
      problems.push({
        row,
        reason: `"${stored.name}" computes on data of your own (data ${parameters.data}), which the store does not carry`,
      });
      continue;
    }
    if (parameters["eu-add"]?.startsWith("@")) {
      problems.push({
        row,
        reason: `"${stored.name}" reads its added EU instruments from a file (eu-add ${parameters["eu-add"]}), which the store does not carry`,
      });
      continue;
    }
    try {
      computed.push({ stored, result: runScenario(storedSpec(stored)) });
    } catch (error) {
      if (!isFairShareError(error) || error.code === "INTERNAL") throw error;
      problems.push({ row, reason: error.message });
      continue;
    }
    if (stored.vintage !== current) {
      const was = stored.vintage === "" ? "no data vintage" : `the data vintage "${stored.vintage}"`;
      vintageWarnings.push({
        row,
        reason: `"${stored.name}" was stored with ${was}; it is computed here with the embedded data "${current}", which may give other figures`,
      });
    }
  }
  return { computed, problems, vintageWarnings };
}
