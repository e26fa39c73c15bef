/**
 * Setting one numeric parameter of a scenario to a value: what the goal seek varies. Two forms of the same step: on the
 * request (fast, for the many exact evaluations of a search: the scenario is resolved once) and on the spec (what a
 * user would type, for the check at the answer through runScenario).
 */
import type { AllocationRequest, ContributorInput } from "./allocate";
import { Dec } from "./decimal";
import { fail } from "./errors";
import { fraction, fractionText, fromDec, terminates, toDecimal, type Fraction } from "./fraction";
import { parameter } from "./parameters";
import { isBlank } from "./parse";
import type { Scenario, ScenarioSpec } from "./scenario";

/** The numeric parameters a goal seek can vary; cap and floor also one contributor's (cap.USA). */
export const VARIABLE_PARAMETERS = [
  "credit",
  "total",
  "cap",
  "floor",
  "max-pct-gdp",
  "pct-gdp",
  "overlap-threshold",
] as const;
export type VariableName = (typeof VARIABLE_PARAMETERS)[number];

export interface VariedParameter {
  readonly name: VariableName;
  /** For cap and floor: one contributor's limit (cap.USA), or null for everyone's. */
  readonly code: string | null;
  /** "credit", "cap.USA": as the user wrote it (code upper-cased). */
  readonly label: string;
}

/** "credit", "cap.USA", "floor.DEU": the parameter to vary. */
export function parseVaried(text: string, argument = "vary"): VariedParameter {
  const [rawName, rawCode, ...more] = text.trim().split(".");
  const name = rawName.toLowerCase() as VariableName;
  if (!VARIABLE_PARAMETERS.includes(name) || more.length > 0) {
    return fail("UNKNOWN_CHOICE", argument, {
      value: text,
      choices: `${VARIABLE_PARAMETERS.join(", ")}, or cap.CODE or floor.CODE (cap.USA)`,
    });
  }
  if (rawCode !== undefined && name !== "cap" && name !== "floor") {
    fail("BAD_FORMAT", argument, { value: text, form: "a parameter, or cap.CODE or floor.CODE", example: "cap.USA" });
  }
  const code = rawCode === undefined ? null : rawCode.trim().toUpperCase();
  return { name, code, label: code === null ? name : `${name}.${code}` };
}

/** The range a value of the parameter may take, ends included (an excluded 0 becomes the smallest value allowed). */
export function parameterRange(varied: VariedParameter, scenario: Scenario): { from: Fraction; to: Fraction } {
  if (varied.name === "total") {
    return { from: fromDec(scenario.unit), to: fromDec(new Dec(parameter("total").valid?.max ?? "1e15")) };
  }
  const valid = parameter(varied.name).valid ?? { min: "0", max: "1" };
  // A ratio closer to 0 than 1e-9 is refused (parameters.ts): the smallest value other than 0.
  const low = valid.minExclusive ? fraction(1n, 1_000_000_000n) : fromDec(new Dec(valid.min));
  return { from: low, to: fromDec(new Dec(valid.max)) };
}

/** Whether a value can be given to the parameter exactly: credit takes any fraction; the others finite decimals. */
export function takesExactly(varied: VariedParameter, value: Fraction): boolean {
  return varied.name === "credit" || terminates(value);
}

/**
 * The value as the parameter takes it: a decimal, or a/b for a credit with no finite decimal. Shares of GDP are
 * written in percent (0.05 of GDP as a bare number would be refused as a likely slip for 5%).
 */
export function valueText(varied: VariedParameter, value: Fraction): string {
  const ofGdp = varied.name === "pct-gdp" || varied.name === "max-pct-gdp";
  if (ofGdp) return `${toDecimal(value).times(100).toFixed()}%`;
  if (terminates(value)) return toDecimal(value).toFixed();
  return varied.name === "credit" ? fractionText(value) : toDecimal(value).toFixed();
}

/** The request with the parameter set to the value (a probe of the search; the scenario resolved once). */
export function requestWith(
  request: AllocationRequest,
  varied: VariedParameter,
  value: Fraction,
  exempt: (code: string) => boolean
): AllocationRequest {
  const decimal = (): Dec => toDecimal(value);
  switch (varied.name) {
    case "credit":
      return { ...request, credit: decimal(), exactCredit: value };
    case "total":
      // The exact amounts do not depend on the unit: one unit of the whole total keeps any total whole.
      return { ...request, amount: { kind: "total", total: decimal() }, unit: decimal() };
    case "pct-gdp":
      return { ...request, amount: { kind: "shareOfGdp", share: decimal() } };
    case "max-pct-gdp":
      return { ...request, maxShareOfGdpPerYear: decimal() };
    case "overlap-threshold":
      return request;
    case "cap":
    case "floor": {
      const key = varied.name === "cap" ? "maxShare" : "minShare";
      const share = decimal();
      const contributors = request.contributors.map((c): ContributorInput => {
        if (varied.code === null ? exempt(c.code) : c.code !== varied.code) return c;
        return { ...c, [key]: share };
      });
      return { ...request, contributors };
    }
  }
}

/** The spec with the parameter set to the value, as a user would type it (for the check through runScenario). */
export function specWith(spec: ScenarioSpec, varied: VariedParameter, value: Fraction): ScenarioSpec {
  const text = valueText(varied, value);
  if (varied.name === "total") {
    // The total replaces a per-year amount: varying the total varies the pledge.
    const rest: ScenarioSpec = { ...spec };
    delete (rest as Record<string, unknown>)["per-year"];
    return { ...rest, total: text };
  }
  if ((varied.name === "cap" || varied.name === "floor") && varied.code !== null) {
    return { ...spec, [varied.name]: withCodeValue(spec[varied.name], varied, text) };
  }
  return { ...spec, [varied.name]: text };
}

/** "USA=40%, DEU=30%" with one code's value replaced or added; a value for everyone cannot take one code's. */
function withCodeValue(current: unknown, varied: VariedParameter, text: string): string {
  const code = varied.code as string;
  if (isBlank(current as string | null | undefined)) return `${code}=${text}`;
  const given = String(current);
  if (!/[=:]/.test(given)) {
    return fail("NOT_ALLOWED", "vary", {
      when: `as ${varied.label} while ${varied.name} is ${given} for everyone`,
      fix: `Vary ${varied.name}, or give ${varied.name} per contributor (${code}=${given}, ...).`,
    });
  }
  const pairs = given
    .split(/[,;]/)
    .map((pair) => pair.trim())
    .filter((pair) => pair !== "" && pair.split(/[=:]/)[0].trim().toUpperCase() !== code);
  return [...pairs, `${code}=${text}`].join(", ");
}

/**
 * The spec a search starts from: the parameter given a value where the scenario needs one to load what it uses (a GDP
 * for max-pct-gdp, the method for pct-gdp) and was left empty.
 */
export function startSpec(spec: ScenarioSpec, varied: VariedParameter): ScenarioSpec {
  if (varied.name === "max-pct-gdp" && isBlank(spec["max-pct-gdp"])) return { ...spec, "max-pct-gdp": "100%" };
  if (varied.name === "pct-gdp" && isBlank(spec["pct-gdp"])) {
    return { ...spec, method: "pct-gdp", "pct-gdp": "0.25%" };
  }
  // With no credit the aid is not loaded: start at a credit of 1, the range's end.
  if (varied.name === "credit" && (isBlank(spec.credit) || /^\s*0*(\.0*)?\s*%?\s*$/.test(String(spec.credit)))) {
    return { ...spec, credit: "1" };
  }
  return spec;
}
