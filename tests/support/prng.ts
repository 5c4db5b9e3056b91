/** xorshift32: tiny and deterministic, so a fuzz failure is reproducible from its seed. */
export function prng(seed: number): { next: () => number; int: (n: number) => number; pick: <T>(list: readonly T[]) => T } {
  let x = seed >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const int = (n: number): number => next() % n;
  return { next, int, pick: (list) => list[int(list.length)]! };
}
