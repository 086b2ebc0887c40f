// create/: staged create sessions: plan, copy or move sources into staging, then one rename into models/.
export { CreateSession, type AddOptions, type BeginOptions } from './create-session.ts';
export { commitStagedVersion } from './commit-version.ts';
export { copyInto } from './copy-tree.ts';
export { createStagingDir, listStaging, reclaimOwnOrphans, removeStaging } from './staging-area.ts';
export { checkSourcePath, checkSourcePaths, type CheckedSource, inspectPath, type InspectedPath } from './inspect-path.ts';
