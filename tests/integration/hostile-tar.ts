import { Readable } from 'node:stream';
import tar from 'tar-stream';

/** A tar member for hand-made (hostile) archives; `content` makes it a regular file. */
export type TarMember = Partial<tar.Header> & { name: string; content?: string | Buffer };

/** The tar bytes of `members`, in order (a generator keeps huge member counts cheap). */
export async function tarBuffer(members: Iterable<TarMember>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack as unknown as Readable) chunks.push(c as Buffer);
  })();
  for (const m of members) {
    const { content, ...header } = m;
    if (content !== undefined) pack.entry({ ...header, type: header.type ?? 'file' }, content);
    else pack.entry(header);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}
