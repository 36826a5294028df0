// Saved edits per sandbox (src/islands/sandbox/storage.ts): only edits are stored, corrupt data is set aside
// (not wiped) and never breaks the sandbox, and storage that refuses to work is survived.
import { describe, expect, it } from 'vitest';
import { loadFiles, saveFiles, STORAGE_PREFIX, type StorageLike } from '../../../src/islands/sandbox/storage.ts';

class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

const lesson = [{ name: 'a.yaml', text: 'kind: Job\n' }, { name: 'b.yaml', text: 'kind: Pod\n' }];

describe('sandbox storage', () => {
  it('keeps only the files that differ from the lesson, and loads them back', () => {
    const store = new MemoryStorage();
    expect(saveFiles('s1', lesson, [{ name: 'a.yaml', text: 'kind: Job # mine\n' }, lesson[1]!], store)).toBe(true);
    expect(JSON.parse(store.getItem(`${STORAGE_PREFIX}s1`)!)).toEqual({ version: 1, files: { 'a.yaml': 'kind: Job # mine\n' } });
    expect(loadFiles('s1', lesson, store)).toEqual({ edited: true, files: [{ name: 'a.yaml', text: 'kind: Job # mine\n' }, lesson[1]] });
    expect(loadFiles('other', lesson, store)).toEqual({ edited: false, files: lesson });
  });

  it('forgets the sandbox when the files are back to the lesson\'s version', () => {
    const store = new MemoryStorage();
    saveFiles('s1', lesson, [{ name: 'a.yaml', text: 'x' }, lesson[1]!], store);
    saveFiles('s1', lesson, lesson, store);
    expect(store.items.size).toBe(0);
  });

  it('sets corrupt or foreign data aside and opens the lesson\'s version', () => {
    for (const bad of ['{"version":1,"files":', '{"version":2,"files":{}}', '{"version":1,"files":{"a.yaml":42}}', 'null']) {
      const store = new MemoryStorage();
      store.setItem(`${STORAGE_PREFIX}s1`, bad);
      expect(loadFiles('s1', lesson, store)).toEqual({ edited: false, files: lesson });
      expect(store.getItem(`${STORAGE_PREFIX}s1`)).toBeNull();
      expect([...store.items.values()]).toEqual([bad]);
    }
  });

  it('survives storage that throws (quota, privacy settings)', () => {
    const throwing: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(loadFiles('s1', lesson, throwing)).toEqual({ edited: false, files: lesson });
    expect(saveFiles('s1', lesson, [{ name: 'a.yaml', text: 'x' }, lesson[1]!], throwing)).toBe(false);
    expect(loadFiles('s1', lesson, null)).toEqual({ edited: false, files: lesson });
  });
});
