/**
 * The pane's "Repair formulas" action: re-enters every FAIRSHARE formula of the workbook (office-repair.ts), for cells
 * left at #NAME? because the workbook was opened before the add-in was installed or loaded, and says how many cells on
 * how many sheets. Outside Excel the button is disabled and says it needs Excel.
 */
import { Button } from "@fluentui/react-components";
import * as React from "react";
import { StatusLine, type ActionStatus } from "./StatusLine";
import type { ExcelLike } from "../workbook/office";
import { repairFormulas } from "../workbook/office-repair";
import { repairReport } from "../workbook/repair";

export function RepairFormulas(props: { readonly excel: ExcelLike | null }): React.JSX.Element {
  const { excel } = props;
  const [busy, setBusy] = React.useState(false);
  const [status, setStatus] = React.useState<ActionStatus>(null);
  const repair = () => {
    if (excel === null) return;
    setBusy(true);
    setStatus({ kind: "info", text: "Repairing formulas…" });
    repairFormulas(excel)
      .then((repairs) => setStatus({ kind: "info", text: repairReport(repairs) }))
      .catch((error: unknown) =>
        setStatus({
          kind: "error",
          text: `Repair formulas failed: ${error instanceof Error ? error.message : String(error)}`,
        })
      )
      .finally(() => setBusy(false));
  };
  return (
    <section aria-labelledby="fs-repair-heading" className="fs-repair">
      <h2 id="fs-repair-heading">Repair formulas</h2>
      <p id="fs-repair-hint" className="fs-hint">
        {excel === null
          ? "Needs Excel: open Fair Share from Excel to repair a workbook's FAIRSHARE formulas."
          : "Cells showing #NAME? after Fair Share was installed? This enters every FAIRSHARE formula of the workbook again."}
      </p>
      <Button id="fs-repair" disabled={busy || excel === null} aria-describedby="fs-repair-hint" onClick={repair}>
        Repair formulas
      </Button>
      <StatusLine id="fs-repair-result" status={status} />
    </section>
  );
}
