// remove/: deleting versions and names (rename out of models/ first), the trash and its restore.
export type { DeleteOptions } from './delete-models.ts';
