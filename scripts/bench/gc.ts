// A full garbage collection before a timed section, when the process runs with --expose-gc (scripts/bench.ts
// starts the engine groups that way): a section then pays for collecting its own garbage, not for what the
// run before it (another bench, or the previous phase of the same one) left behind.
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
