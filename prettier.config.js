// Prettier, as run by the lint (eslint-plugin-prettier). Office's shared style (office-addin-prettier-config:
// trailing commas where ES5 allows, double quotes) with a wider line: the engine's doc comments and error catalogue
// read better at 120 columns.
module.exports = {
  printWidth: 120,
  trailingComma: "es5",
};
