// usage/: where the disk space goes (`du`): per model and version, hard links counted once, the trash and staging.
export { diskUsage } from './disk-usage.ts';
export { measureModels, type MeasuredModel, type MeasuredModels } from './measure-models.ts';
export { usageBytes, usageFrees, type Linked, type TreeUsage } from './tree-walk.ts';
