// Model versions and their model.yaml as the fake main process hands them out. Plain data, no
// Node and no DOM: the renderer tests and the dev preview (a browser page) both load this.
import type { FileNode, ModelVersion, StoreProblem } from '../../src-main/shared/model-types.ts';

/** A complete version; `creationTime` is written the way BentoML writes it (`...+00:00`). */
export function makeVersion(name: string, version: string, ms: number, size: number, extra: Partial<ModelVersion> = {}, modelsDir = '/h/models'): ModelVersion {
  return {
    tag: `${name}:${version}`,
    name,
    version,
    status: 'ok',
    module: 'bentoml.sklearn',
    apiVersion: 'v1',
    labels: {},
    metadata: {},
    creationTime: new Date(ms).toISOString().replace('Z', '000+00:00'),
    creationTimeMs: ms,
    size,
    latest: false,
    path: `${modelsDir}/${name}/${version}`,
    ...extra,
  };
}

/** A short model.yaml for the Raw tab (labels shown; metadata left out, it is in the tree). */
export function modelYamlText(v: ModelVersion): string {
  const labels = Object.entries(v.labels).map(([k, x]) => `  ${k}: ${x}\n`).join('');
  return (
    `name: ${v.name}\nversion: ${v.version}\nmodule: ${v.module}\nlabels:${labels ? `\n${labels}` : ' {}\n'}options: {}\nmetadata: {}\n` +
    `context:\n  framework_name: ''\n  framework_versions: {}\n  bentoml_version: 1.4.38\n  python_version: 3.11.7\n` +
    `signatures: {}\napi_version: ${v.apiVersion}\ncreation_time: '${v.creationTime}'\n`
  );
}

/** The files of a version when the fake is not told otherwise: its model.yaml and one artifact. */
export function defaultFiles(v: ModelVersion, yamlText: string): FileNode[] {
  return [
    { name: 'model.yaml', kind: 'file', size: yamlText.length },
    { name: 'saved_model.pkl', kind: 'file', size: Math.max(0, v.size - yamlText.length) },
  ];
}

/** What `store:snapshot` reports for each broken version, as the real scan does. */
export function problemsOf(versions: readonly ModelVersion[]): StoreProblem[] {
  return versions
    .filter((v) => v.status === 'broken')
    .map((v) => ({
      kind: 'broken-version' as const,
      path: `models/${v.name}/${v.version}`,
      message: v.problem ?? '',
      fix: 'Move it to the trash so that `bentoml models list` works again.',
      safeToFix: false,
    }));
}
