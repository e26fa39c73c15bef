import { PARAMETERS, SCENARIO_USES, validWords, type ParameterKind } from "./parameters";

/**
 * The parameter list of docs/functions.md, drawn from the schema: a test checks that the page holds exactly this
 * table, so the page cannot drift from the parameters. Print it with `npm run docs:parameters` after a change.
 */

const KIND_WORDS: Readonly<Record<ParameterKind, string>> = {
  amount: "amount",
  rate: "number",
  ratio: "ratio (40% or 0.4)",
  count: "whole number",
  year: "year",
  "data-year": "year of the data",
  month: "month, YYYY-MM",
  choice: "word",
  profile: "word or weights",
  "code-list": "codes",
  "code-ratios": "CODE=ratio list, or one ratio",
  "code-values": "CODE=value list",
  blend: "BASIS:ratio list",
  "instrument-list": "instrument ids, or a word",
  "instrument-additions": "instruments, separated by ;",
  switch: "TRUE or FALSE (a flag alone on the command line)",
  data: "your data (a file, or a data sheet)",
};

/** The Markdown table of every parameter: name, the uses it has effect in, kind, default, valid values and help. */
export function parametersMarkdown(): string {
  const rows = PARAMETERS.map((entry) => {
    const valid = entry.choices
      ? [entry.choices.join(", "), validWords(entry)].filter((part) => part !== "").join("; ")
      : validWords(entry);
    const cells = [
      `\`${entry.name}\``,
      (entry.uses ?? SCENARIO_USES).join(", "),
      KIND_WORDS[entry.kind],
      entry.default === "" ? "-" : `\`${entry.default}\``,
      valid === "" ? "-" : valid,
      entry.help,
    ];
    return `| ${cells.join(" | ")} |`;
  });
  return [
    "| Name | For | Kind | Default | Valid | What it is |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
