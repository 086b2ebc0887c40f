// Adding a remote: a small form whose Save tests the connection first (main lists the bucket with
// the credentials the AWS chain finds on this machine); a failure stays in the form as main's one
// sentence, with everything typed kept. No field ever holds a secret.
import { useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../src-main/shared/errors.ts';
import { addRemote } from '../../state/remote/remote-actions.ts';
import { setRemote } from '../../state/remote/remote-store.ts';
import { describeError } from '../../state/error-words.ts';
import { addFormSentence } from './add-remote-words.ts';
import { Button } from '../Bits.tsx';
import { Modal } from '../Modal.tsx';

interface Fields {
  name: string;
  url: string;
  endpoint: string;
  region: string;
  profile: string;
  allowHttp: boolean;
}

function Row({ id, label, hint, value, onChange, placeholder, disabled }: { id: string; label: string; hint?: string; value: string; onChange: (v: string) => void; placeholder?: string; disabled: boolean }) {
  return (
    <div className="field remote-field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="field-body">
        <input id={id} value={value} placeholder={placeholder} disabled={disabled} spellCheck={false} autoComplete="off" onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} />
        {hint ? (
          <span id={`${id}-hint`} className="small muted">
            {hint}
          </span>
        ) : null}
      </div>
    </div>
  );
}

export function AddRemoteDialog() {
  const [f, setF] = useState<Fields>({ name: '', url: '', endpoint: '', region: '', profile: '', allowHttp: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const set = (patch: Partial<Fields>): void => setF((old) => ({ ...old, ...patch }));
  const close = (): void => {
    if (!busy) setRemote({ addOpen: false });
  };
  const blocker = !f.name.trim() ? 'Give the remote a name.' : !/^s3:\/\/[^/\s]+/.test(f.url.trim()) ? 'The URL starts with s3:// and names a bucket.' : null;
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (blocker || busy) return;
    setBusy(true);
    setError(null);
    const opt = (v: string): string | undefined => (v.trim() ? v.trim() : undefined);
    const failed = await addRemote({
      name: f.name.trim(),
      url: f.url.trim(),
      ...(opt(f.endpoint) ? { endpoint: opt(f.endpoint) } : {}),
      ...(opt(f.region) ? { region: opt(f.region) } : {}),
      ...(opt(f.profile) ? { profile: opt(f.profile) } : {}),
      ...(f.allowHttp ? { allowHttp: true } : {}),
    });
    setBusy(false);
    setError(failed);
  };
  const words = error ? describeError(error) : null;
  return (
    <Modal title="Add a remote" titleId="add-remote-title" onClose={close} className="modal-remote">
      <form className="remote-form" aria-label="Add remote" onSubmit={(e) => void submit(e)}>
        <p className="muted small">
          An S3 bucket (AWS, MinIO, Ceph, R2, …) that your team shares. Credentials come from this computer’s AWS setup (environment, ~/.aws files, the profile below); Model Shelf stores none.
        </p>
        <Row id="remote-name" label="Name" value={f.name} onChange={(v) => set({ name: v })} placeholder="team-s3" disabled={busy} />
        <Row id="remote-url" label="URL" value={f.url} onChange={(v) => set({ url: v })} placeholder="s3://bucket/prefix" disabled={busy} />
        <Row id="remote-endpoint" label="Endpoint" value={f.endpoint} onChange={(v) => set({ endpoint: v })} placeholder="https://s3.example.com (empty for AWS)" disabled={busy} />
        <Row id="remote-region" label="Region" value={f.region} onChange={(v) => set({ region: v })} placeholder="us-east-1" disabled={busy} />
        <Row id="remote-profile" label="Profile" value={f.profile} onChange={(v) => set({ profile: v })} placeholder="default" disabled={busy} />
        <div className="field remote-field">
          <span className="field-label" />
          <div className="field-body">
            <label className="check">
              <input type="checkbox" checked={f.allowHttp} disabled={busy} onChange={(e) => set({ allowHttp: e.target.checked })} aria-describedby="remote-http-hint" /> Allow plain http
            </label>
            <span id="remote-http-hint" className="small muted">
              Sends models and signed requests unencrypted, so anyone on the network can read them. Only for a server you trust on your own network; a server on this computer needs no tick.
            </span>
          </div>
        </div>
        {words ? (
          <p className="form-error" role="alert">
            {(error ? addFormSentence(error) : null) ?? (words.detail || words.headline)}
          </p>
        ) : null}
        {busy ? (
          <p className="muted" role="status">
            Testing the connection…
          </p>
        ) : null}
        <div className="modal-buttons">
          {blocker ? <span className="muted small remote-blocker">{blocker}</span> : null}
          <Button onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={busy || blocker !== null}>
            Test and save
          </Button>
        </div>
      </form>
    </Modal>
  );
}
