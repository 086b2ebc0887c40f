import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_SHELF_VERSION } from '../../src-main/shared/shelf-version.ts';
import { newModelInfo } from '../../src-main/store/yaml/model-yaml.ts';

describe('the version Model Shelf writes into a model it saves', () => {
  it("is package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(MODEL_SHELF_VERSION).toBe(pkg.version);
  });
  it('is the only version in the context: no BentoML or Python version is claimed', () => {
    expect(newModelInfo({ name: 'm', version: 'v1' }).context).toEqual({
      framework_name: '', framework_versions: { 'model-shelf': MODEL_SHELF_VERSION }, bentoml_version: '', python_version: '',
    });
  });
});
