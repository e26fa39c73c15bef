/**
 * The strict XML reader of src/workbook/xml.ts, for tests: checks that a file such as manifest.xml or a part of an
 * .xlsx file is well-formed and walks its elements.
 */
export { XmlError, allElements, findAll, parseXml, type XmlElement } from "../../src/workbook/xml";
