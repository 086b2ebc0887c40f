// remote/: remote shelves on S3-compatible storage (issue 10). Imports the store through its door
// and the AWS SDK; never Electron. Loaded only by the remote commands and the window's remote
// operations, so the rest of the CLI never pays for the SDK.
export { addRemoteChecked, browse, listRemotes, pull, push, remoteInfo, removeRemoteNamed, type BatchOptions } from './remote-actions.ts';
export { remotesFile } from './remote-config.ts';
export { makeRemoteSpec, type RemoteInput, type RemoteSpec } from './remote-spec.ts';
export type { TransferOptions, TransferOutcome } from './remote-push.ts';
export { archiveKey, sidecarKey, SIDECAR_SUFFIX } from './remote-layout.ts';
