/**
 * The pane's "Goal seek" (the engine's exact solve on the scenario of the controls, with a button that puts the answer
 * into its control) and the explanation of the ally clicked in the preview (the engine's steps). Both read the engine
 * only; the pane computes nothing of its own.
 */
import { Button, Field, Input, Select } from "@fluentui/react-components";
import * as React from "react";
import {
  VARIABLE_PARAMETERS,
  explain,
  fractionText,
  isFairShareError,
  parseVaried,
  plain,
  solve,
  specWith,
  terminates,
  toDecimal,
  type Fraction,
  type ParameterName,
  type ScenarioResult,
  type ScenarioSpec,
  type SolveResult,
} from "../engine";

/** The value, exact and as a decimal: "159699060000/2415652819013 (about 0.066110104376)", or "0.15". */
function valueWords(value: Fraction): string {
  const exact = fractionText(value);
  return terminates(value) ? exact : `${exact} (about ${plain(toDecimal(value), 12)})`;
}

/** The answer in sentences, and the single value to apply (null when there is none to apply exactly). */
export function goalSeekWords(result: SolveResult): { lines: string[]; apply: Fraction | null } {
  const name = result.parameter.label;
  const points = result.equality.filter((range) => fractionText(range.from) === fractionText(range.to));
  const lines: string[] = [];
  if (points.length > 0)
    lines.push(`Holds with equality at ${name} = ${points.map((p) => valueWords(p.from)).join("; ")}.`);
  if (result.holds.length > 0) {
    const ranges = result.holds.map((r) => `${valueWords(r.from)} to ${valueWords(r.to)}`);
    lines.push(`Holds for ${name} from ${ranges.join("; ")}.`);
  } else if (result.nearest !== null) {
    lines.push(
      `No value of ${name} reaches it. Nearest: ${name} = ${valueWords(result.nearest.value)}, where the figure is ` +
        `${plain(toDecimal(result.nearest.figure), 12)}.`
    );
  }
  for (const range of result.infeasible) {
    lines.push(`Infeasible for ${name} from ${valueWords(range.from)} to ${valueWords(range.to)}.`);
  }
  const check = result.checks[0];
  return { lines, apply: points.length > 0 && check?.exact ? points[0].from : null };
}

export function GoalSeekPanel(props: {
  spec: ScenarioSpec | null;
  onApply(name: ParameterName, value: string): void;
}): React.JSX.Element {
  const [target, setTarget] = React.useState("ESP>=3.2bn");
  const [parameter, setParameter] = React.useState<string>("credit");
  const [code, setCode] = React.useState("");
  const [answer, setAnswer] = React.useState<{ result: SolveResult; spec: ScenarioSpec } | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const vary = code.trim() === "" ? parameter : `${parameter}.${code.trim()}`;
  const run = () => {
    if (props.spec === null) return setError("Fix the inputs first: the scenario has an error.");
    try {
      setAnswer({ result: solve({ spec: props.spec, target, vary }), spec: props.spec });
      setError(null);
    } catch (problem) {
      if (!isFairShareError(problem)) throw problem;
      setAnswer(null);
      setError(problem.message);
    }
  };
  const words = answer === null ? null : goalSeekWords(answer.result);
  const apply = () => {
    if (answer === null || words?.apply == null) return;
    const varied = parseVaried(vary);
    const applied = specWith(answer.spec, varied, words.apply);
    props.onApply(varied.name as ParameterName, String(applied[varied.name as ParameterName] ?? ""));
  };
  return (
    <section className="fs-section" id="fs-goal-seek" aria-labelledby="fs-goal-seek-title">
      <h2 id="fs-goal-seek-title">Goal seek</h2>
      <Field label="Target" hint="ESP<=3bn, ESP[2026]<=600m, ESP.share>=8%, overlap<=10bn">
        <Input id="fs-goal-target" value={target} onChange={(_, data) => setTarget(data.value)} />
      </Field>
      <Field label="Vary">
        <Select id="fs-goal-parameter" value={parameter} onChange={(_, data) => setParameter(data.value)}>
          {VARIABLE_PARAMETERS.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      </Field>
      {parameter === "cap" || parameter === "floor" ? (
        <Field label="Of one contributor (code; empty for everyone)">
          <Input id="fs-goal-code" value={code} onChange={(_, data) => setCode(data.value)} />
        </Field>
      ) : null}
      <Button id="fs-goal-solve" appearance="primary" onClick={run}>
        Solve
      </Button>
      <div id="fs-goal-answer" role="status" aria-live="polite">
        {error !== null ? <p className="fs-error">{error}</p> : null}
        {words?.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {words?.apply != null ? (
        <Button id="fs-goal-apply" onClick={apply}>
          Apply {vary} = {fractionText(words.apply)}
        </Button>
      ) : null}
    </section>
  );
}

/** The steps of the clicked ally's amount, from the preview's result. */
export function ExplainPanel(props: { result: ScenarioResult | null; code: string | null }): React.JSX.Element | null {
  const { result, code } = props;
  if (result === null || code === null) return null;
  let explanation;
  try {
    explanation = explain(result, code);
  } catch (problem) {
    if (isFairShareError(problem)) return <p className="fs-error">{problem.message}</p>;
    throw problem;
  }
  return (
    <section className="fs-section" id="fs-explain" aria-labelledby="fs-explain-title">
      <h2 id="fs-explain-title">How {explanation.name}&apos;s amount came about</h2>
      <ol>
        {explanation.steps.map((step) => (
          <li key={step.step} data-step={step.step}>
            <strong>{step.title}.</strong> {step.text}
          </li>
        ))}
      </ol>
      {explanation.sources.length > 0 ? (
        <p className="fs-hint">Sources: {explanation.sources.map((s) => `${s.title} (${s.vintage})`).join("; ")}.</p>
      ) : null}
    </section>
  );
}
