/**
 * Sets `key` as an own property, whatever the key. `obj[key] = value` with the key `__proto__`
 * changes (or, for a string, silently skips) the object's prototype instead: the label
 * `__proto__`, which BentoML keeps and reads back like any other, would vanish on its way.
 */
export function putKey<V>(obj: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
