/**
 * Offline checks of an XML add-in manifest against the rules of Microsoft's manifest schema that this manifest can
 * break: the order of child elements (the schema's sequences, as the docs page "How to find the proper order of
 * manifest elements" lists them for a task-pane add-in), the required elements, the version's form, https addresses,
 * the permission's value and the length limits of names and descriptions. Not a full XSD validation: `npm run
 * validate` asks Microsoft's validation service for that, which needs the network.
 */
import { type XmlElement, allElements, parseXml } from "./xml";

/** Each element's children in the order the schema allows them (by local name); an element not listed is refused. */
const ORDER: Readonly<Record<string, readonly string[]>> = {
  OfficeApp: [
    "Id",
    "AlternateId",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings",
    "Permissions",
    "Dictionary",
    "VersionOverrides",
    "ExtendedOverrides",
  ],
  VersionOverrides: ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins"],
  Host: ["Runtimes", "AllFormFactors", "DesktopFormFactor", "MobileFormFactor"],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  Group: ["OverriddenByRibbonApi", "Label", "Icon", "Control"],
  Control: ["OverriddenByRibbonApi", "Label", "Supertip", "Icon", "Action", "Enabled", "Items"],
  Supertip: ["Title", "Description"],
  Action: ["TaskpaneId", "SourceLocation", "Title", "FunctionName"],
  Resources: ["Images", "Urls", "ShortStrings", "LongStrings"],
};

/** The extension point of custom functions has its own sequence. */
const CUSTOM_FUNCTIONS_ORDER = ["Script", "Page", "Metadata", "Namespace"];

const REQUIRED = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "DefaultSettings"];
const PERMISSIONS = ["Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"];
/** Elements whose DefaultValue is an address Office loads. */
const ADDRESSES = ["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation", "Url", "Image", "LearnMoreUrl"];
const MAX_URL_LENGTH = 2048;

function local(element: XmlElement): string {
  return element.name.replace(/^.*:/, "");
}

function orderProblems(element: XmlElement): string[] {
  const order =
    local(element) === "ExtensionPoint" && element.attributes["xsi:type"] === "CustomFunctions"
      ? CUSTOM_FUNCTIONS_ORDER
      : ORDER[local(element)];
  if (order === undefined) return [];
  const problems: string[] = [];
  let last = -1;
  for (const child of element.children) {
    const position = order.indexOf(local(child));
    if (position === -1)
      problems.push(`<${child.name}> (line ${child.line}) is not a valid child of <${element.name}>`);
    else if (position < last) {
      problems.push(`<${child.name}> (line ${child.line}) is out of order in <${element.name}>: ${order.join(", ")}`);
    } else last = position;
  }
  return problems;
}

function valueProblems(root: XmlElement): string[] {
  const problems: string[] = [];
  const top = (name: string) => root.children.find((child) => child.name === name);
  for (const name of REQUIRED) if (top(name) === undefined) problems.push(`<${name}> is missing`);
  const version = top("Version")?.text.trim();
  if (version !== undefined && !/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) {
    problems.push(`<Version> "${version}" is not 1 to 4 numbers of at most 5 digits`);
  }
  const id = top("Id")?.text.trim();
  if (id !== undefined && !/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(id)) {
    problems.push(`<Id> "${id}" is not a GUID`);
  }
  const permissions = top("Permissions")?.text.trim();
  if (permissions !== undefined && !PERMISSIONS.includes(permissions)) {
    problems.push(`<Permissions> "${permissions}" is not one of ${PERMISSIONS.join(", ")}`);
  }
  const limits: [string, number][] = [
    ["DisplayName", 125],
    ["Description", 250],
  ];
  for (const [name, limit] of limits) {
    const value = top(name)?.attributes.DefaultValue ?? "";
    if (value.length > limit) problems.push(`<${name}> is ${value.length} characters; at most ${limit}`);
  }
  for (const element of allElements(root)) {
    const value = element.attributes.DefaultValue;
    if (value === undefined || !ADDRESSES.includes(local(element))) continue;
    if (!value.startsWith("https://")) problems.push(`<${element.name}> (line ${element.line}) is not https: ${value}`);
    if (value.length > MAX_URL_LENGTH)
      problems.push(`<${element.name}> (line ${element.line}) is over 2048 characters`);
  }
  return problems;
}

/** What in the manifest's text breaks the schema's rules above; empty when nothing does. */
export function manifestProblems(text: string): string[] {
  const root = parseXml(text);
  if (root.name !== "OfficeApp" || root.attributes["xsi:type"] !== "TaskPaneApp") {
    return ['the root is not <OfficeApp xsi:type="TaskPaneApp">'];
  }
  return [...allElements(root).flatMap(orderProblems), ...valueProblems(root)];
}
