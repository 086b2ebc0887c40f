/** Model Shelf's version (package.json; tests/unit/model-context.test.ts keeps the two equal). */
export const MODEL_SHELF_VERSION = '0.1.0';
