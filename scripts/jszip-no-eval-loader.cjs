// A webpack loader for JSZip's browser build, which the pane's merge reads an .xlsx with: JSZip inlines a setImmediate
// polyfill that turns a non-function argument into code with `new Function`. Nothing passes it one, and the pane's
// Content-Security-Policy forbids eval; the branch is replaced by a TypeError so that no bundle holds an eval. The
// build fails when the polyfill's text is not found (a new JSZip): then look again.

/* global module */
"use strict";

const POLYFILL = /"function"\s*!=\s*typeof (\w+)\s*&&\s*\(\1\s*=\s*new Function\(""\s*\+\s*\1\)\)/;

module.exports = function jszipNoEval(source) {
  if (!POLYFILL.test(source)) {
    throw new Error("jszip-no-eval-loader: JSZip's setImmediate polyfill was not found; check its new Function use");
  }
  return source.replace(
    POLYFILL,
    (_, name) =>
      `"function"!=typeof ${name}&&(${name}=function(){throw new TypeError("setImmediate takes a function")})`
  );
};
