// The window's add-remote form words main's CLI-worded sentences for its own fields: main's real
// errors (as they cross IPC) carry details, and the form never shows a flag or a shell command.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toErrorInfo } from '../../src-main/ipc/error-mapping.ts';
import { addRemote } from '../../src-main/remote/remote-config.ts';
import { makeRemoteSpec } from '../../src-main/remote/remote-spec.ts';
import { remoteError } from '../../src-main/remote/s3-errors.ts';
import type { ErrorInfo } from '../../src-main/shared/errors.ts';
import { addFormSentence } from '../../src-renderer/components/remote/add-remote-words.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** What the window receives for a failure of `run` (main's error through the IPC mapping). */
async function overIpc(run: () => unknown): Promise<ErrorInfo> {
  try {
    await run();
  } catch (error) {
    return toErrorInfo('remote:add', error, () => undefined);
  }
  throw new Error('expected a failure');
}

describe('add remote form wording', () => {
  it('plain http to another machine: the form names its checkbox, the CLI keeps --allow-http', async () => {
    const info = await overIpc(() => makeRemoteSpec({ name: 'team', url: 's3://bucket/p', endpoint: 'http://192.0.2.1:9000' }));
    expect(info.message).toContain('pass --allow-http');
    expect(addFormSentence(info)).toBe(
      "The endpoint 'http://192.0.2.1:9000' is plain http to another machine, so keys and models would cross the network unencrypted; use https://, or tick “Allow plain http” if that network is trusted.",
    );
  });

  it('a name already taken: no `model-shelf remote remove` in the form', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelf-add-words-'));
    dirs.push(dir);
    const file = path.join(dir, 'remotes.json');
    const spec = makeRemoteSpec({ name: 'team', url: 's3://bucket' });
    await addRemote(file, spec);
    const info = await overIpc(() => addRemote(file, spec));
    expect(info.message).toContain('model-shelf remote remove team');
    expect(addFormSentence(info)).toBe("A remote named 'team' already exists; choose another name, or remove that remote from the list first.");
  });

  it('no credentials: the form points at its Profile field, not at --profile', async () => {
    const noKeys = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    const plain = await overIpc(() => {
      throw remoteError(noKeys, makeRemoteSpec({ name: 'team', url: 's3://bucket' }));
    });
    expect(plain.message).toContain('--profile');
    expect(addFormSentence(plain)).not.toMatch(/--|`/);
    expect(addFormSentence(plain)).toContain('name it in Profile');
    const named = await overIpc(() => {
      throw remoteError(noKeys, makeRemoteSpec({ name: 'team', url: 's3://bucket', profile: 'dev' }));
    });
    expect(addFormSentence(named)).toBe("No AWS credentials were found for the profile 'dev'; sign in to it (aws configure or aws sso login in a terminal), then test again.");
  });

  it('any other failure keeps main\'s own sentence', async () => {
    const info = await overIpc(() => makeRemoteSpec({ name: 'team', url: 'http://not-s3' }));
    expect(addFormSentence(info)).toBeNull();
  });
});
