import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The Node.js versions Model Shelf supports are the ones every dependency supports: the check that
// each entry point runs first (scripts/require-node.cjs), package.json's "engines" and the README
// must say the same, and must follow package-lock.json when a dependency raises its minimum.

const require = createRequire(import.meta.url);
const { ENGINES_RANGE, isSupportedNode, nodeProblem } = require('../../scripts/require-node.cjs') as {
  ENGINES_RANGE: string;
  isSupportedNode: (version: string) => boolean;
  nodeProblem: (version: string, execPath: string) => string | null;
};
// semver is what npm itself uses to read "engines" (here through electron-builder's dependencies).
const semver = require('semver') as { satisfies: (version: string, range: string) => boolean };

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; os?: string[] }>;
};

// Around every boundary of every line, and the current Node.
const PROBES = [
  '18.20.8', '20.19.0', '20.20.2', '21.7.3', '22.12.0', '22.21.9', '22.22.1', '22.22.2', '22.22.3', '22.30.0',
  '23.11.1', '24.0.0', '24.12.0', '24.14.9', '24.15.0', '24.22.3', '25.0.0', '25.9.9', '26.0.0', '27.1.0', '30.0.0',
  process.versions.node,
];

/** Every dependency's engines.node that applies on this machine's OS. */
function dependencyRanges(): [string, string][] {
  return Object.entries(lock.packages)
    .filter(([name, p]) => name !== '' && !Array.isArray(p.engines) && p.engines?.node && (!p.os || p.os.includes(process.platform)))
    .map(([name, p]) => [name.replace(/^.*node_modules\//, ''), (p.engines as { node: string }).node]);
}

describe('the supported Node.js versions', () => {
  it("are package.json's engines", () => {
    expect(pkg.engines.node).toBe(ENGINES_RANGE);
    expect(ENGINES_RANGE).toBe('^22.22.2 || ^24.15.0 || >=26.0.0');
  });

  it('are exactly the versions every dependency in package-lock.json supports', () => {
    const ranges = dependencyRanges();
    expect(ranges.length).toBeGreaterThan(50);
    for (const version of PROBES) {
      const refusedBy = ranges.filter(([, range]) => !semver.satisfies(version, range)).map(([name, range]) => `${name} (${range})`);
      expect({ version, supported: isSupportedNode(version) }, refusedBy.join(', ')).toEqual({ version, supported: refusedBy.length === 0 });
      expect(semver.satisfies(version, ENGINES_RANGE)).toBe(refusedBy.length === 0);
    }
  });

  it('include this Node (the tests run on a supported one)', () => {
    expect(nodeProblem(process.versions.node, process.execPath)).toBeNull();
  });

  it('are named in one sentence with the Node found and how to get the right one', () => {
    expect(nodeProblem('v20.20.2', '/usr/bin/node')).toBe(
      'Model Shelf needs Node.js 24 (24.15.0 or newer), 22.22.2 or a newer 22, or Node.js 26 or newer, but this is '
        + 'Node.js 20.20.2 (/usr/bin/node): install Node.js 24 from https://nodejs.org/ or with a version manager '
        + '(`nvm install 24`), put it first on your PATH and run the command again.',
    );
  });

  it("are the README's requirement", () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(readme).toContain('Requirements: Node.js 24.15.0 or newer on the 24 line, 22.22.2 or newer on the 22 line, or 26 and newer');
  });
});
