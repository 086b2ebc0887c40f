// One zod schema per request channel. The renderer is untrusted (design §6): every argument is
// checked here before any handler runs, unknown keys are refused and every string is bounded.
// Tags are only bounded here; their BentoML rules (and BentoML's wording) live in the store.
import path from 'node:path';
import { z } from 'zod';
import type { RequestChannel } from '../shared/ipc-contract.ts';

const MAX_TAG = 200; // name (63) + ':' + version (63), with room for the store's own wording on bad input
const MAX_ID = 128;
const MAX_PATH = 4096;
const MAX_ITEMS = 10_000;

const noArg = z.union([z.undefined(), z.null()]).transform(() => undefined);
const tag = z.string().min(1).max(MAX_TAG);
const id = z.string().min(1).max(MAX_ID).regex(/^[A-Za-z0-9._-]+$/, 'Expected an id made of letters, digits, ".", "_" or "-"');

/** A path the renderer got from a drop (webUtils.getPathForFile); re-checked on disk in path-checks.ts. */
const droppedPath = z
  .string()
  .min(1)
  .max(MAX_PATH)
  .refine((p) => !p.includes('\0'), 'Paths cannot contain NUL characters')
  .refine((p) => path.isAbsolute(p), 'Expected an absolute path');

const labels = z.record(z.string().max(MAX_TAG), z.string().max(10_000));
// Metadata values are checked deeply by the store (value-rules.ts) with PyYAML's typing rules.
const metadata = z.record(z.string().max(1_000), z.unknown());

export const requestSchemas = {
  'app:ready': noArg,
  'store:snapshot': noArg,
  'store:open': noArg,
  'store:create-folder': noArg,
  'store:repair': z.strictObject({ dryRun: z.boolean() }),
  'model:get': z.strictObject({ tag }),
  'model:reveal': z.strictObject({ tag }),
  'model:usage': z.strictObject({ tags: z.array(tag).max(MAX_ITEMS) }),
  'paths:inspect': z.strictObject({ paths: z.array(droppedPath).max(MAX_ITEMS) }),
  'create:begin': z.strictObject({
    name: z.string().min(1).max(MAX_TAG),
    version: z.string().min(1).max(MAX_TAG).optional(),
    labels,
    metadata,
    module: z.string().max(1_000).optional(),
    apiVersion: z.string().max(100).optional(),
  }),
  'create:add': z.strictObject({ sessionId: id, paths: z.array(droppedPath).min(1).max(MAX_ITEMS), root: z.boolean() }),
  'create:commit': z.strictObject({ sessionId: id }),
  'create:abort': z.strictObject({ sessionId: id }),
  'models:delete': z.strictObject({ tags: z.array(tag).min(1).max(MAX_ITEMS), force: z.boolean() }),
  'trash:list': noArg,
  'trash:restore': z.strictObject({ ids: z.array(id).min(1).max(MAX_ITEMS) }),
  'trash:empty': noArg,
  'models:export': z.strictObject({ tag }),
  'models:import': z.strictObject({ paths: z.array(droppedPath).max(MAX_ITEMS).optional() }),
  'task:cancel': z.strictObject({ id }),
} as const satisfies { readonly [C in RequestChannel]: z.ZodType };

export type RequestSchemas = typeof requestSchemas;
export type ParsedArg<C extends RequestChannel> = z.output<RequestSchemas[C]>;
