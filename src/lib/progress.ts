// Lesson progress in localStorage. The key is versioned so a future format can migrate the old one.
// Anything unreadable under the key (corrupt JSON, another app's data, a wrong shape) is moved aside to a
// backup key — never silently wiped — and the learner starts with an empty record.

export const PROGRESS_KEY = 'workload-lab:progress:v1';
export const BACKUP_PREFIX = 'workload-lab:progress:unreadable:';

export interface Progress {
  version: 1;
  /** lesson slug → ISO time it was marked complete */
  completed: Record<string, string>;
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function emptyProgress(): Progress {
  return { version: 1, completed: {} };
}

function isProgress(value: unknown): value is Progress {
  if (!value || typeof value !== 'object') return false;
  const v = value as { version?: unknown; completed?: unknown };
  if (v.version !== 1 || !v.completed || typeof v.completed !== 'object' || Array.isArray(v.completed)) return false;
  return Object.values(v.completed).every((t) => typeof t === 'string');
}

/** Reads progress; on unreadable data, keeps a copy under a backup key and returns an empty record. */
export function loadProgress(storage: StorageLike | null, now: () => Date = () => new Date()): Progress {
  if (!storage) return emptyProgress();
  let raw: string | null;
  try {
    raw = storage.getItem(PROGRESS_KEY);
  } catch {
    return emptyProgress(); // storage disabled (privacy mode, sandboxed iframe)
  }
  if (raw === null) return emptyProgress();
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isProgress(parsed)) return { version: 1, completed: { ...parsed.completed } };
  } catch {
    // fall through: set it aside below
  }
  try {
    storage.setItem(BACKUP_PREFIX + now().toISOString(), raw);
    storage.setItem(PROGRESS_KEY, JSON.stringify(emptyProgress()));
  } catch {
    // quota or disabled storage: the page still works, progress just isn't kept
  }
  return emptyProgress();
}

export function saveProgress(storage: StorageLike | null, progress: Progress): boolean {
  if (!storage) return false;
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

export function setCompleted(progress: Progress, slug: string, done: boolean, now: Date = new Date()): Progress {
  const completed = { ...progress.completed };
  if (done) completed[slug] = now.toISOString();
  else delete completed[slug];
  return { version: 1, completed };
}
