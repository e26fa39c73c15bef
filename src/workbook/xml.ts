/**
 * A small, strict XML reader and the escaping the .xlsx writer needs. Enough of XML 1.0 for the parts of an .xlsx file
 * (and files such as manifest.xml): elements, attributes, character data, CDATA, comments, processing instructions,
 * the predefined entities and character references. It rejects what a conforming parser rejects in such files:
 * unclosed or mismatched tags, more than one root element, text outside the root, duplicate attributes, unquoted
 * attribute values, `<` in an attribute value, `&` that does not start a known entity or character reference, `--`
 * inside a comment, and a misplaced XML declaration. DOCTYPE declarations are refused (no part of ours has one, and
 * refusing them keeps entity expansion out). Names keep their prefixes (`x:c`); namespaces are not resolved:
 * `localName` drops the prefix.
 *
 * One pass over the text with sticky patterns, so a sheet of megabytes parses in milliseconds; each element records
 * where it starts and ends in the text, so an editor can replace one element and keep every other byte.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own text (character data and CDATA directly inside it, entities decoded), concatenated. */
  text: string;
  /** 1-based line of the element's start tag, for messages. */
  readonly line: number;
  /** Offsets in the source: `start` at its `<`, `end` just after its end tag (or after `/>`). */
  readonly start: number;
  end: number;
}

export class XmlError extends Error {}

const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' };
const NAME = /[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/y;
const ATTRIBUTE = /([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const SPACE = /\s*/y;
const END_TAG = /<\/([^\s>]+)\s*>/y;
const DECLARATION = /<\?xml\s[^?]*\?>/y;

/** Replaces entity and character references; throws on anything else after `&`. */
function decode(raw: string, where: () => string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&([^;&]*);?/g, (match, body: string) => {
    if (!match.endsWith(";")) throw new XmlError(`unescaped "&" ${where()}`);
    const predefined = PREDEFINED[body];
    if (predefined !== undefined) return predefined;
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2], 10);
      if (code > 0x10ffff) throw new XmlError(`character reference "&${body};" out of range ${where()}`);
      return String.fromCodePoint(code);
    }
    throw new XmlError(`unknown entity "&${body};" ${where()}`);
  });
}

/** Parses a whole document and returns its root element; throws XmlError if the text is not well-formed XML. */
export function parseXml(source: string): XmlElement {
  let pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Lines are counted as the parser moves on, so messages and `line` cost one pass in all.
  let line = 1;
  let counted = 0;
  const lineAt = (index: number): number => {
    for (let at = source.indexOf("\n", counted); at !== -1 && at < index; at = source.indexOf("\n", at + 1)) line++;
    counted = Math.max(counted, index);
    return line;
  };
  const here = (): string => `at line ${lineAt(pos)}`;
  function fail(message: string): never {
    throw new XmlError(`${message} ${here()}`);
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  DECLARATION.lastIndex = pos;
  if (DECLARATION.test(source)) pos = DECLARATION.lastIndex;

  while (pos < source.length) {
    const next = source.indexOf("<", pos);
    const stop = next === -1 ? source.length : next;
    if (stop > pos) {
      const text = source.slice(pos, stop);
      if (stack.length === 0) {
        if (text.trim() !== "") fail("text outside the root element");
      } else {
        if (text.includes("]]>")) fail('"]]>" in text');
        stack[stack.length - 1].text += decode(text, here);
      }
    }
    if (next === -1) break;
    pos = next;
    const second = source.charCodeAt(pos + 1);
    if (second === 0x21 /* ! */) {
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
      } else {
        fail("DOCTYPE and other declarations are not supported");
      }
    } else if (second === 0x3f /* ? */) {
      const end = source.indexOf("?>", pos);
      if (end === -1) fail("unclosed processing instruction");
      if (/^<\?xml[\s?]/i.test(source.slice(pos, pos + 6))) fail("XML declaration not at the start of the file");
      pos = end + 2;
    } else if (second === 0x2f /* / */) {
      END_TAG.lastIndex = pos;
      const match = END_TAG.exec(source);
      if (!match) fail("malformed end tag");
      const name = match[1];
      const open = stack.pop();
      if (!open) fail(`end tag </${name}> with no open element`);
      if (open.name !== name) fail(`end tag </${name}> does not match <${open.name}> from line ${open.line}`);
      pos = END_TAG.lastIndex;
      open.end = pos;
    } else {
      const start = pos;
      const startLine = lineAt(pos);
      NAME.lastIndex = pos + 1;
      const nameMatch = NAME.exec(source);
      if (!nameMatch) fail("bad element name");
      const name = nameMatch[0];
      pos = NAME.lastIndex;
      const attributes: Record<string, string> = {};
      let selfClosing = false;
      for (;;) {
        SPACE.lastIndex = pos;
        SPACE.test(source);
        const spaced = SPACE.lastIndex > pos;
        pos = SPACE.lastIndex;
        if (source.startsWith("/>", pos)) {
          selfClosing = true;
          pos += 2;
          break;
        }
        if (source.charCodeAt(pos) === 0x3e /* > */) {
          pos += 1;
          break;
        }
        if (!spaced) fail(`expected whitespace, ">" or "/>" in <${name}>`);
        ATTRIBUTE.lastIndex = pos;
        const attribute = ATTRIBUTE.exec(source);
        if (!attribute) fail(`malformed attribute in <${name}>`);
        const [, attributeName, doubleQuoted, singleQuoted] = attribute;
        const value = doubleQuoted ?? singleQuoted;
        if (value.includes("<")) fail(`"<" in the value of ${attributeName}`);
        if (Object.prototype.hasOwnProperty.call(attributes, attributeName)) {
          fail(`duplicate attribute ${attributeName} in <${name}>`);
        }
        attributes[attributeName] = decode(value, here);
        pos = ATTRIBUTE.lastIndex;
      }
      const element: XmlElement = { name, attributes, children: [], text: "", line: startLine, start, end: pos };
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else if (root) fail("more than one root element");
      else root = element;
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

/** An element's name without its namespace prefix: `x:c` is `c`. */
export function localName(element: XmlElement): string {
  const colon = element.name.indexOf(":");
  return colon === -1 ? element.name : element.name.slice(colon + 1);
}

/** The element's children with this local name (any prefix). */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => localName(child) === name);
}

/** The element's first child with this local name. */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => localName(child) === name);
}

/** Every element under `root` (itself included), depth first, in document order. */
export function allElements(root: XmlElement): XmlElement[] {
  const all: XmlElement[] = [];
  const visit = (element: XmlElement): void => {
    all.push(element);
    for (const child of element.children) visit(child);
  };
  visit(root);
  return all;
}

/** The elements named `name` (prefix included) anywhere under `root`. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  return allElements(root).filter((element) => element.name === name);
}

/**
 * Text as character data: `&`, `<` and `>` escaped, and the characters XML 1.0 cannot hold (controls other than tab,
 * newline and carriage return; lone surrogates) refused, naming where they were.
 */
export function escapeText(text: string, where = "a text"): string {
  checkCharacters(text, where);
  return text.replace(/[&<>]/g, (character) => (character === "&" ? "&amp;" : character === "<" ? "&lt;" : "&gt;"));
}

/** Text as a double-quoted attribute value: also `"` escaped, and tab, newline and return kept as references. */
export function escapeAttribute(text: string, where = "an attribute"): string {
  checkCharacters(text, where);
  return text.replace(/[&<>"\t\n\r]/g, (character) => ATTRIBUTE_ESCAPES[character]);
}

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkCharacters(text: string, where: string): void {
  const bad = NOT_XML.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    throw new RangeError(`${where} holds the character U+${code}, which an .xlsx file cannot store; remove it`);
  }
}
