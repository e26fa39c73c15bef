/**
 * The portable copy's "Aid by month" sheet: each contributor's bilateral military aid month by month, as the data
 * edition has it (in the copy's currency), so that the aid window (aid-from, aid-to) is summed by formulas and the
 * credit can be set in a copy written without one. A contributor whose aid the scenario was given (not the data's)
 * has no months: its aid stays an input of the contributors table.
 */
import { Dec, aidEurBn, fromEurAt, type Scenario } from "../../engine";
import { SHEET_COLOURS, cellAddress, columnLetters, type CellDescription, type SheetDescription } from "../description";
import { absoluteReference } from "../xlsx-formula";
import { num } from "./cells";

export const AID_SHEET = "Aid by month";
export const AID_TABLE_NAME = "fs.table_aid_by_month";
const BILLION = new Dec(1e9);

/** Every month from `first` to `last` ("YYYY-MM", inclusive). */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split("-").map(Number);
  for (let guard = 0; guard < 1200; guard++) {
    const text = `${year}-${String(month).padStart(2, "0")}`;
    if (text > last) break;
    months.push(text);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

export interface AidMonths {
  readonly sheet: SheetDescription;
  /** Whether the contributor's aid comes from the months (else it is an input of the contributors table). */
  readonly fromData: readonly boolean[];
  /** The aid in the window [from, to] of the contributor at `index`: a formula over this sheet. */
  readonly windowFormula: (index: number, fromCell: string, toCell: string) => string;
  /** The data's first and last month. */
  readonly firstMonth: string;
  readonly lastMonth: string;
  /** The range of the months' values, for the staleness check. */
  readonly valuesRange: string;
}

/** Whether a contributor's aid in the scenario is the data's (in its window; any zero aid when no window was used). */
function aidIsTheData(scenario: Scenario, code: string, aid: Dec): boolean {
  const { edition } = scenario;
  if (!edition.ally(code) && !edition.aid.tracked(code)) return false;
  const window = scenario.aidWindow;
  if (window === null) return aid.isZero();
  return fromEurAt(scenario.usdPerEur)(aidEurBn(edition, code, window.from, window.to).times(BILLION)).eq(aid);
}

export function aidMonthsSheet(scenario: Scenario): AidMonths {
  const { edition } = scenario;
  const months = monthsBetween(edition.aid.firstMonth, edition.aid.lastMonth);
  const fromEur = fromEurAt(scenario.usdPerEur);
  const cells: CellDescription[] = [];
  const header = { bold: true, fill: SHEET_COLOURS.header, borderBottom: true };
  cells.push({ address: "A1", value: "Code", style: header }, { address: "B1", value: "Name", style: header });
  const monthColumn = (m: number): string => columnLetters(3 + m);
  months.forEach((month, m) => cells.push({ address: `${monthColumn(m)}1`, value: month, style: header }));
  const fromData = scenario.contributors.map((c) => aidIsTheData(scenario, c.code, c.aid));
  scenario.contributors.forEach((c, i) => {
    const row = i + 2;
    cells.push({ address: `A${row}`, value: c.code, style: { bold: true } }, { address: `B${row}`, value: c.name });
    if (!fromData[i]) return;
    const byMonth = new Map(edition.aid.tracked(c.code) ? edition.aid.byDonor[c.code] : []);
    months.forEach((month, m) => {
      const eurBn = byMonth.get(month);
      cells.push({
        address: cellAddress(row, 3 + m),
        value: eurBn === undefined ? 0 : num(fromEur(new Dec(eurBn).times(BILLION))),
        numberFormat: "#,##0",
        style: { fill: SHEET_COLOURS.input },
      });
    });
  });
  const last = monthColumn(Math.max(months.length - 1, 0));
  const lastRow = scenario.contributors.length + 1;
  const headerRange = absoluteReference(AID_SHEET, `C1:${last}1`);
  return {
    sheet: {
      name: AID_SHEET,
      cells,
      names: [{ name: AID_TABLE_NAME, range: `A1:${last}${lastRow}`, scope: "workbook" }],
      conditionalFormats: [],
      charts: [],
      columnWidths: { A: 8, B: 22 },
      freeze: { rows: 1, columns: 2 },
      print: { orientation: "landscape", fitToWidth: 1, titleColumns: "A:B" },
    },
    fromData,
    windowFormula: (index, fromCell, toCell) => {
      const values = absoluteReference(AID_SHEET, `C${index + 2}:${last}${index + 2}`);
      return `SUMPRODUCT((${headerRange}>=${fromCell})*(${headerRange}<=${toCell})*${values})`;
    },
    firstMonth: months[0] ?? "",
    lastMonth: months[months.length - 1] ?? "",
    valuesRange: `C2:${last}${lastRow}`,
  };
}
