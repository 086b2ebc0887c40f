// One zod schema per request channel. The renderer is untrusted (design §6): every argument is
// checked here before any handler runs, unknown keys are refused and every string is bounded.
// Tags are only bounded here; their BentoML rules (and BentoML's wording) live in the store.
// Each schema must parse to exactly the contract's argument type: `requestSchemas` below does not
// compile when one drifts (a field missing, extra, optional or typed differently).
import path from 'node:path';
import { z } from 'zod';
import type { RequestArg, RequestChannel } from '../shared/ipc-contract.ts';
import type { Labels, Metadata } from '../shared/model-types.ts';
import { labelProblems, metadataProblems } from '../shared/value-rules.ts';
import { putKey } from '../shared/own-key.ts';

const MAX_TAG = 200; // name (63) + ':' + version (63), with room for the store's own wording on bad input
const MAX_ID = 128;
const MAX_PATH = 4096;
const MAX_ITEMS = 10_000;

const noArg = z.union([z.undefined(), z.null()]).transform(() => undefined);
const tag = z.string().min(1).max(MAX_TAG);
const remoteName = z.string().min(1).max(63).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Expected a remote name made of letters, digits, ".", "_" or "-"');
const id = z.string().min(1).max(MAX_ID).regex(/^[A-Za-z0-9._-]+$/, 'Expected an id made of letters, digits, ".", "_" or "-"');

/** A path the renderer got from a drop (webUtils.getPathForFile); re-checked on disk in path-checks.ts. */
const droppedPath = z
  .string()
  .min(1)
  .max(MAX_PATH)
  .refine((p) => !p.includes('\0'), 'Paths cannot contain NUL characters')
  .refine((p) => path.isAbsolute(p), 'Expected an absolute path');

// Label keys follow the one key rule (value-rules.ts) the store and the window apply too, so a
// refusal carries its sentence; the bound here only keeps untrusted input small.
// zod's record builds its output by assignment, which drops a `__proto__` key (one BentoML keeps
// and reads back): the record checks the rest, that key's value is checked on its own, and the
// output holds every key as its own property, in the order given.
function keyedRecord<V>(record: z.ZodType<Record<string, V>>, value: z.ZodType<V>) {
  return z.unknown().transform((input, ctx): Record<string, V> => {
    const checked = record.safeParse(input);
    if (!checked.success) {
      for (const issue of checked.error.issues) ctx.addIssue({ ...issue, code: 'custom', input });
      return z.NEVER;
    }
    if (input === null || typeof input !== 'object' || !Object.hasOwn(input, '__proto__')) return checked.data;
    const proto = value.safeParse((input as Record<string, unknown>)['__proto__']);
    if (!proto.success) {
      for (const issue of proto.error.issues) ctx.addIssue({ ...issue, code: 'custom', input, path: ['__proto__', ...issue.path] });
      return z.NEVER;
    }
    const out: Record<string, V> = {};
    for (const key of Object.keys(input)) putKey(out, key, key === '__proto__' ? proto.data : (checked.data[key] as V));
    return out;
  });
}
const labels = keyedRecord(z.record(z.string().max(10_000), z.string().max(10_000)), z.string().max(10_000)).pipe(
  z.custom<Labels>((value) => labelProblems(value).length === 0, {
    error: (issue) => labelProblems(issue.input)[0]?.message ?? 'Labels are not valid.',
  }),
);
// Metadata keys and values follow the store's rules (value-rules.ts: PyYAML's typing, the one key
// rule), so the check is the store's own and a refusal carries its sentence.
const metadata = keyedRecord(z.record(z.string().max(10_000), z.unknown()), z.unknown()).pipe(
  z.custom<Metadata>((value) => metadataProblems(value).length === 0, {
    error: (issue) => metadataProblems(issue.input)[0]?.message ?? 'Metadata is not valid.',
  }),
);

const schemas = {
  'app:ready': noArg,
  'store:snapshot': noArg,
  'store:open': noArg,
  'store:create-folder': noArg,
  'store:repair': z.strictObject({ dryRun: z.boolean() }),
  'model:get': z.strictObject({ tag }),
  'model:reveal': z.strictObject({ tag }),
  'model:usage': z.strictObject({ tags: z.array(tag).max(MAX_ITEMS) }),
  'paths:inspect': z.strictObject({ paths: z.array(droppedPath).max(MAX_ITEMS) }),
  'models:create': z.strictObject({
    taskId: id,
    name: z.string().min(1).max(MAX_TAG),
    version: z.string().min(1).max(MAX_TAG).optional(),
    labels,
    metadata,
    module: z.string().max(1_000).optional(),
    apiVersion: z.string().max(100).optional(),
    paths: z.array(droppedPath).min(1).max(MAX_ITEMS),
    root: z.boolean(),
    dedup: z.boolean().optional(),
  }),
  'models:delete': z.strictObject({ tags: z.array(tag).min(1).max(MAX_ITEMS), force: z.boolean() }),
  'trash:list': noArg,
  'trash:restore': z.strictObject({ ids: z.array(id).min(1).max(MAX_ITEMS) }),
  'trash:empty': noArg,
  'models:export': z.strictObject({ taskId: id, tag }),
  'models:import': z.strictObject({ taskId: id, paths: z.array(droppedPath).max(MAX_ITEMS).optional(), dedup: z.boolean().optional() }),
  'task:cancel': z.strictObject({ taskId: id }),
  'model:edit': z.strictObject({
    tag,
    labels: z.strictObject({ set: labels, unset: z.array(z.string().max(1_000)).max(MAX_ITEMS) }).optional(),
    metadata: z.strictObject({ set: metadata, unset: z.array(z.string().max(1_000)).max(MAX_ITEMS) }).optional(),
  }),
  'model:promote': z.strictObject({ tag, labels }),
  'model:undo-edit': z.strictObject({ ids: z.array(id).min(1).max(MAX_ITEMS) }),
  'version:writer': z.strictObject({ tags: z.array(tag).min(1).max(MAX_ITEMS) }),
  'store:fix': z.strictObject({ path: z.string().min(1).max(4_096), action: z.enum(['move-aside', 'fix-latest']) }),
  'store:reveal': z.strictObject({ path: z.string().min(1).max(4_096) }),
  'store:usage': z.strictObject({ name: z.string().min(1).max(MAX_TAG).optional() }),
  'models:prune-plan': z.strictObject({
    names: z.array(z.string().min(1).max(MAX_TAG)).max(MAX_ITEMS).optional(),
    keepLast: z.number().int().min(1).max(1_000_000).optional(),
    olderThanMs: z.number().positive().max(1e13).optional(),
    labels: labels.optional(),
    trash: z.boolean().optional(),
  }),
  'models:prune': z.strictObject({ planId: id }),
  'models:verify': z.strictObject({ taskId: id, tags: z.array(tag).max(MAX_ITEMS) }),
  'model:integrity': z.strictObject({ tag }),
  'model:manifest': z.strictObject({ tag }),
  'models:dedup-plan': z.strictObject({ taskId: id }),
  'models:dedup': z.strictObject({ taskId: id, planId: id }),
  // Remotes: names and tags only (no secret has a field; strictObject refuses any extra key).
  'remotes:list': noArg,
  'remotes:add': z.strictObject({
    name: remoteName,
    url: z.string().min(1).max(1_100),
    endpoint: z.string().min(1).max(2_048).optional(),
    region: z.string().max(64).optional(),
    profile: z.string().max(256).optional(),
    allowHttp: z.boolean().optional(),
  }),
  'remotes:remove': z.strictObject({ name: remoteName }),
  'remote:browse': z.strictObject({ remote: remoteName, model: tag.optional() }),
  'remote:push': z.strictObject({ taskId: id, remote: remoteName, tags: z.array(tag).min(1).max(MAX_ITEMS) }),
  'remote:pull': z.strictObject({ taskId: id, remote: remoteName, tags: z.array(tag).min(1).max(MAX_ITEMS) }),
  // A path inside the version; the store refuses `..`, absolute paths and links leading out.
  'version:file': z.strictObject({ tag, path: z.string().min(1).max(MAX_PATH) }),
  'models:export-many': z.strictObject({ taskId: id, tags: z.array(tag).min(1).max(MAX_ITEMS) }),
  'models:relabel': z.strictObject({ tags: z.array(tag).min(1).max(MAX_ITEMS), labels: z.strictObject({ set: labels, unset: z.array(z.string().max(1_000)).max(MAX_ITEMS) }) }),
} satisfies { readonly [C in RequestChannel]: z.ZodType };

/** What a handler receives for channel C: the contract's argument (`void` arrives as undefined). */
export type HandlerArg<C extends RequestChannel> = [RequestArg<C>] extends [void] ? undefined : RequestArg<C>;

// `readonly` is the contract's promise to the handlers, not a different shape: compare without it.
type Plain<T> = T extends bigint | boolean | number | string | symbol | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? Plain<U>[]
    : { -readonly [K in keyof T]: Plain<T[K]> };
type Same<A, B> = (<T>() => T extends Plain<A> ? 1 : 2) extends <T>() => T extends Plain<B> ? 1 : 2 ? true : false;
/** S itself when it parses to exactly channel C's argument; otherwise a sentence, which S does not satisfy. */
export type SchemaCheck<C extends RequestChannel, S extends z.ZodType> =
  Same<z.output<S>, HandlerArg<C>> extends true ? S : `the ${C} schema does not parse to the contract's argument`;

export const requestSchemas: { readonly [C in RequestChannel]: z.ZodType<HandlerArg<C>> } = schemas satisfies {
  readonly [C in RequestChannel]: SchemaCheck<C, (typeof schemas)[C]>;
};
