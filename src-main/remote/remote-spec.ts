import { isIP } from 'node:net';
import { ShelfError } from '../shared/errors.ts';

/** A remote as saved: where it is and how to reach it, never a secret (credentials come from the AWS chain). */
export interface RemoteSpec {
  readonly name: string;
  /** `s3://bucket` or `s3://bucket/prefix` as the user gave it (normalised). */
  readonly url: string;
  readonly bucket: string;
  /** '' or a prefix without leading or trailing '/'. */
  readonly prefix: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly profile?: string;
  /** The user accepted a plain-http endpoint that is not on this machine. */
  readonly allowHttp?: boolean;
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
// S3's bucket rules, loosely (S3-compatible servers accept a little more; they refuse what they do not).
const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function checkRemoteName(name: string): string {
  if (!NAME_RE.test(name)) {
    throw new ShelfError('INVALID_ARGUMENT', `'${name}' is not a usable remote name; use letters, digits, '.', '_' or '-' (at most 63, starting with a letter or digit).`);
  }
  return name;
}

/** `s3://BUCKET[/PREFIX]` into its bucket and prefix. */
export function parseS3Url(url: string): { url: string; bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(url.trim());
  const bucket = m?.[1] ?? '';
  if (!m || !BUCKET_RE.test(bucket)) {
    throw new ShelfError('INVALID_ARGUMENT', `'${url}' is not an S3 location; write it as s3://BUCKET or s3://BUCKET/PREFIX (a bucket name is 3-63 lowercase letters, digits, '.' or '-').`);
  }
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '').replace(/\/{2,}/g, '/');
  if (prefix.split('/').some((part) => part === '.' || part === '..')) {
    throw new ShelfError('INVALID_ARGUMENT', `The prefix of '${url}' holds '.' or '..' parts; write a plain folder path such as s3://${bucket}/models.`);
  }
  return { url: prefix === '' ? `s3://${bucket}` : `s3://${bucket}/${prefix}`, bucket, prefix };
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1';
  return false;
}

/** An endpoint URL, refused when it is plain http to another machine without --allow-http. */
export function checkEndpoint(endpoint: string, allowHttp: boolean): string {
  let parsed: URL;
  try {
    parsed = new URL(endpoint);
  } catch {
    throw new ShelfError('INVALID_ARGUMENT', `'${endpoint}' is not a URL; give the endpoint as https://HOST[:PORT] (for example https://s3.example.com).`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ShelfError('INVALID_ARGUMENT', `The endpoint '${endpoint}' must start with https:// (or http:// for a server on this machine).`);
  }
  if (parsed.protocol === 'http:' && !allowHttp && !isLoopback(parsed.hostname)) {
    // The window words the fix for its own form (a checkbox, not a flag) from these details.
    throw new ShelfError('INVALID_ARGUMENT', `The endpoint '${endpoint}' is plain http to another machine, so keys and models would cross the network unencrypted; use https://, or pass --allow-http if that network is trusted.`, {
      details: { field: 'endpoint', fix: 'allow-http', endpoint },
    });
  }
  return parsed.toString().replace(/\/$/, '');
}

export interface RemoteInput {
  readonly name: string;
  readonly url: string;
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
  readonly profile?: string | undefined;
  readonly allowHttp?: boolean | undefined;
}

/** A checked RemoteSpec from what the user typed (CLI flags or the window's form). */
export function makeRemoteSpec(input: RemoteInput): RemoteSpec {
  const where = parseS3Url(input.url);
  const allowHttp = input.allowHttp === true;
  const region = input.region?.trim();
  const profile = input.profile?.trim();
  if (region !== undefined && region !== '' && !/^[a-z0-9-]{1,64}$/i.test(region)) throw new ShelfError('INVALID_ARGUMENT', `'${region}' is not a region name such as us-east-1.`);
  return {
    name: checkRemoteName(input.name),
    ...where,
    ...(input.endpoint ? { endpoint: checkEndpoint(input.endpoint, allowHttp) } : {}),
    ...(region ? { region } : {}),
    ...(profile ? { profile } : {}),
    ...(allowHttp ? { allowHttp } : {}),
  };
}
