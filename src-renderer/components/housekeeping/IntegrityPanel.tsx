// A version's integrity under its Overview: what its manifest says (model:integrity) or what the
// last verify found, and Verify with progress and Cancel (models:verify).
import { ShieldAlert, ShieldCheck, ShieldQuestion, X } from 'lucide-react';
import { useEffect } from 'react';
import { humanSize } from '../../../src-main/shared/human-size.ts';
import type { ModelVersion } from '../../../src-main/shared/model-types.ts';
import { useHk } from '../../state/housekeeping/hk-store.ts';
import { cancelVerify, integrityWords, loadIntegrity, verifyVersion } from '../../state/housekeeping/integrity.ts';
import { Button } from '../Bits.tsx';

export function IntegrityPanel({ version }: { version: ModelVersion }) {
  const tag = version.tag;
  const info = useHk((s) => s.integrity[tag]);
  const verified = useHk((s) => s.verified[tag]);
  const running = useHk((s) => s.verifying[tag]);
  // Re-read when the version changes on disk (an edit or a dedup rewrites its manifest).
  useEffect(() => {
    void loadIntegrity(tag);
  }, [tag, version.size, version.creationTime, version.labels, version.metadata]);
  if (version.status !== 'ok') return null;
  const words = integrityWords(info, verified);
  const bad = words.state === 'changed' || words.state === 'missing';
  const good = words.state === 'intact' || words.state === 'at-save';
  const Icon = bad ? ShieldAlert : good ? ShieldCheck : ShieldQuestion;
  const p = running?.progress;
  const share = p && p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : undefined;
  return (
    <section className={`integrity integrity-${words.state}`} aria-label="Integrity">
      <h3 className="section-title">Integrity</h3>
      <div className="integrity-line">
        <Icon size={16} aria-hidden="true" className="integrity-icon" />
        <div className="integrity-words">
          <p className="integrity-title" role={bad ? 'alert' : 'status'} aria-label="Integrity state">
            {words.title}
          </p>
          {words.detail ? <p className="muted small integrity-detail">{words.detail}</p> : null}
        </div>
        {running ? (
          <span className="integrity-progress">
            <progress aria-label={`Verifying ${tag}`} max={1} value={share} />
            <span className="muted small num">{p ? `${humanSize(p.bytesDone)} of ${humanSize(p.bytesTotal)}` : 'Starting…'}</span>
            <Button icon={X} onClick={() => cancelVerify(tag)} aria-label={`Cancel verifying ${tag}`}>
              Cancel
            </Button>
          </span>
        ) : (
          <Button icon={ShieldCheck} onClick={() => void verifyVersion(tag)} title="Re-hash every file and compare with the manifest">
            Verify
          </Button>
        )}
      </div>
    </section>
  );
}
