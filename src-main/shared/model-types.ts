// Plain data types shared by the store, the CLI, main and the renderer.
// Everything here survives structured clone (IPC) unchanged.

/** A YAML 1.1 date or timestamp that PyYAML reads as `datetime.date`/`datetime` (written unquoted). */
export interface YamlDate {
  /** The scalar's source text, e.g. `2025-03-15`. */
  readonly $date: string;
}

/** A `!!binary` scalar (PyYAML `bytes`), base64 text as written. */
export interface YamlBinary {
  readonly $binary: string;
}

/**
 * A Python float that a JS number would not keep apart from an int: an integral value
 * (`1000.0`, `-0.0`) or inf/nan. The text is Python's repr (`'1000.0'`, `'-0.0'`, `'inf'`, `'nan'`).
 */
export interface PyFloat {
  readonly $float: string;
}

/**
 * A metadata value as PyYAML (YAML 1.1) reads it. Ints are safe-integer numbers or, beyond
 * 2^53, `bigint`; floats are the other finite numbers, or `PyFloat` where a number would read
 * as an int or is not finite (shared/py-float.ts).
 */
export type MetadataValue =
  | string
  | number
  | bigint
  | boolean
  | PyFloat
  | YamlDate
  | YamlBinary
  | MetadataValue[]
  | { [key: string]: MetadataValue };

export type Metadata = { [key: string]: MetadataValue };
export type Labels = { [key: string]: string };

export type VersionStatus = 'ok' | 'incomplete' | 'broken';

/** One version directory `models/<name>/<version>/` as Model Shelf sees it. */
export interface ModelVersion {
  /** `name:version` (from the directory names, which Model Shelf keeps equal to model.yaml). */
  readonly tag: string;
  readonly name: string;
  readonly version: string;
  readonly status: VersionStatus;
  /** Why the version is incomplete or broken; absent when ok. One sentence. */
  readonly problem?: string;
  /** Empty strings / empty maps when model.yaml cannot be read. */
  readonly module: string;
  readonly apiVersion: string;
  readonly labels: Labels;
  readonly metadata: Metadata;
  /** creation_time exactly as written in model.yaml ('' when unknown). */
  readonly creationTime: string;
  /** creation_time as epoch milliseconds (NaN when unknown); sub-ms order uses `creationTime`. */
  readonly creationTimeMs: number;
  /** Bytes, BentoML's rule (§8.1 calc_dir_size). */
  readonly size: number;
  /** True when `models/<name>/latest` resolves to this version. */
  readonly latest: boolean;
  /** Absolute path of the version directory. */
  readonly path: string;
}

/** Something in the store that is not a version at all (a stray directory, a bad pointer, staging). */
export interface StoreProblem {
  readonly kind:
    | 'invalid-directory'
    | 'incomplete-version'
    | 'broken-version'
    | 'latest-missing'
    | 'latest-empty'
    | 'latest-stale'
    | 'latest-not-file'
    | 'latest-newline'
    | 'orphaned-staging'
    | 'naive-time'
    | 'oversized-model-yaml';
  /** Path relative to the home (e.g. `models/.staging`). */
  readonly path: string;
  readonly message: string;
  /** What `repair` does about it, or that it will leave it for a person. */
  readonly fix: string;
  /** True when `repair` fixes it without asking. */
  readonly safeToFix: boolean;
}

export interface StoreSnapshot {
  readonly home: string;
  readonly modelsDir: string;
  /** Rising number; every push carries a greater one. */
  readonly revision: number;
  /** Ordered like `bentoml models list`: creation_time descending. */
  readonly versions: readonly ModelVersion[];
  readonly problems: readonly StoreProblem[];
  readonly trashSize: number;
  readonly exists: boolean;
}

/** A node of a version's file tree (detail view). */
export interface FileNode {
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'symlink';
  readonly size: number;
  readonly children?: readonly FileNode[];
}

export interface ModelDetail {
  readonly version: ModelVersion;
  /** Raw model.yaml text ('' when missing). */
  readonly yamlText: string;
  readonly files: readonly FileNode[];
  /** Tags of local bentos that reference this model (§10.1). */
  readonly usedBy: readonly string[];
}

export interface TrashEntry {
  readonly id: string;
  readonly tag: string;
  readonly name: string;
  readonly version: string;
  readonly size: number;
  /** ISO time the entry was moved to the trash. */
  readonly deletedAt: string;
  /** 'edit': the version's model.yaml from before a label/metadata edit (restoring puts it back); absent for a deleted version. */
  readonly kind?: 'edit';
}

export interface ProgressEvent {
  /** Session id, export or import id. */
  readonly id: string;
  readonly phase: 'scanning' | 'copying' | 'writing' | 'committing' | 'compressing' | 'extracting' | 'hashing' | 'linking' | 'uploading' | 'downloading' | 'done';
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** The file being worked on, relative to the staged root. */
  readonly current?: string;
}

export interface RepairReport {
  readonly problems: readonly StoreProblem[];
  /** Sentences describing what was fixed (empty on dry run). */
  readonly fixed: readonly string[];
}

/** What the store watcher is doing (the status bar; pushed as `watcher:status`). */
export interface WatcherStatus {
  readonly state: 'starting' | 'watching' | 'polling' | 'missing' | 'error' | 'stopped';
  readonly path: string;
  /** A sentence for the status bar when something is wrong. */
  readonly message?: string;
}
