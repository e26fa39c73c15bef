// Mounts the pane's UI; loaded lazily by taskpane.ts so that React, Fluent UI and the engine never delay the custom
// functions, which register on the same page first.
import * as React from "react";
import { createRoot } from "react-dom/client";
import type { ExcelLike } from "../workbook/office";
import type { DocumentSettingsLike } from "../workbook/office-trust";
import { App, type HostState } from "./App";

export interface HostInfo {
  /** "Excel" when the pane runs in Excel with its API; null in a plain browser or when office.js did not answer. */
  readonly host: "Excel" | null;
  readonly dark: boolean;
}

/** The Excel API as the Office adapter takes it, with the document's settings where the host gives them. */
function officeExcel(): ExcelLike {
  const api = Excel as unknown as ExcelLike;
  const settings = Office.context?.document?.settings as unknown as DocumentSettingsLike | undefined;
  return {
    run: api.run.bind(api),
    createWorkbook: api.createWorkbook?.bind(api),
    documentSettings: settings,
  };
}

function Root(props: { host: Promise<HostInfo> }): React.JSX.Element {
  const [host, setHost] = React.useState<HostState>({ status: "connecting", excel: null, dark: false });
  React.useEffect(() => {
    let live = true;
    void props.host.then((info) => {
      if (!live) return;
      const excel = info.host === "Excel" ? officeExcel() : null;
      setHost({ status: excel === null ? "outside" : "excel", excel, dark: info.dark });
    });
    return () => {
      live = false;
    };
  }, [props.host]);
  return <App host={host} />;
}

export function mount(element: HTMLElement, host: Promise<HostInfo>): void {
  createRoot(element).render(<Root host={host} />);
}
