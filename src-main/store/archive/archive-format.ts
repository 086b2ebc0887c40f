import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';

/**
 * The archive kinds BentoML's export_model/import_model know (format spec §7.1), minus `folder`,
 * plus `zst`: a zstd-compressed tar, Model Shelf's own fast format for moving a model between
 * Model Shelf stores. BentoML cannot import a `.tar.zst` (its formats are the others).
 */
export type ArchiveFormat = 'bentomodel' | 'gz' | 'xz' | 'bz2' | 'tar' | 'zip' | 'zst';

export const ARCHIVE_FORMATS: readonly ArchiveFormat[] = ['bentomodel', 'gz', 'xz', 'bz2', 'tar', 'zip', 'zst'];

/** Formats Model Shelf can write; bz2 is read-only (no well-kept bzip2 encoder for Node). */
export const WRITABLE_FORMATS: readonly ArchiveFormat[] = ['bentomodel', 'gz', 'xz', 'tar', 'zip', 'zst'];

/** Formats that BentoML imports too (all but Model Shelf's own zst). */
export function bentomlCanImport(format: ArchiveFormat): boolean {
  return format !== 'zst';
}

export function isArchiveFormat(value: string): value is ArchiveFormat {
  return (ARCHIVE_FORMATS as readonly string[]).includes(value);
}

/** The extension of the last path component, without the dot ('' when none). */
export function lastExtension(target: string): string {
  return path.extname(target.replace(/[\\/]+$/, '')).slice(1).toLowerCase();
}

// exportable:52-63: only the LAST extension counts, so `x.tar.gz` is gz and anything unknown
// (or none at all, e.g. a directory path) is bentomodel. `.zst` (a name BentoML never writes)
// is Model Shelf's zst.
export function guessFormat(target: string): ArchiveFormat {
  const ext = lastExtension(target);
  return isArchiveFormat(ext) ? ext : 'bentomodel';
}

export interface ExportTargetOptions {
  readonly format?: ArchiveFormat;
  /** True when `out` names an existing directory (the caller stats it). */
  readonly isDirectory: boolean;
  readonly cwd?: string;
}

/**
 * Where an export lands, by BentoML's rules (§7.2): an empty target, a trailing `/` or an
 * existing directory gets `<name>-<version>.<format>` inside it (gz stays `.gz`, not `.tar.gz`);
 * a bentomodel target without the `.bentomodel` suffix gets it appended.
 */
export function exportTarget(out: string, name: string, version: string, opts: ExportTargetOptions): { file: string; format: ArchiveFormat } {
  const cwd = opts.cwd ?? process.cwd();
  const intoDir = out === '' || /[\\/]$/.test(out) || opts.isDirectory;
  const format = opts.format ?? (intoDir ? 'bentomodel' : guessFormat(out));
  if (!(WRITABLE_FORMATS as readonly string[]).includes(format)) {
    throw new ShelfError('INVALID_ARGUMENT', `Model Shelf cannot write .${format} archives. Choose a name ending in .bentomodel, .tar.gz, .tar.xz, .tar, .zip or .tar.zst.`);
  }
  // BentoML names a folder export `<name>-<version>.<format>`; zst is ours, named as tar does.
  if (intoDir) return { file: path.resolve(cwd, out, `${name}-${version}.${format === 'zst' ? 'tar.zst' : format}`), format };
  const file = path.resolve(cwd, out);
  if (format === 'bentomodel' && !file.endsWith('.bentomodel')) return { file: `${file}.bentomodel`, format };
  return { file, format };
}
