// What the Files tab and the model card get for one file of a version (issue 12 view 17): a
// bounded read, never the whole of a large weight file.

/** The image formats recognised by their first bytes; SVG is text (never rendered as markup). */
export type PreviewImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

export type FilePreview =
  | {
      readonly kind: 'text';
      /** The path inside the version, '/'-separated, as asked. */
      readonly path: string;
      /** The file's size in bytes. */
      readonly size: number;
      /** The first bytes of the file as UTF-8 (a byte-order mark dropped). */
      readonly text: string;
      /** True when `text` is only the beginning of the file. */
      readonly truncated: boolean;
      /** Bytes read from the file for this answer (at most the text limit). */
      readonly bytesRead: number;
    }
  | {
      readonly kind: 'image';
      readonly path: string;
      readonly size: number;
      readonly mime: PreviewImageMime;
      /** `data:<mime>;base64,...`: the window's CSP allows data: images and nothing remote. */
      readonly dataUrl: string;
      readonly bytesRead: number;
    }
  | {
      readonly kind: 'binary';
      readonly path: string;
      readonly size: number;
      /** Set when the file is an image too large to preview. */
      readonly image?: PreviewImageMime;
      readonly bytesRead: number;
    };
