// The contract's channels for integrity and duplicates (issue 11 §3, §4); RequestMap extends it.
import type { DedupPreview, DedupReport, IntegrityInfo, RecordedManifest, VerifyResult } from './integrity-types.ts';
import type { TaskArgs } from './ipc-contract.ts';

export interface IntegrityRequestMap {
  /** Re-hashes versions (all when `tags` is empty) against their manifests; progress and cancel by task id. */
  'models:verify': [TaskArgs & { readonly tags: readonly string[] }, readonly VerifyResult[]];
  /** A version's manifest as the detail view shows it (nothing is hashed). */
  'model:integrity': [{ readonly tag: string }, IntegrityInfo];
  /** A version's recorded manifest (path -> size, SHA-256) and which files no longer match it; nothing is hashed. */
  'model:manifest': [{ readonly tag: string }, RecordedManifest];
  /** Identical files across versions and what linking them frees; nothing changes. */
  'models:dedup-plan': [TaskArgs, DedupPreview];
  /** Links exactly the files of a plan shown before; a file changed since is left and reported. */
  'models:dedup': [TaskArgs & { readonly planId: string }, DedupReport];
}
