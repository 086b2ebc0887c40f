import type { Readable } from 'node:stream';
import { ShelfError } from '../../shared/errors.ts';
import { readTarEntries } from '../archive/archive-readers.ts';
import { xzDecompressor } from '../archive/xz-streams.ts';
import { assertImportedYamlFits } from '../yaml/model-yaml-limits.ts';

/**
 * The model.yaml of a .bentomodel (xz tar) read from a stream that stops as soon as that member
 * is read: listing an archive written by BentoML (no sidecar) costs its first members, not the
 * whole model. The caller destroys `source` (an HTTP body) when this returns.
 */
export async function readArchiveModelYaml(source: Readable, label: string, signal?: AbortSignal): Promise<string> {
  for await (const entry of readTarEntries([xzDecompressor()], source, signal)) {
    const name = entry.name.replace(/^\.\//, '');
    if (name !== 'model.yaml' || entry.type !== 'file') continue;
    assertImportedYamlFits(entry.size, label);
    const chunks: Buffer[] = [];
    for await (const c of await entry.data()) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  throw new ShelfError('BAD_ARCHIVE', `'${label}' holds no model.yaml, so it is not a BentoML model archive.`);
}
