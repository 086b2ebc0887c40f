// stream/: a version as a .bentomodel byte stream (for uploads without a temporary file), the
// content identity of a version, and model.yaml read from the head of an archive stream.
export { bentomodelStream, sameContent, versionContent, type BentomodelStream, type VersionContent } from './export-stream.ts';
export { readArchiveModelYaml } from './archive-yaml.ts';
export { readArchiveContent } from './archive-content.ts';
