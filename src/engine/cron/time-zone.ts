// Go's time.LoadLocation, as the API server (with its embedded tz database) answers it, using
// the IANA database behind Intl. Go reads zone files by exact, case-sensitive name, while Intl
// is case-insensitive and resolves aliases, so a few extra rules keep the two in step.

export type LocationResult = { ok: true; name: string } | { ok: false; error: string };

function intlZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function isKnownZone(name: string): boolean {
  // Intl also accepts UTC offsets such as "+01:00"; Go has no such zone files
  if (/^[+-]/.test(name) || /^[0-9]/.test(name)) return false;
  const resolved = intlZone(name);
  if (resolved === null) return false;
  if (resolved === name) return true;
  // same letters in another case: Go's lookup is case-sensitive
  if (resolved.toLowerCase() === name.toLowerCase()) return false;
  // an alias (US/Eastern, Etc/UTC, Asia/Calcutta...): IANA names start each part upper-case
  return name.split('/').every((part) => /^[A-Z]/.test(part));
}

// A lookup builds an Intl formatter (tens of microseconds) and the CronJob controller asks at every sync: the
// answers, which never change, are kept.
const known = new Map<string, LocationResult>();
const MAX_KNOWN = 1000;

export function loadLocation(name: string): LocationResult {
  let r = known.get(name);
  if (!r) {
    r = lookUp(name);
    if (known.size >= MAX_KNOWN) known.clear();
    known.set(name, r);
  }
  return r;
}

function lookUp(name: string): LocationResult {
  if (name === '' || name === 'UTC') return { ok: true, name: 'UTC' };
  if (name === 'Local') return { ok: true, name: 'Local' };
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) return { ok: false, error: 'time: invalid location name' };
  if (isKnownZone(name)) return { ok: true, name };
  return { ok: false, error: `unknown time zone ${name}` };
}
