import { ShelfError, isShelfError } from '../shared/errors.ts';
import type { RemoteSpec } from './remote-spec.ts';

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'TimeoutError', 'RequestTimeout']);
const FULL_CODES = new Set(['InsufficientStorage', 'QuotaExceeded', 'StorageFull', 'XMinioStorageFull', 'EntityTooLarge', 'ServiceQuotaExceeded']);

function where(remote: RemoteSpec): string {
  return remote.endpoint ?? `AWS S3${remote.region ? ` (${remote.region})` : ''}`;
}

/**
 * One sentence with what to do for an S3 or network failure. The server's response body never
 * reaches the user or the window: only the error's code is looked at (issue 10, safety).
 * `during`: what was going on, for a dropped connection ("the upload of iris:v1").
 */
export function remoteError(error: unknown, remote: RemoteSpec, during?: string): ShelfError {
  if (isShelfError(error)) return error;
  const e = (error ?? {}) as SdkErrorShape;
  const name = e.name ?? e.Code ?? '';
  const status = e.$metadata?.httpStatusCode;
  const sysCode = e.code ?? '';
  const opts = { cause: error };
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(e.message ?? '')) {
    const how = remote.profile
      ? `the profile '${remote.profile}' gave none; run \`aws configure --profile ${remote.profile}\` (or \`aws sso login --profile ${remote.profile}\`)`
      : 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a profile with `aws configure` and give it with --profile';
    return new ShelfError('PERMISSION', `No AWS credentials were found for remote '${remote.name}': ${how}.`, { ...opts, details: { field: 'profile', fix: 'credentials', remote: remote.name, ...(remote.profile ? { profile: remote.profile } : {}) } });
  }
  if (name === 'RequestTimeTooSkewed' || name === 'RequestExpired' || /time.*skew|too.?skewed/i.test(e.message ?? '')) {
    return new ShelfError('IO', `The server at ${where(remote)} refused the request because this machine's clock is too far from the server's; set the clock right (turn on network time) and try again.`, opts);
  }
  // XAdminUserNotFound: Versity Gateway's word for an access key it does not know.
  if (/^(InvalidAccessKeyId|SignatureDoesNotMatch|AccessDenied|Forbidden|InvalidToken|ExpiredToken|XAdminUserNotFound)$/.test(name) || status === 403) {
    return new ShelfError('FORBIDDEN', `The server at ${where(remote)} refused access to bucket '${remote.bucket}' (${name || 'HTTP 403'}); check the access keys or profile, and that they may read and write that bucket.`, opts);
  }
  if (name === 'NoSuchBucket' || (name === 'NotFound' && status === 404 && during === 'bucket')) {
    return new ShelfError('NOT_FOUND', `The bucket '${remote.bucket}' does not exist at ${where(remote)}; create it or fix the remote's URL (remove the remote and add it again).`, opts);
  }
  if (FULL_CODES.has(name) || status === 507) {
    return new ShelfError('NO_SPACE', `The server at ${where(remote)} has no room for more data (${name || 'HTTP 507'}); free space or raise the bucket's quota, then try again. Nothing was written.`, opts);
  }
  if (NETWORK_CODES.has(sysCode) || NETWORK_CODES.has(name) || /socket hang up|ECONNRESET|ECONNREFUSED|network|timed? ?out|aborted/i.test(e.message ?? '')) {
    const what = during && during !== 'bucket' ? `the connection was lost during ${during}; nothing partial was kept visible` : `cannot reach the S3 server at ${where(remote)}`;
    return new ShelfError('IO', `${what[0]?.toUpperCase()}${what.slice(1)} (${sysCode || name || 'network error'}); check the endpoint, that the server is running and the network is up, then try again.`, opts);
  }
  return new ShelfError('IO', `The S3 server at ${where(remote)} refused the request (${name || `HTTP ${status ?? '?'}`}); check the remote's settings with \`model-shelf remote list\` and try again.`, opts);
}

/** True for a 404 of an object (HeadObject/GetObject of a key that is not there). */
export function isMissingObject(error: unknown): boolean {
  const e = (error ?? {}) as SdkErrorShape;
  return e.name === 'NoSuchKey' || (e.name === 'NotFound' && e.$metadata?.httpStatusCode === 404);
}

/** True when a conditional write found the key already taken (If-None-Match: *). */
export function isPreconditionFailed(error: unknown): boolean {
  const e = (error ?? {}) as SdkErrorShape;
  return e.name === 'PreconditionFailed' || e.$metadata?.httpStatusCode === 412;
}

/** True when an upload id is unknown to the server (already completed or aborted). */
export function isMissingUpload(error: unknown): boolean {
  return ((error ?? {}) as SdkErrorShape).name === 'NoSuchUpload';
}
