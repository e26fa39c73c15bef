// The checks the add-in's build configuration and `npm run release` share (scripts/addin-address.cjs): the address
// and the manifest's version from package.json's.
import { readFileSync } from "fs";
import path from "path";

const { checkedBaseUrl, manifestVersion } = require("../scripts/addin-address.cjs") as {
  checkedBaseUrl: (given: string) => string;
  manifestVersion: (packageVersion: string) => string;
};

describe("checkedBaseUrl", () => {
  it.each([
    ["https://example.org/fair-share/", "https://example.org/fair-share/"],
    ["https://example.org/fair-share", "https://example.org/fair-share/"],
    ["https://example.org", "https://example.org/"],
    ["https://EXAMPLE.org:8443/a/b/", "https://example.org:8443/a/b/"],
  ])("takes %s as %s", (given, expected) => {
    expect(checkedBaseUrl(given)).toBe(expected);
  });

  it.each([
    ["http://example.org/", /must start with https:\/\/ \(Office loads add-ins over https only\)/],
    ["ftp://example.org/", /must start with https:\/\//],
    ["example.org/fair-share", /is not a URL/],
    ["https://example.org/?v=2", /must not have a query or fragment/],
    ["https://example.org/#top", /must not have a query or fragment/],
  ])("refuses %s, saying why", (given, message) => {
    expect(() => checkedBaseUrl(given)).toThrow(message);
  });
});

describe("manifestVersion", () => {
  it("is package.json's three numbers and a fourth, 0", () => {
    const { version } = JSON.parse(readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as {
      version: string;
    };
    expect(manifestVersion(version)).toBe(`${version}.0`);
    expect(manifestVersion("12.0.345")).toBe("12.0.345.0");
  });

  it.each(["1.2.3-beta", "1.2", "1.2.3.4", "123456.0.0", "v1.2.3"])("refuses %s", (version) => {
    expect(() => manifestVersion(version)).toThrow(/cannot be a manifest version: use three numbers/);
  });
});
