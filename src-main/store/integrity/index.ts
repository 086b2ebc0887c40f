// integrity/: SHA-256 manifests of versions, kept in `.model-shelf/manifests/` (never in models/),
// recorded at create, import (and so pull) and dedup, checked by verify.
export { hashFile, type FileHash } from './hash-file.ts';
export { manifestPath, readManifest, readPendingManifest, removeManifest, manifestToTrash, manifestFromTrash, type Manifest, type ManifestEntry, type PendingManifest } from './manifest-file.ts';
export { hashTree, newManifest, refreshManifestEntries, setManifestEntry } from './record-manifest.ts';
export { compareManifest, type IntegrityState, type VerifyResult } from './verify-version.ts';
export { verifyVersions, versionsToVerify, type VerifyOptions } from './verify-store.ts';
export { entriesOfHashes, hashStagedArtifacts, recordAtCommit, recordPendingAtCommit, withModelYaml } from './commit-manifest.ts';
export { recordedManifest } from './recorded-manifest.ts';
