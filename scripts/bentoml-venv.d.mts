// Types for scripts/bentoml-venv.mjs (used by tests/interop).
export interface BentomlVenv {
  readonly dir: string;
  readonly python: string;
  readonly bentoml: string;
  readonly bentomlVersion: string;
  /** fsspec's S3 filesystem, for BentoML's s3:// export and import (issue 10). */
  readonly s3fsVersion: string;
  readonly pythonVersion: string;
}
export declare const BENTOML_REQUIREMENT: string;
export declare const S3FS_REQUIREMENT: string;
export declare const MISSING_PYTHON_MESSAGE: string;
export declare function venvDir(env?: NodeJS.ProcessEnv): string;
export declare function ensureBentomlVenv(env?: NodeJS.ProcessEnv): Promise<BentomlVenv>;
