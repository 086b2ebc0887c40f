// The Files tab's preview of the chosen file: text in monospace (JSON pretty-printed), images
// scaled to the pane (a data: URL; the CSP allows nothing remote), and a sentence for binary files.
// SVG arrives as text from main and is shown as text, never as live markup.
import { FileQuestion, ImageOff, LoaderCircle } from 'lucide-react';
import { humanSize } from '../../../src-main/shared/human-size.ts';
import type { FilePreview } from '../../../src-main/shared/file-preview-types.ts';
import { describeError } from '../../state/error-words.ts';
import { prettyJson, useFilePreview } from '../../state/files/use-file-preview.ts';

const IMAGE_WORD: Record<string, string> = { 'image/png': 'PNG image', 'image/jpeg': 'JPEG image', 'image/gif': 'GIF image', 'image/webp': 'WebP image' };

function TextPreview({ preview }: { preview: Extract<FilePreview, { kind: 'text' }> }) {
  const pretty = preview.truncated ? null : prettyJson(preview.text);
  return (
    <>
      {preview.truncated ? (
        <p className="preview-note" role="note">
          Showing the first {humanSize(preview.bytesRead)} of {humanSize(preview.size)}.
        </p>
      ) : pretty !== null && pretty !== preview.text ? (
        <p className="preview-note">JSON, shown pretty-printed.</p>
      ) : null}
      <pre className="preview-text mono selectable" tabIndex={0} aria-label={`Contents of ${preview.path}`}>
        {preview.text === '' ? <span className="muted">(empty file)</span> : (pretty ?? preview.text)}
      </pre>
    </>
  );
}

function Body({ preview }: { preview: FilePreview }) {
  if (preview.kind === 'text') return <TextPreview preview={preview} />;
  if (preview.kind === 'image') {
    return (
      <div className="preview-image-wrap">
        <img className="preview-image" src={preview.dataUrl} alt={preview.path} />
      </div>
    );
  }
  const Icon = preview.image ? ImageOff : FileQuestion;
  return (
    <p className="preview-empty">
      <Icon size={16} aria-hidden="true" />
      {preview.image
        ? `${IMAGE_WORD[preview.image] ?? 'Image'}, ${humanSize(preview.size)}: too large to preview.`
        : `Binary file, ${humanSize(preview.size)}: no preview.`}
    </p>
  );
}

export function FilePreviewPane({ tag, path, revision }: { tag: string; path: string | null; revision: unknown }) {
  const state = useFilePreview(tag, path, revision);
  return (
    <section className="file-preview" aria-label={path === null ? 'File preview' : `Preview of ${path}`} aria-busy={state?.status === 'loading'}>
      {path === null || state === null ? (
        <p className="preview-empty muted">Choose a file to preview it.</p>
      ) : (
        <>
          <header className="preview-head">
            <span className="mono preview-path" title={path}>
              {path}
            </span>
            {state.status === 'ready' ? <span className="muted num">{humanSize(state.preview.size)}</span> : null}
          </header>
          {state.status === 'loading' ? (
            <p className="preview-empty muted" role="status">
              <LoaderCircle size={14} aria-hidden="true" className="spin" /> Reading {path}…
            </p>
          ) : state.status === 'error' ? (
            <div className="preview-empty" role="alert">
              {/* Main's own sentence (missing file, a path out of the version, version gone): the generic headlines speak of models and archives. */}
              <p>No preview.</p>
              <p className="muted">{state.error.message || describeError(state.error).headline}</p>
            </div>
          ) : (
            <Body preview={state.preview} />
          )}
        </>
      )}
    </section>
  );
}
