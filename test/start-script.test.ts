// `npm start` and `npm stop` (scripts/debug-addin.mjs) on each platform, whatever machine runs the test: the script
// runs unchanged, with process.platform set and its call of office-addin-debugging recorded instead of made
// (test/helpers/as-platform.cjs). README: on Windows and macOS it sideloads into desktop Excel through
// office-addin-debugging; elsewhere it exits 1 with what to do instead, rather than office-addin-debugging's
// "platform not supported" and exit 0.
import { spawnSync } from "child_process";
import path from "path";

const ROOT = path.resolve(__dirname, "..");
const SCRIPT = path.join(ROOT, "scripts", "debug-addin.mjs");
const AS_PLATFORM = path.join(__dirname, "helpers", "as-platform.cjs");

interface Call {
  readonly command: string;
  readonly args: string[];
  readonly stdio: string;
}

function runAs(platform: NodeJS.Platform, action: string, status = 0) {
  const run = spawnSync(process.execPath, ["--require", AS_PLATFORM, SCRIPT, action], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, AS_PLATFORM: platform, AS_PLATFORM_STATUS: String(status) },
  });
  const calls = run.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Call);
  return { status: run.status, stderr: run.stderr, calls };
}

describe.each(["start", "stop"])("npm %s", (action) => {
  test.each(["linux", "freebsd"] as const)("on %s: exits 1 and points to Excel on the web", (platform) => {
    const run = runAs(platform, action);
    expect(run.calls).toEqual([]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `npm ${action}: desktop Excel runs on Windows and macOS only, so the add-in cannot be sideloaded on ${platform}.`
    );
    expect(run.stderr).toContain("npm run dev-server");
    expect(run.stderr).toContain("Upload My Add-in, and choose manifest.xml");
  });

  test.each(["darwin", "win32"] as const)(
    "on %s: runs office-addin-debugging on manifest.xml and exits with its status",
    (platform) => {
      for (const status of [0, 3]) {
        const run = runAs(platform, action, status);
        expect(run.calls).toEqual([
          {
            command: process.execPath,
            args: [path.join(ROOT, "node_modules", "office-addin-debugging", "cli.js"), action, "manifest.xml"],
            stdio: "inherit",
          },
        ]);
        expect(run.status).toBe(status);
        expect(run.stderr).toBe("");
      }
    }
  );
});

test("anything but start or stop is a usage error", () => {
  const run = runAs("darwin", "restart");
  expect(run.calls).toEqual([]);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain("usage: node scripts/debug-addin.mjs start|stop");
});
