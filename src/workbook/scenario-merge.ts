/**
 * Merging scenarios from another workbook's store into this one's: which chosen scenarios clash with a name already
 * here, and the changes to make once the user has said, for each clash, rename (a free name is suggested, "name (2)"),
 * replace or skip. Nothing is overwritten without a "replace" for it. Pure: the pane shows the choices, the Office
 * adapter makes the changes.
 */
import type { StoreChange } from "./office-store";
import { freeName, nameProblem, type StoredScenario } from "./scenario-store";

export type Resolution =
  { readonly action: "rename"; readonly name: string } | { readonly action: "replace" } | { readonly action: "skip" };

/** A chosen scenario whose name is taken here, with the name suggested for a rename. */
export interface MergeConflict {
  readonly name: string;
  readonly suggested: string;
}

/**
 * The chosen scenarios whose names are taken in the store, each with a free name to suggest: free among the store's
 * names, the other chosen ones and the names suggested before it.
 */
export function mergeConflicts(
  existing: readonly Pick<StoredScenario, "name">[],
  chosen: readonly Pick<StoredScenario, "name">[]
): MergeConflict[] {
  const here = new Set(existing.map((scenario) => scenario.name.toLocaleLowerCase("en")));
  const taken = [...existing, ...chosen].map((scenario) => scenario.name);
  const conflicts: MergeConflict[] = [];
  for (const scenario of chosen) {
    if (!here.has(scenario.name.toLocaleLowerCase("en"))) continue;
    const suggested = freeName(scenario.name, taken);
    taken.push(suggested);
    conflicts.push({ name: scenario.name, suggested });
  }
  return conflicts;
}

/** The store changes of a merge, or the reason it cannot be made as resolved (in words the pane shows). */
export function mergeChanges(
  existing: readonly Pick<StoredScenario, "name">[],
  chosen: readonly StoredScenario[],
  resolutions: ReadonlyMap<string, Resolution>
): { readonly changes: StoreChange[] } | { readonly problem: string } {
  const key = (name: string) => name.toLocaleLowerCase("en");
  const here = new Set(existing.map((scenario) => key(scenario.name)));
  const used = new Set(here);
  for (const scenario of chosen) if (!here.has(key(scenario.name))) used.add(key(scenario.name));
  const changes: StoreChange[] = [];
  for (const scenario of chosen) {
    if (!here.has(key(scenario.name))) {
      changes.push({ kind: "add", scenario });
      continue;
    }
    const resolution = resolutions.get(scenario.name);
    if (resolution === undefined) {
      return { problem: `"${scenario.name}" is already in this workbook: choose rename, replace or skip for it.` };
    }
    if (resolution.action === "skip") continue;
    const target = existing.find((known) => key(known.name) === key(scenario.name)) as Pick<StoredScenario, "name">;
    if (resolution.action === "replace") {
      changes.push({ kind: "rewrite", name: target.name, scenario: { ...scenario, name: target.name } });
      continue;
    }
    const problem = nameProblem(resolution.name);
    if (problem !== undefined) return { problem: `The new name for "${scenario.name}" cannot be used: ${problem}.` };
    if (used.has(key(resolution.name))) {
      return { problem: `The new name for "${scenario.name}", "${resolution.name}", is taken: choose another.` };
    }
    used.add(key(resolution.name));
    changes.push({ kind: "add", scenario: { ...scenario, name: resolution.name } });
  }
  return { changes };
}
