import type { S3Client } from '@aws-sdk/client-s3';

/**
 * Watches one push's client: the multipart upload ids it creates (so a cancel can abort them
 * even when lib-storage's own abort has not run yet), whether a single PUT completed, and every
 * request still in flight (lib-storage sends parts without our AbortSignal, so a cancel waits for
 * them before it aborts the upload; a part landing after the abort would be kept by the server).
 * Once stopped, no request of that client makes another attempt: the SDK retries a part whose
 * connection the cancel closed, and on a network that stays dead each retry waited out the
 * request timeout, holding the cancel (and the window's close, which waits for its tasks) for minutes.
 */
export interface RequestTracker {
  readonly uploadIds: Set<string>;
  putCompleted: boolean;
  /** A CreateMultipartUpload was sent and never answered: the server may hold an upload we have no id for. */
  createUnanswered: boolean;
  settle(): Promise<void>;
  /** No further attempt of any request (retries included) goes out; call before closing the client. */
  stop(): void;
}

export function trackRequests(client: S3Client, onCreate: (uploadId: string) => Promise<void>): RequestTracker {
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  const tracker: RequestTracker = {
    stop: () => {
      stopped = true;
    },
    uploadIds: new Set(),
    putCompleted: false,
    createUnanswered: false,
    settle: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const run = next(args);
      inFlight.add(run);
      const creating = context.commandName === 'CreateMultipartUploadCommand';
      if (creating) tracker.createUnanswered = true;
      try {
        const result = await run;
        if (creating) tracker.createUnanswered = false;
        const output = result.output as { UploadId?: string };
        if (context.commandName === 'CreateMultipartUploadCommand' && output.UploadId) {
          tracker.uploadIds.add(output.UploadId);
          // Recorded in our lease before the first part goes out: a crash from here on leaves an
          // upload the next push can recognise as ours.
          await onCreate(output.UploadId);
        }
        if (context.commandName === 'PutObjectCommand') tracker.putCompleted = true;
        return result;
      } finally {
        inFlight.delete(run);
      }
    },
    { step: 'initialize', name: 'modelShelfRequestTracker' },
  );
  // Below the retry middleware (finalizeRequest, low priority): runs before every attempt. The
  // SDK never retries an AbortError.
  client.middlewareStack.add(
    (next) => (args) => {
      if (stopped) return Promise.reject(Object.assign(new Error('The push was stopped.'), { name: 'AbortError' }));
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'modelShelfStopAttempts' },
  );
  return tracker;
}
