// Stops an entry point at once, with one sentence, on a Node.js that Model Shelf cannot run on.
// Every entry point runs it first: `npm install` (preinstall), the npm scripts, scripts/*.mjs and
// bin/model-shelf.js. It is plain ES5 CommonJS with no recent API on purpose, so that it parses
// and runs on any old Node (an older Node would otherwise crash later, for example on
// `Map.groupBy` inside vitest, or only warn, as npm does about engines).
//
// The supported lines are the intersection of the `engines` of every dependency in
// package-lock.json (write-file-atomic, jsdom and w3c-xmlserializer need ^22.22.2 || ^24.15.0
// || >=26; vitest and write-file-atomic leave out 23 and 25); package.json's "engines" says the
// same, and tests/unit/require-node.test.ts keeps the two equal.
'use strict';

// [major, minor, patch]: the oldest supported release of each line; FROM_MAJOR and up are all fine.
var LINES = [[22, 22, 2], [24, 15, 0]];
var FROM_MAJOR = 26;

/** The semver range of package.json's "engines.node". */
var ENGINES_RANGE = LINES.map(function (l) { return '^' + l.join('.'); }).join(' || ') + ' || >=' + FROM_MAJOR + '.0.0';

function parse(version) {
  var parts = String(version).replace(/^v/, '').split('.');
  return [parseInt(parts[0], 10) || 0, parseInt(parts[1], 10) || 0, parseInt(parts[2], 10) || 0];
}

/** Whether Model Shelf runs on this Node version ('20.20.2' or 'v20.20.2'). */
function isSupportedNode(version) {
  var v = parse(version);
  if (v[0] >= FROM_MAJOR) return true;
  for (var i = 0; i < LINES.length; i++) {
    var min = LINES[i];
    if (v[0] === min[0]) return v[1] > min[1] || (v[1] === min[1] && v[2] >= min[2]);
  }
  return false;
}

/** The one sentence for an unsupported Node, or null when `version` is supported. */
function nodeProblem(version, execPath) {
  if (isSupportedNode(version)) return null;
  return 'Model Shelf needs Node.js 24 (24.15.0 or newer), 22.22.2 or a newer 22, or Node.js ' + FROM_MAJOR
    + ' or newer, but this is Node.js ' + String(version).replace(/^v/, '') + ' (' + execPath + ')'
    + ': install Node.js 24 from https://nodejs.org/ or with a version manager (`nvm install 24`),'
    + ' put it first on your PATH and run the command again.';
}

/** Prints the sentence and exits 1 when this Node is not supported. */
function requireSupportedNode() {
  var problem = nodeProblem(process.versions.node, process.execPath);
  if (problem === null) return;
  process.stderr.write(problem + '\n');
  process.exit(1);
}

module.exports = { ENGINES_RANGE: ENGINES_RANGE, isSupportedNode: isSupportedNode, nodeProblem: nodeProblem };

// Run (`node scripts/require-node.cjs`) or imported first by an entry point: check this Node.
requireSupportedNode();
