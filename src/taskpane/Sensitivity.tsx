/**
 * The Sensitivity view: what to vary and over which values, a line chart of the chosen allies' amounts over them with
 * its table; a tornado of each parameter's low and high effect on one ally's amount. The scenario is the pane's (the
 * Allocate controls above); every figure is the engine's (sensitivity.ts). The sheets are written by the actions.
 */
import { Field, Input } from "@fluentui/react-components";
import * as React from "react";
import type { Edition } from "../engine";
import type { Values } from "./controls";
import {
  evaluateSweep,
  evaluateTornado,
  type SensitivityField,
  type SensitivitySettings,
  type SweepView,
  type TornadoView,
} from "./sensitivity";

const WIDTH = 280;
const HEIGHT = 140;
const MARGIN = 6;
/** One stroke class per charted ally, in turn. */
const SERIES_CLASSES = ["fs-line-a", "fs-line-b", "fs-line-c", "fs-line-d"];

export function SensitivityPanel(props: {
  readonly values: Values;
  readonly edition: Edition;
  readonly settings: SensitivitySettings;
  onChange(settings: SensitivitySettings): void;
}): React.JSX.Element {
  const { values, edition, settings, onChange } = props;
  const [views, setViews] = React.useState<{
    sweep: ReturnType<typeof evaluateSweep>;
    tornado: ReturnType<typeof evaluateTornado>;
  } | null>(null);
  React.useEffect(() => {
    // After the keystrokes settle: a sweep runs the engine once per value.
    const timer = window.setTimeout(
      () =>
        setViews({
          sweep: evaluateSweep(values, settings, edition),
          tornado: evaluateTornado(values, settings, edition),
        }),
      120
    );
    return () => window.clearTimeout(timer);
  }, [values, settings, edition]);

  const errorFor = (field: SensitivityField): string | undefined => {
    const messages = [views?.sweep, views?.tornado]
      .filter((view) => view !== undefined && !view.ok && view.field === field)
      .map((view) => (view as { message: string }).message);
    return messages.length === 0 ? undefined : messages[0];
  };
  const field = (name: keyof SensitivitySettings, label: string, hint: string) => {
    const error = errorFor(name);
    return (
      <Field
        label={label}
        hint={hint}
        validationMessage={error}
        validationState={error === undefined ? "none" : "error"}
      >
        <Input
          id={`fs-sensitivity-${name}`}
          value={settings[name]}
          onChange={(_, data) => onChange({ ...settings, [name]: data.value })}
        />
      </Field>
    );
  };
  const scenarioError = errorFor("scenario");
  return (
    <section aria-labelledby="sensitivity-heading" className="fs-preview" id="fs-sensitivity">
      <h2 id="sensitivity-heading">Sensitivity</h2>
      {scenarioError === undefined ? null : (
        <p className="fs-error" role="alert">
          {scenarioError}
        </p>
      )}
      <h3>Sweep</h3>
      {field(
        "parameter",
        "Parameter",
        "Its name as in the inputs block: credit, total, max-pct-gdp, gdp-year, exempt, or cap.USA, key.DEU."
      )}
      {field("values", "Values", "FROM..TO:STEP (0..1:0.05), or a list: 2023,2024 or none,HUN,HUN+SVK.")}
      {field("allies", "Allies", "Codes of the allies to chart: ESP,ITA.")}
      {views?.sweep.ok ? <SweepChart view={views.sweep} parameter={settings.parameter} /> : null}
      <h3>Tornado</h3>
      {field(
        "ranges",
        "Ranges",
        'Each parameter\'s low and high value: "credit=0..1; cap.USA=0.3..0.5; gdp-year=2023,2024".'
      )}
      {field("ally", "Ally", "The ally whose amount the bars show: ESP.")}
      {views?.tornado.ok ? <TornadoChart view={views.tornado} /> : null}
    </section>
  );
}

function SweepChart(props: { view: SweepView; parameter: string }): React.JSX.Element {
  const { view, parameter } = props;
  const count = view.rows.length;
  const x = (index: number): number => MARGIN + (count <= 1 ? 0.5 : index / (count - 1)) * (WIDTH - 2 * MARGIN);
  const y = (height: number): number => HEIGHT - MARGIN - height * (HEIGHT - 2 * MARGIN);
  return (
    <>
      <svg
        id="fs-sweep-chart"
        className="fs-chart"
        role="img"
        aria-label={`Line chart of ${view.allies.join(", ")} by ${parameter}, from ${view.low} to ${view.high} million`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
      >
        {view.series.map((series, position) => (
          <polyline
            key={series.code}
            className={SERIES_CLASSES[position % SERIES_CLASSES.length]}
            fill="none"
            points={series.points
              .map((point, index) => (point === null ? null : `${x(index).toFixed(1)},${y(point).toFixed(1)}`))
              .filter((point) => point !== null)
              .join(" ")}
          />
        ))}
      </svg>
      <p className="fs-chart-note">
        {view.allies.join(", ")} from {view.low} to {view.high} million; {parameter} from {view.rows[0]?.value} to{" "}
        {view.rows[view.rows.length - 1]?.value}.
      </p>
      <div className="fs-table-wide" tabIndex={0} role="region" aria-label="Sweep table">
        <table className="fs-table" id="fs-sweep-table">
          <thead>
            <tr>
              <th scope="col">{parameter}</th>
              {view.allies.map((code) => (
                <th key={code} scope="col">
                  {code}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row, index) => (
              <tr key={index} title={row.note === "" ? undefined : row.note}>
                <th scope="row">{row.value}</th>
                {row.amounts.map((amount, column) => (
                  <td key={column}>{amount}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

const BAR = 16;
const LABEL = 80;

function TornadoChart(props: { view: TornadoView }): React.JSX.Element {
  const { view } = props;
  const middle = LABEL + (WIDTH - LABEL) / 2;
  const half = (WIDTH - LABEL) / 2 - 2;
  const bar = (fraction: number | null, className: string) =>
    fraction === null ? null : (
      <rect
        x={fraction < 0 ? middle + fraction * half : middle}
        y={0}
        width={Math.max(1, Math.abs(fraction) * half)}
        height={BAR}
        className={className}
      />
    );
  const height = view.bars.length * (BAR + 4);
  return (
    <>
      <svg
        id="fs-tornado-chart"
        className="fs-chart"
        role="img"
        aria-label={`Tornado chart of ${view.ally}'s amount: ${view.bars
          .map(
            (entry) => `${entry.name} ${entry.lowEffect ?? "infeasible"} to ${entry.highEffect ?? "infeasible"} million`
          )
          .join("; ")}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        height={height}
      >
        {view.bars.map((entry, index) => (
          <g key={entry.name} transform={`translate(0 ${index * (BAR + 4)})`}>
            <text x={0} y={BAR - 4} className="fs-chart-label">
              {entry.name}
            </text>
            {bar(entry.lowFraction, "fs-chart-bar-delivered")}
            {bar(entry.highFraction, "fs-chart-bar")}
          </g>
        ))}
      </svg>
      <div className="fs-table-wide" tabIndex={0} role="region" aria-label="Tornado table">
        <table className="fs-table" id="fs-tornado-table">
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Low</th>
              <th scope="col">High</th>
              <th scope="col">Effect low</th>
              <th scope="col">Effect high</th>
              <th scope="col">Swing</th>
            </tr>
          </thead>
          <tbody>
            {view.bars.map((entry) => (
              <tr key={entry.name} title={entry.note === "" ? undefined : entry.note}>
                <th scope="row">{entry.name}</th>
                <td>{entry.low}</td>
                <td>{entry.high}</td>
                <td>{entry.lowEffect ?? "-"}</td>
                <td>{entry.highEffect ?? "-"}</td>
                <td>{entry.swing ?? "-"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="fs-chart-note">
        {view.ally}: {view.base} million in the scenario above; effects are the change at each end, in millions.
      </p>
    </>
  );
}
