import type { Edition } from "./edition";

/**
 * Figures worked out from an edition alone (and a few scenario values named in the key), kept with the edition: an
 * edition is immutable, so what follows from it never changes, and a sweep or a sheet recalculating runs thousands of
 * scenarios on one edition. Keyed by the edition object (a weak map: an edition no longer used takes its figures with
 * it), then by a string naming the other inputs. Each edition keeps at most ENTRIES_PER_EDITION, the oldest dropped
 * first, so a long session of changing inputs cannot grow it without bound.
 */
const ENTRIES_PER_EDITION = 1024;

const byEdition = new WeakMap<Edition, Map<string, unknown>>();

/**
 * The value `make` gives for this edition and key, made once. The key must name everything besides the edition that
 * the value depends on (and start with what kind of value it is, so that two kinds never share a key). Values are
 * shared by every caller: they must be treated as read-only.
 */
export function perEdition<T>(edition: Edition, key: string, make: () => T): T {
  let entries = byEdition.get(edition);
  if (entries === undefined) {
    entries = new Map();
    byEdition.set(edition, entries);
  }
  if (entries.has(key)) return entries.get(key) as T;
  const value = make();
  if (entries.size >= ENTRIES_PER_EDITION) entries.delete(entries.keys().next().value as string);
  entries.set(key, value);
  return value;
}
