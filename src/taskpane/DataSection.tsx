/**
 * The pane's Data section: which data edition the preview and new sheets compute on (the embedded data, or the user's
 * with its files and vintages), loading a data file (the csv of fair-share data --format csv, or --eu), writing the
 * "Fair Share data" sheet the functions read, and computing on that sheet's figures. A warning says when a scenario
 * sheet was computed on another edition than the pane's.
 */
import { Button } from "@fluentui/react-components";
import * as React from "react";
import { StatusLine, type ActionStatus } from "./StatusLine";
import { countrySources, editionSourceLabel, type Edition } from "../engine";

export interface DataSectionProps {
  readonly edition: Edition;
  /** Whether the workbook actions can run (in Excel). */
  readonly inExcel: boolean;
  readonly busy: boolean;
  /** What the last data action said. */
  readonly status: ActionStatus;
  /** A scenario sheet computed on another edition than the pane's: what to say, and how to adopt its data. */
  readonly mismatch: { readonly text: string; readonly adopt: () => void } | null;
  onFile(file: File): void;
  onEmbedded(): void;
  onWriteSheet(): void;
  onUseSheet(): void;
}

export function DataSection(props: DataSectionProps): React.JSX.Element {
  const { edition, inExcel, busy, status, mismatch } = props;
  const fileInput = React.useRef<HTMLInputElement>(null);
  const sources = [...countrySources(edition), edition.sourceOf("instruments")];
  return (
    <section aria-labelledby="data-heading" className="fs-data">
      <h2 id="data-heading">Data</h2>
      <p id="fs-data-edition">
        {edition.embedded ? "In use: the embedded data." : `In use: your data, ${edition.label}.`}
      </p>
      <ul id="fs-data-sources" className="fs-sources">
        {sources.map((source) => (
          <li key={source.id}>{editionSourceLabel(source)}</li>
        ))}
      </ul>
      {edition.warnings.length > 0 ? (
        <ul id="fs-data-warnings" className="fs-error">
          {edition.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
      {mismatch !== null ? (
        <div id="fs-data-mismatch" role="alert" className="fs-error">
          <p>{mismatch.text}</p>
          <Button id="fs-data-adopt" size="small" onClick={mismatch.adopt}>
            Use the sheet&apos;s data
          </Button>
        </div>
      ) : null}
      <input
        ref={fileInput}
        id="fs-data-file"
        type="file"
        accept=".csv,text/csv"
        hidden
        aria-label="Data file (csv)"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file !== undefined) props.onFile(file);
          event.target.value = "";
        }}
      />
      <div className="fs-action-buttons">
        <Button id="fs-data-load" disabled={busy} onClick={() => fileInput.current?.click()}>
          Load data file
        </Button>
        <Button id="fs-data-embedded" disabled={busy || edition.embedded} onClick={props.onEmbedded}>
          Use embedded data
        </Button>
        <Button id="fs-data-write" disabled={busy || !inExcel} onClick={props.onWriteSheet}>
          Write data sheet
        </Button>
        <Button id="fs-data-use-sheet" disabled={busy || !inExcel} onClick={props.onUseSheet}>
          Use data sheet
        </Button>
      </div>
      <StatusLine id="fs-data-status" status={status} />
    </section>
  );
}
