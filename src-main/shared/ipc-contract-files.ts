// The contract's channel for reading one file of a version (issue 12 view 17: the Files tab's
// preview and the model card); RequestMap extends it. Read-only and bounded (store/preview/).
import type { FilePreview } from './file-preview-types.ts';

export interface FilesRequestMap {
  /**
   * A preview of one file of a version by its '/'-separated path inside the version, as the Files
   * tab lists it (a name that is not UTF-8 with U+FFFD); refused outside it, and for anything but
   * a regular file. Main reads a few at a time; the others wait their turn.
   */
  'version:file': [{ readonly tag: string; readonly path: string }, FilePreview];
}
