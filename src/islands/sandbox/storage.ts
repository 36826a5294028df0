// A learner's edits to a sandbox's files, kept in localStorage per sandbox id. Only edits are stored (a file
// equal to the lesson's version is not). Storage that is unavailable, full or corrupt never breaks the page:
// unreadable data is set aside under another key (not wiped) and the lesson's version is used.
import type { SandboxFile } from './worker/protocol.ts';

export const STORAGE_PREFIX = 'workload-lab:sandbox:v1:';
const UNREADABLE_PREFIX = 'workload-lab:sandbox:unreadable:';

interface Stored {
  version: 1;
  files: Record<string, string>;
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function storage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // access denied (privacy settings, sandboxed iframes)
  }
}

function isStored(x: unknown): x is Stored {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Record<string, unknown>;
  return s.version === 1 && typeof s.files === 'object' && s.files !== null && !Array.isArray(s.files)
    && Object.values(s.files).every((t) => typeof t === 'string');
}

/** The lesson's files with the learner's saved edits applied, and whether there were any. */
export function loadFiles(id: string, lesson: readonly SandboxFile[], store: StorageLike | null = storage()): { files: SandboxFile[]; edited: boolean } {
  const fallback = { files: lesson.map((f) => ({ ...f })), edited: false };
  if (!store) return fallback;
  let raw: string | null;
  try {
    raw = store.getItem(STORAGE_PREFIX + id);
  } catch {
    return fallback;
  }
  if (raw === null) return fallback;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!isStored(parsed)) {
    try {
      store.setItem(`${UNREADABLE_PREFIX}${id}:${raw.length}`, raw);
      store.removeItem(STORAGE_PREFIX + id);
    } catch {
      // nothing more to do: the lesson's version is used
    }
    return fallback;
  }
  const files = lesson.map((f) => ({ name: f.name, text: parsed.files[f.name] ?? f.text }));
  return { files, edited: files.some((f, i) => f.text !== lesson[i]!.text) };
}

/** Saves the files that differ from the lesson's version (or forgets the sandbox when none do). */
export function saveFiles(id: string, lesson: readonly SandboxFile[], files: readonly SandboxFile[], store: StorageLike | null = storage()): boolean {
  if (!store) return false;
  const edits: Record<string, string> = {};
  for (const f of files) {
    const original = lesson.find((l) => l.name === f.name);
    if (original && original.text !== f.text) edits[f.name] = f.text;
  }
  try {
    if (Object.keys(edits).length === 0) store.removeItem(STORAGE_PREFIX + id);
    else store.setItem(STORAGE_PREFIX + id, JSON.stringify({ version: 1, files: edits } satisfies Stored));
    return true;
  } catch {
    return false; // quota exceeded: the edits live on in the editor
  }
}

/** Runs `f` once calls stop coming for `ms`; `flush` runs a pending call now. */
export function debounce<A extends unknown[]>(f: (...args: A) => void, ms: number): ((...args: A) => void) & { flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | null = null;
  const run = () => {
    timer = undefined;
    if (pending) {
      const args = pending;
      pending = null;
      f(...args);
    }
  };
  const d = (...args: A) => {
    pending = args;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  d.flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    run();
  };
  d.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pending = null;
  };
  return d;
}
