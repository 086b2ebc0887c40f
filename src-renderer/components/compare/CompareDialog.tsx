// Two versions side by side (issue 12 view 14): labels, metadata (changed values marked, numbers
// with their difference), files (added, removed, changed by size and, where both have a manifest,
// by its recorded SHA-256: never hashed here) and context (module, framework, the BentoML and
// Python that saved it, signatures). Older version on the left.
import { useEffect, useState } from 'react';
import type { ModelDetail } from '../../../src-main/shared/model-types.ts';
import { humanSize } from '../../../src-main/shared/human-size.ts';
import { call } from '../../state/bridge.ts';
import { changeOf, deltaText, diffFiles, diffLabels, diffMetadata, fileChangeText, filesSummary, type Change, type DiffRow, type ManifestOf } from '../../state/compare/compare-versions.ts';
import { Button, TimeAgo } from '../Bits.tsx';
import { contextFacts } from '../ContextRows.tsx';
import { Modal } from '../Modal.tsx';

const CHANGE_WORD: Record<Change, string> = { same: '', changed: 'changed', added: 'added', removed: 'removed' };

/** A version's recorded manifest, or the channel's sentence why it could not be read (damaged, too big). */
interface ManifestRead {
  readonly manifest: ManifestOf;
  readonly problem: string | null;
}

type Loaded = { ok: true; a: ModelDetail; b: ModelDetail; ma: ManifestRead; mb: ManifestRead; context: DiffRow[] } | { ok: false; message: string };

async function contextRows(a: ModelDetail, b: ModelDetail): Promise<DiffRow[]> {
  const { parse } = await import('yaml');
  const facts = (d: ModelDetail) => (d.yamlText ? contextFacts(parse(d.yamlText, { uniqueKeys: false, logLevel: 'silent' })) : null);
  const fa = facts(a);
  const fb = facts(b);
  const rows: [string, string | undefined, string | undefined][] = [
    ['module', a.version.module || undefined, b.version.module || undefined],
    ['api_version', a.version.apiVersion || undefined, b.version.apiVersion || undefined],
    ['framework', fa?.framework || undefined, fb?.framework || undefined],
  ];
  const fv = (f: typeof fa) => new Map(f?.frameworkVersions ?? []);
  const va = fv(fa);
  const vb = fv(fb);
  for (const k of [...new Set([...va.keys(), ...vb.keys()])].sort()) rows.push([k, va.get(k), vb.get(k)]);
  rows.push(['bentoml_version', fa?.bentoml || undefined, fb?.bentoml || undefined], ['python_version', fa?.python || undefined, fb?.python || undefined]);
  const sa = new Map(fa?.signatures ?? []);
  const sb = new Map(fb?.signatures ?? []);
  for (const k of [...new Set([...sa.keys(), ...sb.keys()])].sort()) rows.push([`signature ${k}`, sa.get(k), sb.get(k)]);
  return rows.filter(([, x, y]) => x !== undefined || y !== undefined).map(([key, x, y]) => ({ key, a: x, b: y, change: changeOf(x, y) }));
}

function Cell({ text }: { text: string | undefined }) {
  return <td className="cmp-val" title={text}>{text === undefined ? <span className="muted">—</span> : text}</td>;
}

function ChangeCell({ change, delta }: { change: Change; delta?: number }) {
  return (
    <td className={`cmp-change cmp-${change}`}>
      {delta !== undefined ? <span className="num">{deltaText(delta)}</span> : CHANGE_WORD[change]}
    </td>
  );
}

function DiffTable({ caption, rows, a, b, onlyChanges }: { caption: string; rows: readonly DiffRow[]; a: string; b: string; onlyChanges: boolean }) {
  const shown = onlyChanges ? rows.filter((r) => r.change !== 'same') : rows;
  const changed = rows.filter((r) => r.change !== 'same').length;
  return (
    <section className="cmp-section" aria-label={caption}>
      <h3 className="section-title">
        {caption} <span className="muted">{rows.length === 0 ? 'none' : changed === 0 ? 'the same' : `${changed} of ${rows.length} differ`}</span>
      </h3>
      {shown.length ? (
        <table className="cmp-table">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col" className="mono">{a}</th>
              <th scope="col" className="mono">{b}</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.key} className={r.change === 'same' ? undefined : 'cmp-row-changed'} data-change={r.change}>
                <th scope="row" className="mono" title={r.key}>{r.key}</th>
                <Cell text={r.a} />
                <Cell text={r.b} />
                <ChangeCell change={r.change} delta={r.delta} />
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** The recorded manifest of a version (read by main, nothing hashed); none when it cannot be had, and then main's sentence why. */
async function manifestOf(tag: string): Promise<ManifestRead> {
  const r = await call('model:manifest', { tag });
  return r.ok ? { manifest: r.value.manifest, problem: null } : { manifest: null, problem: r.error.message };
}

function FilesTable({ a, b, ma, mb, onlyChanges, va, vb }: { a: ModelDetail; b: ModelDetail; ma: ManifestRead; mb: ManifestRead; onlyChanges: boolean; va: string; vb: string }) {
  const rows = diffFiles(a.files, b.files, ma.manifest, mb.manifest);
  // A manifest that exists but could not be read is not "no manifest": its sentence is shown.
  const unreadable = ma.problem !== null || mb.problem !== null;
  const problems = [ma.problem, mb.problem].filter((p): p is string => p !== null);
  const shown = onlyChanges ? rows.filter((r) => r.change !== 'same') : rows;
  const size = (n: number | undefined) => <td className="cmp-val num" title={n === undefined ? undefined : `${n.toLocaleString('en')} bytes`}>{n === undefined ? <span className="muted">—</span> : humanSize(n)}</td>;
  return (
    <section className="cmp-section" aria-label="Files">
      <h3 className="section-title">
        Files <span className="muted">{filesSummary(rows, unreadable)}</span>
      </h3>
      {problems.map((p) => (
        <p key={p} className="cmp-note" role="note">
          {p}
        </p>
      ))}
      {shown.length ? (
        <table className="cmp-table cmp-files">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col" className="mono">{va}</th>
              <th scope="col" className="mono">{vb}</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.path} className={r.change === 'same' ? undefined : 'cmp-row-changed'} data-change={r.change}>
                <th scope="row" className="mono" title={r.path}>{r.path}</th>
                {size(r.a)}
                {size(r.b)}
                <td className={`cmp-change cmp-${r.change}${r.hash === 'no-manifest' || r.hash === 'stale' ? ' cmp-unchecked' : ''}`} title={r.hash === 'same' ? 'Same SHA-256 in both manifests' : undefined}>
                  {fileChangeText(r, unreadable)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** `tags`: the two ticked versions; shown older first. */
export function CompareDialog({ tags, onClose }: { tags: readonly [string, string]; onClose: () => void }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [onlyChanges, setOnlyChanges] = useState(false);
  useEffect(() => {
    let live = true;
    void (async () => {
      const [x, y, mx, my] = await Promise.all([call('model:get', { tag: tags[0] }), call('model:get', { tag: tags[1] }), manifestOf(tags[0]), manifestOf(tags[1])]);
      if (!live) return;
      if (!x.ok || !y.ok) {
        setLoaded({ ok: false, message: (!x.ok ? x.error : !y.ok ? y.error : null)?.message ?? 'A version could not be read.' });
        return;
      }
      const older = (x.value.version.creationTimeMs || 0) <= (y.value.version.creationTimeMs || 0);
      const [a, b] = older ? [x.value, y.value] : [y.value, x.value];
      const [ma, mb] = older ? [mx, my] : [my, mx];
      const context = await contextRows(a, b).catch(() => []);
      if (live) setLoaded({ ok: true, a, b, ma, mb, context });
    })();
    return () => {
      live = false;
    };
  }, [tags]);
  const name = tags[0].split(':')[0] ?? '';
  return (
    <Modal title={`Compare two versions of ${name}`} titleId="compare-title" onClose={onClose} className="modal-compare">
      {loaded === null ? <p className="muted" role="status">Reading both versions…</p> : null}
      {loaded && !loaded.ok ? <p role="alert">{loaded.message}</p> : null}
      {loaded?.ok ? (
        <>
          <div className="cmp-heads">
            {[loaded.a, loaded.b].map((d, i) => (
              <div key={d.version.tag} className="cmp-head">
                <span className="muted">{i === 0 ? 'Older' : 'Newer'}</span>
                <span className="mono cmp-head-version" title={d.version.tag}>{d.version.version}</span>
                <span className="muted">
                  <TimeAgo ms={d.version.creationTimeMs} text={d.version.creationTime} /> · {humanSize(d.version.size)}
                </span>
              </div>
            ))}
            <label className="cmp-only">
              <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} /> Only differences
            </label>
          </div>
          <div className="cmp-body">
            <DiffTable caption="Labels" rows={diffLabels(loaded.a.version.labels, loaded.b.version.labels)} a={loaded.a.version.version} b={loaded.b.version.version} onlyChanges={onlyChanges} />
            <DiffTable caption="Metadata" rows={diffMetadata(loaded.a.version.metadata, loaded.b.version.metadata)} a={loaded.a.version.version} b={loaded.b.version.version} onlyChanges={onlyChanges} />
            <FilesTable a={loaded.a} b={loaded.b} ma={loaded.ma} mb={loaded.mb} onlyChanges={onlyChanges} va={loaded.a.version.version} vb={loaded.b.version.version} />
            <DiffTable caption="Context and signatures" rows={loaded.context} a={loaded.a.version.version} b={loaded.b.version.version} onlyChanges={onlyChanges} />
          </div>
        </>
      ) : null}
      <div className="modal-buttons">
        <Button variant="primary" onClick={onClose}>Close</Button>
      </div>
    </Modal>
  );
}
