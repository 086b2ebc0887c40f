import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveHome, storePaths } from '../../src-main/store/paths/home.ts';

describe('resolveHome', () => {
  it('prefers --home, then BENTOML_HOME, then ~/bentoml', () => {
    expect(resolveHome('/a/b', { BENTOML_HOME: '/c' })).toBe('/a/b');
    expect(resolveHome(undefined, { BENTOML_HOME: '/c/d' })).toBe('/c/d');
    expect(resolveHome(undefined, {})).toBe(path.join(os.homedir(), 'bentoml'));
  });
  it('resolves relative paths against the cwd and treats an empty variable as unset', () => {
    expect(resolveHome('rel')).toBe(path.resolve('rel'));
    expect(resolveHome(undefined, { BENTOML_HOME: '' })).toBe(path.join(os.homedir(), 'bentoml'));
  });
  it('expands ${NAME} and ${NAME:-default} like BentoML, but not $NAME', () => {
    expect(resolveHome(undefined, { BENTOML_HOME: '${BASE}/bento', BASE: '/srv' })).toBe('/srv/bento');
    expect(resolveHome(undefined, { BENTOML_HOME: '${NOPE:-/opt}/x' })).toBe('/opt/x');
    expect(resolveHome(undefined, { BENTOML_HOME: '/$BASE/x', BASE: 'srv' })).toBe('/$BASE/x');
  });
});

describe('storePaths', () => {
  it('keeps Model Shelf state outside models/', () => {
    const p = storePaths('/h');
    expect(p).toEqual({
      home: '/h',
      models: '/h/models',
      bentos: '/h/bentos',
      private: '/h/.model-shelf',
      staging: '/h/.model-shelf/staging',
      trash: '/h/.model-shelf/trash',
      locks: '/h/.model-shelf/locks',
    });
  });
});
