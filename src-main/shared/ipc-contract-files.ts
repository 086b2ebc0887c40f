// The contract's channel for reading one file of a version (issue 12 view 17: the Files tab's
// preview and the model card); RequestMap extends it. Read-only and bounded (store/preview/).
import type { FilePreview } from './file-preview-types.ts';

export interface FilesRequestMap {
  /** A preview of one file of a version by its '/'-separated path inside the version; refused outside it. */
  'version:file': [{ readonly tag: string; readonly path: string }, FilePreview];
}
