import fs from 'node:fs';
import path from 'node:path';
import type { StoreProblem } from '../../shared/model-types.ts';
import { pointerContent, type LatestResolution, type PointerView } from './latest-resolve.ts';

// One wording for a `latest` that is not a clean pointer, for `list`, `get`, the window and
// `repair` alike. Each says what BentoML does with it, so a person knows whether
// `bentoml models get <name>` works today; `fix` is what `repair` would do.

export interface LatestContext {
  readonly name: string;
  readonly pointer: PointerView;
  readonly resolution: LatestResolution;
  /** What repair would point at: the newest version that can be loaded (ties: first). */
  readonly newest: string | null;
}

const relOf = (name: string): string => `models/${name}/latest`;

/**
 * `models/<name>/latest` is a folder, e.g. from importing a model.yaml with `version: latest`:
 * `bentoml models get <name>` fails with IsADirectoryError and BentoML never rewrites it. Its
 * content may be somebody's model, so repair leaves it (only a symlink is replaced).
 */
export function latestDirProblem(modelsDir: string, name: string, target: string | null): StoreProblem {
  const rel = relOf(name);
  const isLink = fs.lstatSync(path.join(modelsDir, name, 'latest'), { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  const then = target ? `, then run \`model-shelf repair\` to point it at ${target}` : '';
  return {
    kind: 'latest-not-file',
    path: rel,
    message: `${rel} is a ${isLink ? 'link to a folder' : 'folder'}, not the pointer file, so \`bentoml models get ${name}\` fails (IsADirectoryError) and BentoML cannot rewrite it.`,
    fix: isLink ? (target ? `Replace it with a plain file naming ${target}.` : 'Remove the link: no version can be loaded.') : `Move what you need out of it and remove the folder${then}; it is left for you.`,
    safeToFix: isLink,
  };
}

/** What the pointer is, as the start of a sentence ("models/x/latest is missing"). */
function what(ctx: LatestContext): { kind: StoreProblem['kind']; text: string } {
  const rel = relOf(ctx.name);
  const p = ctx.pointer;
  switch (p.kind) {
    case 'missing':
      return { kind: 'latest-missing', text: `${rel} is missing` };
    case 'unreadable':
      return { kind: 'latest-not-file', text: `${rel} cannot be read (${p.reason})` };
    case 'dangling':
      return { kind: 'latest-not-file', text: `${rel} is a link to ${p.target}, which does not exist` };
    case 'folder':
      return { kind: 'latest-not-file', text: `${rel} is a folder` };
    case 'text':
      if (p.raw === null) return { kind: 'latest-stale', text: `${rel} is not UTF-8 text` };
      return { kind: 'latest-stale', text: `${rel} points at '${pointerContent(p) ?? ''}', which is not a version of ${ctx.name}` };
  }
}

function pointAt(ctx: LatestContext, version: string | null, why = 'the version with the newest creation_time'): string {
  if (version === null) return ctx.pointer.kind === 'missing' ? 'Nothing until one version can be loaded again.' : 'Remove it: no version can be loaded.';
  return ctx.pointer.kind === 'dangling' || (ctx.pointer.kind === 'text' && ctx.pointer.link)
    ? `Replace it with a plain file naming ${version}, ${why}.`
    : `Point it at ${version}, ${why}.`;
}

function problem(ctx: LatestContext, kind: StoreProblem['kind'], message: string, fix: string): StoreProblem {
  return { kind, path: relOf(ctx.name), message, fix, safeToFix: true };
}

/** The problem to report about `latest`, or null when it is a clean pointer (or the version's own problem says it all). */
export function latestProblem(modelsDir: string, ctx: LatestContext): StoreProblem | null {
  const { name, resolution: r } = ctx;
  const rel = relOf(name);
  const fails = `so \`bentoml models get ${name}\` fails until it is fixed`;
  if (r.outcome === 'pointer') {
    if (r.exact) return null;
    if (ctx.pointer.kind === 'text' && ctx.pointer.link) {
      return problem(ctx, 'latest-not-file', `${rel} is a link to a file, not a plain file; BentoML follows it to ${r.version} and writes through it.`, pointAt(ctx, r.version, 'the version it names now'));
    }
    return problem(ctx, 'latest-newline', `${rel} ends with whitespace; BentoML before 1.4.20 then treats it as stale.`, `Rewrite it as the bare version ${r.version}.`);
  }
  const head = what(ctx);
  if (r.outcome === 'recomputed') {
    const writes = ctx.pointer.kind === 'dangling' ? 'writes the pointer through the link, creating that file,' : 'writes the pointer';
    return problem(ctx, head.kind, `${head.text}; BentoML takes ${r.version}, the newest version, and ${writes} on its next \`get\`.`, pointAt(ctx, r.version));
  }
  switch (r.failure) {
    case 'empty':
      return problem(ctx, 'latest-empty', `${rel} is empty, ${fails}.`, pointAt(ctx, ctx.newest));
    case 'folder':
      return latestDirProblem(modelsDir, name, ctx.newest);
    case 'not-utf8':
      return problem(ctx, head.kind, `${head.text}, ${fails}.`, pointAt(ctx, ctx.newest));
    case 'not-a-version':
      return problem(ctx, 'latest-stale', `${rel} names '${pointerContent(ctx.pointer) ?? ''}', which is not a version of ${name}, ${fails}.`, pointAt(ctx, ctx.newest));
    case 'link-to-nowhere':
      return problem(ctx, 'latest-not-file', `${rel} is a link to ${ctx.pointer.kind === 'dangling' ? ctx.pointer.target : 'nothing'}, in a folder that does not exist, ${fails}.`, pointAt(ctx, ctx.newest));
    case 'blocked':
      return problem(ctx, head.kind, `${head.text}, and BentoML cannot recreate it while models/${name}/${r.blocker ?? ''} cannot be loaded, so \`bentoml models get ${name}\` fails until one of them is fixed.`, pointAt(ctx, ctx.newest, 'the newest version that can be loaded'));
    case 'mixed-times':
      return problem(ctx, head.kind, `${head.text}, and BentoML cannot recreate it while versions of ${name} have creation_times both with and without a UTC offset (TypeError), ${fails}.`, pointAt(ctx, ctx.newest));
    default:
      // 'broken-target': the version's own problem says why it cannot be loaded; 'no-version': nothing to point at.
      return null;
  }
}

/** One sentence for an error: why `<name>:latest` cannot be resolved, and what to do. */
export function latestFailureSentence(name: string, problem: StoreProblem | null): string {
  const why = problem ? problem.message.replace(/\.$/, '') : `no version of ${name} can be loaded`;
  return `${name}:latest cannot be resolved: ${why}; run \`model-shelf repair\` to fix the pointer, or give a version from \`model-shelf list ${name}\`.`;
}
