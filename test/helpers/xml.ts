/**
 * A small, strict XML reader for tests: enough of XML 1.0 to check that a file such as manifest.xml is well-formed
 * and to walk its elements. It rejects what a conforming parser rejects in files like ours: unclosed or mismatched
 * tags, more than one root element, text outside the root, duplicate attributes, unquoted attribute values, `<` in an
 * attribute value, `&` that does not start a known entity or character reference, `--` inside a comment, and a
 * misplaced XML declaration. DOCTYPE declarations are refused (our files have none). Names are kept with their
 * prefixes (`bt:Url`); namespaces are not resolved.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own text (character data and CDATA directly inside it, entities decoded), concatenated. */
  text: string;
  /** 1-based line of the element's start tag, for messages. */
  readonly line: number;
}

export class XmlError extends Error {}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' };

/** Replaces entity and character references; throws on anything else after `&`. */
function decode(raw: string, where: () => string): string {
  return raw.replace(/&([^;]*);?/g, (match, body: string) => {
    if (!match.endsWith(";")) {
      throw new XmlError(`unescaped "&" ${where()}`);
    }
    if (body in PREDEFINED) {
      return PREDEFINED[body];
    }
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (numeric) {
      return String.fromCodePoint(numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2], 10));
    }
    throw new XmlError(`unknown entity "&${body};" ${where()}`);
  });
}

/** Parses a whole document and returns its root element; throws XmlError if the text is not well-formed XML. */
export function parseXml(source: string): XmlElement {
  let pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  const lineAt = (index: number): number => source.slice(0, index).split("\n").length;
  const here = (): string => `at line ${lineAt(pos)}`;
  function fail(message: string): never {
    throw new XmlError(`${message} ${here()}`);
  }

  const declaration = /^<\?xml\s[^?]*\?>/.exec(source.slice(pos));
  if (declaration) {
    pos += declaration[0].length;
  }

  while (pos < source.length) {
    const next = source.indexOf("<", pos);
    const text = source.slice(pos, next === -1 ? source.length : next);
    if (text.length > 0) {
      if (stack.length === 0) {
        if (text.trim() !== "") fail("text outside the root element");
      } else {
        if (text.includes("]]>")) fail('"]]>" in text');
        stack[stack.length - 1].text += decode(text, here);
      }
    }
    if (next === -1) break;
    pos = next;

    if (source.startsWith("<!--", pos)) {
      const end = source.indexOf("-->", pos + 4);
      if (end === -1) fail("unclosed comment");
      if (source.slice(pos + 4, end).includes("--") || source[end - 1] === "-") fail('"--" inside a comment');
      pos = end + 3;
    } else if (source.startsWith("<![CDATA[", pos)) {
      if (stack.length === 0) fail("CDATA outside the root element");
      const end = source.indexOf("]]>", pos);
      if (end === -1) fail("unclosed CDATA section");
      stack[stack.length - 1].text += source.slice(pos + 9, end);
      pos = end + 3;
    } else if (source.startsWith("<?", pos)) {
      const end = source.indexOf("?>", pos);
      if (end === -1) fail("unclosed processing instruction");
      if (/^<\?xml[\s?]/i.test(source.slice(pos, pos + 6))) fail("XML declaration not at the start of the file");
      pos = end + 2;
    } else if (source.startsWith("<!", pos)) {
      fail("DOCTYPE and other declarations are not supported");
    } else if (source.startsWith("</", pos)) {
      const match = /^<\/([^\s>]+)\s*>/.exec(source.slice(pos));
      if (!match) fail("malformed end tag");
      const name = match[1];
      const open = stack.pop();
      if (!open) fail(`end tag </${name}> with no open element`);
      if (open.name !== name) fail(`end tag </${name}> does not match <${open.name}> from line ${open.line}`);
      pos += match[0].length;
    } else {
      const line = lineAt(pos);
      pos += 1;
      const nameMatch = NAME.exec(source.slice(pos));
      if (!nameMatch) fail("bad element name");
      const name = nameMatch[0];
      pos += name.length;
      const attributes: Record<string, string> = {};
      let selfClosing = false;
      for (;;) {
        const space = /^\s*/.exec(source.slice(pos))?.[0] ?? "";
        pos += space.length;
        if (source.startsWith("/>", pos)) {
          selfClosing = true;
          pos += 2;
          break;
        }
        if (source.startsWith(">", pos)) {
          pos += 1;
          break;
        }
        if (space.length === 0) fail(`expected whitespace, ">" or "/>" in <${name}>`);
        const attribute = /^([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(
          source.slice(pos)
        );
        if (!attribute) fail(`malformed attribute in <${name}>`);
        const [whole, attributeName, doubleQuoted, singleQuoted] = attribute;
        const value = doubleQuoted ?? singleQuoted;
        if (value.includes("<")) fail(`"<" in the value of ${attributeName}`);
        if (attributeName in attributes) fail(`duplicate attribute ${attributeName} in <${name}>`);
        attributes[attributeName] = decode(value, here);
        pos += whole.length;
      }
      const element: XmlElement = { name, attributes, children: [], text: "", line };
      if (stack.length > 0) {
        stack[stack.length - 1].children.push(element);
      } else if (root) {
        fail("more than one root element");
      } else {
        root = element;
      }
      if (!selfClosing) stack.push(element);
    }
  }

  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    throw new XmlError(`<${open.name}> from line ${open.line} is never closed`);
  }
  if (!root) throw new XmlError("no root element");
  return root;
}

/** Every element under `root` (itself included), depth first, in document order. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}

/** The elements named `name` anywhere under `root`. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  return allElements(root).filter((element) => element.name === name);
}
