import type { Command } from 'commander';
import { humanSize } from '../../shared/human-size.ts';
import { parseTag } from '../../shared/tag-rules.ts';
import type { RemoteVersion } from '../../shared/remote-types.ts';
import type { CliContext, GlobalOptions } from '../cli-context.ts';
import { formatTable, localTime } from '../format-table.ts';
import { toJson } from '../json-out.ts';

// The AWS SDK is most of a remote command's load time: it is imported inside the actions only,
// so `--version`, `list` and the other commands never load it (cli-startup-modules.test.ts).
const remoteLayer = () => import('../../remote/index.ts');

export async function localStore(ctx: CliContext, cmd: Command) {
  // Not ctx.openStore: a remote command works with a home that has no models/ yet (pull creates it).
  const { ModelStore } = await import('../store-door.ts');
  const { home } = cmd.optsWithGlobals<GlobalOptions>();
  return ModelStore.forHome({ ...(home !== undefined ? { home } : {}), env: ctx.io.env });
}

export async function remotesPath(ctx: CliContext): Promise<string> {
  return (await remoteLayer()).remotesFile(ctx.io.env);
}

function groupedRows(versions: readonly RemoteVersion[]): string[][] {
  const byName = [...versions].sort((a, b) => a.name.localeCompare(b.name));
  return byName.map((v) => [
    v.tag,
    v.module,
    humanSize(v.size),
    v.source === 'key' ? `(uploaded ${localTime(Date.parse(v.uploadedAt))})` : localTime(v.creationTimeMs),
    v.state,
    Object.entries(v.labels).map(([k, val]) => `${k}=${val}`).join(', '),
  ]);
}

function remoteVersionJson(v: RemoteVersion): Record<string, unknown> {
  return {
    tag: v.tag,
    name: v.name,
    version: v.version,
    uri: v.uri,
    size: v.size,
    size_human: humanSize(v.size),
    sha256: v.sha256,
    source: v.source,
    module: v.module,
    labels: v.labels,
    metadata: v.metadata,
    creation_time: v.creationTime,
    uploaded_at: v.uploadedAt,
    state: v.state,
  };
}

export function registerRemote(program: Command, ctx: CliContext): void {
  const remote = program.command('remote').description('remote shelves: S3-compatible storage that a team shares (add, list, remove, ls)');

  remote
    .command('add')
    .description('add a remote after testing that it can be reached (credentials come from the AWS chain: environment, ~/.aws files, profiles, SSO)')
    .argument('<name>', 'a short name for the remote')
    .argument('<url>', 's3://BUCKET or s3://BUCKET/PREFIX')
    .option('--endpoint <url>', 'an S3-compatible server (MinIO, Ceph, R2, Versity...); default: AWS S3')
    .option('--region <region>', 'the region (default: AWS_REGION, else us-east-1)')
    .option('--profile <profile>', 'a named profile of ~/.aws/config or ~/.aws/credentials')
    .option('--allow-http', 'accept a plain http:// endpoint on another machine: keys are signed but data crosses the network unencrypted')
    .action(async (name: string, url: string, opts: { endpoint?: string; region?: string; profile?: string; allowHttp?: boolean }) => {
      const r = await remoteLayer();
      const info = await r.addRemoteChecked(r.remotesFile(ctx.io.env), { name, url, endpoint: opts.endpoint, region: opts.region, profile: opts.profile, allowHttp: opts.allowHttp }, { env: ctx.io.env });
      ctx.out(`Added remote '${info.name}' (${info.url}${info.endpoint ? ` at ${info.endpoint}` : ''}).`);
    });

  remote
    .command('list')
    .description('list the saved remotes')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }) => {
      const r = await remoteLayer();
      const remotes = await r.listRemotes(r.remotesFile(ctx.io.env));
      if (opts.json) return ctx.out(toJson(remotes));
      if (remotes.length === 0) return ctx.out('No remotes yet; add one with `model-shelf remote add NAME s3://BUCKET[/PREFIX]`.');
      ctx.out(formatTable(['Name', 'URL', 'Endpoint', 'Region', 'Profile'], remotes.map((x) => [x.name, x.url, x.endpoint ?? '(AWS S3)', x.region ?? '', x.profile ?? ''])));
    });

  remote
    .command('remove')
    .alias('rm')
    .description('forget a remote (nothing on the remote is deleted)')
    .argument('<name>', 'the remote')
    .action(async (name: string) => {
      const r = await remoteLayer();
      await r.removeRemoteNamed(r.remotesFile(ctx.io.env), name);
      ctx.out(`Removed remote '${name}'; its objects stay in the bucket.`);
    });

  remote
    .command('ls')
    .description('what a remote holds, per version local, remote-only or differs (compared with the local store)')
    .argument('<name>', 'the remote')
    .argument('[model]', 'only versions of this model name')
    .option('--json', 'print a JSON array')
    .action(async (name: string, model: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      const r = await remoteLayer();
      const store = await localStore(ctx, cmd);
      const versions = await r.browse(r.remotesFile(ctx.io.env), name, store, { ...(model !== undefined ? { model: parseTag(model).name } : {}), env: ctx.io.env });
      if (opts.json) return ctx.out(toJson(versions.map(remoteVersionJson)));
      if (versions.length === 0) return ctx.out(`Remote '${name}' holds no models${model === undefined ? '' : ` named '${model}'`}.`);
      ctx.out(formatTable(['Tag', 'Module', 'Size', 'Creation Time', 'State', 'Labels'], groupedRows(versions)));
    });
}
