// The store core's only door: the app, the service, the IPC layer and the CLI import from here
// (lint forbids deeper imports). Pure Node, no Electron. Rooms by responsibility:
//   paths/ yaml/ latest/ read/ create/ remove/ repair/ archive/ import/ watch/
export { ModelStore, type TaskOptions } from './model-store.ts';
export { ARCHIVE_FORMATS, type ArchiveFormat, guessFormat, isArchiveFormat, lastExtension } from './archive/index.ts';
export { CreateSession, type AddOptions, type BeginOptions, commitStagedVersion, copyInto, createStagingDir, listStaging, reclaimOwnOrphans, removeStaging } from './create/index.ts';
export { checkSourcePath, checkSourcePaths, type CheckedSource, inspectPath, type InspectedPath } from './create/index.ts';
export { importFolder, type ImportFolderOptions } from './import/index.ts';
export { resolveHome, storePaths, type StorePaths, withNameLock } from './paths/index.ts';
export { existsSync, isDirectory, isDirectorySync } from './paths/index.ts';
export { dirSize, scanKeeping, scanName, scanStore, type KeptScan, type ScanResult } from './read/index.ts';
export type { DeleteOptions } from './remove/index.ts';
export { watchStore, type StoreChange, type StoreWatcher } from './watch/index.ts';
export { parseCreationTime } from './yaml/index.ts';
// stream/ (a version as a .bentomodel stream, model.yaml from an archive's head): loaded on first use, it pulls in the archive codecs.
export const loadStream = (): Promise<typeof import('./stream/index.ts')> => import('./stream/index.ts');
export type { BentomodelStream, VersionContent } from './stream/index.ts';
export { parseModelYaml, type ModelInfo } from './yaml/index.ts';
export { isAbandoned, isDeadHere, newStamp, ownerHost, parseStamp } from './paths/owner-id.ts';
export { diskUsage } from './usage/index.ts';
// prune/ (clean-up rules): loaded on first use, it pulls in the delete and trash code that `list` never needs.
export const loadPrune = (): Promise<typeof import('./prune/index.ts')> => import('./prune/index.ts');
export type { PruneOutcome, PrunePlan, PruneTarget } from './prune/index.ts';
// integrity/ (SHA-256 manifests, verify) and dedup/: loaded on first use, so other commands never pay for them.
export const loadIntegrity = (): Promise<typeof import('./integrity/index.ts')> => import('./integrity/index.ts');
export type { IntegrityState, Manifest, ManifestEntry, VerifyResult } from './integrity/index.ts';
export { editModel, onModelYamlRewritten, promoteModel, type EditField, type EditRequest, type EditResult, type FieldChange, type FieldEdit, type ModelYamlRewrite, type PromoteResult } from './edit/index.ts';
export const loadDedup = (): Promise<typeof import('./dedup/index.ts')> => import('./dedup/index.ts');
export type { DedupPlan, DedupResult, DuplicateGroup } from './dedup/index.ts';
export { fixProblem, movedAsideDir, QUIET_MS, writerState } from './fix/index.ts';
export { IMAGE_PREVIEW_LIMIT, readVersionFile, TEXT_PREVIEW_LIMIT, type PreviewLimits } from './preview/index.ts';
export { undoEdits } from './edit/index.ts';
// The store's own places, for a destination check above the store (a bulk export's folder).
export { sourceGuard, type SourceGuard } from './paths/source-guard.ts';
