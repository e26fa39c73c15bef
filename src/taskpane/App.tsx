/**
 * The task pane: scenario controls on the left of the reader's eye, a live preview below them, and the workbook
 * actions. Works outside Excel as a calculator (the actions say they need Excel). Every number comes from the engine
 * through model.ts; every workbook change goes through the Office adapter, one Excel.run per click.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Checkbox,
  Field,
  FluentProvider,
  Input,
  Select,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import * as React from "react";
import { type ParameterName, type ScenarioSpec, isFairShareError } from "../engine";
import { readInputsBlock } from "../functions/inputs";
import {
  WorkbookActionError,
  insertSheet,
  readActiveInputs,
  readSelection,
  updateActiveSheet,
  workbookCreator,
  type ExcelLike,
} from "../workbook/office";
import { scenarioSheet } from "../workbook/scenario-sheet";
import {
  ALLY_OPTIONS,
  CONTROLS,
  EMPTY_VALUES,
  EU_INSTRUMENT_OPTIONS,
  EU_STATE_OPTIONS,
  GROUPS,
  instrumentsValue,
  listCodes,
  selectedInstruments,
  type ControlSpec,
  type Values,
} from "./controls";
import { evaluate, preview, type Outcome } from "./model";
import { PRESETS } from "./presets";
import { PreviewPanel } from "./Preview";

/** Where the pane runs, once known. `excel` is null outside Excel (or before office.js answered). */
export interface HostState {
  readonly status: "connecting" | "excel" | "outside";
  readonly excel: ExcelLike | null;
  readonly dark: boolean;
}

/** Time from the last keystroke to the preview's recalculation. */
const PREVIEW_DEBOUNCE_MS = 40;

/** One click's work in the workbook; resolves with what to tell the user. */
interface WorkbookAction {
  (excel: ExcelLike): Promise<string>;
}

/** One click's work that also runs outside Excel (excel is then null). */
interface AnyHostAction {
  (excel: ExcelLike | null): Promise<string>;
}

interface Computed {
  readonly outcome: Outcome;
  /** The last result without an input error, shown (marked not current) while the inputs have one. */
  readonly lastValid: Extract<Outcome, { ok: true }> | null;
  readonly revision: number;
}

function compute(values: Values, previous: Computed | null): Computed {
  const outcome = evaluate(values);
  return {
    outcome,
    lastValid: outcome.ok ? outcome : (previous?.lastValid ?? null),
    revision: (previous?.revision ?? 0) + 1,
  };
}

export function App(props: { host: HostState }): React.JSX.Element {
  const { host } = props;
  const [values, setValues] = React.useState<Values>(EMPTY_VALUES);
  const [computed, setComputed] = React.useState<Computed>(() => compute(EMPTY_VALUES, null));
  const [presetId, setPresetId] = React.useState<string>(PRESETS[0].id);
  const [action, setAction] = React.useState<{ kind: "info" | "error"; text: string } | null>(null);
  const [busy, setBusy] = React.useState(false);
  const first = React.useRef(true);

  React.useEffect(() => {
    if (first.current) {
      first.current = false;
      return undefined;
    }
    const timer = window.setTimeout(() => setComputed((previous) => compute(values, previous)), PREVIEW_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [values]);

  const set = React.useCallback((name: ParameterName, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
  }, []);

  const applyPreset = (id: string) => {
    const preset = PRESETS.find((candidate) => candidate.id === id);
    if (preset === undefined) return;
    setPresetId(id);
    setValues({ ...EMPTY_VALUES, ...preset.values });
  };

  const { outcome } = computed;
  const errorFor = (name: ParameterName): string | undefined =>
    !outcome.ok && outcome.control === name ? outcome.message : undefined;
  const generalError = !outcome.ok && outcome.control === undefined ? outcome.message : undefined;
  const preset = PRESETS.find((candidate) => candidate.id === presetId);

  /** Runs one action; its outcome is announced beside the actions. */
  const runAnywhere = async (label: string, work: AnyHostAction) => {
    setBusy(true);
    setAction({ kind: "info", text: `${label}…` });
    try {
      setAction({ kind: "info", text: await work(host.excel) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setAction({
        kind: "error",
        // The user's own problems (the catalogue's messages, the workbook's) as they are; anything else as a failure.
        text: error instanceof WorkbookActionError || isFairShareError(error) ? message : `${label} failed: ${message}`,
      });
    } finally {
      setBusy(false);
    }
  };
  /** Runs one workbook action (only in Excel). */
  const run = (label: string, work: WorkbookAction) =>
    runAnywhere(label, async (excel) => {
      if (excel === null) throw new WorkbookActionError(`${label} needs Excel: open Fair Share from Excel.`);
      return work(excel);
    });

  // The sheet is written from the current values, and only when they are valid (never from a stale preview).
  const validCurrent = (what: string) => {
    if (!outcome.ok) {
      throw new WorkbookActionError(
        `Fix the marked input first (${outcome.message}): the ${what} is written from valid inputs only.`
      );
    }
    return outcome;
  };
  const describe = () => {
    const valid = validCurrent("sheet");
    return scenarioSheet({ values: valid.given, result: valid.result });
  };
  const actions: { id: string; label: string; onClick: () => void; outsideExcel?: boolean }[] = [
    {
      id: "insert",
      label: "Insert scenario sheet",
      onClick: () =>
        run("Insert scenario sheet", async (excel) => `Inserted sheet "${await insertSheet(excel, describe())}".`),
    },
    {
      id: "update",
      label: "Update sheet",
      onClick: () =>
        run("Update sheet", async (excel) => `Updated sheet "${await updateActiveSheet(excel, describe())}".`),
    },
    {
      id: "load",
      label: "Load from sheet",
      onClick: () =>
        run("Load from sheet", async (excel) => {
          const read = await readActiveInputs(excel);
          const loaded: Record<string, string> = { ...EMPTY_VALUES };
          for (const [name, value] of readInputsBlock(read.rows))
            loaded[name] = value === null || value === undefined ? "" : String(value);
          setValues(loaded as Values);
          return `Loaded the inputs of sheet "${read.sheet}".`;
        }),
    },
    {
      // A classic-formula .xlsx for people without the add-in: a new workbook in Excel, a download outside it.
      id: "portable",
      label: "Open portable copy",
      outsideExcel: true,
      onClick: () =>
        runAnywhere("Open portable copy", async (excel) => {
          const spec = validCurrent("portable copy").given as ScenarioSpec;
          // Its own chunk, fetched on the first press: the .xlsx writer stays out of the pane's first load.
          const { openPortable } = await import(/* webpackChunkName: "portable" */ "./portable-action");
          return openPortable(spec, workbookCreator(excel));
        }),
    },
  ];

  const keyFromSelection = () =>
    run("Use selection as key", async (excel) => {
      const rows = await readSelection(excel);
      const pairs = rows
        .filter((row) => String(row[0] ?? "").trim() !== "")
        .map((row) => `${String(row[0]).trim()}=${String(row[1] ?? "").trim()}`);
      set("key", pairs.join(","));
      return `Key set from the selection (${pairs.length} contributors).`;
    });

  return (
    <FluentProvider theme={host.dark ? webDarkTheme : webLightTheme} className="fs-root">
      <header className="fs-header">
        <h1>Fair Share</h1>
        <p className="fs-status" role="status" aria-live="polite" data-host={host.status}>
          {host.status === "connecting"
            ? "Connecting to Excel…"
            : host.status === "excel"
              ? "Connected to Excel: the actions below write scenario sheets."
              : "Not running in Excel: this page works as a calculator. Open Fair Share from Excel's Home tab to write scenario sheets."}
        </p>
      </header>
      <main className="fs-main">
        <section aria-labelledby="presets-heading">
          <h2 id="presets-heading">Scenario</h2>
          <Field label="Preset" hint={preset?.source}>
            <Select id="fs-preset" value={presetId} onChange={(_, data) => applyPreset(data.value)}>
              {PRESETS.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.title}
                </option>
              ))}
            </Select>
          </Field>
        </section>
        <Accordion multiple collapsible defaultOpenItems={["pledge", "method"]}>
          {GROUPS.map((group) => {
            const shown = CONTROLS.filter((control) => control.group === group.id && control.applies(values));
            const hasError = shown.some((control) => errorFor(control.name) !== undefined);
            return (
              <AccordionItem value={group.id} key={group.id}>
                <AccordionHeader as="h3">
                  {group.title}
                  {hasError ? " (check the marked input)" : ""}
                </AccordionHeader>
                <AccordionPanel>
                  {shown.map((control) => (
                    <ParameterControl
                      key={control.name}
                      control={control}
                      value={values[control.name]}
                      error={errorFor(control.name)}
                      onChange={set}
                      onKeyFromSelection={host.excel !== null && control.name === "key" ? keyFromSelection : undefined}
                    />
                  ))}
                </AccordionPanel>
              </AccordionItem>
            );
          })}
        </Accordion>
        <section aria-labelledby="actions-heading" className="fs-actions">
          <h2 id="actions-heading">In your workbook</h2>
          {host.excel === null ? (
            <p id="fs-actions-need-excel" className="fs-hint">
              These actions need Excel: open Fair Share from Excel to use them. Open portable copy downloads the file.
            </p>
          ) : null}
          <div className="fs-action-buttons">
            {actions.map((item) => (
              <Button
                key={item.id}
                id={`fs-action-${item.id}`}
                appearance={item.id === "insert" ? "primary" : "secondary"}
                disabled={busy || (item.outsideExcel ? host.status === "connecting" : host.excel === null)}
                aria-describedby={host.excel === null && !item.outsideExcel ? "fs-actions-need-excel" : undefined}
                onClick={item.onClick}
              >
                {item.label}
              </Button>
            ))}
          </div>
          <p
            id="fs-action-result"
            role="status"
            aria-live="polite"
            className={action?.kind === "error" ? "fs-error" : "fs-hint"}
          >
            {action?.text ?? ""}
          </p>
        </section>
        <PreviewPanel
          revision={computed.revision}
          preview={computed.lastValid === null ? null : preview(computed.lastValid.result)}
          current={outcome.ok}
          generalError={generalError}
        />
      </main>
    </FluentProvider>
  );
}

interface ControlProps {
  readonly control: ControlSpec;
  readonly value: string;
  readonly error: string | undefined;
  onChange(name: ParameterName, value: string): void;
  readonly onKeyFromSelection?: () => void;
}

const ParameterControl = React.memo(function ParameterControl(props: ControlProps): React.JSX.Element {
  const { control, value, error, onChange } = props;
  const id = `fs-${control.name}`;
  const hint = control.defaultText === "" ? control.help : `${control.help} Default: ${control.defaultText}.`;
  const validation = {
    validationMessage: error,
    validationState: error === undefined ? ("none" as const) : ("error" as const),
  };
  switch (control.kind) {
    case "choice":
      return (
        <Field label={control.label} hint={hint} {...validation}>
          <Select
            id={id}
            value={value === "" ? control.defaultText : value}
            onChange={(_, data) => onChange(control.name, data.value === control.defaultText ? "" : data.value)}
          >
            {(control.choices ?? []).map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </Select>
        </Field>
      );
    case "profile": {
      // The schema's words (its first is the default), then custom weights, which the box below the list edits.
      const words = control.choices ?? [];
      const word = value.trim().toLowerCase();
      const mode = word === "" ? control.defaultText : words.includes(word) ? word : "custom";
      return (
        <>
          <Field label={control.label} hint={hint} {...(mode === "custom" ? {} : validation)}>
            <Select
              id={id}
              value={mode}
              onChange={(_, data) =>
                onChange(
                  control.name,
                  data.value === control.defaultText ? "" : data.value === "custom" ? "1,1,1,1,1" : data.value
                )
              }
            >
              {words.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
              <option value="custom">custom weights</option>
            </Select>
          </Field>
          {mode === "custom" ? (
            <Field label={`${control.label} weights, one per year`} {...validation}>
              <Input id={`${id}-weights`} value={value} onChange={(_, data) => onChange(control.name, data.value)} />
            </Field>
          ) : null}
        </>
      );
    }
    case "allies":
    case "eu-states":
    case "eu-instruments":
      return <Checklist {...props} id={id} hint={hint} />;
    case "number":
      // A numeric box bounded by the schema's valid range; out-of-range text still reaches the engine, whose message
      // says what to enter.
      return (
        <Field label={control.label} hint={hint} {...validation}>
          <Input
            id={id}
            type="number"
            inputMode="numeric"
            min={control.min}
            max={control.max}
            step={1}
            value={value}
            placeholder={control.placeholder}
            onChange={(_, data) => onChange(control.name, data.value)}
          />
        </Field>
      );
    default:
      return (
        <Field label={control.label} hint={hint} {...validation}>
          <Input
            id={id}
            value={value}
            placeholder={control.placeholder}
            onChange={(_, data) => onChange(control.name, data.value)}
            contentAfter={
              props.onKeyFromSelection ? (
                <Button size="small" appearance="transparent" onClick={props.onKeyFromSelection}>
                  Use selection
                </Button>
              ) : undefined
            }
          />
        </Field>
      );
  }
});

/** A list of codes as checkboxes in a fieldset; the parameter's message is tied to the group by aria-describedby. */
function Checklist(props: ControlProps & { id: string; hint: string }): React.JSX.Element {
  const { control, value, error, onChange, id, hint } = props;
  const instruments = control.kind === "eu-instruments";
  const options = instruments ? EU_INSTRUMENT_OPTIONS : control.kind === "eu-states" ? EU_STATE_OPTIONS : ALLY_OPTIONS;
  const checked = new Set(instruments ? selectedInstruments(value) : listCodes(value));
  const toggle = (code: string, on: boolean) => {
    const next = options
      .map((option) => option.code)
      .filter((candidate) => (candidate === code ? on : checked.has(candidate)));
    onChange(control.name, instruments ? instrumentsValue(next) : next.join(","));
  };
  const described = [`${id}-hint`, error === undefined ? null : `${id}-error`].filter(Boolean).join(" ");
  return (
    <fieldset
      className="fs-checklist"
      id={id}
      aria-describedby={described}
      aria-invalid={error !== undefined || undefined}
    >
      <legend>{control.label}</legend>
      <p id={`${id}-hint`} className="fs-hint">
        {hint}
      </p>
      {error !== undefined ? (
        <p id={`${id}-error`} className="fs-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className={instruments ? "fs-checklist-items fs-checklist-wide" : "fs-checklist-items"}>
        {options.map((option) => (
          <Checkbox
            key={option.code}
            id={`${id}-${option.code}`}
            checked={checked.has(option.code)}
            onChange={(_, data) => toggle(option.code, data.checked === true)}
            label={"detail" in option ? `${option.label}: ${String(option.detail)}` : option.label}
          />
        ))}
      </div>
    </fieldset>
  );
}
