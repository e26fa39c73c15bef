/**
 * A workbook with FAIRSHARE formulas (a shared runtime's custom functions) asks a recipient who does not have the
 * add-in to trust one they cannot get. The document setting `Office.DisableTrustUX` spares them that prompt (Excel on
 * Windows and Mac; Microsoft's "Manage trust options"). The Office adapter sets it once, after the pane's first
 * explicit write of a sheet with FAIRSHARE formulas: saving document settings clears the user's Undo, so it is never
 * saved on opening, on a read, or again once the document has it.
 *
 * Thin: the settings are the slice of Office.context.document.settings below, so a recording stand-in fits them.
 */
import type { SheetDescription } from "./description";

/** The slice of Office.context.document.settings used here (Office's Settings, requirement set 1.1). */
export interface DocumentSettingsLike {
  /** The in-memory value of a setting; null when the document has none. */
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  /** Persists the in-memory settings into the document; the result's status is "succeeded" or "failed". */
  saveAsync(callback?: (result: { status: string; error?: { message: string } | null }) => void): void;
}

/** The document setting that keeps Office from asking recipients without the add-in to trust it. */
export const DISABLE_TRUST_SETTING = "Office.DisableTrustUX";

/** Whether a sheet calls FAIRSHARE functions (the data sheet, for one, holds none). */
export function callsFairShare(description: SheetDescription): boolean {
  return description.cells.some((cell) => cell.formula !== undefined && /FAIRSHARE\./i.test(cell.formula));
}

/**
 * Sets and saves Office.DisableTrustUX unless the document has it already. Resolves true when it saved it now, false
 * when there was nothing to do; rejects with the host's message when the save failed.
 */
export async function disableTrustPrompts(settings: DocumentSettingsLike): Promise<boolean> {
  if (settings.get(DISABLE_TRUST_SETTING) === true) return false;
  settings.set(DISABLE_TRUST_SETTING, true);
  await new Promise<void>((resolve, reject) =>
    settings.saveAsync((result) => {
      if (result.status === "succeeded") {
        resolve();
        return;
      }
      // Not saved: taken out of memory again, so that the next write tries again.
      settings.remove(DISABLE_TRUST_SETTING);
      reject(new Error(result.error?.message ?? "the document's settings were not saved"));
    })
  );
  return true;
}
