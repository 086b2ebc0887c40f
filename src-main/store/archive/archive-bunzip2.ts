import { createRequire } from 'node:module';
import { Transform } from 'node:stream';

// unbzip2-stream ships no types and is an old-style `through` stream that Duplex.from cannot
// wrap; a Transform that feeds it and forwards its output gives stream.pipeline a real stream.
const require = createRequire(import.meta.url);
const unbzip2 = require('unbzip2-stream') as () => NodeJS.ReadWriteStream;

export function bunzip2(): Transform {
  const inner = unbzip2();
  let failure: Error | null = null;
  let ended: (() => void) | null = null;
  const outer = new Transform({
    transform(chunk: Buffer, _enc, done) {
      inner.write(chunk);
      done(failure);
    },
    flush(done) {
      if (failure) return done(failure);
      ended = () => done(failure);
      inner.end();
    },
  });
  inner.on('data', (c: Buffer) => outer.push(c));
  inner.on('error', (e: Error) => {
    failure = e;
    outer.destroy(e);
  });
  inner.on('end', () => ended?.());
  return outer;
}
