// archive/: archive formats and writers, xz streams, and exporting a version as a .bentomodel.
export { ARCHIVE_FORMATS, type ArchiveFormat, guessFormat, isArchiveFormat, lastExtension } from './archive-format.ts';
