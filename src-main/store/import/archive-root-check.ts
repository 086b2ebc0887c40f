import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';

/**
 * BentoML needs model.yaml at the archive root (§7.5: "does not contain a 'model.yaml'"); an
 * archive holding one top folder is the usual mistake, so say that when it is the case.
 * Returns model.yaml's size, for the cap (model-yaml-limits.ts).
 */
export async function refuseMissingRootYaml(dir: string, archiveName: string): Promise<number> {
  const yaml = await fsp.lstat(path.join(dir, 'model.yaml')).catch(() => null);
  if (yaml?.isFile()) return yaml.size;
  if (yaml) throw new ShelfError('BAD_ARCHIVE', `'${archiveName}' has a folder called model.yaml instead of a file, so it is not a BentoML model archive.`);
  const top = await fsp.readdir(dir, { withFileTypes: true });
  const only = top.length === 1 ? top[0] : undefined;
  if (only?.isDirectory()) {
    const nested = await fsp.lstat(path.join(dir, only.name, 'model.yaml')).catch(() => null);
    if (nested?.isFile()) {
      throw new ShelfError('BAD_ARCHIVE', `'${archiveName}' keeps the model inside a folder '${only.name}/' instead of at its top level, and BentoML requires model.yaml at the root. Re-create the archive from inside that folder (or with \`model-shelf export\`).`);
    }
  }
  throw new ShelfError('BAD_ARCHIVE', `'${archiveName}' has no model.yaml at its top level, so it is not a BentoML model archive. Choose a file made by \`bentoml models export\` or \`model-shelf export\`.`);
}
