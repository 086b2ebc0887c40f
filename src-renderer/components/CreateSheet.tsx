import { CircleAlert, X } from 'lucide-react';
import { useEffect, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import { useApp } from '../state/store.ts';
import { setField, setVersionMode } from '../state/actions/create-form-edit.ts';
import { cancelCreate, closeCreate, commitCreate } from '../state/actions/create-model.ts';
import { checkForm, NAME_RULE } from '../state/create-form.ts';
import { describeError } from '../state/error-words.ts';
import { Button, Kbd, MOD } from './Bits.tsx';
import { LabelsEditor } from './LabelsEditor.tsx';
import { MetadataEditor } from './MetadataEditor.tsx';
import { ProgressBar, progressText } from './ProgressLine.tsx';
import { StagedFiles } from './StagedFiles.tsx';

function NameAndVersion({ readOnly, nameProblem, versionProblem, tagPreview }: { readOnly: boolean; nameProblem: string | null; versionProblem: string | null; tagPreview: string }) {
  const form = useApp((s) => s.form);
  const nameRef = useRef<HTMLInputElement>(null);
  // Without scrolling: a narrow sheet keeps its files list in view above the name.
  useEffect(() => nameRef.current?.focus({ preventScroll: true }), []);
  const showName = nameProblem && form.name !== '';
  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor="create-name">Name</label>
        <div className="field-body">
          <input
            ref={nameRef}
            id="create-name"
            className="mono"
            value={form.name}
            readOnly={readOnly}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={showName ? true : undefined}
            aria-describedby="create-name-rule"
            onChange={(e) => setField('name', e.target.value)}
          />
          <p className={`field-hint${showName ? ' field-error' : ''}`} id="create-name-rule">
            {showName ? nameProblem : NAME_RULE}
          </p>
          <p className="tag-preview">
            <span className="muted">Tag </span>
            <output className="mono" aria-label="Tag preview">{tagPreview}</output>
          </p>
        </div>
      </div>
      <div className="field">
        <span className="field-label" id="version-label">Version</span>
        <div className="field-body" role="radiogroup" aria-labelledby="version-label">
          <label className="radio">
            <input type="radio" name="version-mode" checked={form.versionMode === 'auto'} disabled={readOnly} onChange={() => setVersionMode('auto')} />
            Automatic
          </label>
          <label className="radio">
            <input type="radio" name="version-mode" checked={form.versionMode === 'custom'} disabled={readOnly} onChange={() => setVersionMode('custom')} />
            Custom
          </label>
          <input
            className="mono version-input"
            aria-label="Custom version"
            placeholder="e.g. v2025-03-14"
            value={form.version}
            readOnly={readOnly}
            spellCheck={false}
            aria-invalid={versionProblem && form.version ? true : undefined}
            // Typing or clicking picks Custom; merely tabbing through keeps the choice.
            onMouseDown={() => !readOnly && setVersionMode('custom')}
            onChange={(e) => {
              setField('version', e.target.value);
              if (e.target.value) setVersionMode('custom');
            }}
          />
          {versionProblem && form.versionMode === 'custom' && form.version ? <p className="field-error">{versionProblem}</p> : null}
        </div>
      </div>
    </>
  );
}

function Advanced({ readOnly }: { readOnly: boolean }) {
  const module = useApp((s) => s.form.module);
  const apiVersion = useApp((s) => s.form.apiVersion);
  return (
    <details className="advanced">
      <summary>Advanced: module, api_version</summary>
      <div className="field">
        <label className="field-label" htmlFor="create-module">Module</label>
        <input id="create-module" className="mono" placeholder="e.g. bentoml.sklearn (empty for none)" value={module} readOnly={readOnly} onChange={(e) => setField('module', e.target.value)} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="create-api">API version</label>
        <input id="create-api" className="mono" value={apiVersion} readOnly={readOnly} onChange={(e) => setField('apiVersion', e.target.value)} />
      </div>
    </details>
  );
}

/**
 * Notices stack bottom-left; while the sheet is open they sit above its footer (its height
 * varies with errors and progress) so they never cover Cancel or Create model.
 */
function useFooterHeight(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const el = ref.current;
    const root = document.documentElement;
    if (!el) return;
    const set = (): void => root.style.setProperty('--sheet-footer-height', `${el.offsetHeight}px`);
    set();
    const observer = new ResizeObserver(set);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--sheet-footer-height');
    };
  }, [ref]);
}

function Footer({ blockers }: { blockers: readonly string[] }) {
  const blocker = blockers[0] ?? null;
  const phase = useApp((s) => s.createPhase);
  const error = useApp((s) => s.createError);
  const note = useApp((s) => s.createNote);
  const task = useApp((s) => s.tasks.find((t) => t.kind === 'create'));
  const running = phase !== 'editing';
  const words = error ? describeError(error) : null;
  const ref = useRef<HTMLElement>(null);
  useFooterHeight(ref);
  return (
    <footer className="sheet-footer" ref={ref}>
      <div className="sheet-status">
        {words ? (
          <div className="callout callout-error" role="alert">
            <CircleAlert size={14} aria-hidden="true" />
            <div>
              <p>{words.headline}</p>
              {words.detail ? <p className="muted">{words.detail}</p> : null}
            </div>
          </div>
        ) : null}
        {note ? <p role="status" className="note">{note}</p> : null}
        {running ? (
          <div className="sheet-progress">
            <span className="progress-text" aria-live="polite">{phase === 'cancelling' ? 'Cancelling…' : task ? progressText(task) : 'Starting…'}</span>
            {task ? <ProgressBar task={task} label="Copying files" /> : null}
          </div>
        ) : blocker ? (
          // Every reason, each on its own line, none cut: a person fixes them all in one pass.
          <ul className="blockers muted" id="create-blocker" aria-label="Why Create is disabled">
            {blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        ) : (
          <p className="blocker muted">Ready. Files are copied; the originals stay where they are.</p>
        )}
      </div>
      <div className="sheet-buttons">
        <Button onClick={() => (running ? void cancelCreate() : closeCreate())} disabled={phase === 'cancelling'}>
          Cancel
        </Button>
        <Button variant="primary" disabled={running || blocker !== null} aria-describedby={blocker ? 'create-blocker' : undefined} onClick={() => void commitCreate()} title={`Create model (${MOD}Enter)`}>
          Create model <Kbd>{MOD}↵</Kbd>
        </Button>
      </div>
    </footer>
  );
}

export function CreateSheet() {
  const form = useApp((s) => s.form);
  const phase = useApp((s) => s.createPhase);
  const check = useMemo(() => checkForm(form), [form]);
  const readOnly = phase !== 'editing';
  return (
    <section
      className="sheet"
      role="dialog"
      aria-modal="false"
      aria-labelledby="create-title"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void commitCreate();
        }
      }}
    >
      <header className="sheet-header">
        <h2 id="create-title">New model</h2>
        <Button icon={X} variant="ghost" label="Close" onClick={closeCreate} title={readOnly ? 'Hide; the copy goes on in the status bar' : 'Close'} />
      </header>
      <div className="sheet-body">
        <StagedFiles readOnly={readOnly} />
        <div className="sheet-form">
          <NameAndVersion readOnly={readOnly} nameProblem={check.nameProblem} versionProblem={check.versionProblem} tagPreview={check.tagPreview} />
          <LabelsEditor errors={check.labelErrors} readOnly={readOnly} />
          <MetadataEditor errors={check.metaErrors} readOnly={readOnly} />
          <Advanced readOnly={readOnly} />
        </div>
      </div>
      <Footer blockers={check.blockers} />
    </section>
  );
}
