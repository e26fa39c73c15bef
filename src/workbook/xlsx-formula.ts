/**
 * Formulas as an .xlsx file stores them: a scanner that tells references, names, functions, strings and sheet names
 * apart, used to keep the portable copy to classic functions and to read shared formulas back.
 */

/**
 * Excel 2007's worksheet functions: every function a file may call without the `_xlfn.` prefix, so every version of
 * Excel since 2007 and LibreOffice compute it. A function outside this list is newer (Excel stores it as
 * `_xlfn.NAME`, older versions show #NAME?), a custom function (`_xldudf_`, which only the add-in computes) or a
 * mistake.
 */
const CLASSIC_FUNCTIONS = new Set(
  [
    // Math and trigonometry
    "ABS ACOS ACOSH ASIN ASINH ATAN ATAN2 ATANH CEILING COMBIN COS COSH DEGREES EVEN EXP FACT FACTDOUBLE FLOOR GCD INT",
    "LCM LN LOG LOG10 MDETERM MINVERSE MMULT MOD MROUND MULTINOMIAL ODD PI POWER PRODUCT QUOTIENT RADIANS RAND",
    "RANDBETWEEN ROMAN ROUND ROUNDDOWN ROUNDUP SERIESSUM SIGN SIN SINH SQRT SQRTPI SUBTOTAL SUM SUMIF SUMIFS SUMPRODUCT",
    "SUMSQ SUMX2MY2 SUMX2PY2 SUMXMY2 TAN TANH TRUNC",
    // Statistics
    "AVEDEV AVERAGE AVERAGEA AVERAGEIF AVERAGEIFS BETADIST BETAINV BINOMDIST CHIDIST CHIINV CHITEST CONFIDENCE CORREL",
    "COUNT COUNTA COUNTBLANK COUNTIF COUNTIFS COVAR CRITBINOM DEVSQ EXPONDIST FDIST FINV FISHER FISHERINV FORECAST",
    "FREQUENCY FTEST GAMMADIST GAMMAINV GAMMALN GEOMEAN GROWTH HARMEAN HYPGEOMDIST INTERCEPT KURT LARGE LINEST LOGEST",
    "LOGINV LOGNORMDIST MAX MAXA MEDIAN MIN MINA MODE NEGBINOMDIST NORMDIST NORMINV NORMSDIST NORMSINV PEARSON",
    "PERCENTILE PERCENTRANK PERMUT POISSON PROB QUARTILE RANK RSQ SKEW SLOPE SMALL STANDARDIZE STDEV STDEVA STDEVP",
    "STDEVPA STEYX TDIST TINV TREND TRIMMEAN TTEST VAR VARA VARP VARPA WEIBULL ZTEST",
    // Text
    "ASC BAHTTEXT CHAR CLEAN CODE CONCATENATE DOLLAR EXACT FIND FINDB FIXED LEFT LEFTB LEN LENB LOWER MID MIDB PHONETIC",
    "PROPER REPLACE REPLACEB REPT RIGHT RIGHTB SEARCH SEARCHB SUBSTITUTE T TEXT TRIM UPPER VALUE",
    // Logic, lookup and information
    "AND FALSE IF IFERROR NOT OR TRUE",
    "ADDRESS AREAS CHOOSE COLUMN COLUMNS GETPIVOTDATA HLOOKUP HYPERLINK INDEX INDIRECT LOOKUP MATCH OFFSET ROW ROWS",
    "RTD TRANSPOSE VLOOKUP",
    "CELL ERROR.TYPE INFO ISBLANK ISERR ISERROR ISEVEN ISLOGICAL ISNA ISNONTEXT ISNUMBER ISODD ISREF ISTEXT N NA TYPE",
    // Dates and times
    "DATE DATEDIF DATEVALUE DAY DAYS360 EDATE EOMONTH HOUR MINUTE MONTH NETWORKDAYS NOW SECOND TIME TIMEVALUE TODAY",
    "WEEKDAY WEEKNUM WORKDAY YEAR YEARFRAC",
    // Finance
    "ACCRINT ACCRINTM AMORDEGRC AMORLINC COUPDAYBS COUPDAYS COUPDAYSNC COUPNCD COUPNUM COUPPCD CUMIPMT CUMPRINC DB DDB",
    "DISC DOLLARDE DOLLARFR DURATION EFFECT FV FVSCHEDULE INTRATE IPMT IRR ISPMT MDURATION MIRR NOMINAL NPER NPV",
    "ODDFPRICE ODDFYIELD ODDLPRICE ODDLYIELD PMT PPMT PRICE PRICEDISC PRICEMAT PV RATE RECEIVED SLN SYD TBILLEQ",
    "TBILLPRICE TBILLYIELD VDB XIRR XNPV YIELD YIELDDISC YIELDMAT",
    // Engineering
    "BESSELI BESSELJ BESSELK BESSELY BIN2DEC BIN2HEX BIN2OCT COMPLEX CONVERT DEC2BIN DEC2HEX DEC2OCT DELTA ERF ERFC",
    "GESTEP HEX2BIN HEX2DEC HEX2OCT IMABS IMAGINARY IMARGUMENT IMCONJUGATE IMCOS IMDIV IMEXP IMLN IMLOG10 IMLOG2",
    "IMPOWER IMPRODUCT IMREAL IMSIN IMSQRT IMSUB IMSUM OCT2BIN OCT2DEC OCT2HEX",
    // Databases and cubes
    "DAVERAGE DCOUNT DCOUNTA DGET DMAX DMIN DPRODUCT DSTDEV DSTDEVP DSUM DVAR DVARP",
    "CUBEKPIMEMBER CUBEMEMBER CUBEMEMBERPROPERTY CUBERANKEDMEMBER CUBESET CUBESETCOUNT CUBEVALUE",
  ]
    .join(" ")
    .split(" ")
);

/** A piece of a formula: references are told apart from everything copied as it is (names, strings, operators). */
type Token =
  | { readonly kind: "cell"; readonly text: string }
  | { readonly kind: "columns" | "rows"; readonly text: string }
  | { readonly kind: "other"; readonly text: string };

const MAX_COLUMN = 16384;
const MAX_ROW = 1048576;

const PATTERNS: readonly (readonly [RegExp, Token["kind"]])[] = [
  [/"(?:[^"]|"")*"?/y, "other"],
  [/'(?:[^']|'')*'?/y, "other"],
  [/\[(?:[^[\]]|\[[^\]]*\])*\]?/y, "other"],
  [/#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!)/y, "other"],
  [/\$?\d+:\$?\d+(?![\w.])/y, "rows"],
  [/\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?![\w.(!])/y, "columns"],
  [/\$?[A-Za-z]{1,3}\$?\d+(?![\w.(!?\\])/y, "cell"],
  [/[A-Za-z_\\][\w.?\\]*/y, "other"],
  [/\d+(?:\.\d*)?(?:[Ee][+-]?\d+)?|\.\d+(?:[Ee][+-]?\d+)?/y, "other"],
  [/[^"'[#$\w\\.]+|[\s\S]/y, "other"],
];

function columnNumber(letters: string): number {
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column;
}

function letters(column: number): string {
  let text = "";
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    text = String.fromCharCode(65 + ((rest - 1) % 26)) + text;
  }
  return text;
}

/** The formula's pieces, in order; joined they give the formula back. */
function tokens(formula: string): Token[] {
  const found: Token[] = [];
  let position = 0;
  while (position < formula.length) {
    for (const [pattern, kind] of PATTERNS) {
      pattern.lastIndex = position;
      const match = pattern.exec(formula);
      if (match === null || match[0] === "") continue;
      let tokenKind = kind;
      if (kind === "cell") {
        const [, column, row] = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(match[0]) as RegExpExecArray;
        if (columnNumber(column) > MAX_COLUMN || Number(row) > MAX_ROW || Number(row) === 0) tokenKind = "other";
      }
      found.push({ kind: tokenKind, text: match[0] });
      position = pattern.lastIndex;
      break;
    }
  }
  return found;
}

/** The functions a formula calls, in upper case, as written (`_xlfn.XLOOKUP`, `SUM`). */
export function calledFunctions(formula: string): string[] {
  // One pass for speed (a workbook has thousands of formulas): strings, quoted sheet names and structured references
  // dropped, then every name directly followed by "(" that does not continue another name or number.
  const bare = formula.replace(/"(?:[^"]|"")*"?|'(?:[^']|'')*'?|\[(?:[^[\]]|\[[^\]]*\])*\]?/g, " ");
  return [...bare.matchAll(/(?<![\w.\\?$])[A-Za-z_\\][\w.?\\]*(?=\()/g)].map((match) => match[0].toUpperCase());
}

/**
 * Refuses a formula that calls anything but Excel 2007's functions: custom functions, dynamic-array and newer
 * functions (they would need the `_xlfn.` prefix), and prefixed names. `where` names the cell for the message.
 */
export function checkClassicFormula(formula: string, where: string): void {
  const newer = calledFunctions(formula).filter((name) => !CLASSIC_FUNCTIONS.has(name));
  if (newer.length > 0) {
    throw new Error(
      `${where}: ${newer[0]} is not one of Excel 2007's functions (a custom, dynamic-array or newer function, which ` +
        `older Excel and other programs cannot compute); the portable copy may use classic functions only, in ${formula}`
    );
  }
  if (/_xl(?:fn|ws|udf|dudf)/i.test(formula)) {
    throw new Error(`${where}: a formula of the portable copy carries no _xl prefix, in ${formula}`);
  }
}

function shiftPart(marker: string, value: number, by: number): number {
  return marker === "$" ? value : value + by;
}

/**
 * The formula with its relative references moved by `rows` and `columns` (how Excel copies a formula, and how a
 * shared formula reads in each cell it covers). Absolute parts ($A$1) stay; a reference moved off the sheet becomes
 * #REF!.
 */
export function shiftFormula(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula;
  return tokens(formula)
    .map((token) => {
      if (token.kind === "cell") {
        const [, columnMark, column, rowMark, row] = /^(\$?)([A-Za-z]+)(\$?)(\d+)$/.exec(token.text) as RegExpExecArray;
        const newColumn = shiftPart(columnMark, columnNumber(column), columns);
        const newRow = shiftPart(rowMark, Number(row), rows);
        if (newColumn < 1 || newColumn > MAX_COLUMN || newRow < 1 || newRow > MAX_ROW) return "#REF!";
        return `${columnMark}${letters(newColumn)}${rowMark}${newRow}`;
      }
      if (token.kind === "columns") {
        return token.text
          .split(":")
          .map((part) => {
            const mark = part.startsWith("$") ? "$" : "";
            return `${mark}${letters(shiftPart(mark, columnNumber(part.replace("$", "")), columns))}`;
          })
          .join(":");
      }
      if (token.kind === "rows") {
        return token.text
          .split(":")
          .map((part) => {
            const mark = part.startsWith("$") ? "$" : "";
            return `${mark}${shiftPart(mark, Number(part.replace("$", "")), rows)}`;
          })
          .join(":");
      }
      return token.text;
    })
    .join("");
}

/** A sheet name as a formula writes it: always quoted, quotes doubled ('Fair Share', 'It''s'). */
export function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** A range of a sheet as an absolute reference: ("Fair Share", "B4:C9") is 'Fair Share'!$B$4:$C$9. */
export function absoluteReference(sheet: string, range: string): string {
  const absolute = (address: string): string => {
    const match = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(address);
    if (match === null) throw new RangeError(`"${address}" in "${range}" is not an A1 cell address`);
    return `$${match[1]}$${match[2]}`;
  };
  const [from, to = from, ...rest] = range.split(":");
  if (rest.length > 0) throw new RangeError(`"${range}" is not an A1 range`);
  return from === to
    ? `${quoteSheet(sheet)}!${absolute(from)}`
    : `${quoteSheet(sheet)}!${absolute(from)}:${absolute(to)}`;
}
