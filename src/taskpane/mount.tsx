// Mounts the pane's UI; loaded lazily by taskpane.ts so that React, Fluent UI and the engine never delay the custom
// functions, which register on the same page first.
import * as React from "react";
import { createRoot } from "react-dom/client";
import type { ExcelLike } from "../workbook/office";
import { App, type HostState } from "./App";

export interface HostInfo {
  /** "Excel" when the pane runs in Excel with its API; null in a plain browser or when office.js did not answer. */
  readonly host: "Excel" | null;
  readonly dark: boolean;
}

function Root(props: { host: Promise<HostInfo> }): React.JSX.Element {
  const [host, setHost] = React.useState<HostState>({ status: "connecting", excel: null, dark: false });
  React.useEffect(() => {
    let live = true;
    void props.host.then((info) => {
      if (!live) return;
      const excel = info.host === "Excel" ? (Excel as unknown as ExcelLike) : null;
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
