/**
 * A small least-recently-used memo for the custom functions: a workbook full of FAIRSHARE.SHARE cells asks the same
 * scenario hundreds of times, and Excel recalculates every function whose inputs changed, so identical calls must not
 * recompute. Keys are JSON of the normalised arguments (so an empty cell, "" and an omitted argument give one key);
 * values are the engine's results, or the input error the engine threw for them (a bad scenario fails fast too).
 *
 * The memo lives in the shared runtime's memory only: it is a cache, never the only copy of anything.
 */

/** Entries kept; the least recently used one goes when a new key would exceed this. Valid range 1 to 10,000. */
export const MEMO_CAPACITY = 64;

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

const entries = new Map<string, Outcome>();
/** Whole answers of a function, by its raw arguments (memoizeCall): beside the engine's results, not among them. */
const calls = new Map<string, Outcome>();
let hits = 0;
let misses = 0;

export interface MemoStats {
  readonly hits: number;
  /** Calls that ran the computation: the number of engine runs behind the functions since the last clear. */
  readonly misses: number;
  /** Engine results kept (the answers memoizeCall keeps beside them are not counted). */
  readonly size: number;
}

export function memoStats(): MemoStats {
  return { hits, misses, size: entries.size };
}

/** Empties the memo and resets its counters (tests and benchmarks). */
export function clearMemo(): void {
  entries.clear();
  calls.clear();
  hits = 0;
  misses = 0;
}

/**
 * The result of `compute` for this kind and key: from the memo when an identical call was made before, else computed
 * and remembered. An exception from `compute` is remembered and thrown again for identical calls.
 */
export function memoize<T>(kind: string, key: unknown, compute: () => T): T {
  const text = `${kind}:${JSON.stringify(key)}`;
  let outcome = recall(entries, text);
  if (outcome !== undefined) {
    hits++;
  } else {
    misses++;
    outcome = remember(entries, text, compute);
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.value as T;
}

/**
 * A function's whole answer for its raw arguments (callKey), from memory when the identical call was made before:
 * Excel recalculating an unchanged cell then costs a look-up, not a rebuild of the scenario's spec and of the table
 * from the engine's decimals. `compute` still goes through memoize for the engine's result, so a call that differs only
 * in how its empties arrive shares that. A hit counts among the memo's hits, as the call it answers would have.
 */
export function memoizeCall<T>(kind: string, key: string, compute: () => T): T {
  const text = `${kind}:${key}`;
  let outcome = recall(calls, text);
  if (outcome !== undefined) hits++;
  else outcome = remember(calls, text, compute);
  if (!outcome.ok) throw outcome.error;
  return outcome.value as T;
}

/** The outcome kept for a key, moved to the most recent end (a Map iterates in insertion order). */
function recall(store: Map<string, Outcome>, text: string): Outcome | undefined {
  const outcome = store.get(text);
  if (outcome !== undefined) {
    store.delete(text);
    store.set(text, outcome);
  }
  return outcome;
}

/** Computes and keeps an outcome (a value or the exception), dropping the least recently used beyond the capacity. */
function remember(store: Map<string, Outcome>, text: string, compute: () => unknown): Outcome {
  let outcome: Outcome;
  try {
    outcome = { ok: true, value: compute() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  store.set(text, outcome);
  if (store.size > MEMO_CAPACITY) store.delete(store.keys().next().value as string);
  return outcome;
}

/**
 * The raw arguments of a call as a memo key, or null when one of them is not plain cell data (a data type, an error
 * value, a number JSON cannot write exactly such as NaN or -0): JSON alone would give such values the key of another.
 * Each argument is wrapped in a list, so that a left-out argument ([]) never shares a key with an empty cell ([null]).
 */
export function callKey(args: readonly unknown[]): string | null {
  for (const value of args) if (value !== undefined && !isPlainCellData(value)) return null;
  return JSON.stringify(args.map((value) => (value === undefined ? [] : [value])));
}

function isPlainCellData(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object":
      return value === null || (Array.isArray(value) && value.every(isPlainCellData));
    default:
      return false;
  }
}
