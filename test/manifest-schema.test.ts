// manifest.xml against the manifest schema's rules, offline (test/helpers/manifest-rules.ts). `npm run validate` asks
// Microsoft's validation service for the full check, which needs the network; these run everywhere.
import { readFileSync } from "fs";
import path from "path";
import { manifestProblems } from "./helpers/manifest-rules";

const manifest = readFileSync(path.join(__dirname, "..", "manifest.xml"), "utf8");

/** The manifest with one piece of text replaced; fails if the text is not there, so each case really changes it. */
function changed(from: string, to: string): string {
  if (!manifest.includes(from)) throw new Error(`manifest.xml has no ${from}`);
  return manifest.replace(from, to);
}

test("manifest.xml breaks none of the schema's rules checked here", () => {
  expect(manifestProblems(manifest)).toEqual([]);
});

test("its support page is the support page, not the functions' help", () => {
  expect(manifest).toMatch(/<SupportUrl DefaultValue="https:\/\/localhost:3000\/support\.html"\/>/);
});

describe("the checks find what the schema refuses", () => {
  it.each([
    [
      "SupportUrl before the icons",
      changed('  <SupportUrl DefaultValue="https://localhost:3000/support.html"/>\n', "").replace(
        "<IconUrl",
        '<SupportUrl DefaultValue="https://localhost:3000/support.html"/>\n  <IconUrl'
      ),
      /<IconUrl> \(line \d+\) is out of order in <OfficeApp>/,
    ],
    ["a version with five parts", changed("<Version>0.1.0.0</Version>", "<Version>0.1.0.0.1</Version>"), /<Version>/],
    ["a version with a suffix", changed("<Version>0.1.0.0</Version>", "<Version>0.1.0-beta</Version>"), /<Version>/],
    [
      "an http address",
      changed("https://localhost:3000/support.html", "http://localhost:3000/support.html"),
      /not https/,
    ],
    ["an unknown permission", changed("<Permissions>ReadWriteDocument", "<Permissions>Everything"), /<Permissions>/],
    ["no provider", changed("<ProviderName>Fair Share</ProviderName>", ""), /<ProviderName> is missing/],
    [
      "the functions' page before their script",
      changed(
        '<Script>\n              <SourceLocation resid="Functions.Script.Url"/>\n            </Script>\n',
        ""
      ).replace("</Page>", '</Page>\n<Script><SourceLocation resid="Functions.Script.Url"/></Script>'),
      /<Script> \(line \d+\) is out of order in <ExtensionPoint>/,
    ],
    [
      "an unknown element",
      changed("<Hosts>", "<Colour>blue</Colour>\n  <Hosts>"),
      /<Colour> \(line \d+\) is not a valid child/,
    ],
    [
      "a description over 250 characters",
      manifest.replace(/<Description DefaultValue="[^"]*"\/>/, `<Description DefaultValue="${"x".repeat(251)}"/>`),
      /<Description> is 251 characters/,
    ],
  ])("%s", (_label, text, problem) => {
    expect(text).not.toBe(manifest);
    expect(manifestProblems(text).join("\n")).toMatch(problem);
  });
});
