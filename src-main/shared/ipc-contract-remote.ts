// The contract's channels for remote shelves (issue 10); RequestMap extends it. The window names
// remotes and tags only: no credential, no server response and no local path crosses.
import type { TaskArgs } from './ipc-contract.ts';
import type { RemoteAddArgs, RemoteInfo, RemoteTransferResult, RemoteVersion } from './remote-types.ts';

export interface RemoteRequestMap {
  /** The saved remotes (name, URL, endpoint, region, profile; never a secret). */
  'remotes:list': [void, readonly RemoteInfo[]];
  /** Tests the connection, then saves; nothing is saved when the test fails. */
  'remotes:add': [RemoteAddArgs, RemoteInfo];
  /** Forgets a remote (its objects stay in the bucket). */
  'remotes:remove': [{ readonly name: string }, void];
  /** What a remote holds (one model or all), each version compared with the local store. */
  'remote:browse': [{ readonly remote: string; readonly model?: string }, readonly RemoteVersion[]];
  /** Pushes local versions; progress and cancel by task id. */
  'remote:push': [TaskArgs & { readonly remote: string; readonly tags: readonly string[] }, readonly RemoteTransferResult[]];
  /** Pulls remote versions into the open store; progress and cancel by task id. */
  'remote:pull': [TaskArgs & { readonly remote: string; readonly tags: readonly string[] }, readonly RemoteTransferResult[]];
}
