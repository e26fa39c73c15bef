// `npm start` and `npm stop` where desktop Excel does not run (this test runs on Linux, as CI does): exit non-zero
// with what to do instead, rather than office-addin-debugging's "platform not supported" and exit 0.
import { spawnSync } from "child_process";
import path from "path";

const SCRIPT = path.resolve(__dirname, "..", "scripts", "debug-addin.mjs");

test.each(["start", "stop"])("npm %s on Linux fails and points to Excel on the web", (action) => {
  expect(process.platform).toBe("linux");
  const run = spawnSync(process.execPath, [SCRIPT, action], { encoding: "utf8" });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`npm ${action}: desktop Excel runs on Windows and macOS only`);
  expect(run.stderr).toContain("npm run dev-server");
  expect(run.stderr).toContain("Upload My Add-in, and choose manifest.xml");
});
