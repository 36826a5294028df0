import { describe, expect, it } from 'vitest';
import { BACKUP_PREFIX, PROGRESS_KEY, loadProgress, saveProgress, setCompleted, type StorageLike } from '../../src/lib/progress.ts';

function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}
const fixedNow = () => new Date('2026-01-02T03:04:05.000Z');

describe('lesson progress', () => {
  it('round-trips completed lessons', () => {
    const s = memoryStorage();
    const p = setCompleted(loadProgress(s), 'pods', true, new Date('2026-01-01T00:00:00Z'));
    expect(saveProgress(s, p)).toBe(true);
    expect(loadProgress(s).completed).toEqual({ pods: '2026-01-01T00:00:00.000Z' });
    expect(loadProgress(s, fixedNow).completed.pods).toBeDefined();
    expect(setCompleted(loadProgress(s), 'pods', false).completed).toEqual({});
  });

  it.each([
    ['corrupt JSON', '{"version":1,"completed":'],
    ['another shape', '["pods"]'],
    ['a future version', '{"version":2,"completed":{}}'],
    ['non-string times', '{"version":1,"completed":{"pods":5}}'],
  ])('sets %s aside instead of wiping it', (_name, raw) => {
    const s = memoryStorage({ [PROGRESS_KEY]: raw });
    expect(loadProgress(s, fixedNow)).toEqual({ version: 1, completed: {} });
    expect(s.data.get(BACKUP_PREFIX + '2026-01-02T03:04:05.000Z')).toBe(raw);
    expect(JSON.parse(s.data.get(PROGRESS_KEY)!)).toEqual({ version: 1, completed: {} });
  });

  it('survives storage that throws', () => {
    const throwing: StorageLike = {
      getItem() { throw new Error('SecurityError'); },
      setItem() { throw new Error('QuotaExceededError'); },
    };
    expect(loadProgress(throwing)).toEqual({ version: 1, completed: {} });
    expect(saveProgress(throwing, { version: 1, completed: { a: 'x' } })).toBe(false);
    expect(loadProgress(null).completed).toEqual({});
  });
});
