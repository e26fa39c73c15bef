/**
 * Cell notes in an .xlsx file: the comments part holds each note's text, and a VML drawing (the legacy format every
 * version of Excel still reads notes from) holds the box shown beside the cell on hover. Both are needed: Excel and
 * LibreOffice show a note only with its shape.
 */
import { parseAddress } from "./description";
import { escapeText } from "./xml";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export interface Note {
  readonly address: string;
  readonly text: string;
}

/** The comments part of a sheet's notes, all by one author. */
export function commentsXml(notes: readonly Note[], author: string): string {
  const comments = notes.map(
    (note) =>
      `<comment ref="${note.address}" authorId="0"><text><t xml:space="preserve">${escapeText(note.text, `the note of ${note.address}`)}</t></text></comment>`
  );
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN_NS}">` +
    `<authors><author>${escapeText(author)}</author></authors><commentList>${comments.join("")}</commentList></comments>`
  );
}

/**
 * The VML drawing of a sheet's notes: one hidden note box per note, anchored to the right of its cell. `sheetNumber`
 * (1-based) keeps shape ids unique in the workbook: each sheet owns the block of 1024 ids starting at 1024 x number.
 */
export function notesVml(notes: readonly Note[], sheetNumber: number): string {
  const shapes = notes.map((note, index) => {
    const { row, column } = parseAddress(note.address);
    // Anchor: left column, offset, top row, offset, right column, offset, bottom row, offset (0-based cells, pixels).
    const anchor = [column, 15, Math.max(row - 2, 0), 10, column + 2, 15, row + 3, 4].join(", ");
    return (
      `<v:shape id="_x0000_s${sheetNumber * 1024 + index + 1}" type="#_x0000_t202" ` +
      `style="position:absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:60pt;z-index:${index + 1};visibility:hidden" ` +
      `fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>` +
      `<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor>` +
      `<x:AutoFill>False</x:AutoFill><x:Row>${row - 1}</x:Row><x:Column>${column - 1}</x:Column></x:ClientData></v:shape>`
    );
  });
  return (
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${sheetNumber}"/></o:shapelayout>` +
    `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
    `<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
    shapes.join("") +
    `</xml>`
  );
}
