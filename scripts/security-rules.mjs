// Helpers for scripts/check-security.mjs: the allowlist in docs/security.md, the CSP of
// design §6, and the CSV report in electronegativity's own column layout.

export const DESIGN_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
  + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";

/**
 * Reads the "Accepted electronegativity findings" table of docs/security.md:
 * `| CHECK_ID | MEDIUM | reason |` rows. Returns Map id -> reason; rows without a reason are
 * ignored, so an entry must explain itself to count.
 */
export function readAllowlist(markdown) {
  const start = markdown.indexOf('Accepted electronegativity findings\n');
  if (start < 0) return new Map();
  const section = markdown.slice(start).split(/\n#/)[0]; // up to the next heading
  const allowed = new Map();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim().replace(/^`|`$/g, ''));
    const [, id, , reason] = cells;
    if (id && /^[A-Z0-9_]+$/.test(id) && reason) allowed.set(id, reason);
  }
  return allowed;
}

/** The content of the first Content-Security-Policy meta tag, whitespace-normalised. */
export function readCsp(html) {
  const tag = html.match(/<meta[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/i)?.[0];
  const content = tag?.match(/content="([^"]*)"/i)?.[1];
  return content === undefined ? null : content.replace(/\s+/g, ' ').trim();
}

const cell = (v) => `"${String(v).replaceAll('"', '""')}"`;

export function toCsv(findings) {
  const head = 'issue,severity,confidence,filename,location,sample,description,url';
  const rows = findings.map((f) => [f.id, cell(f.severity), cell(f.confidence), cell(f.file), cell(f.location),
    cell(f.sample), cell(f.description), `https://github.com/doyensec/electronegativity/wiki/${f.id}`].join(','));
  return `${[head, ...rows].join('\n')}\n`;
}
