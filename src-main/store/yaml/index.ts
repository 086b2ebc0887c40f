// yaml/: model.yaml read with PyYAML 1.1's typing, written in BentoML's field order, and kept under the size cap.
export { parseCreationTime } from './creation-time.ts';
export { newModelInfo, type ModelInfo } from './model-info.ts';
export { parseModelYaml, serializeModelYaml } from './model-yaml.ts';
