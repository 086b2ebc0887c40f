import { S3Client } from '@aws-sdk/client-s3';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { RemoteSpec } from './remote-spec.ts';

/**
 * The SDK client of a remote. Credentials come only from the SDK's standard chain (environment,
 * shared config and credentials files, the remote's profile, SSO, container/instance roles);
 * nothing here reads or keeps a secret.
 */
export function s3Client(remote: RemoteSpec, env: NodeJS.ProcessEnv = process.env): S3Client {
  const region = remote.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  return new S3Client({
    region,
    ...(remote.endpoint ? { endpoint: remote.endpoint } : {}),
    // S3-compatible servers (a custom endpoint, here or from AWS_ENDPOINT_URL) mostly serve path-style URLs only.
    forcePathStyle: Boolean(remote.endpoint ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL),
    credentials: fromNodeProviderChain(remote.profile ? { profile: remote.profile } : {}),
    // Flexible checksums only where S3 requires them: several S3-compatible servers refuse or
    // mishandle the CRC32 trailers the SDK adds by default. Our own SHA-256 checks the bytes.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    // A stopped server or a dropped network must end in a sentence, not a hang.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
  });
}
