/**
 * Placeholder until the FAIRSHARE functions land.
 * @customfunction PING
 * @returns The text "ok".
 */
export function ping(): string {
  return "ok";
}
