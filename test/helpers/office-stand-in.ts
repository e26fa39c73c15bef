// A script that stands in for office.js in the browser tests of the pane "in Excel": Office.onReady answers with host
// Excel, and the Excel global is the recording host of recording-excel.ts (transpiled here, as it has no imports), so
// a test can click the pane's actions and then read what was written from window.__recording. Office.context.document
// .settings is the recording host's too (window.__recording.settings and settingsSaves).
import { readFileSync } from "fs";
import path from "path";
import ts from "typescript";

export function officeStandIn(theme: { bodyBackgroundColor: string } = { bodyBackgroundColor: "#ffffff" }): string {
  const source = readFileSync(path.join(__dirname, "recording-excel.ts"), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  });
  return `(function () {
  var exports = {};
  ${outputText}
  var made = exports.createRecordingExcel({});
  window.__recording = made.recording;
  window.__fireChanged = made.fireChanged;
  window.Excel = { run: made.excel.run, createWorkbook: made.excel.createWorkbook };
  var info = { host: "Excel", platform: "OfficeOnline" };
  window.Office = {
    HostType: { Excel: "Excel" },
    context: { officeTheme: ${JSON.stringify(theme)}, document: { settings: made.excel.documentSettings } },
    onReady: function (callback) {
      if (callback) callback(info);
      return Promise.resolve(info);
    },
  };
  window.CustomFunctions = { associate: function () {} };
})();
`;
}
