// Builds the add-in into dist/. The shape follows Microsoft's `yo office` shared-runtime template: one entry per
// folder (taskpane, functions), functions.json generated from the JSDoc in src/functions/functions.ts, and one page,
// taskpane.html, that loads both bundles, because in a shared runtime the task pane and the custom functions run in
// the same JavaScript context.
//
//   npm run build          production build (minified), office.js from Microsoft's CDN
//   npm run build:dev      development build
//   npm run dev-server     https://localhost:3000/ with live rebuilds
//   add `-- --env localOffice` to any of them to load office.js from dist/office-js/ instead (offline tests)
//
// ADDIN_BASE_URL (an https address ending in "/", e.g. https://example.org/fair-share/) is where dist/ will be hosted:
// every https://localhost:3000/ address in the emitted files (manifest, functions.json help URLs, pages) is rewritten to
// it, so the build can be uploaded to any static HTTPS server. Without it the addresses stay at the dev server's.

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { renderHelpPage } = require("./src/functions/help-page.cjs");
const { DEV_BASE_URL, DEV_SERVER_PORT, checkedBaseUrl, manifestVersion } = require("./scripts/addin-address.cjs");
const { version } = require("./package.json");

const { Compilation, sources } = require("webpack");

/** The address the build is for: ADDIN_BASE_URL, checked, or the dev server's. */
function baseUrl() {
  const given = process.env.ADDIN_BASE_URL;
  return given === undefined || given === "" ? DEV_BASE_URL : checkedBaseUrl(given);
}

/** Rewrites the dev address to the build's address in every emitted text file except Microsoft's office.js copy. */
class BaseUrlPlugin {
  constructor(base) {
    this.base = base;
  }
  apply(compiler) {
    if (this.base === DEV_BASE_URL) return;
    compiler.hooks.thisCompilation.tap("BaseUrlPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        // After every other plugin has emitted its files (functions.json, the copies), before hashing and reports.
        { name: "BaseUrlPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (name.startsWith("office-js/") || !/\.(xml|json|html|js|css|md)$/.test(name)) continue;
            const text = assets[name].source().toString();
            if (!text.includes(DEV_BASE_URL)) continue;
            compilation.updateAsset(name, new sources.RawSource(text.split(DEV_BASE_URL).join(this.base)));
          }
        }
      );
    });
  }
}

/** The manifest's text with its one <Version> set from package.json. */
function withManifestVersion(text) {
  const versions = text.match(/<Version>[^<]*<\/Version>/g) ?? [];
  if (versions.length !== 1) throw new Error(`manifest.xml has ${versions.length} <Version> elements; it needs one.`);
  return text.replace(versions[0], `<Version>${manifestVersion(version)}</Version>`);
}

/**
 * office.js from the CDN is the default: Excel and AppSource expect add-ins to load it from there (the CDN copy is
 * kept current, while a copy served with the add-in ages and may not match the Office build the user runs). Browser
 * tests on a machine with no route to Microsoft pass `--env localOffice` and get the copy under dist/office-js/.
 */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_LOCAL = "office-js/office.js";

/**
 * The files of @microsoft/office-js that office.js loads when an Excel add-in starts: itself, the Excel host scripts
 * for each platform (office.js picks "excel-<platform>-<version>[-core].js"), the Office 2013 mapping table, the
 * custom-functions runtime, the en-us strings and the telemetry sink. Debug builds, other hosts and other locales are
 * left out (office.js falls back to en-us strings).
 */
const OFFICE_JS_FILES = [
  "office.js",
  "o15apptofilemappingtable.js",
  "custom-functions-runtime.js",
  "excel-*-16.*.js",
  "en-us/office_strings.js",
  "telemetry/oteljs_agave.js",
];

/** https options for the dev server: the Office dev certificates when they can be had, else a self-signed one. */
async function getHttpsOptions() {
  try {
    const devCerts = require("office-addin-dev-certs");
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca, key, cert } };
  } catch (error) {
    console.warn(
      `Office dev certificates unavailable (${error instanceof Error ? error.message.split("\n")[0] : error}); ` +
        "serving https with a self-signed certificate. Run `npx office-addin-dev-certs install` to trust localhost."
    );
    return { type: "https" };
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const officeJsUrl = env.localOffice ? OFFICE_JS_LOCAL : OFFICE_JS_CDN;
  const base = baseUrl();

  return {
    // Never an eval-based devtool (webpack's development default): the pane's Content-Security-Policy refuses eval.
    devtool: dev ? "source-map" : false,
    entry: {
      // A small plain script; the pane's UI is a chunk it imports once the page (and the functions) are up.
      taskpane: "./src/taskpane/taskpane.ts",
      functions: "./src/functions/functions.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Types are checked by `npm run typecheck`; the build only transpiles, which keeps it to a few seconds.
          // ES modules out of ts-loader (tsconfig.json says commonjs, for jest and the CLI): webpack then splits the
          // pane's dynamic import into its own chunk and drops the unused parts of Fluent UI.
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext" } } },
        },
        {
          // JSZip's browser build (the pane's merge reads an .xlsx with it) without its polyfill's `new Function`.
          test: /[\\/]jszip[\\/]dist[\\/]jszip(\.min)?\.js$/,
          loader: path.resolve(__dirname, "scripts/jszip-no-eval-loader.cjs"),
        },
      ],
    },
    plugins: [
      new BaseUrlPlugin(base),
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Both bundles in the one shared-runtime page, functions first.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        // Plain blocking scripts at the end of <body>, after office.js in <head>: the functions bundle registers its
        // functions as it runs, so it must not be deferred or async.
        inject: "body",
        scriptLoading: "blocking",
        officeJsUrl,
      }),
      // The support page the manifest's SupportUrl names: no script, so it works wherever it is opened.
      new HtmlWebpackPlugin({
        filename: "support.html",
        template: "./src/support/support.html",
        chunks: [],
        inject: false,
        templateParameters: { version },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          // The manifest's <Version> is package.json's: Office compares it to tell an update (README, "Publishing an
          // update").
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => withManifestVersion(content.toString()),
          },
          // The functions' help page (each helpUrl in functions.json names an anchor in it), from docs/functions.md.
          {
            from: "docs/functions.md",
            to: "docs/functions.html",
            transform: (content) => renderHelpPage(content.toString()),
          },
          // Microsoft's office.js copy is for the tests and offline development; a build for ADDIN_BASE_URL loads
          // office.js from the CDN and leaves the copy out (its host scripts mention localhost).
          ...(base === DEV_BASE_URL || env.localOffice ? OFFICE_JS_FILES : []).map((file) => ({
            from: file,
            context: path.dirname(require.resolve("@microsoft/office-js/dist/office.js")),
            to: path.posix.join("office-js", path.posix.dirname(file), "[name][ext]"),
            globOptions: { ignore: ["**/*.debug.js"] },
            // Already minified by Microsoft; without this the production build re-minifies ~15 MB of script (75 s).
            info: { minimized: true },
          })),
        ],
      }),
    ],
    performance: {
      // office.js host files are large by nature and are not part of our bundles.
      assetFilter: (asset) => !asset.startsWith("office-js/") && asset.endsWith(".js"),
    },
    devServer: {
      // Only this machine can reach the dev server, and no CORS header: the page, its scripts and functions.json are
      // all served from this one origin, so no other origin needs to read them.
      host: "localhost",
      allowedHosts: ["localhost"],
      server: env.WEBPACK_SERVE ? await getHttpsOptions() : "https",
      port: DEV_SERVER_PORT,
      // Everything is served from the compilation in memory (copied files included), never a stale dist/.
      static: false,
    },
  };
};
