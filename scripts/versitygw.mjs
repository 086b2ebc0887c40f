#!/usr/bin/env node
// Ensures the Versity S3 Gateway (versitygw) binary that the remote-shelf tests run as their real
// S3 server (issue 10: never a mock). It is built from the Go module proxy, keyed by version, and
// cached outside the repo at $MODEL_SHELF_VERSITYGW_DIR or ~/.cache/model-shelf/versitygw-v1.8.0,
// so the ~7-minute build on 2 cores happens once per machine.
//
//   node scripts/versitygw.mjs          # prints the binary's path, what it did on stderr
//
// Programmatic use: `const gw = await ensureVersitygw()` -> { binary, dir, version, built }.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VERSITYGW_VERSION = 'v1.8.0';
export const VERSITYGW_MODULE = 'github.com/versity/versitygw/cmd/versitygw';
export const MISSING_GO_MESSAGE =
  'Go 1.25+ is needed to build the Versity S3 Gateway for the remote-shelf tests: install Go (https://go.dev/dl) and put `go` on the PATH, or set MODEL_SHELF_VERSITYGW_DIR to a folder that holds a built versitygw.';

const exe = process.platform === 'win32' ? 'versitygw.exe' : 'versitygw';

export function versitygwDir(env = process.env) {
  const explicit = env.MODEL_SHELF_VERSITYGW_DIR;
  return resolve(
    explicit && explicit.length > 0 ? explicit : join(homedir(), '.cache', 'model-shelf', `versitygw-${VERSITYGW_VERSION}`),
  );
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, ...options });
  return { ok: result.status === 0 && !result.error, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
}

function goAvailable() {
  return run('go', ['version'], { timeout: 30_000 }).ok;
}

// The cache is keyed by version: the binary must start, and when Go is here its embedded build
// info must name the pinned module version (a stale binary from another version is rebuilt).
function usable(binary) {
  if (!existsSync(binary)) return false;
  if (!run(binary, ['--version'], { timeout: 30_000 }).ok) return false;
  if (!goAvailable()) return true;
  const info = run('go', ['version', '-m', binary], { timeout: 30_000 });
  if (!info.ok) return true;
  return new RegExp(`^\\s*mod\\s+github\\.com/versity/versitygw\\s+${VERSITYGW_VERSION.replace(/\./g, '\\.')}\\s`, 'm').test(info.stdout);
}

/** Returns the cached binary, building it first when missing. Throws one sentence on failure. */
export async function ensureVersitygw(env = process.env) {
  const dir = versitygwDir(env);
  const binary = join(dir, exe);
  if (usable(binary)) return { binary, dir, version: VERSITYGW_VERSION, built: false };
  if (!goAvailable()) throw new Error(MISSING_GO_MESSAGE);
  mkdirSync(dir, { recursive: true });
  // Build into a private folder and rename, so a killed build never leaves a half-written binary
  // where the next run would trust it.
  const building = join(dir, `.building-${process.pid}`);
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const build = run('go', ['install', `${VERSITYGW_MODULE}@${VERSITYGW_VERSION}`], {
    timeout: 1_800_000,
    env: { ...env, GOBIN: building, CGO_ENABLED: env.CGO_ENABLED ?? '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const built = join(building, exe);
  if (!build.ok || !existsSync(built)) {
    rmSync(building, { recursive: true, force: true });
    const detail = (build.stderr || build.error?.message || '').trim().split('\n').pop() ?? '';
    throw new Error(
      `Building the Versity S3 Gateway ${VERSITYGW_VERSION} with go install failed (${detail || 'no output'}): check that the Go module proxy is reachable and run node scripts/versitygw.mjs again.`,
    );
  }
  chmodSync(built, 0o755);
  renameSync(built, binary);
  rmSync(building, { recursive: true, force: true });
  return { binary, dir, version: VERSITYGW_VERSION, built: true };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const gw = await ensureVersitygw();
    process.stderr.write(`Versity S3 Gateway ${gw.version} ${gw.built ? 'built into' : 'reused from'} ${gw.dir}\n`);
    process.stdout.write(`${gw.binary}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
