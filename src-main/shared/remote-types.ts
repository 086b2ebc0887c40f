// Plain data about remote shelves, seen by the CLI, main and the window. No credential, no
// server response body and no local path is ever part of these.
import type { Labels, Metadata } from './model-types.ts';

/** A saved remote as the window sees it (the same fields the remotes file holds; no secret there). */
export interface RemoteInfo {
  readonly name: string;
  readonly url: string;
  readonly endpoint: string | null;
  readonly region: string | null;
  readonly profile: string | null;
  readonly allowHttp: boolean;
}

/** local: the same version is in the local store; differs: a local version of that tag has other content. */
export type RemoteVersionState = 'local' | 'remote-only' | 'differs';

/** One version on a remote. */
export interface RemoteVersion {
  readonly tag: string;
  readonly name: string;
  readonly version: string;
  /** `s3://bucket/prefix/name/version.bentomodel`, what `bentoml models import` takes. */
  readonly uri: string;
  /** The archive's size in bytes. */
  readonly size: number;
  /** The archive's SHA-256 from its sidecar (null for an archive written by BentoML). */
  readonly sha256: string | null;
  /** Where the details come from: our sidecar, the archive's model.yaml, or only the key (not read yet). */
  readonly source: 'sidecar' | 'archive' | 'key';
  readonly module: string;
  readonly labels: Labels;
  readonly metadata: Metadata;
  /** creation_time as written ('' when not read). */
  readonly creationTime: string;
  readonly creationTimeMs: number;
  /** When the object was written, ISO time. */
  readonly uploadedAt: string;
  readonly state: RemoteVersionState;
}

/** What the window's remote form sends (checked again in main; no secret, ever). */
export interface RemoteAddArgs {
  readonly name: string;
  readonly url: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly allowHttp?: boolean;
}

/** One version pushed or pulled; already-there: the same version was there, nothing moved. */
export interface RemoteTransferResult {
  readonly tag: string;
  readonly uri: string;
  readonly outcome: 'done' | 'already-there';
  readonly bytes: number;
  readonly sha256: string | null;
  /** already-there: the archive had lost its sidecar (a push killed between the two) and this push wrote it. */
  readonly recordWritten?: boolean;
  /** With recordWritten: the record it replaced was there but unusable (not a sidecar, or one of other bytes). */
  readonly recordReplaced?: 'damaged' | 'stale';
}
