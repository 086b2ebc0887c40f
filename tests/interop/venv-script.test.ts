// scripts/bentoml-venv.mjs: reuses a working venv, and without Python says in one sentence what to install.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MISSING_PYTHON_MESSAGE } from '../../scripts/bentoml-venv.mjs';
import { bentomlVenv, makeHome, removeHomes, SKIP_INTEROP } from './helpers/bentoml.ts';
import { runProcess } from './helpers/process.ts';

const SCRIPT = resolve(import.meta.dirname, '..', '..', 'scripts', 'bentoml-venv.mjs');

describe.skipIf(SKIP_INTEROP)('scripts/bentoml-venv.mjs', () => {
  afterAll(removeHomes);

  it('prints the python of the venv the suite uses, with the versions on stderr', async () => {
    const venv = await bentomlVenv();
    const result = await runProcess(process.execPath, [SCRIPT], { env: { ...process.env, MODEL_SHELF_BENTOML_VENV: venv.dir } });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(venv.python);
    expect(result.stderr).toContain(`BentoML ${venv.bentomlVersion} on Python ${venv.pythonVersion}`);
  });

  it('fails with one sentence naming what to install when no usable Python exists', async () => {
    const dir = join(await makeHome('novenv'), 'venv');
    const env = { ...process.env, MODEL_SHELF_BENTOML_VENV: dir, MODEL_SHELF_BENTOML_PYTHON: join(dir, 'no-such-python3') };
    const result = await runProcess(process.execPath, [SCRIPT], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${MISSING_PYTHON_MESSAGE}\n`);
    expect(MISSING_PYTHON_MESSAGE).toBe(
      'Python 3.9+ with venv is needed for the interop suite: install python3 and python3-venv, or set MODEL_SHELF_SKIP_INTEROP=1 to skip it.',
    );
    expect(existsSync(dir)).toBe(false);
  });
});
