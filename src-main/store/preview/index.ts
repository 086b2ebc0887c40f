// preview/: one file of a version, read bounded and strictly inside the version folder, for the
// window's Files tab and model card (issue 12 view 17); never writes.
export { IMAGE_PREVIEW_LIMIT, imageMime, readVersionFile, TEXT_PREVIEW_LIMIT, utf8Text, type PreviewLimits } from './read-version-file.ts';
export { pathSegments, realFileInside } from './version-file-path.ts';
