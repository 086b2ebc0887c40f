// Types for scripts/versitygw.mjs (used by the remote-shelf tests and bench/remote-bench.ts).
export interface Versitygw {
  readonly binary: string;
  readonly dir: string;
  readonly version: string;
  /** True when this call built it (go install), false when the cached binary was reused. */
  readonly built: boolean;
}
export declare const VERSITYGW_VERSION: string;
export declare const VERSITYGW_MODULE: string;
export declare const MISSING_GO_MESSAGE: string;
export declare function versitygwDir(env?: NodeJS.ProcessEnv): string;
export declare function ensureVersitygw(env?: NodeJS.ProcessEnv): Promise<Versitygw>;
