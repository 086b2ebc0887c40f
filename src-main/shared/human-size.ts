const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/**
 * Sizes for people, in the window and the CLI: whole bytes below 1 KiB (`0 B`, `783 B`), and
 * BentoML's two decimals from KiB up (`1.50 KiB`), so larger sizes read as `bentoml models list` does.
 */
export function humanSize(bytes: number): string {
  // A byte count has no fraction; "783.00 B" only looked precise.
  if (Math.abs(bytes) < 1024) return `${Math.round(bytes)} B`;
  return bentomlSize(bytes);
}

/** BentoML's human_readable_size (utils:118-125, §8.1): `0.00 B`, `1.50 KiB`, `1024.00 KiB` for 1048575. */
export function bentomlSize(bytes: number): string {
  let size = bytes;
  let unit: string = UNITS[0];
  for (const u of UNITS) {
    unit = u;
    if (size < 1024 || u === 'PiB') break;
    size /= 1024;
  }
  return `${pyFixed2(size)} ${unit}`;
}

// Python's '{:.2f}' rounds exact ties half-to-even (1152 B = 1.125 KiB -> '1.12'); JS toFixed rounds them up.
function pyFixed2(x: number): string {
  const scaled = x * 100;
  const floor = Math.floor(scaled);
  if (scaled - floor === 0.5) {
    const even = floor % 2 === 0 ? floor : floor + 1;
    return (even / 100).toFixed(2);
  }
  return x.toFixed(2);
}
