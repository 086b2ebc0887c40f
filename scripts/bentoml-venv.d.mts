// Types for scripts/bentoml-venv.mjs (used by tests/interop).
export interface BentomlVenv {
  readonly dir: string;
  readonly python: string;
  readonly bentoml: string;
  readonly bentomlVersion: string;
  readonly pythonVersion: string;
}
export declare const BENTOML_REQUIREMENT: string;
export declare const MISSING_PYTHON_MESSAGE: string;
export declare function venvDir(env?: NodeJS.ProcessEnv): string;
export declare function ensureBentomlVenv(env?: NodeJS.ProcessEnv): Promise<BentomlVenv>;
