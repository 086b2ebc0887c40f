import { channel } from 'node:diagnostics_channel';

// Crash tests must kill a writer at an exact step, not race it: a busy machine makes any
// "kill within N ms" test flaky. A writer names the moments worth killing it at; a test's
// child process subscribes and blocks (or exits) there, so the kill always lands mid-step.
// Outside tests nobody subscribes and a crash point costs one property read.

/** The named moments, one per step a crash test stops a writer at. */
export type CrashPoint =
  /** copy-tree.ts unshareLinked: the private copy in staging has started, not yet renamed. */
  'unshare-copying'
  /** edit/rewrite-model-yaml.ts: the new model.yaml is complete in staging, not yet renamed over the old one. */
  | 'edit-staged'
  /** edit/rewrite-model-yaml.ts: the new model.yaml is in place, its undo not yet in the trash. */
  | 'edit-renamed';

const crashChannel = channel('model-shelf:crash-point');

export function crashPoint(name: CrashPoint): void {
  if (crashChannel.hasSubscribers) crashChannel.publish(name);
}

/** For test children: run `onReach` synchronously when the writer reaches `name`. */
export function onCrashPoint(name: CrashPoint, onReach: () => void): void {
  crashChannel.subscribe((message) => {
    if (message === name) onReach();
  });
}
