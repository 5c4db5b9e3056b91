/**
 * Milliseconds from a monotonic clock. process.hrtime rather than performance.now():
 * the latter loads perf_hooks on first use, a few ms of every CLI start.
 */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
