// The store view holds each version once, compactly (issue 13, watcher memory): no model.yaml
// text kept alive behind a sliced creation_time, one copy of each repeated label value. Proved by
// counting what a heap snapshot holds while the view is alive, never by timing or RSS.
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStoreView } from '../../src-main/service/store-view.ts';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { scanStore } from '../../src-main/store/index.ts';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';

interface HeapCounts {
  /** Strings holding a whole model.yaml text (what a sliced creation_time keeps alive). */
  yamlTexts: number;
  /** 'sliced string' nodes reached through a `creationTime` property. */
  slicedCreationTimes: number;
  /** String nodes whose value is the label value every version shares. */
  sharedLabelCopies: number;
}

const LABEL_VALUE = 'store-view-memory-team';

// getHeapSnapshot() is a stream; read it whole (the vitest worker's heap is some tens of MB).
function readAll(): string {
  const stream = v8.getHeapSnapshot();
  const chunks: Buffer[] = [];
  let chunk: Buffer | null;
  while ((chunk = stream.read() as Buffer | null) !== null) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

function countIn(snap: RawSnapshot): HeapCounts {
  const { meta } = snap.snapshot;
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const N = meta.node_fields.length;
  const E = meta.edge_fields.length;
  const typeAt = meta.node_fields.indexOf('type');
  const nameAt = meta.node_fields.indexOf('name');
  const edgeCountAt = meta.node_fields.indexOf('edge_count');
  const edgeTypeAt = meta.edge_fields.indexOf('type');
  const edgeNameAt = meta.edge_fields.indexOf('name_or_index');
  const toAt = meta.edge_fields.indexOf('to_node');
  const counts: HeapCounts = { yamlTexts: 0, slicedCreationTimes: 0, sharedLabelCopies: 0 };
  let edge = 0;
  for (let node = 0; node < snap.nodes.length; node += N) {
    const type = nodeTypes[snap.nodes[node + typeAt]!];
    const name = snap.strings[snap.nodes[node + nameAt]!]!;
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') {
      if (name.includes('creation_time:') && name.includes(LABEL_VALUE)) counts.yamlTexts += 1;
      if (name === LABEL_VALUE) counts.sharedLabelCopies += 1;
    }
    const edgeCount = snap.nodes[node + edgeCountAt]!;
    for (let i = 0; i < edgeCount; i += 1, edge += E) {
      if (edgeTypes[snap.edges[edge + edgeTypeAt]!] !== 'property') continue;
      if (snap.strings[snap.edges[edge + edgeNameAt]!] !== 'creationTime') continue;
      if (nodeTypes[snap.nodes[snap.edges[edge + toAt]!]!] === 'sliced string') counts.slicedCreationTimes += 1;
    }
  }
  return counts;
}

const VERSIONS = 40;
let root = '';

beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-view-memory-'));
  for (let i = 0; i < VERSIONS; i += 1) {
    const name = `model_${i % 4}`;
    const version = `v${String(i).padStart(4, '0')}abcdefgh`;
    const dir = path.join(root, 'models', name, version);
    await fsp.mkdir(dir, { recursive: true });
    const creationTime = `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.123456+00:00`;
    const labels = { owner: LABEL_VALUE.slice(0, 5) + LABEL_VALUE.slice(5) };
    await fsp.writeFile(path.join(dir, 'model.yaml'), serializeModelYaml(newModelInfo({ name, version, creationTime, labels })));
    await fsp.writeFile(path.join(dir, 'weights.bin'), 'w');
    await fsp.writeFile(path.join(root, 'models', name, 'latest'), version);
  }
});

afterEach(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

describe('store view memory (issue 13)', () => {
  it('keeps the same values as the scan', async () => {
    const view = createStoreView(root);
    await view.scanAll();
    const byTag = (a: ModelVersion, b: ModelVersion) => (a.tag < b.tag ? -1 : 1);
    const scanned = (await scanStore(root)).versions;
    expect(view.build(1).versions.toSorted(byTag)).toEqual(scanned.toSorted(byTag));
    await view.scanNames(['model_1']);
    expect(view.build(2).versions.toSorted(byTag)).toEqual(scanned.toSorted(byTag));
  });

  it('holds no model.yaml text and one copy of a label value shared by every version', { timeout: 120_000 }, async () => {
    const view = createStoreView(root);
    await view.scanAll();
    await view.scanNames(['model_2']); // the per-name rescan keeps the same promise
    expect(view.build(1).versions).toHaveLength(VERSIONS);
    const counts = countIn(JSON.parse(readAll()) as RawSnapshot);
    expect(counts.slicedCreationTimes).toBe(0);
    // Before: one per version (40). One text may stay referenced from outside the view (the
    // reader's last input), never one per version.
    expect(counts.yamlTexts).toBeLessThanOrEqual(1);
    // One copy per rescan at most (scanAll's and model_2's interner), not one per version; the
    // test's own string may be one more.
    expect(counts.sharedLabelCopies).toBeLessThanOrEqual(3);
    expect(view.build(1).versions).toHaveLength(VERSIONS); // the view is alive during the count
  });
});
