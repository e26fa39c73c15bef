/**
 * "Repair formulas", the Office part (thin: repair.ts decides which cells): in one Excel.run, read every worksheet's
 * used range (address and formulas), then re-assign the formula of each cell that calls a FAIRSHARE function, so that
 * Excel enters it again and the cells left at #NAME? compute. Three syncs whatever the workbook's size: the sheets, their
 * used ranges, the writes.
 */
import type { ExcelLike } from "./office";
import { cellsToRepair, topLeftOf, type SheetRepair } from "./repair";

/**
 * Re-enters every FAIRSHARE formula of the workbook; returns how many cells on each sheet that had any (a protected
 * sheet's are counted, marked protected, and left as they are).
 */
export async function repairFormulas(excel: ExcelLike): Promise<SheetRepair[]> {
  return excel.run({ mergeUndoGroup: true }, async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    await context.sync();
    const used = worksheets.items.map((sheet) => {
      const range = sheet.getUsedRangeOrNullObject(true);
      range.load("address, formulas");
      sheet.protection.load("protected");
      return { sheet, range };
    });
    await context.sync();
    const repairs: SheetRepair[] = [];
    for (const { sheet, range } of used) {
      if (range.isNullObject) continue;
      const cells = cellsToRepair(topLeftOf(range.address), range.formulas);
      if (cells.length === 0) continue;
      // Excel refuses writes on a protected sheet (failing the whole batch): its cells are counted, not written.
      if (sheet.protection.protected) {
        repairs.push({ sheet: sheet.name, cells: cells.length, protected: true });
        continue;
      }
      for (const cell of cells) sheet.getRange(cell.address).formulas = [[cell.formula]];
      repairs.push({ sheet: sheet.name, cells: cells.length });
    }
    if (repairs.some((repair) => repair.protected !== true)) await context.sync();
    return repairs;
  });
}
