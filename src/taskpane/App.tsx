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
  ToggleButton,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import * as React from "react";
import {
  type DataText,
  type Edition,
  type ParameterName,
  type ScenarioSpec,
  dataVintage,
  embeddedEdition,
  isBlank,
  isFairShareError,
  readEdition,
} from "../engine";
import { editionOfValue, editionText } from "../functions/edition";
import { readInputsBlock, useOfInputsBlock } from "../functions/inputs";
import { DATA_SHEET_NAME, DATA_SHEET_RANGE, dataSheet, dataSheetValues } from "../workbook/data-sheet";
import {
  WorkbookActionError,
  insertSheet,
  readActiveInputs,
  readSelection,
  readSheetRange,
  updateActiveSheet,
  workbookCreator,
  writeDataSheet,
  type ExcelLike,
} from "../workbook/office";
import { scenarioSheet } from "../workbook/scenario-sheet";
import type { StoredScenario } from "../workbook/scenario-store";
import { trackSheet } from "../workbook/track-sheet";
import {
  ALLY_OPTIONS,
  CONTROLS,
  controlForArgument,
  EMPTY_VALUES,
  EU_STATE_OPTIONS,
  groupsFor,
  instrumentOptions,
  instrumentsValue,
  isOn,
  listCodes,
  selectedInstruments,
  controlsOf,
  type ControlSpec,
  type Values,
  type View,
} from "./controls";
import { DataSection } from "./DataSection";
import { evaluate, evaluateTrack, givenValues, preview, trackPreview, type Outcome, type TrackOutcome } from "./model";
import { PRESETS, TRACK_PRESETS, type Preset } from "./presets";
import { PreviewPanel, TrackPreviewPanel } from "./Preview";
import { ExplainPanel, GoalSeekPanel } from "./GoalSeek";
import { RepairFormulas } from "./RepairFormulas";
import { ScenariosSection } from "./ScenariosSection";
import { DEFAULT_SENSITIVITY, type SensitivitySettings } from "./sensitivity-settings";

// The Sensitivity view (and the sweep it runs) loads when it is first shown, not with the pane.
const SensitivityPanel = React.lazy(() =>
  import("./Sensitivity").then((module) => ({ default: module.SensitivityPanel }))
);

/** Where the pane runs, once known. `excel` is null outside Excel (or before office.js answered). */
export interface HostState {
  readonly status: "connecting" | "excel" | "outside";
  readonly excel: ExcelLike | null;
  readonly dark: boolean;
}

/**
 * An action refused because an input is wrong: the control it names (none for a problem of the scenario as a whole),
 * so that its message goes once the input is corrected.
 */
class InputActionError extends WorkbookActionError {
  constructor(
    message: string,
    readonly control: ParameterName | undefined
  ) {
    super(message);
  }
}

/** What an action said; an error about an input names it, with the value it had, and goes when that is corrected. */
interface ActionStatus {
  readonly kind: "info" | "error";
  readonly text: string;
  readonly about?: { readonly control: ParameterName | undefined; readonly value: string | undefined };
}

/** The input an action's error is about: the marked input it says to fix, or the parameter the engine named. */
function inputOfError(error: unknown, values: Values): ActionStatus["about"] {
  const control =
    error instanceof InputActionError
      ? error.control
      : isFairShareError(error)
        ? controlForArgument(error.argument)
        : null;
  if (control === null) return undefined;
  return { control, value: control === undefined ? undefined : values[control] };
}

/**
 * Whether an action's error still holds: its input keeps its value or still has an error (a problem of the scenario
 * as a whole holds while the inputs have one with no control).
 */
function actionErrorHolds(about: NonNullable<ActionStatus["about"]>, values: Values, outcome: Outcome | TrackOutcome) {
  if (about.control === undefined) return !outcome.ok && outcome.control === undefined;
  return values[about.control] === about.value || (!outcome.ok && outcome.control === about.control);
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

function compute(values: Values, edition: Edition, previous: Computed | null): Computed {
  const outcome = evaluate(values, edition);
  return {
    outcome,
    lastValid: outcome.ok ? outcome : (previous?.lastValid ?? null),
    revision: (previous?.revision ?? 0) + 1,
  };
}

/** The track view's result, as Computed is the allocation's. */
interface TrackComputed {
  readonly outcome: TrackOutcome;
  readonly lastValid: Extract<TrackOutcome, { ok: true }> | null;
  readonly revision: number;
}

function computeTrack(values: Values, edition: Edition, previous: TrackComputed | null): TrackComputed {
  const outcome = evaluateTrack(values, edition);
  return {
    outcome,
    lastValid: outcome.ok ? outcome : (previous?.lastValid ?? null),
    revision: (previous?.revision ?? 0) + 1,
  };
}

/** Each view's presets; the first is what a view opens with. */
const VIEW_PRESETS: Readonly<Record<View, readonly Preset[]>> = { allocate: PRESETS, track: TRACK_PRESETS };

/** The pane's views: the scenario views, and Sensitivity, which varies the Allocate scenario. */
type PaneView = View | "sensitivity";

/** The views, as the tabs name them. */
const VIEWS: readonly { readonly id: PaneView; readonly title: string }[] = [
  { id: "allocate", title: "Allocate" },
  { id: "track", title: "Delivered vs fair share" },
  { id: "sensitivity", title: "Sensitivity" },
];

/** The view an inputs block was written for: track when it labels a parameter only track has. */
function viewOfBlock(rows: readonly unknown[][]): View {
  return useOfInputsBlock(rows);
}

/** The data the pane computes on: an edition, and the user's files it was read from (none for a sheet's). */
interface DataState {
  readonly edition: Edition;
  readonly files: { readonly data?: DataText; readonly euData?: DataText };
}

/** Whether a csv text holds only an EU instruments table (its first table's header starts with id). */
function isInstrumentsFile(text: string): boolean {
  const first = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .find((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
  return /^"?id"?[,;]/i.test(first ?? "");
}

/** The edition a data sheet's values hold: the same reading as =FAIRSHARE.EDITION over them. */
function sheetEdition(values: unknown[][]): { edition: Edition; text: string } {
  const text = editionText(values);
  return { edition: editionOfValue(text), text };
}

export function App(props: { host: HostState }): React.JSX.Element {
  const { host } = props;
  const [values, setValues] = React.useState<Values>(EMPTY_VALUES);
  const [paneView, setPaneView] = React.useState<PaneView>("allocate");
  // The scenario the controls edit: Sensitivity varies the Allocate scenario.
  const view: View = paneView === "track" ? "track" : "allocate";
  const [sensitivity, setSensitivity] = React.useState<SensitivitySettings>(DEFAULT_SENSITIVITY);
  const [data, setData] = React.useState<DataState>(() => ({ edition: embeddedEdition(), files: {} }));
  const [dataStatus, setDataStatus] = React.useState<{ kind: "info" | "error"; text: string } | null>(null);
  const [mismatch, setMismatch] = React.useState<{ text: string; edition: Edition } | null>(null);
  const [computed, setComputed] = React.useState<Computed>(() => compute(EMPTY_VALUES, data.edition, null));
  const [tracked, setTracked] = React.useState<TrackComputed | null>(null);
  const [presetIds, setPresetIds] = React.useState<Record<View, string>>({
    allocate: PRESETS[0].id,
    track: TRACK_PRESETS[0].id,
  });
  const [action, setAction] = React.useState<ActionStatus | null>(null);
  const [busy, setBusy] = React.useState(false);
  // The ally whose amount the pane explains: the one last clicked in the preview.
  const [explained, setExplained] = React.useState<string | null>(null);
  const first = React.useRef(true);

  React.useEffect(() => {
    if (first.current) {
      first.current = false;
      return undefined;
    }
    // Only the view on screen is computed, on the data in use; the other catches up when it is shown.
    const timer = window.setTimeout(
      () =>
        view === "allocate"
          ? setComputed((previous) => compute(values, data.edition, previous))
          : setTracked((previous) => computeTrack(values, data.edition, previous)),
      PREVIEW_DEBOUNCE_MS
    );
    return () => window.clearTimeout(timer);
  }, [values, view, data.edition]);

  const set = React.useCallback((name: ParameterName, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
  }, []);

  const presets = VIEW_PRESETS[view];
  const applyPreset = (id: string, inView: View = view) => {
    const chosen = VIEW_PRESETS[inView].find((candidate) => candidate.id === id);
    if (chosen === undefined) return;
    setPresetIds((current) => ({ ...current, [inView]: id }));
    if (!chosen.keepsValues) setValues({ ...EMPTY_VALUES, ...chosen.values });
  };

  const showView = (next: PaneView) => {
    if (next === paneView) return;
    setPaneView(next);
    // The comparison opens on its first pledge when nothing is set yet: the defaults' five years reach past the data.
    if (next === "track" && Object.values(values).every((value) => value.trim() === "")) {
      applyPreset(TRACK_PRESETS[0].id, "track");
    }
  };

  const outcome: Outcome | TrackOutcome =
    view === "allocate" ? computed.outcome : (tracked?.outcome ?? computed.outcome);
  const errorFor = (name: ParameterName): string | undefined =>
    !outcome.ok && outcome.control === name ? outcome.message : undefined;
  const generalError = !outcome.ok && outcome.control === undefined ? outcome.message : undefined;
  const preset = presets.find((candidate) => candidate.id === presetIds[view]);

  // An action's message about an input goes once that input is corrected (and the preview has caught up).
  React.useEffect(() => {
    setAction((current) =>
      current?.about === undefined || actionErrorHolds(current.about, values, outcome) ? current : null
    );
  }, [values, outcome]);

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
        about: inputOfError(error, values),
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
    const current = computed.outcome;
    if (!current.ok) {
      throw new InputActionError(
        `Fix the marked input first (${current.message}): the ${what} is written from valid inputs only.`,
        current.control
      );
    }
    return current;
  };
  /**
   * With the user's data, what a sheet's data cell reads: the "Fair Share data" sheet's edition as text, which must
   * hold the figures the pane computes on (otherwise the sheet would compute on other data than the preview shows);
   * undefined with the embedded data.
   */
  const dataCellText = async (excel: ExcelLike, edition: Edition): Promise<string | undefined> => {
    if (edition.embedded) return undefined;
    const sheetValues = await readSheetRange(excel, DATA_SHEET_NAME, DATA_SHEET_RANGE);
    if (sheetValues === null) {
      throw new WorkbookActionError(
        `The pane computes on your data: press "Write data sheet" first, so that the sheet's formulas read it from the "${DATA_SHEET_NAME}" sheet.`
      );
    }
    const inSheet = sheetEdition(sheetValues);
    if (inSheet.edition.figuresId !== edition.figuresId) {
      throw new WorkbookActionError(
        `The "${DATA_SHEET_NAME}" sheet holds other figures than the pane uses: press "Write data sheet" to put the pane's there, or "Use data sheet" to compute on the sheet's.`
      );
    }
    return inSheet.text;
  };
  /** The scenario sheet of the current values; with the user's data, its data cell reads the data sheet. */
  const describe = async (excel: ExcelLike) => {
    const valid = validCurrent("sheet");
    const editionText = await dataCellText(excel, valid.result.scenario.edition);
    return scenarioSheet({ values: valid.given, result: valid.result, editionText });
  };
  /**
   * The comparison's sheet, from the values as they are now (never a stale preview) on the data in use; with the
   * user's data, its data cell reads the data sheet, as the scenario sheet's does.
   */
  const describeTrack = async (excel: ExcelLike) => {
    const current = evaluateTrack(values, data.edition);
    if (!current.ok) {
      throw new InputActionError(
        `Fix the marked input first (${current.message}): the sheet is written from valid inputs only.`,
        current.control
      );
    }
    const editionText = await dataCellText(excel, current.result.scenario.edition);
    return trackSheet({ values: current.given, result: current.result, editionText });
  };
  /**
   * Reads the active sheet's inputs block into the controls and shows the view it was written for. Its data cell holds
   * the sheet's edition (the value of =FAIRSHARE.EDITION): compared with the pane's, not typed in, and a sheet computed
   * on other data is named in the Data section.
   */
  const loadAction = {
    id: "load",
    label: "Load from sheet",
    onClick: () =>
      run("Load from sheet", async (excel) => {
        const read = await readActiveInputs(excel);
        const loaded: Record<string, string> = { ...EMPTY_VALUES };
        let sheetData: Edition = embeddedEdition();
        for (const [name, value] of readInputsBlock(read.rows)) {
          if (name === "data") {
            if (!isBlank(value)) sheetData = editionOfValue(value);
            continue;
          }
          loaded[name] = value === null || value === undefined ? "" : String(value);
        }
        setValues(loaded as Values);
        setPaneView(viewOfBlock(read.rows));
        if (sheetData.figuresId !== data.edition.figuresId) {
          const what = sheetData.embedded ? "the embedded data" : `your data (${sheetData.label})`;
          const pane = data.edition.embedded ? "the embedded data" : `your data (${data.edition.label})`;
          setMismatch({
            text: `Sheet "${read.sheet}" was computed on ${what}; the pane uses ${pane}, so its figures differ from the preview.`,
            edition: sheetData,
          });
        } else setMismatch(null);
        return `Loaded the inputs of sheet "${read.sheet}".`;
      }),
  };
  const trackActions: { id: string; label: string; onClick: () => void; outsideExcel?: boolean }[] = [
    {
      id: "insert-track",
      label: "Insert delivered vs fair share sheet",
      onClick: () =>
        run(
          "Insert delivered vs fair share sheet",
          async (excel) => `Inserted sheet "${await insertSheet(excel, await describeTrack(excel))}".`
        ),
    },
    loadAction,
  ];
  const allocateActions: { id: string; label: string; onClick: () => void; outsideExcel?: boolean }[] = [
    {
      id: "insert",
      label: "Insert scenario sheet",
      onClick: () =>
        run(
          "Insert scenario sheet",
          async (excel) => `Inserted sheet "${await insertSheet(excel, await describe(excel))}".`
        ),
    },
    {
      id: "update",
      label: "Update sheet",
      onClick: () =>
        run("Update sheet", async (excel) => {
          const name = await updateActiveSheet(excel, await describe(excel));
          setMismatch(null);
          return `Updated sheet "${name}".`;
        }),
    },
    loadAction,
    {
      // A classic-formula .xlsx for people without the add-in: a new workbook in Excel, a download outside it.
      id: "portable",
      label: "Open portable copy",
      outsideExcel: true,
      onClick: () =>
        runAnywhere("Open portable copy", async (excel) => {
          // The copy carries the edition the pane computes on (the user's figures, named on its Sources sheet).
          const spec: ScenarioSpec = {
            ...(validCurrent("portable copy").given as ScenarioSpec),
            edition: data.edition,
          };
          // Its own chunk, fetched on the first press: the .xlsx writer stays out of the pane's first load.
          const { openPortable } = await import(/* webpackChunkName: "portable" */ "./portable-action");
          return openPortable(spec, workbookCreator(excel));
        }),
    },
  ];
  /** A Sensitivity sheet, from the current values and settings (never a stale chart); the embedded data only. */
  const describeSensitivity = async (kind: "sweep" | "tornado") => {
    const [{ evaluateSweep, evaluateTornado }, { sweepSheet, tornadoSheet }] = await Promise.all([
      import("./sensitivity"),
      import("../workbook/sensitivity-sheet"),
    ]);
    if (!data.edition.embedded) {
      throw new WorkbookActionError(
        'The Sensitivity sheets compute on the embedded data: press "Use embedded data" to write one.'
      );
    }
    const given = validCurrent("sheet").given;
    if (kind === "sweep") {
      const swept = evaluateSweep(values, sensitivity);
      if (!swept.ok) throw new WorkbookActionError(`Fix the sweep first (${swept.message}).`);
      return sweepSheet({
        values: given,
        parameter: sensitivity.parameter.trim(),
        valuesText: sensitivity.values.trim(),
        allies: swept.allies,
        sweep: swept.sweep,
        base: swept.base,
      });
    }
    const bars = evaluateTornado(values, sensitivity);
    if (!bars.ok) throw new WorkbookActionError(`Fix the tornado first (${bars.message}).`);
    return tornadoSheet({ values: given, ally: bars.ally, tornado: bars.tornado });
  };
  const sensitivityActions: { id: string; label: string; onClick: () => void; outsideExcel?: boolean }[] = [
    {
      id: "insert-sweep",
      label: "Insert sweep sheet",
      onClick: () =>
        run(
          "Insert sweep sheet",
          async (excel) => `Inserted sheet "${await insertSheet(excel, await describeSensitivity("sweep"))}".`
        ),
    },
    {
      id: "insert-tornado",
      label: "Insert tornado sheet",
      onClick: () =>
        run(
          "Insert tornado sheet",
          async (excel) => `Inserted sheet "${await insertSheet(excel, await describeSensitivity("tornado"))}".`
        ),
    },
  ];
  const actions =
    paneView === "sensitivity" ? sensitivityActions : view === "allocate" ? allocateActions : trackActions;

  const keyFromSelection = () =>
    run("Use selection as key", async (excel) => {
      const rows = await readSelection(excel);
      const pairs = rows
        .filter((row) => String(row[0] ?? "").trim() !== "")
        .map((row) => `${String(row[0]).trim()}=${String(row[1] ?? "").trim()}`);
      set("key", pairs.join(","));
      return `Key set from the selection (${pairs.length} contributors).`;
    });

  /** A data file chosen in the pane: read with the files already loaded (per-country and instruments each once). */
  const loadFile = (file: File) => {
    setBusy(true);
    void file
      .text()
      .then((text) => {
        const named: DataText = { file: file.name, text };
        const files = isInstrumentsFile(text) ? { ...data.files, euData: named } : { ...data.files, data: named };
        const edition = readEdition(files);
        setData({ edition, files });
        setMismatch(null);
        setDataStatus({ kind: "info", text: `Loaded ${file.name}: the preview computes on your data.` });
      })
      .catch((error: unknown) =>
        setDataStatus({
          kind: "error",
          text: isFairShareError(error)
            ? `${file.name} was not loaded: ${error.message}`
            : `${file.name} was not loaded: ${error instanceof Error ? error.message : String(error)}`,
        })
      )
      .finally(() => setBusy(false));
  };

  /** Runs one data action in Excel; its outcome is said in the Data section. */
  const runData = (label: string, work: (excel: ExcelLike) => Promise<string>) => {
    if (host.excel === null) return;
    const excel = host.excel;
    setBusy(true);
    work(excel)
      .then((text) => setDataStatus({ kind: "info", text }))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        setDataStatus({
          kind: "error",
          text:
            error instanceof WorkbookActionError || isFairShareError(error) ? message : `${label} failed: ${message}`,
        });
      })
      .finally(() => setBusy(false));
  };

  const writeSheet = () =>
    runData("Write data sheet", async (excel) => {
      const name = await writeDataSheet(excel, dataSheet(data.edition));
      // The pane now computes on the sheet's figures (the same), named as the sheet names them.
      setData({ edition: sheetEdition(dataSheetValues(data.edition)).edition, files: {} });
      return `Wrote sheet "${name}": an inputs block's data cell =FAIRSHARE.EDITION('${DATA_SHEET_NAME}'!$A$1:$AZ$200) reads it.`;
    });

  const useSheet = () =>
    runData("Use data sheet", async (excel) => {
      const sheetValues = await readSheetRange(excel, DATA_SHEET_NAME, DATA_SHEET_RANGE);
      if (sheetValues === null) {
        throw new WorkbookActionError(
          `This workbook has no "${DATA_SHEET_NAME}" sheet: press "Write data sheet" to make one.`
        );
      }
      setData({ edition: sheetEdition(sheetValues).edition, files: {} });
      setMismatch(null);
      return `The preview computes on the "${DATA_SHEET_NAME}" sheet's figures.`;
    });

  const instrumentChoices = instrumentOptions(data.edition.instruments);

  /** A stored scenario into the controls and, when asked, into the active scenario sheet (computed from it now). */
  const switchTo = async (parameters: StoredScenario["parameters"], alsoSheet: boolean): Promise<string> => {
    const next = controlsOf(parameters, EMPTY_VALUES);
    setValues(next);
    setPaneView("allocate");
    if (!alsoSheet || host.excel === null) return "";
    const outcome = evaluate(next, data.edition);
    if (!outcome.ok)
      throw new WorkbookActionError(`Its inputs cannot be computed (${outcome.message}): no sheet was updated.`);
    const editionText = await dataCellText(host.excel, outcome.result.scenario.edition);
    const sheet = await updateActiveSheet(
      host.excel,
      scenarioSheet({ values: outcome.given, result: outcome.result, editionText })
    );
    setMismatch(null);
    return ` Updated sheet "${sheet}".`;
  };

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
        {/* Two toggle buttons rather than a tab list: Fluent's tab list adds focusable hidden elements. */}
        <div className="fs-views" role="group" aria-label="What to compute">
          {VIEWS.map((candidate) => (
            <ToggleButton
              key={candidate.id}
              id={`fs-view-${candidate.id}`}
              checked={paneView === candidate.id}
              appearance={paneView === candidate.id ? "primary" : "secondary"}
              onClick={() => showView(candidate.id)}
            >
              {candidate.title}
            </ToggleButton>
          ))}
        </div>
        <section aria-labelledby="presets-heading">
          <h2 id="presets-heading">{view === "allocate" ? "Scenario" : "Pledge"}</h2>
          <Field label="Preset" hint={preset?.source}>
            <Select id="fs-preset" value={presetIds[view]} onChange={(_, data) => applyPreset(data.value)}>
              {presets.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.title}
                </option>
              ))}
            </Select>
          </Field>
        </section>
        <DataSection
          edition={data.edition}
          inExcel={host.excel !== null}
          busy={busy}
          status={dataStatus}
          mismatch={
            mismatch === null
              ? null
              : {
                  text: mismatch.text,
                  adopt: () => {
                    setData({ edition: mismatch.edition, files: {} });
                    setMismatch(null);
                    setDataStatus({ kind: "info", text: "The preview computes on the sheet's data." });
                  },
                }
          }
          onFile={loadFile}
          onEmbedded={() => {
            setData({ edition: embeddedEdition(), files: {} });
            setMismatch(null);
            setDataStatus({ kind: "info", text: "The preview computes on the embedded data." });
          }}
          onWriteSheet={writeSheet}
          onUseSheet={useSheet}
        />
        <Accordion multiple collapsible defaultOpenItems={["pledge", "method"]}>
          {groupsFor(view).map((group) => {
            const shown = CONTROLS.filter((control) => control.group === group.id && control.applies(values, view));
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
                      edition={data.edition}
                      instrumentChoices={instrumentChoices}
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
                appearance={item.id.startsWith("insert") ? "primary" : "secondary"}
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
        {paneView === "allocate" ? (
          <ScenariosSection
            excel={host.excel}
            vintage={dataVintage(data.edition)}
            current={() => {
              const valid = validCurrent("scenario");
              return { given: valid.given, vintage: dataVintage(valid.result.scenario.edition) };
            }}
            onSwitch={switchTo}
          />
        ) : null}
        {paneView === "sensitivity" ? (
          <React.Suspense fallback={<p className="fs-hint">Loading the Sensitivity view...</p>}>
            <SensitivityPanel values={values} edition={data.edition} settings={sensitivity} onChange={setSensitivity} />
          </React.Suspense>
        ) : view === "allocate" ? (
          <>
            <PreviewPanel
              revision={computed.revision}
              preview={computed.lastValid === null ? null : preview(computed.lastValid.result)}
              current={outcome.ok}
              generalError={generalError}
              onExplain={setExplained}
            />
            <ExplainPanel result={computed.lastValid?.result ?? null} code={explained} />
            <GoalSeekPanel
              spec={
                outcome.ok
                  ? { ...givenValues(values), ...(data.edition.embedded ? {} : { edition: data.edition }) }
                  : null
              }
              onApply={set}
            />
          </>
        ) : (
          <TrackPreviewPanel
            revision={tracked?.revision ?? 0}
            preview={tracked?.lastValid == null ? null : trackPreview(tracked.lastValid.result)}
            current={tracked !== null && outcome.ok}
            generalError={generalError}
          />
        )}
        <RepairFormulas excel={host.excel} />
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
  /** The data edition in use: its GDP years and EU instruments. */
  readonly edition: Edition;
  readonly instrumentChoices: ReturnType<typeof instrumentOptions>;
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
    case "data":
      return <></>;
    case "data-year": {
      // The edition's years; empty is the default, its latest year.
      const { edition } = props;
      return (
        <Field label={control.label} hint={hint} {...validation}>
          <Select id={id} value={value} onChange={(_, data) => onChange(control.name, data.value)}>
            <option value="">{`latest (${edition.latestGdpYear})`}</option>
            {edition.gdpYears.map((year) => (
              <option key={year} value={String(year)}>
                {year}
              </option>
            ))}
            {value !== "" && !edition.gdpYears.map(String).includes(value) ? (
              <option value={value}>{value}</option>
            ) : null}
          </Select>
        </Field>
      );
    }
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
    case "switch":
      // On or off: "yes" when ticked, empty (the default, off) when not.
      return (
        <Field hint={control.help} {...validation}>
          <Checkbox
            id={id}
            label={control.label}
            checked={isOn(value)}
            onChange={(_, data) => onChange(control.name, data.checked === true ? "yes" : "")}
          />
        </Field>
      );
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
  const options = instruments
    ? props.instrumentChoices
    : control.kind === "eu-states"
      ? EU_STATE_OPTIONS
      : ALLY_OPTIONS;
  const checked = new Set(instruments ? selectedInstruments(value, props.edition) : listCodes(value));
  const toggle = (code: string, on: boolean) => {
    const next = options
      .map((option) => option.code)
      .filter((candidate) => (candidate === code ? on : checked.has(candidate)));
    onChange(control.name, instruments ? instrumentsValue(next, props.edition) : next.join(","));
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
