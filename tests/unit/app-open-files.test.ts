import { describe, expect, it } from 'vitest';
import { archivesFromArgv, createOpenFileQueue } from '../../src-main/app/open-files.ts';

describe('files opened from the OS', () => {
  it('takes archive paths from argv, resolved against the working directory', () => {
    const argv = ['.', '--enable-logging', 'dist/main/app/main.js', 'iris.bentomodel', '/abs/bert.tar.gz', 'notes.txt', '--flag=x.bentomodel'];
    expect(archivesFromArgv(argv, '/home/me')).toEqual(['/home/me/iris.bentomodel', '/abs/bert.tar.gz']);
  });

  it('holds files opened before the app is ready and hands them over once', () => {
    const queue = createOpenFileQueue();
    queue.add(['/a.bentomodel']);
    queue.add([]);
    queue.add(['/b.bentomodel']);
    const batches: string[][] = [];
    queue.attach((paths) => batches.push(paths));
    queue.add(['/c.bentomodel']);
    expect(batches).toEqual([['/a.bentomodel', '/b.bentomodel'], ['/c.bentomodel']]);
  });
});
