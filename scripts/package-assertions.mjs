// The assertions of scripts/check-package.mjs, one group per function. Each calls
// check(ok, sentence) once per fact it verifies.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { readFuses } from './electron-stub.mjs';

const DEV_TOOLS = ['electron', 'electron-builder', 'vite', 'vitest', 'typescript', 'playwright-core'];
const NOT_SHIPPED = ['src-main', 'src-renderer', 'tests', 'bench', 'docs', 'scripts', '.ci', 'assets', 'release'];

/** Renderer-only libraries electron-builder.yml leaves out (`!node_modules/<name>/**`). */
export function leftOutModules(config) {
  return config.files.filter((p) => p.startsWith('!node_modules/')).map((p) => p.slice(14).replace(/\/\*\*$/, ''));
}

/**
 * Every installed package main needs at run time: the production dependencies of package.json
 * and, recursively, theirs, resolved like Node does (nested node_modules first, then upwards).
 * Returns paths relative to the project root, e.g. node_modules/chokidar/node_modules/readdirp.
 */
export function productionClosure(root, pkg, skip) {
  const found = new Set();
  const resolveFrom = (fromDir, name) => {
    for (let dir = fromDir; dir.startsWith(root); dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
      if (dir === root) break;
    }
    return null;
  };
  const visit = (fromDir, deps) => {
    for (const name of Object.keys(deps ?? {})) {
      if (skip.some((s) => name === s || name.startsWith(`${s}/`))) continue;
      // A package named like a Node built-in (@aws-sdk/lib-storage depends on the `buffer`
      // polyfill for browsers) is never loaded by main: Node resolves `require('buffer')` to its
      // own module before any node_modules folder, and electron-builder leaves such copies out.
      if (builtinModules.includes(name)) continue;
      const dir = resolveFrom(fromDir, name);
      if (!dir || found.has(dir)) continue; // a missing optional dependency (another platform's binary)
      found.add(dir);
      const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      visit(dir, { ...meta.dependencies, ...meta.optionalDependencies });
    }
  };
  visit(root, { ...pkg.dependencies, ...pkg.optionalDependencies });
  return [...found].map((dir) => relative(root, dir).replaceAll('\\', '/')).sort();
}

/** Package names imported by the compiled main process (electron and Node built-ins aside). */
function bareImports(dir) {
  const names = new Set();
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\(\s*)['"]([@a-z0-9][^'"\s]*)['"]/g;
  for (const file of readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.js'))) {
    for (const [, spec] of readFileSync(join(dir, file), 'utf8').matchAll(pattern)) {
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (name === 'electron' || spec.startsWith('node:') || builtinModules.includes(name)) continue;
      names.add(name);
    }
  }
  return [...names].sort();
}

export function checkAsar(check, { asarPath, root, pkg, config }) {
  const files = listPackage(asarPath, { isPack: false }).map((f) => f.replace(/^[\\/]/, '').replaceAll('\\', '/'));
  const has = (path) => files.includes(path);
  for (const path of ['package.json', 'dist/main/app/main.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html']) {
    check(has(path), `app.asar holds ${path}`);
  }
  const packed = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8'));
  check(packed.main === pkg.main && has(packed.main), `packaged package.json "main" (${packed.main}) is in app.asar`);
  check(files.some((f) => f.startsWith('dist/renderer/assets/')), 'app.asar holds the renderer bundle (dist/renderer/assets/)');
  for (const dir of NOT_SHIPPED) check(!files.some((f) => f === dir || f.startsWith(`${dir}/`)), `app.asar has no ${dir}/`);
  const sources = files.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f));
  check(sources.length === 0, `app.asar has no TypeScript sources${sources.length ? `: ${sources.slice(0, 3).join(', ')}` : ''}`);
  const maps = files.filter((f) => f.endsWith('.map'));
  check(maps.length === 0, `app.asar has no source maps${maps.length ? `: ${maps.slice(0, 3).join(', ')}` : ''}`);
  for (const name of DEV_TOOLS) check(!has(`node_modules/${name}/package.json`), `app.asar has no devDependency ${name}`);
  const leftOut = leftOutModules(config);
  for (const name of leftOut) {
    check(!files.some((f) => f.startsWith(`node_modules/${name}/`)), `app.asar has no ${name} (Vite bundled it into dist/renderer)`);
  }
  const unpackedDir = `${asarPath}.unpacked`;
  const closure = productionClosure(root, pkg, leftOut);
  const missing = closure.filter((dir) => !has(`${dir}/package.json`) && !existsSync(join(unpackedDir, dir, 'package.json')));
  check(missing.length === 0, `app.asar holds all ${closure.length} runtime packages of main (dependencies and theirs)`
    + `${missing.length ? `; missing: ${missing.slice(0, 6).join(', ')}${missing.length > 6 ? ', …' : ''}` : ''}`);
  const natives = existsSync(join(unpackedDir, 'node_modules'))
    ? readdirSync(join(unpackedDir, 'node_modules'), { recursive: true }).map(String).filter((f) => f.endsWith('.node')) : [];
  check(natives.some((f) => f.includes('lzma')), `@napi-rs/lzma's native addon is unpacked beside app.asar (${natives.join(', ') || 'none'})`);
  const imported = bareImports(join(root, 'dist', 'main'));
  const unresolved = imported.filter((name) => !has(`node_modules/${name}/package.json`));
  check(unresolved.length === 0, `every package dist/main imports is in app.asar (${imported.join(', ')})`
    + `${unresolved.length ? `; missing: ${unresolved.join(', ')}` : ''}`);
  check(packed.desktopName === config.extraMetadata?.desktopName, `packaged package.json has desktopName ${packed.desktopName}`);
}

export async function checkFuses(check, { executable, config }) {
  const fuses = await readFuses(executable);
  for (const [name, wanted] of Object.entries(config.electronFuses)) {
    check(fuses[name] === wanted, `fuse ${name} is ${wanted} in the packaged executable (found ${fuses[name]})`);
  }
}

/** What scripts/probe-linux-entry.cjs asked electron-builder for (the AppImage/deb contents). */
export function checkLinuxIntegration(check, { probe, config }) {
  const association = config.fileAssociations.find((a) => a.ext === 'bentomodel');
  check(association?.mimeType === 'application/x-bentomodel' && association.role === 'Editor' && association.name === 'BentoML model archive',
    'fileAssociations: .bentomodel, "BentoML model archive", role Editor, application/x-bentomodel');
  check(/^MimeType=application\/x-bentomodel;$/m.test(probe.desktop), '.desktop entry opens application/x-bentomodel');
  check(/^Name=Model Shelf$/m.test(probe.desktop) && /^Exec=.*model-shelf" %U$/m.test(probe.desktop), '.desktop entry names "Model Shelf" and runs model-shelf with the opened files');
  check(probe.desktopFileName === config.extraMetadata.desktopName && /^StartupWMClass=model-shelf$/m.test(probe.desktop),
    `.desktop file ${probe.desktopFileName} matches the window's WM_CLASS (desktopName)`);
  check(/<mime-type type="application\/x-bentomodel">\s*<glob pattern="\*\.bentomodel"\/>/.test(probe.mimeXml ?? ''),
    'shared-mime-info XML maps *.bentomodel to application/x-bentomodel');
  const sizes = probe.icons.map((i) => i.size);
  check([16, 32, 48, 64, 128, 256, 512].every((s) => sizes.includes(s)), `Linux icon set has ${sizes.join(', ')} px`);
}

/** The Windows and macOS icon containers electron-builder.yml points at. */
export function checkIconFiles(check, { root, config }) {
  const ico = readFileSync(join(root, config.win.icon));
  const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
  check(ico.readUInt16LE(2) === 1 && [16, 32, 48, 256].every((s) => icoSizes.includes(s)), `${config.win.icon} holds ${icoSizes.join(', ')} px`);
  const icns = readFileSync(join(root, config.mac.icon));
  const types = [];
  for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.toString('latin1', at, at + 4));
  check(icns.toString('latin1', 0, 4) === 'icns' && ['ic07', 'ic08', 'ic09', 'ic10'].every((t) => types.includes(t)), `${config.mac.icon} holds ${types.join(', ')}`);
}
