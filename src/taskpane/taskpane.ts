// The task pane's entry: a plain script that runs after functions.js on the shared-runtime page. The custom functions
// are registered by then, so nothing here can delay them; the pane's UI (React, Fluent UI, the engine) is a separate
// chunk loaded with a dynamic import. The UI works at once as a calculator; whether Excel is there is settled within
// OFFICE_READY_TIMEOUT_MS, never left "Loading…".
import type { HostInfo } from "./mount";

/** How long to wait for Office.onReady before saying the pane is not running in Excel. */
const OFFICE_READY_TIMEOUT_MS = 3000;

function outside(): HostInfo {
  return { host: null, dark: prefersDark() };
}

function prefersDark(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

/** Whether the Office theme is dark: its body background's luminance, where the host gives a theme. */
function officeThemeIsDark(): boolean {
  const background = Office.context?.officeTheme?.bodyBackgroundColor;
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background ?? "");
  if (match === null) return prefersDark();
  const [r, g, b] = match.slice(1).map((hex) => parseInt(hex, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/** Excel (host "Excel" with the Excel API) or not, within the timeout; office.js missing means not. */
function hostInfo(): Promise<HostInfo> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(outside());
  const ready = Office.onReady().then((info): HostInfo => {
    if (info.host !== Office.HostType.Excel || typeof Excel === "undefined") return outside();
    return { host: "Excel", dark: officeThemeIsDark() };
  });
  const timeout = new Promise<HostInfo>((resolve) =>
    window.setTimeout(() => resolve(outside()), OFFICE_READY_TIMEOUT_MS)
  );
  return Promise.race([ready, timeout]).catch(() => outside());
}

const root = document.getElementById("app");
if (root !== null) {
  const host = hostInfo();
  import(/* webpackChunkName: "pane" */ "./mount")
    .then(({ mount }) => mount(root, host))
    .catch((error: unknown) => {
      root.textContent = `The Fair Share pane could not start (${error instanceof Error ? error.message : String(error)}). Reload the pane; if it persists, reinstall the add-in.`;
    });
}
