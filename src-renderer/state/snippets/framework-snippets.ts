// Framework-aware snippets (issue 12 view 16): model.yaml's `module` names the BentoML framework
// that saved the version (`bentoml.sklearn`, `bentoml.transformers`, `bentoml.pytorch` ...); each
// of those has `load_model(tag)`. A model made with `bentoml.models.create` has no module: it is
// a folder, read through `bentoml.models.get(tag).path`.

export interface Framework {
  /** Short name for the badge: sklearn, transformers, pytorch ... ('' when none). */
  readonly name: string;
  /** The Python module whose load_model reads the version ('' when none). */
  readonly module: string;
}

/** `bentoml.sklearn` or `_bentoml_impl.frameworks.sklearn` -> sklearn; anything else: no framework. */
export function frameworkOf(module: string): Framework {
  const m = /^(?:bentoml|_bentoml_impl\.frameworks|bentoml\._internal\.frameworks)\.([a-z_][a-z0-9_]*)$/i.exec(module.trim());
  if (!m || m[1] === 'models') return { name: '', module: '' };
  return { name: m[1]!, module: `bentoml.${m[1]!}` };
}

export interface Snippet {
  readonly id: string;
  readonly title: string;
  readonly lang: 'python' | 'shell';
  readonly text: string;
}

/** A Python class name for the service from the model name: iris_clf -> IrisClf. */
export function serviceClass(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(joined) ? joined : `Model${joined}`;
}

const q = (s: string): string => JSON.stringify(s);
/** Shell words quoted only when they need it (tags never do; paths may). */
const sh = (s: string): string => (/^[A-Za-z0-9_.:/=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function snippetsFor(tag: string, module: string): Snippet[] {
  const fw = frameworkOf(module);
  const name = tag.split(':')[0] ?? tag;
  const load = fw.module
    ? `import bentoml\n\nmodel = ${fw.module}.load_model(${q(tag)})`
    : `import bentoml\n\n# Saved with bentoml.models.create: a folder of files\npath = bentoml.models.get(${q(tag)}).path`;
  const body = fw.module
    ? `    def __init__(self):\n        self.model = ${fw.module}.load_model(self.bento_model)\n\n    @bentoml.api\n    def predict(self, inputs: list) -> list:\n        return list(self.model.predict(inputs))`
    : `    def __init__(self):\n        # The model's files, e.g. os.path.join(self.bento_model.path, "model.pkl")\n        self.path = self.bento_model.path\n\n    @bentoml.api\n    def predict(self, inputs: list) -> list:\n        return inputs`;
  const service = `import bentoml\nfrom bentoml.models import BentoModel\n\n\n@bentoml.service\nclass ${serviceClass(name)}:\n    bento_model = BentoModel(${q(tag)})\n\n${body}\n`;
  const cli = [`bentoml models get ${sh(tag)}`, `bentoml models export ${sh(tag)} ${sh(`./${tag.replace(':', '-')}.bentomodel`)}`, `bentoml models delete ${sh(tag)}`].join('\n');
  return [
    { id: 'load', title: fw.module ? `Load with ${fw.module}` : 'Open the files', lang: 'python', text: load },
    { id: 'service', title: 'A BentoML service', lang: 'python', text: service },
    { id: 'cli', title: 'CLI', lang: 'shell', text: cli },
  ];
}
