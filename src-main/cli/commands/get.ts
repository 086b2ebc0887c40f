import type { Command } from 'commander';
import { humanSize } from '../../shared/human-size.ts';
import type { FileNode, ModelDetail } from '../../shared/model-types.ts';
import type { CliContext } from '../cli-context.ts';
import { localTime } from '../format-table.ts';
import { toJson } from '../json-out.ts';
import { versionJson } from '../version-json.ts';

const MAX_FILES = 40;

function fileLines(nodes: readonly FileNode[], indent: string, out: string[]): void {
  for (const n of nodes) {
    if (out.length >= MAX_FILES) return;
    out.push(`${indent}${n.name}${n.kind === 'directory' ? '/' : `  ${humanSize(n.size)}`}${n.kind === 'symlink' ? ' (link)' : ''}`);
    if (n.children) fileLines(n.children, `${indent}  `, out);
  }
}

function summary(d: ModelDetail): string {
  const v = d.version;
  const files: string[] = [];
  fileLines(d.files, '  ', files);
  const lines = [
    `Tag:       ${v.tag}${v.latest ? ' (latest)' : ''}`,
    `Status:    ${v.status}${v.problem ? ` (${v.problem})` : ''}`,
    `Path:      ${v.path}`,
    `Module:    ${v.module || '-'}`,
    `Created:   ${localTime(v.creationTimeMs)}  (${v.creationTime || 'unknown'})`,
    `Size:      ${humanSize(v.size)} (${v.size} bytes)`,
    `Labels:    ${Object.entries(v.labels).map(([k, val]) => `${k}=${val}`).join(', ') || '-'}`,
    `Metadata:  ${Object.keys(v.metadata).length === 0 ? '-' : ''}`,
    ...Object.entries(v.metadata).map(([k, val]) => `  ${k}: ${toJson(val).replace(/\n\s*/g, ' ')}`),
    `Used by:   ${d.usedBy.join(', ') || '-'}`,
    'Files:',
    ...files,
  ];
  if (files.length >= MAX_FILES) lines.push(`  ... (see ${v.path})`);
  return lines.join('\n');
}

export function registerGet(program: Command, ctx: CliContext): void {
  program
    .command('get')
    .description('show one model version (name, name:latest, name:version or a unique version prefix)')
    .argument('<tag>', 'the model')
    .option('--json', 'print the full record as JSON')
    .option('--yaml', 'print model.yaml exactly as stored')
    .option('--path', 'print the version directory')
    .action(async (tag: string, opts: { json?: boolean; yaml?: boolean; path?: boolean }, cmd: Command) => {
      if ([opts.json, opts.yaml, opts.path].filter(Boolean).length > 1) cmd.error('error: choose one of --json, --yaml and --path', { exitCode: 2, code: 'usage' });
      const store = await ctx.openStore(cmd);
      const { version, latestProblem } = await store.resolveReporting(tag);
      // A bad `latest` was resolved in memory as BentoML would; it is reported, never rewritten
      // (only `repair` and the writers change the store). stderr keeps --path/--yaml/--json clean.
      if (latestProblem) ctx.err(`! ${latestProblem.message}\n  Run \`model-shelf repair\` to fix the pointer.`);
      if (opts.path) return ctx.out(version.path);
      const detail = await store.detail(version);
      if (opts.yaml) return void ctx.io.stdout.write(detail.yamlText.endsWith('\n') || detail.yamlText === '' ? detail.yamlText : `${detail.yamlText}\n`);
      if (opts.json) return ctx.out(toJson({ ...versionJson(detail.version), api_version: detail.version.apiVersion, used_by: detail.usedBy, files: detail.files }));
      ctx.out(summary(detail));
    });
}
