import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError, isShelfError } from '../../shared/errors.ts';
import type { ModelVersion, ProgressEvent } from '../../shared/model-types.ts';
import { assertCreatableVersion, parseTag } from '../../shared/tag-rules.ts';
import { assertLabels, assertMetadata } from '../../shared/value-rules.ts';
import { commitStagedVersion, type CommitOptions } from './commit-version.ts';
import { copyInto, removeMovedSources, unshareLinked } from './copy-tree.ts';
import { formatCreationTime } from '../yaml/creation-time.ts';
import { abortedError, fsError } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { newModelInfo } from '../yaml/model-yaml.ts';
import { assertCreateFits, type NewValues } from '../yaml/model-yaml-limits.ts';
import type { PlanEntry } from './plan-copy.ts';
import { assertLinkedUnchanged } from './source-changes.ts';
import { createStagingDir, removeStaging } from './staging-area.ts';
import { makeVersionId } from './version-id.ts';
import { lexists } from '../paths/fs-probe.ts';
import type { FileHash } from '../integrity/hash-file.ts';

/** A new version's tag and the model.yaml values that go with it (checked against the cap). */
export interface BeginOptions extends NewValues {
  /** `name` or `name:version`. */
  readonly tag: string;
  /** Store a file identical to one already in the store as a link to it (dedup/link-staged.ts). */
  readonly dedup?: boolean;
  /**
   * When the SHA-256 manifest is recorded: 'save' (the default) hashes every copied byte during
   * the copy; 'later' hashes nothing (the copy is the kernel's alone) and leaves the manifest
   * pending, recorded by the version's first verify, "not at save time". The hash of every byte
   * costs one core ~0.6-0.9 s per GiB, which a copy by the kernel does not (docs/benchmarks.md
   * "Create, whole process"). With dedup the files are hashed anyway (dedup needs the hashes).
   */
  readonly manifest?: 'save' | 'later';
}

export interface AddOptions {
  /** Place the contents of the (single) folder at the version root instead of the folder itself. */
  readonly root?: boolean;
  readonly mode?: 'copy' | 'move';
  readonly signal?: AbortSignal;
  readonly onProgress?: (e: ProgressEvent) => void;
}

type State = 'open' | 'committed' | 'aborted';

async function freeVersion(paths: StorePaths, name: string): Promise<string> {
  for (;;) {
    const version = makeVersionId();
    if (!(await lexists(path.join(paths.models, name, version)))) return version;
  }
}

/** `bentoml.models.create()` as a session (format spec §3.3): begin, add..., commit or abort. */
export class CreateSession {
  readonly id: string;
  readonly name: string;
  readonly stagingDir: string;
  /** Taken at begin, like BentoML's ModelInfo (model:543-544). */
  readonly creationTime: string;
  private version: string;
  private readonly autoVersion: boolean;
  private readonly input: BeginOptions;
  private readonly paths: StorePaths;
  private state: State = 'open';
  private queue: Promise<unknown> = Promise.resolve();
  private readonly moved: PlanEntry[] = [];
  private readonly movedRoots: string[] = [];
  private readonly linked: string[] = [];
  /** The manifest's hashes of every copied file, made during the copies (copy-file.ts). */
  private readonly hashing: Promise<ReadonlyMap<string, FileHash>>[] = [];
  private readonly cancel = new AbortController();

  constructor(paths: StorePaths, staging: { id: string; dir: string }, name: string, version: string, autoVersion: boolean, input: BeginOptions) {
    this.paths = paths;
    this.id = staging.id;
    this.stagingDir = staging.dir;
    this.name = name;
    this.version = version;
    this.autoVersion = autoVersion;
    this.input = input;
    this.creationTime = formatCreationTime();
  }

  get tag(): string {
    return `${this.name}:${this.version}`;
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  private assertOpen(): void {
    if (this.state !== 'open') {
      throw new ShelfError('INVALID_ARGUMENT', `The creation of '${this.tag}' was already ${this.state}. Start a new model instead.`);
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Copies (or moves) the sources into the version. `kept`: in move mode, the sources that have
   * other hard links, so were copied and stay where they are (copy-tree.ts says why).
   */
  add(srcs: readonly string[], opts: AddOptions = {}): Promise<{ bytes: number; kept: readonly string[] }> {
    return this.serial(async () => {
      this.assertOpen();
      const signal = opts.signal ? AbortSignal.any([opts.signal, this.cancel.signal]) : this.cancel.signal;
      const mode = opts.mode ?? 'copy';
      try {
        const existing = new Set(await fsp.readdir(this.stagingDir));
        const onProgress = opts.onProgress;
        const result = await copyInto(srcs, this.stagingDir, {
          mode,
          hash: this.hashAtSave,
          root: opts.root ?? false,
          signal,
          existing,
          store: this.paths,
          ...(onProgress ? { onProgress: (e: Omit<ProgressEvent, 'id'>) => onProgress({ id: this.id, ...e }) } : {}),
        });
        this.moved.push(...result.moved);
        this.linked.push(...result.linked);
        this.hashing.push(result.hashes);
        if (mode === 'move' && opts.root) this.movedRoots.push(...srcs.map((s) => path.resolve(s)));
        return { bytes: result.bytes, kept: result.kept };
      } catch (error) {
        // A cancelled copy cancels the whole creation: nothing of it stays on disk.
        if (signal.aborted || (isShelfError(error) && error.code === 'ABORTED')) {
          await this.discard();
          throw abortedError();
        }
        throw error;
      }
    });
  }

  commit(opts: { onProgress?: (e: ProgressEvent) => void } = {}): Promise<ModelVersion> {
    return this.serial(async () => {
      this.assertOpen();
      opts.onProgress?.({ id: this.id, phase: 'committing', bytesDone: 0, bytesTotal: 0 });
      try {
        // Move mode: a linked file is its source; one changed since the plan is not stored.
        await assertLinkedUnchanged(this.stagingDir, this.moved, new Set(this.linked));
        const version = await this.commitOnce();
        this.state = 'committed';
        await removeMovedSources(this.moved);
        await unshareLinked(version.path, this.linked, this.paths).catch((error: unknown) => {
          const why = isShelfError(error) ? error : fsError(error, version.path, 'write', this.paths.home);
          throw new ShelfError(why.code, `Model '${version.tag}' was saved, but a stored file still shares its data with a file outside the store. ${why.message}`, { cause: error });
        });
        for (const dir of this.movedRoots) await fsp.rmdir(dir).catch(() => undefined);
        opts.onProgress?.({ id: this.id, phase: 'done', bytesDone: version.size, bytesTotal: version.size });
        return version;
      } catch (error) {
        await this.discard();
        throw error;
      }
    });
  }

  private async commitOnce(): Promise<ModelVersion> {
    for (let attempt = 0; ; attempt++) {
      // An automatic id that someone else took meanwhile is simply drawn again (§4.3 last step).
      if (this.autoVersion && (await lexists(path.join(this.paths.models, this.name, this.version)))) {
        this.version = await freeVersion(this.paths, this.name);
      }
      const info = newModelInfo({
        name: this.name,
        version: this.version,
        labels: this.input.labels ?? {},
        metadata: this.input.metadata ?? {},
        module: this.input.module ?? '',
        apiVersion: this.input.apiVersion ?? 'v1',
        signatures: this.input.signatures ?? {},
        options: this.input.options ?? {},
        creationTime: this.creationTime,
      });
      try {
        return await commitStagedVersion(this.paths, this.stagingDir, info, { dedup: this.input.dedup === true, ...this.manifestHashes() });
      } catch (error) {
        if (!(this.autoVersion && isShelfError(error) && error.code === 'ALREADY_EXISTS' && attempt < 3)) throw error;
      }
    }
  }

  /** Whether the copies hash what they copy (BeginOptions.manifest). */
  private get hashAtSave(): boolean {
    return this.input.manifest !== 'later' || this.input.dedup === true;
  }

  /**
   * What the manifest gets at the commit: the hashes made while copying, or 'pending' when a move
   * linked files (nothing read them, and reading them now would make a move cost a read of its
   * bytes) or the create was asked to hash later: the version's first verify records its
   * manifest, "recorded now, not at save time".
   */
  private manifestHashes(): Pick<CommitOptions, 'hashes' | 'pendingReason'> {
    if (!this.hashAtSave) return { hashes: 'pending', pendingReason: 'later' };
    if (this.linked.length > 0) return { hashes: 'pending', pendingReason: 'moved' };
    return { hashes: Promise.all(this.hashing).then((maps) => new Map(maps.flatMap((m) => [...m]))) };
  }

  /** Removes everything staged. Safe to call at any time, also while an add is running. */
  abort(): Promise<void> {
    if (this.state !== 'open') return Promise.resolve();
    this.cancel.abort();
    return this.serial(() => this.discard());
  }

  private async discard(): Promise<void> {
    if (this.state === 'committed') return;
    this.state = 'aborted';
    await removeStaging(this.paths, this.stagingDir);
  }
}

/** Validates everything a create needs before any byte is copied. */
export async function beginCreate(paths: StorePaths, input: BeginOptions): Promise<CreateSession> {
  const parsed = parseTag(input.tag);
  if (input.labels !== undefined) assertLabels(input.labels);
  if (input.metadata !== undefined) assertMetadata(input.metadata);
  let version: string;
  const autoVersion = parsed.version === null;
  if (parsed.version === null) {
    version = await freeVersion(paths, parsed.name);
  } else {
    version = assertCreatableVersion(parsed.version);
    if (await lexists(path.join(paths.models, parsed.name, version))) {
      throw new ShelfError('ALREADY_EXISTS', `Model '${parsed.name}:${version}' already exists in ${paths.models}. Choose another version, or leave it out to get a generated one.`);
    }
  }
  assertCreateFits(parsed.name, version, input);
  const staging = await createStagingDir(paths, 'create');
  return new CreateSession(paths, staging, parsed.name, version, autoVersion, input);
}
