#!/usr/bin/env node
// Ensures a Python virtual environment with real BentoML 1.4.x for the interop suite
// (tests/interop, format spec §11), plus s3fs so that `bentoml models export/import s3://...`
// work against the remote-shelf tests' S3 server (issue 10). The venv lives outside the repo, at
// $MODEL_SHELF_BENTOML_VENV or ~/.cache/model-shelf/bentoml-venv, and is reused when
// `import bentoml, s3fs` already works there with a 1.4.x release; a venv without s3fs gets it.
//
//   node scripts/bentoml-venv.mjs          # prints the venv's python path, versions on stderr
//
// For the §11 matrix (another BentoML or Python), point the suite at a second venv:
//   MODEL_SHELF_BENTOML_VENV=~/.cache/model-shelf/bentoml-1.4.19-py3.10 \
//   MODEL_SHELF_BENTOML_REQUIREMENT='bentoml==1.4.19' MODEL_SHELF_BENTOML_PYTHON=python3.10 npm run test:interop
//
// Programmatic use: `const venv = await ensureBentomlVenv()` -> { dir, python, bentoml, bentomlVersion, s3fsVersion, pythonVersion }.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENTOML_REQUIREMENT = 'bentoml>=1.4,<1.5';
// fsspec's S3 filesystem: BentoML's s3:// export/import paths go through it (pip pairs its
// release with the fsspec that BentoML already pulled in).
export const S3FS_REQUIREMENT = 's3fs';

const requirement = (env) => env.MODEL_SHELF_BENTOML_REQUIREMENT || BENTOML_REQUIREMENT;
export const MISSING_PYTHON_MESSAGE =
  'Python 3.9+ with venv is needed for the interop suite: install python3 and python3-venv, or set MODEL_SHELF_SKIP_INTEROP=1 to skip it.';

const isWindows = process.platform === 'win32';

export function venvDir(env = process.env) {
  const explicit = env.MODEL_SHELF_BENTOML_VENV;
  return resolve(explicit && explicit.length > 0 ? explicit : join(homedir(), '.cache', 'model-shelf', 'bentoml-venv'));
}

function venvBin(dir, name) {
  return isWindows ? join(dir, 'Scripts', `${name}.exe`) : join(dir, 'bin', name);
}

function run(cmd, args, timeoutMs = 120_000) {
  const result = spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, BENTOML_DO_NOT_TRACK: 'true', PIP_DISABLE_PIP_VERSION_CHECK: '1' },
  });
  return { ok: result.status === 0 && !result.error, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

// One probe prints the versions; `bentoml.__version__` needs the real import (not lazy). s3fs is
// null when it is missing, so a venv made before the remote tests gets it installed.
const PROBE = [
  'import sys, json, bentoml',
  'try:\n    import s3fs\n    s3 = s3fs.__version__\nexcept ImportError:\n    s3 = None',
  'print(json.dumps({"bentoml": bentoml.__version__, "s3fs": s3, "python": "%d.%d.%d" % sys.version_info[:3]}))',
].join('\n');

function probe(python) {
  if (!existsSync(python)) return null;
  const result = run(python, ['-c', PROBE]);
  if (!result.ok) return null;
  try {
    const info = JSON.parse(result.stdout.trim().split('\n').pop() ?? '');
    return /^1\.4\./.test(info.bentoml) ? info : null;
  } catch {
    return null;
  }
}

function findSystemPython(env) {
  const candidates = env.MODEL_SHELF_BENTOML_PYTHON
    ? [env.MODEL_SHELF_BENTOML_PYTHON]
    : isWindows ? ['py', 'python3', 'python'] : ['python3', 'python'];
  for (const candidate of candidates) {
    const result = run(candidate, ['-c', 'import sys, venv; print(sys.version_info >= (3, 9))'], 30_000);
    if (result.ok && result.stdout.trim() === 'True') return candidate;
  }
  return null;
}

/** Creates (or reuses) the venv and returns where its python and bentoml live. Throws one sentence on failure. */
export async function ensureBentomlVenv(env = process.env) {
  const dir = venvDir(env);
  const python = venvBin(dir, 'python');
  let info = probe(python);
  if (!info?.s3fs) {
    if (!existsSync(python)) {
      const system = findSystemPython(env);
      if (!system) throw new Error(MISSING_PYTHON_MESSAGE);
      mkdirSync(dirname(dir), { recursive: true });
      if (!run(system, ['-m', 'venv', dir], 300_000).ok) throw new Error(MISSING_PYTHON_MESSAGE);
    }
    const pip = run(python, ['-m', 'pip', 'install', '--quiet', requirement(env), S3FS_REQUIREMENT], 900_000);
    info = pip.ok ? probe(python) : null;
    if (!info?.s3fs) throw new Error(MISSING_PYTHON_MESSAGE);
  }
  return {
    dir,
    python,
    bentoml: venvBin(dir, 'bentoml'),
    bentomlVersion: info.bentoml,
    s3fsVersion: info.s3fs,
    pythonVersion: info.python,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const venv = await ensureBentomlVenv();
    process.stderr.write(`BentoML ${venv.bentomlVersion} on Python ${venv.pythonVersion} with s3fs ${venv.s3fsVersion} in ${venv.dir}\n`);
    process.stdout.write(`${venv.python}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
