// One file of a version for the Files tab's preview and the model card: version:file (a bounded,
// read-only read in main), re-read when the version's detail is read again (a store change).
import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../src-main/shared/errors.ts';
import type { FilePreview } from '../../../src-main/shared/file-preview-types.ts';
import { call } from '../bridge.ts';

export type PreviewState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly preview: FilePreview }
  | { readonly status: 'error'; readonly error: ErrorInfo };

const LOADING: PreviewState = { status: 'loading' };

/** The preview of `path` in version `tag` (null: no file chosen); `revision` changes re-read it. */
export function useFilePreview(tag: string, path: string | null, revision: unknown): PreviewState | null {
  const key = path === null ? null : `${tag}\n${path}`;
  const [answer, setAnswer] = useState<{ readonly key: string; readonly state: PreviewState } | null>(null);
  useEffect(() => {
    if (path === null || key === null) return undefined;
    let live = true;
    void call('version:file', { tag, path }).then((result) => {
      if (live) setAnswer({ key, state: result.ok ? { status: 'ready', preview: result.value } : { status: 'error', error: result.error } });
    });
    return () => {
      live = false;
    };
  }, [tag, path, key, revision]);
  if (key === null) return null;
  // Another file's answer (or none yet) reads as loading; the same file's last answer stays shown while it is read again.
  return answer?.key === key ? answer.state : LOADING;
}

/** JSON text pretty-printed with two spaces; null when the text is not (whole) JSON. */
export function prettyJson(text: string): string | null {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return null;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return null;
  }
}

const README = /^readme\.md$/i;

/** The version's model card file: README.md at its root, any case ('README.md' first). */
export function modelCardName(files: readonly { readonly name: string; readonly kind: string }[]): string | null {
  const found = files.filter((f) => f.kind !== 'directory' && README.test(f.name)).map((f) => f.name);
  return found.includes('README.md') ? 'README.md' : (found.sort()[0] ?? null);
}

/** A model card without its YAML front matter (Hugging Face cards start with `---` metadata). */
export function withoutFrontMatter(text: string): string {
  const m = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? text.slice(m[0].length) : text;
}
