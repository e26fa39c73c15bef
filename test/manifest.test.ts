// Checks manifest.xml: well-formed, the FAIRSHARE custom-functions namespace, the shared runtime, resource ids that
// resolve, and that every https://localhost:3000/ URL names a file the production build wrote to dist/.
// `npm test` runs `npm run build` first; run it yourself before `npx jest test/manifest.test.ts`.
import { existsSync, readFileSync } from "fs";
import path from "path";
import { OfficeAddinManifest } from "office-addin-manifest";
import { XmlElement, XmlError, allElements, findAll, parseXml } from "./helpers/xml";

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const MANIFEST_PATH = path.join(ROOT, "manifest.xml");
const DEV_ORIGIN = "https://localhost:3000/";

const manifestText = readFileSync(MANIFEST_PATH, "utf8");
const manifest = parseXml(manifestText);

/** The single element named `name` under `within`; fails the test if there are none or several. */
function only(within: XmlElement, name: string): XmlElement {
  const found = findAll(within, name);
  if (found.length !== 1) {
    throw new Error(`expected one <${name}> in <${within.name}>, found ${found.length}`);
  }
  return found[0];
}

/** Every resource in <Resources>, by id: images, URLs and strings. */
function resources(): Map<string, XmlElement> {
  const byId = new Map<string, XmlElement>();
  for (const element of allElements(only(manifest, "Resources"))) {
    const id = element.attributes.id;
    if (id === undefined) continue;
    if (byId.has(id)) throw new Error(`resource id ${id} is defined twice`);
    byId.set(id, element);
  }
  return byId;
}

function resourceValue(resid: string): string {
  const resource = resources().get(resid);
  if (resource === undefined) throw new Error(`no resource with id ${resid}`);
  return resource.attributes.DefaultValue;
}

describe("the XML checker", () => {
  it.each([
    ["a mismatched end tag", "<a><b></a></b>"],
    ["an unclosed element", "<a><b/>"],
    ["two root elements", "<a/><b/>"],
    ["a bare ampersand", "<a>R&D</a>"],
    ["an unknown entity", '<a title="&nbsp;"/>'],
    ["a duplicate attribute", '<a x="1" x="2"/>'],
    ["an unquoted attribute", "<a x=1/>"],
    ["text outside the root", "<a/>text"],
    ["a double hyphen in a comment", "<a><!-- a -- b --></a>"],
  ])("rejects %s", (_label, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
  });

  it("reads elements, attributes, entities and text", () => {
    const root = parseXml('<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2"><b:c y=\'3\'>t&lt;u&#65;</b:c><d/></a>');
    expect(root.attributes.x).toBe("1 & 2");
    expect(root.children.map((child) => child.name)).toEqual(["b:c", "d"]);
    expect(root.children[0].text).toBe("t<uA");
  });
});

describe("manifest.xml", () => {
  it("is a task-pane add-in for Excel workbooks with a GUID id", () => {
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(only(manifest, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    const baseHosts = manifest.children.find((child) => child.name === "Hosts");
    expect(baseHosts?.children.map((host) => host.attributes.Name)).toEqual(["Workbook"]);
  });

  it("is read the same way by office-addin-manifest", async () => {
    const info = await OfficeAddinManifest.readManifestFile(MANIFEST_PATH);
    expect(info.id).toBe(only(manifest, "Id").text);
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV_ORIGIN}taskpane.html`);
  });

  it("declares the FAIRSHARE custom-functions namespace", () => {
    const customFunctions = findAll(manifest, "ExtensionPoint").filter(
      (point) => point.attributes["xsi:type"] === "CustomFunctions"
    );
    expect(customFunctions).toHaveLength(1);
    expect(resourceValue(only(customFunctions[0], "Namespace").attributes.resid)).toBe("FAIRSHARE");
  });

  it("requires and uses the shared runtime", () => {
    const sets = Object.fromEntries(
      findAll(only(manifest, "Requirements"), "Set").map((set) => [set.attributes.Name, set.attributes.MinVersion])
    );
    expect(sets).toMatchObject({ SharedRuntime: "1.1", CustomFunctionsRuntime: "1.1" });

    const runtimes = findAll(manifest, "Runtime");
    expect(runtimes).toHaveLength(1);
    const runtime = runtimes[0];
    expect(runtime.attributes.lifetime).toBe("long");
    expect(resourceValue(runtime.attributes.resid)).toBe(`${DEV_ORIGIN}taskpane.html`);

    // The functions' page, the function file and the task pane all name the runtime's page, so one runtime hosts all.
    const customFunctions = findAll(manifest, "ExtensionPoint").find(
      (point) => point.attributes["xsi:type"] === "CustomFunctions"
    ) as XmlElement;
    expect(only(only(customFunctions, "Page"), "SourceLocation").attributes.resid).toBe(runtime.attributes.resid);
    expect(resourceValue(only(only(customFunctions, "Script"), "SourceLocation").attributes.resid)).toBe(
      `${DEV_ORIGIN}functions.js`
    );
    expect(resourceValue(only(only(customFunctions, "Metadata"), "SourceLocation").attributes.resid)).toBe(
      `${DEV_ORIGIN}functions.json`
    );
    expect(only(manifest, "FunctionFile").attributes.resid).toBe(runtime.attributes.resid);
    const showTaskpane = findAll(manifest, "Action").filter(
      (action) => action.attributes["xsi:type"] === "ShowTaskpane"
    );
    expect(showTaskpane).toHaveLength(1);
    expect(only(showTaskpane[0], "SourceLocation").attributes.resid).toBe(runtime.attributes.resid);
  });

  it("defines every resource it refers to, within Office's length limits", () => {
    const byId = resources();
    const referenced = allElements(manifest)
      .map((element) => element.attributes.resid)
      .filter((resid): resid is string => resid !== undefined);
    expect(referenced.filter((resid) => !byId.has(resid))).toEqual([]);
    for (const text of findAll(only(manifest, "bt:ShortStrings"), "bt:String")) {
      expect(text.attributes.DefaultValue.length).toBeLessThanOrEqual(125);
    }
    for (const text of findAll(only(manifest, "bt:LongStrings"), "bt:String")) {
      expect(text.attributes.DefaultValue.length).toBeLessThanOrEqual(250);
    }
  });

  describe("against the production build in dist/", () => {
    beforeAll(() => {
      if (!existsSync(path.join(DIST, "taskpane.html"))) {
        throw new Error("dist/ has no build: run `npm run build` first (`npm test` does)");
      }
    });

    it("names only files that the build produced", () => {
      const urls = allElements(manifest)
        .flatMap((element) => [element.text, ...Object.values(element.attributes)])
        .map((value) => value.trim())
        .filter((value) => value.startsWith(DEV_ORIGIN));
      expect(urls.length).toBeGreaterThanOrEqual(6);
      const missing = urls.filter((url) => {
        const relative = decodeURIComponent(new URL(url).pathname).replace(/^\//, "");
        return relative === "" || !existsSync(path.join(DIST, relative));
      });
      expect(missing).toEqual([]);
    });

    it("serves a page that loads office.js, then the functions and task-pane bundles", () => {
      const html = readFileSync(path.join(DIST, "taskpane.html"), "utf8");
      // The production page is minified: attribute values may be unquoted.
      const scripts = [...html.matchAll(/<script\b[^>]*?\ssrc=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g)].map(
        (match) => match[1] ?? match[2] ?? match[3]
      );
      expect(scripts.slice(-2)).toEqual(["functions.js", "taskpane.js"]);
      expect(scripts[0]).toMatch(/(^|\/)office\.js$/);
      expect(html).not.toMatch(/<script\b[^>]*\b(defer|async)\b/);
    });

    it("ships functions.json generated from the functions' JSDoc", () => {
      const metadata = JSON.parse(readFileSync(path.join(DIST, "functions.json"), "utf8")) as {
        functions: { id: string }[];
      };
      expect(metadata.functions.length).toBeGreaterThan(0);
      for (const fn of metadata.functions) {
        expect(fn.id).toMatch(/^[A-Z][A-Z0-9._]*$/);
      }
    });
  });
});
