import os from 'node:os';
import path from 'node:path';

export interface StorePaths {
  readonly home: string;
  readonly models: string;
  readonly bentos: string;
  /** Model Shelf's own state, outside `models/` so BentoML never sees it (§9.3). */
  readonly private: string;
  readonly staging: string;
  readonly trash: string;
  readonly locks: string;
}

// BentoML's expand_env_var (helpers:173-185) only replaces `${NAME}` and `${NAME:-default}`; no `~`, no `$NAME`.
function expandEnvVar(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_all, name: string, fallback: string | undefined) => {
    const v = env[name];
    return v !== undefined && v !== '' ? v : (fallback ?? '');
  });
}

/** --home > $BENTOML_HOME > ~/bentoml (§1), absolute. An empty BENTOML_HOME counts as unset. */
export function resolveHome(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit !== undefined && explicit !== '') return path.resolve(explicit);
  const fromEnv = env.BENTOML_HOME;
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(expandEnvVar(fromEnv, env));
  return path.resolve(os.homedir(), 'bentoml');
}

export function storePaths(home: string): StorePaths {
  const root = path.resolve(home);
  const priv = path.join(root, '.model-shelf');
  return {
    home: root,
    models: path.join(root, 'models'),
    bentos: path.join(root, 'bentos'),
    private: priv,
    staging: path.join(priv, 'staging'),
    trash: path.join(priv, 'trash'),
    locks: path.join(priv, 'locks'),
  };
}
