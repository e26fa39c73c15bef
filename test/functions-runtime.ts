// A stand-in for the CustomFunctions global that Excel's runtime provides, for the jest tests of src/functions only
// (the browser test covers the real office.js runtime). It mirrors the real shape: `new CustomFunctions.Error(code,
// message)` is a JavaScript Error whose `code` is the Excel error text ("#VALUE!", "#N/A") and whose `message` is the
// custom message; ErrorCode maps names to those texts.

const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

class CustomFunctionError extends Error {
  readonly code: string;

  constructor(code: string, message?: string) {
    super(message ?? "");
    this.name = "CustomFunctions.Error";
    this.code = code;
  }
}

/** Installs the stand-in once per test file (jest gives each file its own globals). */
export function installCustomFunctions(): void {
  const host = globalThis as { CustomFunctions?: unknown };
  host.CustomFunctions ??= { Error: CustomFunctionError, ErrorCode };
}

installCustomFunctions();

export interface ExcelErrorSeen {
  readonly code: string;
  readonly message: string;
}

/** Calls `call`, which must throw a CustomFunctions.Error; returns its code and message (fails the test otherwise). */
export function excelError(call: () => unknown): ExcelErrorSeen {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    if (!(error instanceof CustomFunctionError)) {
      throw new Error(`expected a CustomFunctions.Error, got ${String(error)}`);
    }
    return { code: error.code, message: error.message };
  }
  throw new Error(`expected a CustomFunctions.Error, got a result: ${JSON.stringify(result)}`);
}
