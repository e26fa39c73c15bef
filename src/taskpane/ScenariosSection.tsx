/**
 * The pane's stored scenarios: the workbook's "Scenarios" store listed (name, comment, modified, data vintage), the
 * current controls saved as a named scenario, and switch, rename, duplicate and delete (after a confirmation); merge
 * from another workbook's file. Rows the store cannot read are listed by number and reason, and never written. The
 * list is read again when the store sheet changes (a co-author's edit) or on Refresh. Names and comments from a
 * workbook are shown as text only.
 */
import { Button, Checkbox, Field, Input, Select } from "@fluentui/react-components";
import * as React from "react";
import { StatusLine, type ActionStatus } from "./StatusLine";
import { SummaryError, type ParameterName } from "../engine";
import { WorkbookActionError, insertSheet, type ExcelLike } from "../workbook/office";
import {
  changeLiveStore,
  readLiveStore,
  watchLiveStore,
  type LiveStore,
  type StoreChange,
} from "../workbook/office-store";
import { mergeChanges, mergeConflicts, type MergeConflict, type Resolution } from "../workbook/scenario-merge";
import {
  findScenario,
  freeName,
  nameProblem,
  storeTime,
  storedParameters,
  type StoreContent,
  type StoredRow,
  type StoredScenario,
} from "../workbook/scenario-store";

export interface ScenariosSectionProps {
  readonly excel: ExcelLike | null;
  /** The data vintage the pane computes on (dataVintage), to say when a stored scenario was saved on other data. */
  readonly vintage: string;
  /** The current controls' values as the engine is given them, and their data vintage; throws when an input is wrong. */
  current(): { readonly given: Readonly<Partial<Record<ParameterName, string>>>; readonly vintage: string };
  /** Loads a stored scenario into the controls (and, if asked, into the active scenario sheet); what to add to say. */
  onSwitch(parameters: StoredScenario["parameters"], alsoUpdateSheet: boolean): Promise<string>;
}

type Status = ActionStatus;

/** A stored scenario's pending action in its list item: the name typed for rename or duplicate, or a delete to confirm. */
interface Editing {
  readonly name: string;
  readonly mode: "rename" | "duplicate" | "delete";
  readonly text: string;
}

/** Another workbook's store, being merged: the scenarios chosen, and what to do with each name that clashes. */
interface Merge {
  readonly file: string;
  readonly content: StoreContent;
  readonly chosen: ReadonlySet<string>;
  readonly resolutions: ReadonlyMap<string, Resolution>;
}

/** A stored scenario without where it was read (its row and schema): what is written back. */
function withoutPlace(scenario: StoredRow): StoredScenario {
  const { name, comment, parameters, created, modified, author, vintage } = scenario;
  return { name, comment, parameters, created, modified, author, vintage };
}

/** A stored time as people read it: "2026-12-07 09:30 UTC". */
function shownTime(time: string): string {
  return time === "" ? "unknown" : time.replace("T", " ").replace(/:\d{2}Z$/, " UTC");
}

function messageOf(error: unknown, label: string): string {
  if (error instanceof WorkbookActionError) return error.message;
  return `${label} failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** A name the user typed, checked against the store; the reason it cannot be used, or undefined. */
function typedNameProblem(store: LiveStore | null, name: string, except?: string): string | undefined {
  const problem = nameProblem(name);
  if (problem !== undefined) return `The name cannot be used: ${problem}.`;
  const taken = store === null ? undefined : findScenario(store, name);
  if (taken !== undefined && taken.name.toLocaleLowerCase("en") !== except?.toLocaleLowerCase("en")) {
    return `A scenario named "${taken.name}" exists already: choose another name.`;
  }
  return undefined;
}

/**
 * The store sheet's change event, registered once per workbook connection (the section is mounted again each time the
 * Allocate view is shown): the sections on screen are told through their listeners.
 */
const storeWatch = new WeakMap<ExcelLike, { registered: boolean; readonly listeners: Set<() => void> }>();

function watchOf(excel: ExcelLike) {
  let watch = storeWatch.get(excel);
  if (watch === undefined) {
    watch = { registered: false, listeners: new Set() };
    storeWatch.set(excel, watch);
  }
  return watch;
}

/** The store as last read, what the last action said, and `act`, which runs one action and reads the store again. */
function useLiveStore(excel: ExcelLike | null) {
  const [store, setStore] = React.useState<LiveStore | null>(null);
  const [status, setStatus] = React.useState<Status>(null);
  const [busy, setBusy] = React.useState(false);

  const refresh = React.useCallback(async (): Promise<void> => {
    if (excel === null) return;
    const read = await readLiveStore(excel);
    setStore(read);
    // Listened to once it exists: a co-author's change is then shown without a press of Refresh.
    const watch = watchOf(excel);
    if (read.exists && !watch.registered) {
      watch.registered = true;
      watch.registered = await watchLiveStore(excel, () => watch.listeners.forEach((listener) => listener()));
    }
  }, [excel]);

  React.useEffect(() => {
    void refresh().catch((error: unknown) => setStatus({ kind: "error", text: messageOf(error, "Reading scenarios") }));
    if (excel === null) return undefined;
    const listener = () => void refresh().catch(() => undefined);
    const { listeners } = watchOf(excel);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, [excel, refresh]);

  /** Runs one action in Excel; its outcome is said under the section's buttons, and the list is read again. */
  const act: Act = async (label, work) => {
    if (excel === null) return;
    setBusy(true);
    try {
      const text = await work(excel);
      setStatus({ kind: "info", text });
      await refresh();
    } catch (error) {
      setStatus({ kind: "error", text: messageOf(error, label) });
      await refresh().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };
  return { store, status, setStatus, busy, act };
}

/**
 * Writes the stored scenarios side by side on a new sheet of live FAIRSHARE formulas (summary-sheet.ts), which
 * follow the store when a scenario is rewritten; what to say. Its modules load on the first press.
 */
async function writeSummarySheet(excel: ExcelLike, perYear: boolean): Promise<string> {
  const [{ computeStored }, { describeSummarySheet }] = await Promise.all([
    import("../workbook/scenario-summary"),
    import("../workbook/summary-sheet"),
  ]);
  const store = await readLiveStore(excel);
  const { computed, problems } = computeStored(store.scenarios);
  const leftOut = [...store.problems, ...problems].map(({ row, reason }) => `row ${row} (${reason})`);
  const left = leftOut.length > 0 ? ` Left out: ${leftOut.join("; ")}.` : "";
  if (computed.length < 2) {
    throw new WorkbookActionError(`A summary compares at least two stored scenarios that compute.${left}`);
  }
  let description;
  try {
    description = describeSummarySheet({
      scenarios: computed.map(({ stored }) => stored),
      results: computed.map(({ result }) => result),
      perYear,
    });
  } catch (error) {
    if (error instanceof SummaryError) throw new WorkbookActionError(`${error.message}.`);
    throw error;
  }
  const name = await insertSheet(excel, description);
  return `Wrote "${name}": ${computed.length} scenarios side by side, compared with "${computed[0].stored.name}".${left}`;
}

/** A confirmed rename, duplicate or delete as a change of the store, with what to say; or why the name cannot be used. */
function pendingChange(
  store: LiveStore | null,
  scenario: StoredRow,
  pending: Editing
): { label: string; changes: StoreChange[]; done: string } | { problem: string } {
  if (pending.mode === "delete") {
    return { label: "Delete", changes: [{ kind: "delete", name: scenario.name }], done: `Deleted "${scenario.name}".` };
  }
  const renaming = pending.mode === "rename";
  const problem = typedNameProblem(store, pending.text, renaming ? scenario.name : undefined);
  if (problem !== undefined) return { problem };
  const now = storeTime(new Date());
  const stored = { ...withoutPlace(scenario), name: pending.text, modified: now };
  return renaming
    ? {
        label: "Rename",
        changes: [{ kind: "rewrite", name: scenario.name, scenario: stored }],
        done: `Renamed "${scenario.name}" to "${pending.text}".`,
      }
    : {
        label: "Duplicate",
        changes: [{ kind: "add", scenario: { ...stored, created: now } }],
        done: `Duplicated "${scenario.name}" as "${pending.text}".`,
      };
}

export function ScenariosSection(props: ScenariosSectionProps): React.JSX.Element {
  const { excel } = props;
  const { store, status, setStatus, busy, act } = useLiveStore(excel);
  const [merge, setMerge] = React.useState<Merge | null>(null);
  const [perYear, setPerYear] = React.useState(false);
  const inExcel = excel !== null;
  return (
    <section aria-labelledby="scenarios-heading" className="fs-scenarios">
      <h2 id="scenarios-heading">Stored scenarios</h2>
      {inExcel ? null : (
        <p id="fs-scenarios-need-excel" className="fs-hint">
          Stored scenarios live in the workbook: open Fair Share from Excel to save, switch and merge them.
        </p>
      )}
      <SaveForm {...props} busy={busy || !inExcel} store={store} act={act} />
      <ProblemList id="fs-scenario-problems" store={store} />
      {inExcel && store !== null && store.scenarios.length === 0 ? (
        <p className="fs-hint">No scenario is stored in this workbook yet.</p>
      ) : null}
      <ScenarioList {...props} store={store} busy={busy} act={act} setStatus={setStatus} />
      <div className="fs-action-buttons">
        <Button
          id="fs-scenario-refresh"
          disabled={busy || !inExcel}
          onClick={() => void act("Refresh", async () => "Read the stored scenarios again.")}
        >
          Refresh
        </Button>
        <Button
          id="fs-scenario-summary"
          disabled={busy || !inExcel || (store?.scenarios.length ?? 0) < 2}
          onClick={() => void act("Summary sheet", (excel) => writeSummarySheet(excel, perYear))}
        >
          Summary sheet
        </Button>
      </div>
      <Checkbox
        id="fs-scenario-summary-years"
        checked={perYear}
        onChange={(_, data) => setPerYear(data.checked === true)}
        label="Summary sheet: each year too"
      />
      <MergePanel
        excel={excel}
        busy={busy}
        store={store}
        merge={merge}
        setMerge={setMerge}
        setStatus={setStatus}
        act={act}
      />
      <StatusLine id="fs-scenario-status" status={status} />
    </section>
  );
}

/** The stored scenarios, each with switch, rename, duplicate and delete; the choice to update the sheet on a switch. */
function ScenarioList(
  props: ScenariosSectionProps & { store: LiveStore | null; busy: boolean; act: Act; setStatus(status: Status): void }
) {
  const { store, busy, act } = props;
  const [editing, setEditing] = React.useState<Editing | null>(null);
  const [alsoSheet, setAlsoSheet] = React.useState(false);
  const scenarios = store?.scenarios ?? [];
  const confirm = (scenario: StoredRow, pending: Editing) => {
    const planned = pendingChange(store, scenario, pending);
    if ("problem" in planned) return props.setStatus({ kind: "error", text: planned.problem });
    setEditing(null);
    return act(planned.label, async (excel) => {
      await changeLiveStore(excel, planned.changes);
      return planned.done;
    });
  };
  return (
    <>
      {scenarios.length > 0 ? (
        <Checkbox
          id="fs-scenario-also-sheet"
          checked={alsoSheet}
          onChange={(_, data) => setAlsoSheet(data.checked === true)}
          label="Switching also updates the active scenario sheet"
        />
      ) : null}
      <ul id="fs-scenario-list" className="fs-scenario-list" aria-label="Stored scenarios">
        {scenarios.map((scenario) => (
          <ScenarioItem
            key={`${scenario.row}:${scenario.name}`}
            scenario={scenario}
            copyName={freeName(
              scenario.name,
              scenarios.map((known) => known.name)
            )}
            busy={busy}
            editing={editing?.name === scenario.name ? editing : null}
            onEdit={setEditing}
            onSwitch={() =>
              act("Switch", async () => {
                const more = await props.onSwitch(scenario.parameters, alsoSheet);
                const other =
                  scenario.vintage !== "" && scenario.vintage !== props.vintage
                    ? ` It was saved on data ${scenario.vintage}; the pane computes on ${props.vintage}.`
                    : "";
                return `Switched to "${scenario.name}".${more}${other}`;
              })
            }
            onConfirm={(pending) => void confirm(scenario, pending)}
          />
        ))}
      </ul>
    </>
  );
}

type Act = (label: string, work: (excel: ExcelLike) => Promise<string>) => Promise<void>;

/** Save the current controls as a named scenario; a name in use asks to replace it or to pick another. */
function SaveForm(props: ScenariosSectionProps & { busy: boolean; store: LiveStore | null; act: Act }) {
  const { busy, store, act } = props;
  const [name, setName] = React.useState("");
  const [comment, setComment] = React.useState("");
  const [replacing, setReplacing] = React.useState<string | null>(null);
  const [problem, setProblem] = React.useState<string | undefined>(undefined);

  const save = (replace: boolean) => {
    const chosen = name;
    const named = nameProblem(chosen);
    if (named !== undefined) return setProblem(`The name cannot be used: ${named}.`);
    const existing = store === null ? undefined : findScenario(store, chosen);
    if (existing !== undefined && !replace) return setReplacing(existing.name);
    setProblem(undefined);
    setReplacing(null);
    return act("Save scenario", async (excel) => {
      const { given, vintage } = props.current();
      const parameters = storedParameters(given);
      const now = storeTime(new Date());
      const scenario: StoredScenario = {
        name: chosen,
        comment,
        parameters,
        created: now,
        modified: now,
        author: "",
        vintage,
      };
      const changes: StoreChange[] =
        existing === undefined
          ? [{ kind: "add", scenario }]
          : [
              {
                kind: "rewrite",
                name: existing.name,
                scenario: { ...scenario, name: existing.name, created: existing.created },
              },
            ];
      await changeLiveStore(excel, changes);
      return existing === undefined ? `Saved "${chosen}".` : `Replaced "${existing.name}".`;
    });
  };

  return (
    <form
      className="fs-scenario-save"
      aria-label="Save the current controls as a scenario"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void save(false);
      }}
    >
      <Field
        label="Scenario name"
        validationMessage={problem}
        validationState={problem === undefined ? "none" : "error"}
      >
        <Input
          id="fs-scenario-name"
          value={name}
          maxLength={100}
          onChange={(_, data) => {
            setName(data.value);
            setProblem(undefined);
            setReplacing(null);
          }}
        />
      </Field>
      <Field label="Comment">
        <Input id="fs-scenario-comment" value={comment} onChange={(_, data) => setComment(data.value)} />
      </Field>
      {replacing === null ? (
        <div className="fs-action-buttons">
          <Button id="fs-scenario-save" type="submit" appearance="primary" disabled={busy}>
            Save current controls
          </Button>
        </div>
      ) : (
        <ReplaceQuestion
          name={replacing}
          busy={busy}
          onReplace={() => void save(true)}
          onOther={() => {
            setReplacing(null);
            setName(freeName(name, store?.scenarios.map((known) => known.name) ?? []));
          }}
        />
      )}
    </form>
  );
}

/** A name in use: replace that scenario with the current controls, or choose another name (a free one offered). */
function ReplaceQuestion(props: { name: string; busy: boolean; onReplace(): void; onOther(): void }) {
  return (
    <div id="fs-scenario-replace" role="alert" className="fs-scenario-ask">
      <p>{`A scenario named "${props.name}" exists already. Replace it with the current controls, or choose another name.`}</p>
      <div className="fs-action-buttons">
        <Button id="fs-scenario-replace-yes" type="button" disabled={props.busy} onClick={props.onReplace}>
          Replace it
        </Button>
        <Button id="fs-scenario-replace-no" type="button" onClick={props.onOther}>
          Choose another name
        </Button>
      </div>
    </div>
  );
}

/** The rows the store could not read, by number and reason, and the readable rows worth a look. */
function ProblemList(props: { id: string; store: Pick<StoreContent, "problems" | "notes"> | null }) {
  const { store } = props;
  if (store === null || (store.problems.length === 0 && store.notes.length === 0)) return null;
  return (
    <ul id={props.id} className="fs-error fs-scenario-problems">
      {store.problems.map((problem) => (
        <li key={`p${problem.row}:${problem.reason}`}>{`Row ${problem.row} not read: ${problem.reason}`}</li>
      ))}
      {store.notes.map((note) => (
        <li key={`n${note.row}:${note.reason}`}>{`Row ${note.row}: ${note.reason}`}</li>
      ))}
    </ul>
  );
}

interface ItemProps {
  readonly scenario: StoredRow;
  /** The name a copy is offered: "name (2)", or the next one free. */
  readonly copyName: string;
  readonly busy: boolean;
  readonly editing: Editing | null;
  onEdit(editing: Editing | null): void;
  onSwitch(): void;
  onConfirm(editing: Editing): void;
}

/** One stored scenario: what it is, its actions, and the pending action's name box or confirmation. */
function ScenarioItem(props: ItemProps) {
  const { scenario, busy, editing, onEdit } = props;
  const id = `fs-scenario-${scenario.row}`;
  return (
    <li className="fs-scenario" id={id} data-name={scenario.name}>
      <p className="fs-scenario-name">{scenario.name}</p>
      {scenario.comment === "" ? null : <p className="fs-scenario-comment">{scenario.comment}</p>}
      <p className="fs-hint">{`Modified ${shownTime(scenario.modified)}; data ${scenario.vintage || "not recorded"}`}</p>
      <div className="fs-action-buttons" role="group" aria-label={`Actions for ${scenario.name}`}>
        <Button size="small" className="fs-scenario-switch" disabled={busy} onClick={props.onSwitch}>
          Switch
        </Button>
        <Button
          size="small"
          className="fs-scenario-rename"
          disabled={busy}
          onClick={() => onEdit({ name: scenario.name, mode: "rename", text: scenario.name })}
        >
          Rename
        </Button>
        <Button
          size="small"
          className="fs-scenario-duplicate"
          disabled={busy}
          onClick={() => onEdit({ name: scenario.name, mode: "duplicate", text: props.copyName })}
        >
          Duplicate
        </Button>
        <Button
          size="small"
          className="fs-scenario-delete"
          disabled={busy}
          onClick={() => onEdit({ name: scenario.name, mode: "delete", text: "" })}
        >
          Delete
        </Button>
      </div>
      {editing === null ? null : <PendingAction {...props} editing={editing} id={id} />}
    </li>
  );
}

/** The name box of a rename or a duplicate (a free name suggested), or a delete's confirmation. */
function PendingAction(props: ItemProps & { editing: Editing; id: string }) {
  const { scenario, editing, onEdit, busy, id } = props;
  if (editing.mode === "delete") {
    return (
      <div role="alert" className="fs-scenario-ask">
        <p>{`Delete "${scenario.name}" from this workbook? Its row is removed from the store.`}</p>
        <div className="fs-action-buttons">
          <Button id={`${id}-confirm`} disabled={busy} onClick={() => props.onConfirm(editing)}>
            Delete it
          </Button>
          <Button id={`${id}-cancel`} onClick={() => onEdit(null)}>
            Keep it
          </Button>
        </div>
      </div>
    );
  }
  const verb = editing.mode === "rename" ? "Rename" : "Duplicate";
  return (
    <form
      className="fs-scenario-ask"
      onSubmit={(event) => {
        event.preventDefault();
        props.onConfirm(editing);
      }}
    >
      <Field
        label={editing.mode === "rename" ? `New name for "${scenario.name}"` : `Name of the copy of "${scenario.name}"`}
      >
        <Input
          id={`${id}-name`}
          autoFocus
          value={editing.text}
          onChange={(_, data) => onEdit({ ...editing, text: data.value })}
        />
      </Field>
      <div className="fs-action-buttons">
        <Button id={`${id}-confirm`} type="submit" disabled={busy}>
          {verb}
        </Button>
        <Button id={`${id}-cancel`} type="button" onClick={() => onEdit(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

interface MergeProps {
  readonly excel: ExcelLike | null;
  readonly busy: boolean;
  readonly store: LiveStore | null;
  readonly merge: Merge | null;
  setMerge(merge: Merge | null): void;
  setStatus(status: Status): void;
  readonly act: Act;
}

/** Merge from another workbook: pick its .xlsx, choose its scenarios, and for each name in use rename, replace or skip. */
function MergePanel(props: MergeProps) {
  const { excel, busy, merge, setMerge, setStatus } = props;
  const fileInput = React.useRef<HTMLInputElement>(null);
  const readFile = (file: File) =>
    void file
      .arrayBuffer()
      .then(async (bytes) => {
        const { readStoreFile } = await import(/* webpackChunkName: "store-file" */ "./store-file");
        const content = await readStoreFile(file.name, bytes);
        setMerge({
          file: file.name,
          content,
          chosen: new Set(content.scenarios.map((known) => known.name)),
          resolutions: new Map(),
        });
        setStatus({ kind: "info", text: `${file.name}: ${content.scenarios.length} scenarios read.` });
      })
      .catch((error: unknown) => setStatus({ kind: "error", text: messageOf(error, `Reading ${file.name}`) }));
  return (
    <div className="fs-scenario-merge">
      <h3 id="fs-merge-heading">Merge from another workbook</h3>
      <input
        ref={fileInput}
        id="fs-scenario-merge-file"
        type="file"
        accept=".xlsx"
        hidden
        aria-label="Workbook to merge scenarios from (.xlsx)"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file !== undefined) readFile(file);
          event.target.value = "";
        }}
      />
      <div className="fs-action-buttons">
        <Button id="fs-scenario-merge" disabled={busy || excel === null} onClick={() => fileInput.current?.click()}>
          Choose a workbook…
        </Button>
      </div>
      {merge === null ? null : <MergeChoices {...props} merge={merge} />}
    </div>
  );
}

/** A conflict's resolution as chosen, or the default: rename to the suggested name (nothing is overwritten unasked). */
function resolutionOf(merge: Merge, conflict: MergeConflict): Resolution {
  return merge.resolutions.get(conflict.name) ?? { action: "rename", name: conflict.suggested };
}

function MergeChoices(props: MergeProps & { merge: Merge }) {
  const { merge, setMerge, store, busy } = props;
  const chosen = merge.content.scenarios.filter((scenario) => merge.chosen.has(scenario.name));
  const conflicts = mergeConflicts(store?.scenarios ?? [], chosen);
  const resolve = (name: string, resolution: Resolution) =>
    setMerge({ ...merge, resolutions: new Map([...merge.resolutions, [name, resolution]]) });
  const importChosen = () =>
    props.act("Merge", async (excel) => {
      // Read afresh: a co-author may have changed the store since the list was shown.
      const here = await readLiveStore(excel);
      const resolutions = new Map(conflicts.map((conflict) => [conflict.name, resolutionOf(merge, conflict)]));
      const planned = mergeChanges(here.scenarios, chosen.map(withoutPlace), resolutions);
      if ("problem" in planned) throw new WorkbookActionError(planned.problem);
      await changeLiveStore(excel, planned.changes);
      setMerge(null);
      const count = planned.changes.length;
      return `Merged ${count} ${count === 1 ? "scenario" : "scenarios"} from ${merge.file}.`;
    });
  return (
    <div id="fs-merge-choices">
      <ProblemList id="fs-merge-problems" store={merge.content} />
      <fieldset className="fs-checklist">
        <legend>{`Scenarios in ${merge.file}`}</legend>
        {merge.content.scenarios.map((scenario) => (
          <Checkbox
            key={scenario.name}
            className="fs-merge-choice"
            checked={merge.chosen.has(scenario.name)}
            label={scenario.comment === "" ? scenario.name : `${scenario.name}: ${scenario.comment}`}
            onChange={(_, data) => {
              const next = new Set(merge.chosen);
              if (data.checked === true) next.add(scenario.name);
              else next.delete(scenario.name);
              setMerge({ ...merge, chosen: next });
            }}
          />
        ))}
      </fieldset>
      {conflicts.map((conflict, index) => (
        <ConflictChoice
          key={conflict.name}
          index={index}
          conflict={conflict}
          resolution={resolutionOf(merge, conflict)}
          onChange={resolve}
        />
      ))}
      <div className="fs-action-buttons">
        <Button
          id="fs-merge-import"
          appearance="primary"
          disabled={busy || chosen.length === 0}
          onClick={() => void importChosen()}
        >
          Import chosen
        </Button>
        <Button id="fs-merge-cancel" onClick={() => setMerge(null)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/** What to do with one chosen scenario whose name is in use here: rename (to a name given), replace or skip. */
function ConflictChoice(props: {
  index: number;
  conflict: MergeConflict;
  resolution: Resolution;
  onChange(name: string, resolution: Resolution): void;
}) {
  const { index, conflict, resolution, onChange } = props;
  const id = `fs-merge-conflict-${index}`;
  return (
    <div className="fs-scenario-ask" id={id}>
      <Field label={`"${conflict.name}" is already in this workbook`}>
        <Select
          id={`${id}-action`}
          value={resolution.action}
          onChange={(_, data) =>
            onChange(
              conflict.name,
              data.value === "rename"
                ? { action: "rename", name: conflict.suggested }
                : { action: data.value as "replace" | "skip" }
            )
          }
        >
          <option value="rename">Import it under another name</option>
          <option value="replace">Replace the one here</option>
          <option value="skip">Skip it</option>
        </Select>
      </Field>
      {resolution.action === "rename" ? (
        <Field label={`New name for the imported "${conflict.name}"`}>
          <Input
            id={`${id}-name`}
            value={resolution.name}
            onChange={(_, data) => onChange(conflict.name, { action: "rename", name: data.value })}
          />
        </Field>
      ) : null}
    </div>
  );
}
