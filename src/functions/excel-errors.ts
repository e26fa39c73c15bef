/**
 * The one place where the custom functions meet Excel's error values: every function body runs inside `excelCall`,
 * which turns the engine's FairShareError into a CustomFunctions.Error with #VALUE! or #N/A and the catalogue's message,
 * and any other exception into a #VALUE! with the catalogue's INTERNAL message. Nothing escapes as a crash, and no
 * function ever returns text that merely looks like an error.
 *
 * CustomFunctions (Error and ErrorCode) is the runtime's global, provided by Excel; it is read only when an error
 * happens, so loading the functions bundle outside Excel (the browser test) needs only what office.js defines.
 */
import { FairShareError, isFairShareError } from "../engine";

/** Longest exception text kept in an INTERNAL message: enough to report, short enough for Excel's error tooltip. */
const MAX_DETAIL_LENGTH = 120;

/** The Excel error for an exception thrown while computing `functionName`. */
export function toExcelError(functionName: string, error: unknown): CustomFunctions.Error {
  const problem = isFairShareError(error) ? error : internalError(functionName, error);
  const code =
    problem.excel === "#N/A" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, problem.message);
}

function internalError(functionName: string, error: unknown): FairShareError {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const detail = text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH - 1)}…` : text;
  return new FairShareError("INTERNAL", functionName, { detail });
}

/** Runs a function body; an exception becomes the Excel error thrown to the cell. */
export function excelCall<T>(functionName: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw toExcelError(functionName, error);
  }
}
