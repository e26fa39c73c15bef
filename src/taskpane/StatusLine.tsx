/** What a section's last action said, announced to screen readers; red when it went wrong. */
import * as React from "react";

export type ActionStatus = { readonly kind: "info" | "error"; readonly text: string } | null;

export function StatusLine(props: { readonly id: string; readonly status: ActionStatus }): React.JSX.Element {
  const { id, status } = props;
  return (
    <p id={id} role="status" aria-live="polite" className={status?.kind === "error" ? "fs-error" : "fs-hint"}>
      {status?.text ?? ""}
    </p>
  );
}
