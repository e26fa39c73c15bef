// The task pane shell. It shares its page (and JavaScript runtime) with the custom functions; the scenario controls
// are a later release. No arithmetic here: numbers come from the engine only.
// taskpane.css is copied beside taskpane.html by the build and linked from it (no CSS loader needed).

/** Where the pane is running, as shown to the user once office.js is ready. */
export function describeHost(info: { host: Office.HostType | null; platform: Office.PlatformType | null }): string {
  if (info.host === null) {
    return "Open this page from Excel to use Fair Share.";
  }
  return `Ready in ${info.host} (${info.platform ?? "unknown platform"}).`;
}

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) {
    throw new Error(`taskpane.html has no element with id "${id}"`);
  }
  return element as T;
}

function init(info: { host: Office.HostType | null; platform: Office.PlatformType | null }): void {
  byId<HTMLParagraphElement>("status").textContent = describeHost(info);
  const button = byId<HTMLButtonElement>("toggle-help");
  const help = byId<HTMLDivElement>("help");
  button.addEventListener("click", () => {
    help.hidden = !help.hidden;
    button.setAttribute("aria-expanded", String(!help.hidden));
  });
  button.disabled = false;
}

Office.onReady((info) => init(info));
