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
let hits = 0;
let misses = 0;

export interface MemoStats {
  readonly hits: number;
  /** Calls that ran the computation: the number of engine runs behind the functions since the last clear. */
  readonly misses: number;
  readonly size: number;
}

export function memoStats(): MemoStats {
  return { hits, misses, size: entries.size };
}

/** Empties the memo and resets its counters (tests and benchmarks). */
export function clearMemo(): void {
  entries.clear();
  hits = 0;
  misses = 0;
}

/**
 * The result of `compute` for this kind and key: from the memo when an identical call was made before, else computed
 * and remembered. An exception from `compute` is remembered and thrown again for identical calls.
 */
export function memoize<T>(kind: string, key: unknown, compute: () => T): T {
  const text = `${kind}:${JSON.stringify(key)}`;
  let outcome = entries.get(text);
  if (outcome !== undefined) {
    hits++;
    // Move to the most recent end: a Map iterates in insertion order.
    entries.delete(text);
    entries.set(text, outcome);
  } else {
    misses++;
    try {
      outcome = { ok: true, value: compute() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    entries.set(text, outcome);
    if (entries.size > MEMO_CAPACITY) {
      const oldest = entries.keys().next().value as string;
      entries.delete(oldest);
    }
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.value as T;
}
