import { call } from '../bridge.ts';
import { getState, setState } from '../store.ts';

let requestSeq = 0;

/** Fetch model:get for the active version; keeps the old detail on screen while loading (no jumps). */
export async function loadDetail(tag: string | null, opts: { quiet?: boolean } = {}): Promise<void> {
  const seq = ++requestSeq;
  if (!tag) {
    setState({ detail: null, detailTag: null, detailError: null, detailLoading: false });
    return;
  }
  if (!opts.quiet) setState({ detailLoading: true, detailError: null });
  const result = await call('model:get', { tag });
  if (seq !== requestSeq || getState().activeTag !== tag) return;
  if (result.ok) setState({ detail: result.value, detailTag: tag, detailError: null, detailLoading: false });
  else setState({ detail: null, detailTag: tag, detailError: result.error, detailLoading: false });
}
