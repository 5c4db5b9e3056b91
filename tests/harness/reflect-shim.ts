// @peculiar/x509 depends on tsyringe, which throws at import time unless a
// Reflect metadata polyfill (reflect-metadata / core-js) is loaded first. The
// project does not depend on one, and tsyringe only needs these three calls
// (for its @injectable decorators), so a tiny WeakMap-backed shim is enough.
// Import this module BEFORE '@peculiar/x509' (ES imports evaluate in order).
type Meta = Map<unknown, unknown>;
type ReflectWithMetadata = typeof Reflect & {
  getMetadata?: (key: unknown, target: object) => unknown;
  getOwnMetadata?: (key: unknown, target: object) => unknown;
  defineMetadata?: (key: unknown, value: unknown, target: object) => void;
};

const R = Reflect as ReflectWithMetadata;
if (!R.getMetadata) {
  const store = new WeakMap<object, Meta>();
  R.getOwnMetadata = (key, target) => store.get(target)?.get(key);
  R.defineMetadata = (key, value, target) => {
    let m = store.get(target);
    if (!m) store.set(target, (m = new Map()));
    m.set(key, value);
  };
  R.getMetadata = (key, target) => {
    // Walk the prototype chain like reflect-metadata does (bounded by the chain length).
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      const v = store.get(t)?.get(key);
      if (v !== undefined) return v;
    }
    return undefined;
  };
}
export {};
