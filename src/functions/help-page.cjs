// Renders docs/functions.md as the HTML help page the functions' help URLs name (dist/docs/functions.html). Runs at
// build time under Node (webpack.config.js requires it), so it is plain CommonJS with no dependencies. It handles the
// Markdown that page uses, and nothing more: headings (id = the heading's text in lower case, spaces as "-", as GitHub
// makes them, so a help URL's #allocate works on both), paragraphs, "- " lists, pipe tables, fenced code blocks, and
// inline `code`, **bold** and [links](url). Everything else is text, escaped.

/* global module */
"use strict";

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The id GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
function headingId(text) {
  return text
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^a-z0-9 _-]/g, "")
    .trim()
    .replace(/ /g, "-");
}

/** Inline Markdown: code spans first (their content is literal), then links and bold in the rest. */
function inline(text) {
  return text
    .split(/(`[^`]*`)/)
    .map((part) => {
      if (part.startsWith("`") && part.endsWith("`") && part.length >= 2) {
        return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      }
      return escapeHtml(part)
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, label, url) => `<a href="${url}">${label}</a>`)
        .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
    })
    .join("");
}

function tableCells(line) {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((cell) => cell.trim());
}

/** The page's body: Markdown blocks as HTML. */
function renderMarkdown(markdown) {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const html = [];
  let index = 0;
  const isBlank = (line) => line.trim() === "";
  while (index < lines.length) {
    const line = lines[index];
    if (isBlank(line)) {
      index++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      html.push(`<h${level} id="${headingId(heading[2])}">${inline(heading[2])}</h${level}>`);
      index++;
      continue;
    }
    if (line.startsWith("```")) {
      const code = [];
      index++;
      while (index < lines.length && !lines[index].startsWith("```")) code.push(lines[index++]);
      index++;
      html.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    if (line.trim().startsWith("|")) {
      const rows = [];
      while (index < lines.length && lines[index].trim().startsWith("|")) rows.push(tableCells(lines[index++]));
      const [head, ...body] = rows;
      const data = body.filter((cells) => !cells.every((cell) => /^:?-+:?$/.test(cell)));
      html.push(
        "<table>",
        `<thead><tr>${head.map((cell) => `<th>${inline(cell)}</th>`).join("")}</tr></thead>`,
        `<tbody>${data.map((cells) => `<tr>${cells.map((cell) => `<td>${inline(cell)}</td>`).join("")}</tr>`).join("")}</tbody>`,
        "</table>"
      );
      continue;
    }
    if (line.startsWith("- ")) {
      const items = [];
      while (index < lines.length && (lines[index].startsWith("- ") || /^ {2}\S/.test(lines[index]))) {
        if (lines[index].startsWith("- ")) items.push(lines[index].slice(2));
        else items[items.length - 1] += ` ${lines[index].trim()}`;
        index++;
      }
      html.push(`<ul>${items.map((item) => `<li>${inline(item)}</li>`).join("")}</ul>`);
      continue;
    }
    const paragraph = [];
    while (index < lines.length && !isBlank(lines[index]) && !/^(#{1,6}\s|```|- |\s*\|)/.test(lines[index])) {
      paragraph.push(lines[index++].trim());
    }
    html.push(`<p>${inline(paragraph.join(" "))}</p>`);
  }
  return html.join("\n");
}

const STYLE = [
  "body{font-family:Segoe UI,system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#1b1b1b}",
  "h1,h2{border-bottom:1px solid #ddd;padding-bottom:.2em}",
  "code{background:#f3f3f3;border-radius:3px;padding:0 .2em;font-family:Consolas,monospace}",
  "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}",
  "th{background:#f3f3f3}",
].join("");

/** The help page's Content-Security-Policy: no script at all, its own style block, images from its own origin. */
const STATIC_PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'";

/** The whole help page for the Markdown text of docs/functions.md. */
function renderHelpPage(markdown) {
  const title = (/^#\s+(.*)$/m.exec(markdown) || [null, "Fair Share functions"])[1];
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    // No script runs on this page: a link or text in the Markdown cannot bring one in.
    `<meta http-equiv="Content-Security-Policy" content="${STATIC_PAGE_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    renderMarkdown(markdown),
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

module.exports = { renderHelpPage, renderMarkdown, headingId };
