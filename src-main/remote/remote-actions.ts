import type { ModelStore } from '../store/index.ts';
import { ShelfError, isShelfError } from '../shared/errors.ts';
import type { ModelVersion } from '../shared/model-types.ts';
import type { RemoteInfo, RemoteVersion } from '../shared/remote-types.ts';
import { addRemote, findRemote, loadRemotes, removeRemote } from './remote-config.ts';
import { testConnection } from './remote-connection.ts';
import { pullVersion } from './remote-pull.ts';
import { pushVersion, type TransferOptions, type TransferOutcome } from './remote-push.ts';
import { makeRemoteSpec, type RemoteInput, type RemoteSpec } from './remote-spec.ts';
import { browseRemote, resolveRemoteTag } from './remote-versions.ts';
import { remoteError } from './s3-errors.ts';
import { s3Client } from './s3-client.ts';
import { reclaimDeadUploads } from './upload-leases.ts';

// What the CLI and the window do with remotes, each as one call: a client per call (cheap), every
// SDK failure turned into the one sentence of s3-errors.ts.

export function remoteInfo(r: RemoteSpec): RemoteInfo {
  return { name: r.name, url: r.url, endpoint: r.endpoint ?? null, region: r.region ?? null, profile: r.profile ?? null, allowHttp: r.allowHttp === true };
}

async function withRemote<T>(file: string, name: string, env: NodeJS.ProcessEnv | undefined, run: (remote: RemoteSpec, client: ReturnType<typeof s3Client>) => Promise<T>): Promise<T> {
  const remote = await findRemote(file, name);
  const client = s3Client(remote, env);
  try {
    return await run(remote, client);
  } catch (error) {
    throw remoteError(error, remote);
  } finally {
    client.destroy();
  }
}

export async function listRemotes(file: string): Promise<RemoteInfo[]> {
  return (await loadRemotes(file)).map(remoteInfo);
}

/** Checks the input, tests the connection, then saves (nothing is saved when the test fails). */
export async function addRemoteChecked(file: string, input: RemoteInput, opts: { env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): Promise<RemoteInfo> {
  const spec = makeRemoteSpec(input);
  if ((await loadRemotes(file)).some((r) => r.name === spec.name)) {
    throw new ShelfError('ALREADY_EXISTS', `A remote named '${spec.name}' already exists; remove it first with \`model-shelf remote remove ${spec.name}\` or choose another name.`, {
      details: { field: 'name', fix: 'other-name', name: spec.name },
    });
  }
  const client = s3Client(spec, opts.env);
  try {
    await testConnection(client, spec, opts.signal);
  } finally {
    client.destroy();
  }
  await addRemote(file, spec);
  return remoteInfo(spec);
}

export async function removeRemoteNamed(file: string, name: string): Promise<void> {
  await removeRemote(file, name);
}

export function browse(file: string, name: string, store: ModelStore, opts: { model?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): Promise<RemoteVersion[]> {
  return withRemote(file, name, opts.env, (remote, client) =>
    browseRemote(client, remote, store, { ...(opts.model !== undefined ? { name: opts.model } : {}), ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.env ? { env: opts.env } : {}) }),
  );
}

export interface BatchOptions extends TransferOptions {
  /** Called before each version starts (the CLI labels its progress bar). */
  readonly onStart?: (tag: string) => void;
  readonly onResume?: (tag: string, bytes: number) => void;
}

/** Pushes local versions (TAG as `get`: a bare name is the newest local version), one after the other. */
export function push(file: string, name: string, store: ModelStore, tags: readonly string[], opts: BatchOptions = {}): Promise<TransferOutcome[]> {
  return withRemote(file, name, opts.env, async (remote, client) => {
    const versions: ModelVersion[] = [];
    for (const tag of tags) versions.push(await store.resolve(tag));
    await reclaimDeadUploads(client, remote).catch((e: unknown) => {
      if (isShelfError(e)) throw e;
      throw remoteError(e, remote, 'bucket');
    });
    const out: TransferOutcome[] = [];
    for (const v of versions) {
      opts.onStart?.(v.tag);
      out.push(await pushVersion(client, remote, store, v, opts));
    }
    return out;
  });
}

/** Pulls remote versions (a bare name is the newest version on the remote), one after the other. */
export function pull(file: string, name: string, store: ModelStore, tags: readonly string[], opts: BatchOptions = {}): Promise<TransferOutcome[]> {
  return withRemote(file, name, opts.env, async (remote, client) => {
    const listed = [];
    for (const tag of tags) listed.push(await resolveRemoteTag(client, remote, tag, opts.signal, opts.env));
    const out: TransferOutcome[] = [];
    for (const v of listed) {
      const tag = `${v.name}:${v.version}`;
      opts.onStart?.(tag);
      out.push(await pullVersion(client, remote, store, v, { ...opts, onResume: (b) => opts.onResume?.(tag, b) }));
    }
    return out;
  });
}
