import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import type { DiskUsage, ModelUsage } from '../../shared/housekeeping-types.ts';
import { isValidTagComponent } from '../../shared/tag-rules.ts';
import type { StorePaths } from '../paths/home.ts';
import { isDirectory } from '../paths/fs-probe.ts';
import { measureModels, modelTotal } from './measure-models.ts';
import { emptyUsage, mergeUsage, usageBytes, usageFrees, walkTree } from './tree-walk.ts';

// `model-shelf du` (issue 11 §1). Shared bytes are hard links only (same device and inode): they
// cost one lstat per entry, like `du` itself. Identical files stored as separate copies are not
// "shared" here (deleting one really frees its bytes); finding them needs their content hashed,
// which is `model-shelf dedup --dry-run`'s job. Read-only: nothing is created or changed.

/** Where the space of the store (or of one model) goes. */
export async function diskUsage(paths: StorePaths, name?: string): Promise<DiskUsage> {
  const wanted = name?.toLowerCase();
  if (wanted !== undefined && (!isValidTagComponent(wanted) || !(await isDirectory(path.join(paths.models, wanted))))) {
    throw new ShelfError('NOT_FOUND', `There is no model named '${name}' in ${paths.models}. Run \`model-shelf list\` to see the models there.`);
  }
  const measured = measureModels(paths.models, wanted === undefined ? null : [wanted]);
  const unreadable = [...measured.unreadable];
  const area = emptyUsage();
  mergeUsage(area, measured.rest);
  const models: ModelUsage[] = measured.models.map((m) => {
    const total = modelTotal(m);
    // `du -sb models/` counts a model folder that is a link as the link only.
    mergeUsage(area, wanted === undefined ? (m.link ?? total) : total);
    const bytes = usageBytes(total);
    const frees = usageFrees(total);
    // Deleting the last version removes the model's folder and `latest` too (BentoML's rule, §2.2).
    const last = m.versions.size === 1 && m.otherDirs === 0 ? usageFrees(m.rest) : 0;
    const versions = [...m.versions].map(([version, u]) => {
      const vBytes = usageBytes(u);
      const vFrees = usageFrees(u);
      return { tag: `${m.name}:${version}`, name: m.name, version, bytes: vBytes, shared: vBytes - vFrees, frees: vFrees + last };
    });
    return { name: m.name, bytes, shared: bytes - frees, frees, versions };
  });
  const trash = walkTree(paths.trash, unreadable);
  const staging = walkTree(paths.staging, unreadable);
  const all = emptyUsage();
  for (const part of [area, trash, staging]) mergeUsage(all, part);
  return {
    name: wanted ?? null,
    models,
    modelsBytes: usageBytes(area),
    trashBytes: usageBytes(trash),
    stagingBytes: usageBytes(staging),
    totalBytes: usageBytes(all),
    unreadable,
  };
}
