// The add-in's address and version as its build writes them, shared by webpack.config.js and `npm run release`, so
// that both refuse the same addresses with the same words. Plain CommonJS with no dependencies.

/* global module */
"use strict";

const DEV_SERVER_PORT = 3000;
/** The address every file names in development; the sources (manifest.xml, the JSDoc help URLs) are written with it. */
const DEV_BASE_URL = `https://localhost:${DEV_SERVER_PORT}/`;

/**
 * The address a build is for, from ADDIN_BASE_URL: an https URL without query or fragment, ending in "/". Throws an
 * Error whose message says what to give instead.
 */
function checkedBaseUrl(given) {
  let url;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`ADDIN_BASE_URL "${given}" is not a URL. Give the https address the files will be served from.`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`ADDIN_BASE_URL "${given}" must start with https:// (Office loads add-ins over https only).`);
  }
  if (url.search !== "" || url.hash !== "") {
    throw new Error(`ADDIN_BASE_URL "${given}" must not have a query or fragment.`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/**
 * The manifest's <Version> for a package.json version: its three numbers and a fourth, 0 ("1.2.3" -> "1.2.3.0").
 * Office compares these numbers to decide that an add-in was updated; a pre-release suffix has no place in them.
 */
function manifestVersion(packageVersion) {
  const match = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})$/.exec(packageVersion);
  if (match === null) {
    throw new Error(
      `package.json version "${packageVersion}" cannot be a manifest version: use three numbers of at most 5 digits, such as 1.2.3.`
    );
  }
  return `${match[1]}.${match[2]}.${match[3]}.0`;
}

module.exports = { DEV_SERVER_PORT, DEV_BASE_URL, checkedBaseUrl, manifestVersion };
