import { promises as fsp } from 'node:fs';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ModelStore } from '../store/index.ts';
import { ShelfError, isShelfError } from '../shared/errors.ts';
import { downloadArchive } from './pull-download.ts';
import { throttledProgress } from './progress-throttle.ts';
import { readModelYamlOnDemand, type ListedVersion } from './remote-listing.ts';
import { s3Uri, sidecarKey } from './remote-layout.ts';
import type { TransferOptions, TransferOutcome } from './remote-push.ts';
import type { RemoteSpec } from './remote-spec.ts';
import { compareWithLocal, localContent } from './remote-versions.ts';
import { remoteError } from './s3-errors.ts';

/** "already there" or a refusal when the local store has the tag; undefined when it does not. */
async function judgeLocal(client: S3Client, remote: RemoteSpec, store: ModelStore, v: ListedVersion, tag: string, signal?: AbortSignal): Promise<TransferOutcome | undefined> {
  const local = await localContent(store, v.name, v.version);
  if (!local) return undefined;
  if (v.sidecar === null) await readModelYamlOnDemand(client, remote, v, signal);
  if (compareWithLocal(v, local.content) === 'local') return { tag, uri: s3Uri(remote, v.key), outcome: 'already-there', bytes: 0, sha256: v.sidecar?.sha256 ?? null };
  throw new ShelfError('ALREADY_EXISTS', `The local store already has '${tag}' with different content than remote '${remote.name}'; nothing was pulled. Delete the local version first if the remote's is the right one.`);
}

/**
 * Pulls one remote version: download into staging (SHA-256 on the way, resumable when large),
 * verify against the sidecar, then the store's own import (checks, one rename). Nothing partial
 * ever appears in models/.
 */
export async function pullVersion(client: S3Client, remote: RemoteSpec, store: ModelStore, v: ListedVersion, opts: TransferOptions & { onResume?: (bytes: number) => void } = {}): Promise<TransferOutcome> {
  const tag = `${v.name}:${v.version}`;
  const id = opts.id ?? `pull-${tag}`;
  const already = await judgeLocal(client, remote, store, v, tag, opts.signal);
  if (already) return already;
  // Without a readable record the download could not be checked: never pull it unchecked for that.
  // (An archive with no record at all, BentoML's export, is pulled as before: nothing was lost.)
  if (v.badRecord?.kind === 'newer') {
    throw new ShelfError(
      'BAD_ARCHIVE',
      `The checksum record of '${tag}' on remote '${remote.name}' was written by a newer Model Shelf (${v.badRecord.format ?? 'another format'}), so this one cannot check its download and nothing was pulled; update Model Shelf and pull again.`,
    );
  }
  if (v.badRecord?.kind === 'damaged') {
    throw new ShelfError(
      'BAD_ARCHIVE',
      `The checksum record of '${tag}' on remote '${remote.name}' is damaged, so its download cannot be checked and nothing was pulled; run \`model-shelf push ${tag} --to ${remote.name}\` from a machine that has this version to write the record again (or delete ${s3Uri(remote, sidecarKey(remote, v.name, v.version))} to pull it unchecked).`,
    );
  }
  await store.ensureModelsDir();
  const report = throttledProgress(id, tag, opts.onProgress);
  let file: string | undefined;
  // Only the import's own refusals get the "cannot be imported" preamble; the SHA check's sentence is already whole.
  let importing = false;
  try {
    const got = await downloadArchive(client, remote, store.paths, v, {
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.env ? { env: opts.env } : {}),
      onBytes: (n) => report('downloading', n, v.size),
    });
    file = got.file;
    if (got.resumedFrom > 0) opts.onResume?.(got.resumedFrom);
    if (v.sidecar && (got.sha256 !== v.sidecar.sha256 || (await fsp.stat(got.file)).size !== v.sidecar.size)) {
      throw new ShelfError('BAD_ARCHIVE', `The archive of '${tag}' on remote '${remote.name}' does not match the SHA-256 its sidecar records, so nothing was added; push it again from a machine that has it.`);
    }
    importing = true;
    const imported = await store.import(got.file, {
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (e) => report(e.phase === 'done' ? 'committing' : e.phase, e.bytesDone, e.bytesTotal),
    });
    report('done', v.size, v.size);
    return { tag: imported.tag, uri: s3Uri(remote, v.key), outcome: 'done', bytes: v.size, sha256: got.sha256 };
  } catch (error) {
    if (opts.signal?.aborted) throw new ShelfError('ABORTED', `The pull of '${tag}' was cancelled; nothing was added to the store.`, { cause: error });
    if (isShelfError(error) && error.code === 'ALREADY_EXISTS') {
      // Another writer added the tag while we downloaded: judge it like one found before.
      const again = await judgeLocal(client, remote, store, v, tag, opts.signal);
      if (again) return again;
    }
    if (importing && isShelfError(error) && error.code === 'BAD_ARCHIVE') {
      throw new ShelfError('BAD_ARCHIVE', `The archive of '${tag}' on remote '${remote.name}' cannot be imported: ${error.message}`, { cause: error });
    }
    throw remoteError(error, remote, `the download of '${tag}'`);
  } finally {
    if (file !== undefined) await fsp.rm(file, { force: true });
  }
}
