import { ShelfError } from '../../shared/errors.ts';

// Member names are attacker-controlled. BentoML (fsspec) would even accept `/x` as `x` (§7.5);
// Model Shelf is stricter: anything that is not a plain relative path is refused, naming it.

function unsafe(member: string, why: string): ShelfError {
  return new ShelfError('UNSAFE_PATH', `The archive member '${member}' ${why}, so the archive was refused and nothing was imported.`);
}

// Device names Windows resolves in any folder and with any extension (`nul.txt` is NUL too),
// including the superscript-digit ports; and names ending in '.' or ' ', which Windows trims.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\..*)?$/i;

/** Why Windows cannot store a path segment under that name, or null when it can. */
function windowsNameProblem(part: string): string | null {
  // eslint-disable-next-line no-control-regex -- the control characters are the point: Windows refuses them in names
  if (/[<>:"|?*\x00-\x1f]/.test(part)) return 'has a name Windows cannot store';
  if (WINDOWS_RESERVED.test(part)) return `uses '${part}', a device name reserved by Windows`;
  if (/[. ]$/.test(part)) return `has a name ending in '${part.slice(-1)}', which Windows would silently drop`;
  return null;
}

/**
 * The member's path relative to the archive root as POSIX segments joined by '/', '' for the
 * root itself (`.`, `./`). `./` prefixes and empty segments are dropped (both BentoML styles).
 */
export function safeMemberPath(member: string, platform: NodeJS.Platform = process.platform): string {
  if (member.includes('\0')) throw unsafe(member.replace(/\0/g, '\\0'), 'contains a NUL character');
  if (member.startsWith('/') || /^[A-Za-z]:[\\/]/.test(member)) throw unsafe(member, 'is an absolute path');
  if (member.includes('\\')) {
    // A backslash is an ordinary character on POSIX but a separator on Windows.
    if (platform === 'win32') throw unsafe(member, 'contains a backslash');
  }
  const parts = member.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw unsafe(member, "climbs out of the archive with '..'");
  if (platform === 'win32') {
    for (const part of parts) {
      const problem = windowsNameProblem(part);
      if (problem) throw unsafe(member, problem);
    }
  }
  return parts.join('/');
}

/**
 * Where a link member points, relative to the archive root, or null when it leaves the archive
 * (or, on Windows, holds a backslash or a name Windows reads as something else: `..\\x` is a
 * way out there, `NUL` a device). Symlink targets are relative to the link's folder; hardlink
 * targets to the archive root.
 */
export function linkTarget(linkRel: string, target: string, kind: 'symlink' | 'link', platform: NodeJS.Platform = process.platform): string | null {
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target) || target.includes('\0')) return null;
  if (platform === 'win32' && target.includes('\\')) return null;
  const base = kind === 'symlink' ? linkRel.split('/').slice(0, -1) : [];
  const out = [...base];
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else if (platform === 'win32' && windowsNameProblem(part) !== null) return null;
    else out.push(part);
  }
  return out.length === 0 ? null : out.join('/');
}
