// dedup/: identical files across versions become reflinks (where the filesystem clones) or hard
// links, each replacement atomic and under the model's name lock; also used by create/import --dedup.
export { planDedup, type DedupPlan, type DuplicateGroup, type FileRef, type FoundFile } from './find-duplicates.ts';
export { applyDedup, type DedupResult, type Replaced, type Skipped } from './apply-dedup.ts';
export type { LinkMethod } from './link-replace.ts';
export { linkStagedDuplicates } from './link-staged.ts';
