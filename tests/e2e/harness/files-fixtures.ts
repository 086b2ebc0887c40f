// A store for the Files tab's preview and the model card (issue 12 view 17): a version with a
// README.md model card, config.json, a long tokenizer file, a real PNG and a binary weight file.
import { deflateSync, crc32 } from 'node:zlib';
import path from 'node:path';
import { writeModelsInOtherProcess, writeFiles } from './store-fixtures.ts';

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A real RGB PNG (a diagonal gradient with a band), so the browser decodes and scales it. */
export function gradientPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) {
      const band = Math.abs(x - y * (width / height)) < width / 12;
      raw.set(band ? [250, 250, 250] : [40 + (180 * x) / width, 90 + (120 * y) / height, 200], row + 1 + x * 3);
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export const CARD = `---
license: apache-2.0
language: en
---
# DistilBERT sentiment

A DistilBERT model fine-tuned on **IMDB** reviews for binary sentiment (positive / negative).

## Intended use

- Classify short English product and film reviews.
- Not for medical, legal or financial decisions.

## How to load

\`\`\`python
import bentoml
model = bentoml.transformers.load_model("sentiment_distilbert:latest")
\`\`\`

## Evaluation

| split | accuracy | f1 |
| --- | --- | --- |
| test | 0.931 | 0.929 |

See the [training notes](https://example.com/notes) for details.

## Limitations

The model was trained on movie reviews and does less well on sarcasm and on reviews that mix languages.

## Citation

Sanh et al., DistilBERT, a distilled version of BERT (2019).
`;

export const CONFIG = '{"architectures":["DistilBertForSequenceClassification"],"dim":768,"n_layers":6,"id2label":{"0":"NEGATIVE","1":"POSITIVE"},"vocab_size":30522}';

/** Writes the model `name` with a card, config, tokenizer, logo.png and weights.bin; returns its tag. */
export async function writeFilesModel(home: string, src: string, name: string, readme = CARD): Promise<string> {
  const weights = Buffer.alloc(3 * 1024 * 1024, 0);
  for (let i = 0; i < weights.length; i += 4099) weights[i] = i % 251;
  const [logo, bin] = await writeFiles(src, { 'logo.png': gradientPng(320, 180), 'weights.bin': weights });
  const vocab = Array.from({ length: 40_000 }, (_, i) => `"tok_${i}": ${i}`).join(',\n  ');
  const [tag] = await writeModelsInOtherProcess(home, [
    {
      tag: name,
      labels: { stage: 'prod' },
      files: { 'README.md': readme, 'config.json': CONFIG, 'tokenizer.json': `{\n  "vocab": {\n  ${vocab}\n  }\n}\n` },
      paths: [logo!, bin!].map((p) => path.resolve(p)),
    },
  ]);
  return tag!;
}
