import { describe, expect, it } from 'vitest';
import { isJunkName, watcherErrorMessage } from '../../src-main/store/watch/store-watcher.ts';

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('watcher status sentences', () => {
  it('says how to raise the inotify watch limit when it runs out', () => {
    const message = watcherErrorMessage(errno('ENOSPC'), '/home/me/bentoml/models');
    expect(message).toContain('fs.inotify.max_user_watches');
    expect(message).toMatch(/sysctl/);
  });

  it('names the folder for permission errors and never shows raw error text', () => {
    expect(watcherErrorMessage(errno('EACCES'), '/srv/models')).toContain('/srv/models');
    expect(watcherErrorMessage(errno('EMFILE'), '/m')).toContain('max_user_instances');
    expect(watcherErrorMessage(new Error('weird internal failure'), '/m')).not.toContain('weird');
  });

  it('treats OS junk and our latest temp files as junk, and model files as not', () => {
    for (const junk of ['.DS_Store', 'Thumbs.db', '._model.yaml', '.latest.a1b2c3', 'model.yaml.swp', 'notes~']) expect(isJunkName(junk), junk).toBe(true);
    for (const real of ['model.yaml', 'latest', 'custom_objects.pkl', 'iris_clf', 'weights.safetensors']) expect(isJunkName(real), real).toBe(false);
  });
});
