// Proves the test toolchain can load office-addin-mock (and the ESM-only packages it pulls in) and that the mock
// behaves as the workbook code's tests will rely on.
import { OfficeMockObject } from "office-addin-mock";

const excelData = {
  context: {
    workbook: {
      worksheets: {
        sheet: {
          name: "Scenario",
          range: {
            address: "Scenario!A1:B2",
            values: [
              ["Total (EUR bn)", 100],
              ["Years", 5],
            ],
          },
          getRange: function () {
            return this.range;
          },
        },
        getItem: function () {
          return this.sheet;
        },
      },
    },
  },
};

describe("office-addin-mock", () => {
  it("returns a loaded property after sync", async () => {
    const context = new OfficeMockObject(excelData).context;
    const range = context.workbook.worksheets.getItem("Scenario").getRange("A1:B2");
    range.load("values");
    await context.sync();
    expect(range.values).toEqual([
      ["Total (EUR bn)", 100],
      ["Years", 5],
    ]);
  });

  it("reads an unloaded property as the not-loaded message", async () => {
    const context = new OfficeMockObject(excelData).context;
    const range = context.workbook.worksheets.getItem("Scenario").getRange("A1:B2");
    range.load("values");
    await context.sync();
    // eslint-disable-next-line office-addins/load-object-before-read -- reading an unloaded property is the point here
    expect(range.address).toBe("Error, property was not loaded");
  });
});
