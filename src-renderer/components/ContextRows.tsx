// Overview rows from model.yaml's context and signatures: the framework and its versions, the
// BentoML and Python versions that saved the model, and each signature (batchable or not).
// model.yaml is parsed here with the `yaml` package, loaded on first use so the list's start-up
// never pays for it.
import { useEffect, useState } from 'react';

interface ContextFacts {
  readonly framework: string;
  readonly frameworkVersions: readonly [string, string][];
  readonly bentoml: string;
  readonly python: string;
  readonly signatures: readonly [string, string][];
}

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function contextFacts(parsed: unknown): ContextFacts {
  const root = obj(parsed);
  const context = obj(root.context);
  const signatures = Object.entries(obj(root.signatures)).map(([name, sig]): [string, string] => {
    const s = obj(sig);
    // batch_dim as Python prints it: a tuple (0, 0) or a number.
    const dim = Array.isArray(s.batch_dim) ? `(${s.batch_dim.map(str).join(', ')})` : str(s.batch_dim);
    return [name, s.batchable === true ? `batchable${dim ? `, batch_dim ${dim}` : ''}` : 'not batchable'];
  });
  return {
    framework: str(context.framework_name),
    frameworkVersions: Object.entries(obj(context.framework_versions)).map(([k, v]): [string, string] => [k, str(v)]),
    bentoml: str(context.bentoml_version),
    python: str(context.python_version),
    signatures,
  };
}

export function ContextRows({ yamlText }: { yamlText: string }) {
  // Facts of the text they were parsed from: another version's never show while its own load.
  const [parsed, setParsed] = useState<{ text: string; facts: ContextFacts } | null>(null);
  useEffect(() => {
    let live = true;
    if (!yamlText) return undefined;
    void import('yaml')
      .then((m) => {
        if (live) setParsed({ text: yamlText, facts: contextFacts(m.parse(yamlText, { uniqueKeys: false, logLevel: 'silent' })) });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [yamlText]);
  const facts = parsed?.text === yamlText ? parsed.facts : null;
  if (!facts) return null;
  const none = <span className="muted">not recorded</span>;
  return (
    <>
      <dt>Framework</dt>
      <dd>
        {facts.framework ? <span className="mono">{facts.framework}</span> : facts.frameworkVersions.length === 0 ? none : null}
        {facts.frameworkVersions.map(([k, v]) => (
          <span key={k} className="chip chip-small" title={`${k} ${v}`}>
            {k} {v}
          </span>
        ))}
      </dd>
      <dt>Saved with</dt>
      <dd>
        <span>BentoML {facts.bentoml ? <span className="mono">{facts.bentoml}</span> : none}</span>
        <span className="muted">·</span>
        <span>Python {facts.python ? <span className="mono">{facts.python}</span> : none}</span>
      </dd>
      <dt>Signatures</dt>
      <dd className="signatures">
        {facts.signatures.length === 0
          ? none
          : facts.signatures.map(([name, words]) => (
              <span key={name}>
                <span className="mono">{name}</span> <span className="muted">({words})</span>
              </span>
            ))}
      </dd>
    </>
  );
}
