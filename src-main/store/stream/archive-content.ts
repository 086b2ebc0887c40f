import type { Readable } from 'node:stream';
import { ShelfError } from '../../shared/errors.ts';
import { readTarEntries } from '../archive/archive-readers.ts';
import { xzDecompressor } from '../archive/xz-streams.ts';
import { assertImportedYamlFits } from '../yaml/model-yaml-limits.ts';
import type { VersionContent } from './export-stream.ts';

/**
 * The content of a .bentomodel (xz tar) read from a stream to its end: its model.yaml and every
 * member with its size, in archive order (directories end in '/'). Used to record what an archive
 * already on a remote holds, truthfully, from its own bytes.
 */
export async function readArchiveContent(source: Readable, label: string, signal?: AbortSignal): Promise<VersionContent> {
  let modelYaml: string | null = null;
  const files: { path: string; size: number }[] = [];
  for await (const entry of readTarEntries([xzDecompressor()], source, signal)) {
    const name = entry.name.replace(/^\.\//, '').replace(/\/$/, '');
    if (name === '' || name === '.') continue;
    if (entry.type === 'directory') files.push({ path: `${name}/`, size: 0 });
    else if (entry.type === 'file') files.push({ path: name, size: entry.size });
    if (name !== 'model.yaml' || entry.type !== 'file') continue;
    assertImportedYamlFits(entry.size, label);
    const chunks: Buffer[] = [];
    for await (const c of await entry.data()) chunks.push(c as Buffer);
    modelYaml = Buffer.concat(chunks).toString('utf8');
  }
  if (modelYaml === null) throw new ShelfError('BAD_ARCHIVE', `'${label}' holds no model.yaml, so it is not a BentoML model archive.`);
  return { modelYaml, files };
}
