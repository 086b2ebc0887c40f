import path from 'node:path';

// What a person can do about the problems Model Shelf leaves to them (format spec §9.3). One
// wording for every place that shows it: `list`, the window and `repair` (StoreProblem.fix), and
// the problem text of a version that cannot be loaded (ModelVersion.problem).

/** For a version BentoML cannot load: `incomplete` (no model.yaml yet) or `broken`. */
export function versionAdvice(status: 'incomplete' | 'broken', name: string, version: string): string {
  const remove = `delete it with \`model-shelf delete ${name}:${version}\``;
  return status === 'incomplete' ? `Once no program is still writing it, ${remove}.` : `Correct model.yaml by hand, or ${remove}.`;
}

/** For a directory under models/ whose name is not a valid BentoML name or version. */
export function invalidDirectoryAdvice(modelsDir: string, rel: string): string {
  const abs = path.join(modelsDir, ...rel.split('/').slice(1));
  return `Repair leaves it for you to decide: move ${abs} out of ${modelsDir}, or delete it.`;
}

/**
 * For a version whose model.yaml is over the cap (model-yaml-limits.ts). Export refuses a version
 * it cannot read, so moving the folder out of the store is how to keep it.
 */
export function oversizedYamlAdvice(modelsDir: string, name: string, version: string): string {
  const abs = path.join(modelsDir, name, version);
  return `Move ${abs} out of ${modelsDir} to keep it, or delete it with \`model-shelf delete ${name}:${version}\`; repair leaves it for you.`;
}
