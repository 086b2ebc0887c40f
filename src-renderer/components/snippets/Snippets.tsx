// The Overview's snippets: load the version, serve it, the CLI lines; each one click to copy.
import { Copy } from 'lucide-react';
import { copyText } from '../../state/actions/clipboard.ts';
import { snippetsFor } from '../../state/snippets/framework-snippets.ts';
import { Button } from '../Bits.tsx';

export function Snippets({ tag, module }: { tag: string; module: string }) {
  const snippets = snippetsFor(tag, module);
  return (
    <section className="snippets" aria-label="Use this version">
      <h3 className="section-title">Use this version</h3>
      {snippets.map((s) => (
        <div key={s.id} className="snippet">
          <div className="snippet-head">
            <span className="snippet-title">{s.title}</span>
            <Button icon={Copy} variant="ghost" onClick={() => void copyText(s.text, s.id === 'cli' ? 'the CLI lines' : `the ${s.title} snippet`)} label={`Copy ${s.title}`}>
              <span className="btn-text">Copy</span>
            </Button>
          </div>
          <pre className="snippet-code mono" aria-label={s.title} tabIndex={0}>
            {s.text}
          </pre>
        </div>
      ))}
    </section>
  );
}
