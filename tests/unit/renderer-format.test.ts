import { afterEach, describe, expect, it } from 'vitest';
import type { ShelfApi } from '../../src-main/shared/ipc-contract.ts';
import { setApi } from '../../src-renderer/state/bridge.ts';
import { suggestName } from '../../src-renderer/state/actions/create-form-edit.ts';
import { folderFromPicked } from '../../src-renderer/state/actions/io.ts';
import { deleteQuestion, usageWarnings } from '../../src-renderer/state/delete-words.ts';
import { describeError } from '../../src-renderer/state/error-words.ts';
import { duration, fitMiddle, middleEllipsis, relativeTime, shortPath } from '../../src-renderer/state/format.ts';

afterEach(() => setApi(null));

function pickedFile(fullPath: string, rel: string): File {
  setApi({ pathForFile: (f: File) => (f as File & { fullPath: string }).fullPath } as unknown as ShelfApi);
  return Object.assign(new File(['x'], rel.split('/').pop() ?? ''), { fullPath, webkitRelativePath: rel });
}

describe('display helpers', () => {
  it('shortens long versions in the middle, keeping both ends', () => {
    expect(middleEllipsis('o5g63lqaw2vfypbc', 40)).toBe('o5g63lqaw2vfypbc');
    const long = 'experiment-2025-03-14-run-0042-final-final-v2-really';
    const short = middleEllipsis(long, 20);
    expect(short).toHaveLength(20);
    expect(short.startsWith('experiment')).toBe(true);
    expect(short.endsWith('eally')).toBe(true);
    expect(short).toContain('…');
  });

  it('fits a name or a path to a width in the middle, keeping a path\'s last folder whole', () => {
    const chars = (s: string): number => s.length * 7; // a monospace face: 7 px a character
    expect(fitMiddle('iris_clf', 100, chars)).toBe('iris_clf');
    const name = fitMiddle('sentiment_distilbert', 70, chars);
    expect(name).toBe('senti…bert');
    expect(chars(name)).toBeLessThanOrEqual(70);
    const home = '/tmp/shelf-e2e-src-gtvXBF/bentoml';
    const shown = fitMiddle(home, 140, chars, '/bentoml'.length);
    expect(shown).toMatch(/^\/tmp\/shelf.*….*\/bentoml$/);
    expect(shown).toHaveLength(20); // the longest that fits 140 px
    expect(fitMiddle(home, 70, chars, '/bentoml'.length)).toBe('/…/bentoml'); // the folder wins over the head
  });

  it('says times relative to now', () => {
    const now = Date.UTC(2026, 0, 10, 12);
    expect(relativeTime(now - 10_000, now)).toBe('just now');
    expect(relativeTime(now - 2 * 3_600_000, now)).toBe('2 h ago');
    expect(relativeTime(now - 3 * 86_400_000, now)).toBe('3 d ago');
    expect(relativeTime(Number.NaN, now)).toBe('unknown');
    expect(duration(2.4)).toBe('2 s');
    expect(duration(125)).toBe('2 min 5 s');
  });

  it('writes the home folder as ~', () => {
    expect(shortPath('/home/ana/bentoml/models')).toBe('~/bentoml/models');
    expect(shortPath('/Users/ana/bentoml')).toBe('~/bentoml');
    expect(shortPath('/srv/bentoml')).toBe('/srv/bentoml');
  });

  it('suggests a valid model name from a dropped file name', () => {
    expect(suggestName('model.safetensors')).toBe('model');
    expect(suggestName('model.safetensors', { folder: 'bert_ner_v2' })).toBe('bert_ner_v2');
    expect(suggestName('weights.tar.gz')).toBe('weights');
    expect(suggestName('My Checkpoint.v2', { isDirectory: true })).toBe('my_checkpoint.v2');
    expect(suggestName('My Model (v2).pkl')).toBe('my_model_v2');
    expect(suggestName('__weights__')).toBe('weights');
  });

  it('finds the picked folder from the first file inside it, on POSIX and Windows paths', () => {
    expect(folderFromPicked([pickedFile('/data/runs/ckpt/sub/a.bin', 'ckpt/sub/a.bin')])).toBe('/data/runs/ckpt');
    expect(folderFromPicked([pickedFile('C:\\data\\ckpt\\a.bin', 'ckpt/a.bin')])).toBe('C:\\data\\ckpt');
    expect(folderFromPicked([])).toBe('');
  });

  it('maps error codes to words and keeps main’s sentence as the detail', () => {
    const words = describeError({ code: 'ALREADY_EXISTS', message: "Model 'iris_clf:abc' is already in /h/models." });
    expect(words.headline).toBe('A model with that tag already exists in this store.');
    expect(words.detail).toBe("Model 'iris_clf:abc' is already in /h/models.");
    expect(describeError({ code: 'NO_SPACE', message: '' }).detail).toMatch(/Free some space/);
  });

  it('words the delete question for one version, one whole model and bento usage', () => {
    expect(deleteQuestion({ tags: ['iris_clf:abc'], names: [], size: 1536 })).toBe('Move iris_clf:abc (1.50 KiB) to the trash? You can restore it until you empty the trash.');
    expect(deleteQuestion({ tags: ['a:1', 'a:2'], names: ['a'], size: 0 })).toBe('Move a and all its 2 versions (0 B) to the trash? You can restore them until you empty the trash.');
    expect(usageWarnings({ 'a:1': ['svc:1', 'svc:2'], 'a:2': [] })).toEqual(['a:1 is used by the bento svc:1 and 1 more. That bento cannot be served or containerized until you restore it.']);
  });
});
