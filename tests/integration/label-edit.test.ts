// `model-shelf label`: a saved version's labels change by one atomic replace of model.yaml that
// keeps every other byte of the file, with the old file in the trash for undo (issue 11 §5).
import { spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { parseModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { asNobodyArgs } from './fixtures/as-nobody.ts';
import { cli, editHome, FOREIGN_YAML, homeSnapshot, plainYaml, seedVersion, treeChanges, type EditHome } from './edit-fixtures.ts';

const V = 'p3qjnmqboovfypbc';
const homes: EditHome[] = [];
afterEach(async () => {
  await Promise.all(homes.splice(0).map((h) => h.cleanup()));
});
async function foreignHome(): Promise<EditHome> {
  const h = await editHome('label');
  homes.push(h);
  await seedVersion(h, 'iris_clf', V, FOREIGN_YAML, true);
  return h;
}

const LABELS_BEFORE = `labels:
  owner: "Zo\\xEB"
  version: '2'
  approved: 'True'
  stage: 'yes'
`;

describe('label --set / --unset', () => {
  it('changes only the labels entry: every other byte of a BentoML-written file, its unknown key and comment stay', { timeout: 60_000 }, async () => {
    const h = await foreignHome();
    const r = await cli(h.home, ['label', 'iris_clf', '--set', 'stage=prod', '--set', 'team=Zoë 😀', '--unset', 'approved']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const after = await h.yaml('iris_clf', V);
    const labelsAfter = `labels:
  owner: "Zo\\xEB"
  version: '2'
  stage: 'prod'
  team: "Zo\\xEB \\U0001F600"
`;
    expect(after).toBe(FOREIGN_YAML.replace(LABELS_BEFORE, labelsAfter));
    expect(Buffer.from(after).every((b) => b < 0x80)).toBe(true);
    const before = parseModelYaml(FOREIGN_YAML);
    const now = parseModelYaml(after);
    expect(now.labels).toEqual({ owner: 'Zoë', version: '2', stage: 'prod', team: 'Zoë 😀' });
    expect({ ...now, labels: before.labels }).toEqual(before);
    // What changed, then how to undo it.
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual([`iris_clf:${V}:`, '  removed label approved (was True)', '  set label stage=prod (was yes)', '  set label team=Zoë 😀 (new)']);
    expect(lines[4]).toMatch(/^ {2}undo: model-shelf trash restore \d+-[0-9a-f]{8}$/);
  });

  it('leaves no temporary file in the version folder or staging, keeps the file mode, and tells watchers through `latest`', { timeout: 60_000 }, async () => {
    const h = await foreignHome();
    const file = path.join(h.dir('iris_clf', V), 'model.yaml');
    await fsp.chmod(file, 0o640);
    const latest = path.join(h.models, 'iris_clf', 'latest');
    const old = new Date('2024-01-01T00:00:00Z');
    await fsp.utimes(latest, old, old);
    const inode = (await fsp.stat(file)).ino;
    expect((await cli(h.home, ['label', `iris_clf:${V.slice(0, 5)}`, '--set', 'stage=prod'])).code).toBe(0);
    expect((await fsp.readdir(h.dir('iris_clf', V))).sort()).toEqual(['model.yaml', 'w.bin']);
    expect(await fsp.readdir(path.join(h.home, '.model-shelf', 'staging'))).toEqual([]);
    const st = await fsp.stat(file);
    // A new file renamed over the old one, never the old one rewritten in place.
    expect(st.ino).not.toBe(inode);
    expect(st.mode & 0o777).toBe(0o640);
    expect(await fsp.readFile(latest, 'utf8')).toBe(V);
    expect((await fsp.stat(latest)).mtimeMs).toBeGreaterThan(old.getTime());
  });

  it('keeps CRLF line endings, and a file without a final newline keeps none', { timeout: 60_000 }, async () => {
    const h = await editHome('label-eol');
    homes.push(h);
    const crlf = plainYaml('crlf', 'v1', 1, { stage: 'dev' }).replace(/\n/g, '\r\n');
    await seedVersion(h, 'crlf', 'v1', crlf);
    // labels as the last entry of a file without a final newline.
    const bare = `${plainYaml('bare', 'v1', 2).replace('labels: {}\n', '')}labels: {}`;
    await seedVersion(h, 'bare', 'v1', bare);
    expect((await cli(h.home, ['label', 'crlf:v1', '--set', 'stage=prod'])).code).toBe(0);
    expect(await h.yaml('crlf', 'v1')).toBe(crlf.replace("stage: dev\r\n", "stage: 'prod'\r\n"));
    expect((await cli(h.home, ['label', 'bare:v1', '--set', 'a=b'])).code).toBe(0);
    expect(await h.yaml('bare', 'v1')).toBe(bare.replace('labels: {}', "labels:\n  a: 'b'"));
  });

  it('a file whose layout cannot be spliced (flow style) is written whole, every value kept', { timeout: 60_000 }, async () => {
    const h = await editHome('label-flow');
    homes.push(h);
    const flow = `{name: flow, version: v1, module: '', labels: {a: b}, options: {}, metadata: {n: 1, f: 1.5, d: 2025-03-15}, context: {framework_name: '', framework_versions: {}}, api_version: v1, creation_time: '2025-03-14T09:26:01+00:00', extra_key: [1, 2]}\n`;
    await seedVersion(h, 'flow', 'v1', flow);
    const r = await cli(h.home, ['label', 'flow:v1', '--set', 'a=c']);
    expect(r.code).toBe(0);
    const before = parseModelYaml(flow);
    const after = parseModelYaml(await h.yaml('flow', 'v1'));
    expect(after).toEqual({ ...before, labels: { a: 'c' } });
  });

  it('--json prints the changes, the undo id and the labels as BentoML now loads them', { timeout: 60_000 }, async () => {
    const h = await foreignHome();
    const r = await cli(h.home, ['label', 'iris_clf:latest', '--set', 'stage=2025-01-01', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { tag: string; changes: unknown[]; undo: string; labels: Record<string, string> };
    expect(out.tag).toBe(`iris_clf:${V}`);
    expect(out.changes).toEqual([{ field: 'labels', key: 'stage', before: 'yes', after: '2025-01-01' }]);
    expect(out.undo).toMatch(/^\d+-[0-9a-f]{8}$/);
    expect(out.labels).toEqual({ owner: 'Zoë', version: '2', approved: 'True', stage: '2025-01-01' });
  });
});

describe('undo through the trash', () => {
  it('trash list shows the edit; restore puts the old bytes back; an older edit is refused once the file changed since', { timeout: 90_000 }, async () => {
    const h = await foreignHome();
    const first = JSON.parse((await cli(h.home, ['label', 'iris_clf', '--set', 'stage=prod', '--json'])).stdout) as { undo: string };
    const afterFirst = await h.yaml('iris_clf', V);
    const second = JSON.parse((await cli(h.home, ['label', 'iris_clf', '--unset', 'owner', '--json'])).stdout) as { undo: string };
    const list = await cli(h.home, ['trash', 'list']);
    expect(list.stdout).toContain(`${first.undo}  iris_clf:${V} (model.yaml before an edit)`);
    expect(list.stdout).toContain(`${second.undo}  iris_clf:${V} (model.yaml before an edit)`);

    const refused = await cli(h.home, ['trash', 'restore', first.undo]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`Error: The model.yaml of 'iris_clf:${V}' changed after this edit, so putting back the older one would lose that change; edit its labels or metadata instead.\n`);

    const back = await cli(h.home, ['trash', 'restore', second.undo]);
    expect(back.code).toBe(0);
    expect(await h.yaml('iris_clf', V)).toBe(afterFirst);
    expect((await cli(h.home, ['trash', 'restore', first.undo])).code).toBe(0);
    expect(await h.yaml('iris_clf', V)).toBe(FOREIGN_YAML);
    expect((await cli(h.home, ['trash', 'list'])).stdout).toContain('is empty');
    expect((await fsp.readdir(h.dir('iris_clf', V))).sort()).toEqual(['model.yaml', 'w.bin']);
  });
});

describe('bad input: one sentence each, nothing changed', () => {
  const cases: { what: string; args: string[]; code: number; stderr: RegExp | string }[] = [
    { what: 'unknown name', args: ['label', 'nope', '--set', 'a=b'], code: 1, stderr: /^Error: There is no model named 'nope' in .*\. Run `model-shelf list` to see the models there\.\n$/ },
    { what: 'unknown version', args: ['label', 'iris_clf:zzzz', '--set', 'a=b'], code: 1, stderr: /^Error: Model 'iris_clf:zzzz' was not found in / },
    { what: 'set and unset of one key', args: ['label', 'iris_clf', '--set', 'stage=prod', '--unset', 'stage'], code: 1, stderr: "Error: The label 'stage' is both set and unset; give it once, with --set or with --unset.\n" },
    { what: 'the same key set twice', args: ['label', 'iris_clf', '--set', 'stage=a', '--set', 'stage=b'], code: 2, stderr: /^error: option '--set <key=value>' argument 'stage=b' is invalid\. The key 'stage' is given twice \(stage=a and stage=b\); give each key once\.\n/ },
    { what: 'a key of only spaces', args: ['label', 'iris_clf', '--set', '  =prod'], code: 1, stderr: 'Error: A label key cannot be empty or only spaces; enter a name for it.\n' },
    { what: 'a key too long to write', args: ['label', 'iris_clf', '--set', `${'k'.repeat(1001)}=v`], code: 1, stderr: /^Error: Label 'k{40}\.\.\.' is longer than 1000 characters, the longest key Model Shelf writes to model\.yaml; use a shorter key\.\n$/ },
    { what: 'no KEY=VALUE', args: ['label', 'iris_clf', '--set', 'stage'], code: 2, stderr: /'stage' is not KEY=VALUE/ },
    { what: 'nothing asked', args: ['label', 'iris_clf'], code: 2, stderr: /^error: nothing to change; give at least one --set KEY=VALUE or --unset KEY\n/ },
    { what: 'a value it already has', args: ['label', 'iris_clf', '--set', 'stage=yes'], code: 1, stderr: `Error: Nothing to change: 'iris_clf:${V}' already has label 'stage' with that value.\n` },
    { what: 'a key it does not have', args: ['label', 'iris_clf', '--unset', 'nope'], code: 1, stderr: `Error: Nothing to change: 'iris_clf:${V}' has no label 'nope'.\n` },
    { what: 'an invalid tag', args: ['label', 'Bad Name', '--set', 'a=b'], code: 1, stderr: /^Error: 'Bad Name' is not a valid BentoML tag/ },
  ];
  it.each(cases)('$what', { timeout: 60_000 }, async ({ args, code, stderr }) => {
    const h = await foreignHome();
    const before = await homeSnapshot(h);
    const r = await cli(h.home, args);
    expect(r.code).toBe(code);
    if (typeof stderr === 'string') expect(r.stderr).toBe(stderr);
    else expect(r.stderr).toMatch(stderr);
    expect(r.stdout).toBe('');
    expect(treeChanges(before, await homeSnapshot(h))).toEqual([]);
  });

  it('a version being written, a broken model.yaml, one over the cap: refused with a sentence, nothing changed', { timeout: 60_000 }, async () => {
    const h = await foreignHome();
    await fsp.mkdir(h.dir('iris_clf', 'writing'), { recursive: true });
    await fsp.writeFile(path.join(h.dir('iris_clf', 'writing'), 'w.bin'), 'half');
    await seedVersion(h, 'iris_clf', 'broken', 'name: iris_clf\nversion: broken\nlabels: [\n');
    await seedVersion(h, 'iris_clf', 'huge', plainYaml('iris_clf', 'huge', 3).replace('metadata: {}', `metadata:\n  blob: '${'x'.repeat(300 * 1024)}'`));
    const before = await homeSnapshot(h);
    const writing = await cli(h.home, ['label', 'iris_clf:writing', '--set', 'a=b']);
    expect(writing.stderr).toBe("Error: Model 'iris_clf:writing' is still being written (it has no model.yaml yet), so it was not changed; try again once it is complete.\n");
    const broken = await cli(h.home, ['label', 'iris_clf:broken', '--set', 'a=b']);
    expect(broken.stderr).toMatch(/^Error: The model\.yaml of 'iris_clf:broken' cannot be edited because BentoML cannot load it \(model\.yaml is not valid YAML at line \d+, column \d+: .*\); `model-shelf repair` says what to do\.\n$/);
    const huge = await cli(h.home, ['label', 'iris_clf:huge', '--set', 'a=b']);
    expect(huge.stderr).toMatch(/^Error: model\.yaml is 300\.\d\d KiB, over the 256\.00 KiB Model Shelf reads: .* It was not edited\.\n$/);
    for (const r of [writing, broken, huge]) expect(r.code).toBe(1);
    expect(treeChanges(before, await homeSnapshot(h))).toEqual([]);
  });

  it('an edit that would push model.yaml over the 256 KiB cap is refused and nothing is written', { timeout: 60_000 }, async () => {
    const h = await foreignHome();
    const before = await homeSnapshot(h);
    // Three values of 90 KiB (one argument may hold at most 128 KiB).
    const r = await cli(h.home, ['label', 'iris_clf', ...['a', 'b', 'c'].flatMap((k) => ['--set', `${k}=${'x'.repeat(90 * 1024)}`])]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: The edit would make the model\.yaml of 'iris_clf:p3qjnmqboovfypbc' 270\.\d\d KiB, over Model Shelf's cap of 256\.00 KiB .*, so nothing was changed; keep large data in a file of the model instead\.\n$/);
    expect(treeChanges(before, await homeSnapshot(h))).toEqual([]);
  });
});

describe('a read-only store', () => {
  const PROGRAM = fileURLToPath(new URL('../../src-main/cli/program.ts', import.meta.url));
  async function setDirModes(dir: string, mode: number): Promise<void> {
    await fsp.chmod(dir, mode);
    for (const entry of await fsp.readdir(dir, { withFileTypes: true })) if (entry.isDirectory()) await setDirModes(path.join(dir, entry.name), mode);
  }

  // Permissions bind only non-root users: as root the CLI runs as 'nobody' (fixtures/as-nobody.ts).
  it('label, metadata and promote each say which folder may not be written, and change nothing', { timeout: 90_000 }, async () => {
    const h = await foreignHome();
    await fsp.chmod(h.root, 0o755);
    await setDirModes(h.home, 0o555);
    try {
      const before = await homeSnapshot(h);
      for (const args of [['label', 'iris_clf', '--set', 'stage=prod'], ['metadata', 'iris_clf', '--set', 'a=1'], ['promote', 'iris_clf', '--label', 'stage=prod']]) {
        const r = spawnSync(process.execPath, asNobodyArgs(PROGRAM, 'runCli', ['--home', h.home, ...args]), { encoding: 'utf8', cwd: h.root });
        expect(r.status, args.join(' ')).toBe(1);
        expect(r.stderr).toMatch(/^Error: Model Shelf is not allowed to write to '[^']+' \((EACCES|EPERM)\)\. Check its permissions and try again\.\n$/);
      }
      expect(treeChanges(before, await homeSnapshot(h))).toEqual([]);
      // Model Shelf's own area writable, models/ not: the version folder is named.
      const priv = path.join(h.home, '.model-shelf');
      await fsp.chmod(priv, 0o777);
      await fsp.chmod(path.join(priv, 'locks'), 0o777);
      const r = spawnSync(process.execPath, asNobodyArgs(PROGRAM, 'runCli', ['--home', h.home, 'label', 'iris_clf', '--set', 'stage=prod']), { encoding: 'utf8', cwd: h.root });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`Error: Model Shelf is not allowed to write to '${h.dir('iris_clf', V)}' (EACCES). Check its permissions and try again.\n`);
      expect(await h.yaml('iris_clf', V)).toBe(FOREIGN_YAML);
      expect(await fsp.readdir(h.dir('iris_clf', V))).toEqual(expect.arrayContaining(['model.yaml', 'w.bin']));
    } finally {
      await setDirModes(h.home, 0o755);
    }
  });
});
