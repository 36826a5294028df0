// The event log: every Event of the simulated cluster in time order (simulated time, type, reason, object,
// message), the text alternative of every picture. The newest stay in view unless the reader scrolls back;
// new events are announced politely, a few at a time, at most every few seconds however fast time runs.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { EventView, PictureSnapshot } from '../../../engine/picture/types.ts';
import { clockTime, isoTime, plural, sameUtcDay } from './format.ts';
import { memo } from './memo.ts';
import { kindWord } from './names.ts';
import { EventTypeIcon } from './StateIcon.tsx';
import './picture.css';

/** Rows rendered at most (the newest that match the filters). */
const MAX_ROWS = 250;
/**
 * Rows rendered while simulated time runs (and the reader has not scrolled back): the scroller shows about ten, and
 * at 60× hundreds of events arrive in the same frame, each replacing a row; pausing or scrolling back shows MAX_ROWS.
 */
const LIVE_ROWS = 60;
/** Announcements are at least this far apart (wall-clock ms). */
const ANNOUNCE_EVERY_MS = 5_000;
/** Events named in one announcement; the rest are counted. */
const ANNOUNCE_AT_MOST = 3;

type TypeFilter = 'all' | 'Normal' | 'Warning';

function objectText(e: EventView): string {
  return `${kindWord(e.object.kind)}/${e.object.name}`;
}

function matches(e: EventView, object: string, type: TypeFilter): boolean {
  if (type !== 'all' && e.type !== type) return false;
  if (!object) return true;
  const q = object.trim().toLowerCase();
  return objectText(e).toLowerCase().includes(q) || e.object.namespace.toLowerCase() === q;
}

interface RowProps {
  e: EventView;
  seq: number;
  withDate: boolean;
}

// Rows are ARIA table rows laid out by a grid with fixed columns, not a <table>: a table measures every cell of
// every row again whenever rows change (hundreds of events arrive in the same frame at 60×), these rows are laid
// out one by one.
const EventRow = memo<RowProps>(
  ({ e, withDate }) => (
    <div role="row" class={`pic-ev-row${e.type === 'Warning' ? ' pic-ev-warn' : ''}`}>
      <span role="cell" class="pic-ev-time">
        <time dateTime={isoTime(e.time)} title={e.count > 1 ? `first ${clockTime(e.first, true)}, last ${clockTime(e.time, true)}` : undefined}>{clockTime(e.time, withDate)}</time>
      </span>
      <span role="cell" class="pic-ev-type"><EventTypeIcon type={e.type} />{e.type}</span>
      <span role="cell" class="pic-ev-reason">
        {e.reason}
        {e.count > 1 && <span class="pic-ev-count" title={`${e.count} times`}> ×{e.count}<span class="visually-hidden"> ({e.count} times)</span></span>}
      </span>
      <span role="cell" class="pic-ev-object"><code>{objectText(e)}</code></span>
      <span role="cell" class="pic-ev-message">{e.message}</span>
    </div>
  ),
  (a, b) => a.seq === b.seq && a.e.id === b.e.id && a.withDate === b.withDate,
);

function announcementFor(fresh: EventView[]): string {
  const named = [...fresh.filter((e) => e.type === 'Warning').reverse(), ...fresh.filter((e) => e.type !== 'Warning').reverse()].slice(0, ANNOUNCE_AT_MOST);
  const items = named.map((e) => {
    const msg = e.message.length > 90 ? `${e.message.slice(0, 88)}…` : e.message;
    return `${e.type} ${e.reason} on ${objectText(e)}: ${msg}`;
  });
  const rest = fresh.length - named.length;
  return `${plural(fresh.length, 'new event')}. ${items.join('. ')}${rest > 0 ? `. And ${rest} more.` : '.'}`;
}

let idSeq = 0;

export function EventLog(props: { events: PictureSnapshot['events']; now: number; live?: boolean }) {
  const { events, now } = props;
  const [object, setObject] = useState('');
  const [type, setType] = useState<TypeFilter>('all');
  /** The events as they were when the reader scrolled back: the rows hold still until they return. */
  const [frozen, setFrozen] = useState<EventView[] | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const ids = useMemo(() => ++idSeq, []);
  const scrollRef = useRef<HTMLDivElement>(null);

  const source = frozen ?? events;
  const frozenSeq = frozen ? frozen.reduce((m, e) => Math.max(m, e.seq), 0) : 0;
  const newer = frozen ? events.filter((e) => e.seq > frozenSeq).length : 0;
  const filtered = useMemo(() => source.filter((e) => matches(e, object, type)), [source, object, type]);
  const limit = props.live && !frozen ? LIVE_ROWS : MAX_ROWS;
  const shown = filtered.length > limit ? filtered.slice(filtered.length - limit) : filtered;
  const withDate = shown.length > 0 && !sameUtcDay(shown[0]!.time, now);

  // Newest in view while the reader is at the bottom: the scroller is a column-reverse flex box, whose scroll
  // origin is its end, so the browser keeps the bottom in view as rows are added — no layout read per render.
  // Scrolling back moves scrollTop below 0, and the rows stay where the reader left them.
  function onScroll() {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = Math.abs(el.scrollTop) < 24;
    if (atBottom && frozen) setFrozen(null);
    else if (!atBottom && !frozen) setFrozen(events);
  }
  function showNewest() {
    scrollRef.current?.scrollTo({ top: 0 });
    setFrozen(null);
  }

  // Throttled announcements of occurrences (new events and repeats) since the last one, honouring the filters.
  const latest = useRef({ events, object, type });
  latest.current = { events, object, type };
  const announced = useRef({ seq: events.reduce((m, e) => Math.max(m, e.seq), 0), at: 0 });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    // A new session (reset) numbers its events from 1 again: start counting from there.
    const newest = events.reduce((m, e) => Math.max(m, e.seq), 0);
    if (newest < announced.current.seq) announced.current.seq = 0;
    if (frozen && newest < frozenSeq) setFrozen(null);
    if (timer.current !== undefined) return;
    if (!events.some((e) => e.seq > announced.current.seq)) return;
    const wait = Math.max(0, announced.current.at + ANNOUNCE_EVERY_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = undefined;
      const { events: evs, object: o, type: t } = latest.current;
      const fresh = evs.filter((e) => e.seq > announced.current.seq && matches(e, o, t));
      announced.current = { seq: evs.reduce((m, e) => Math.max(m, e.seq), announced.current.seq), at: Date.now() };
      if (fresh.length) setAnnouncement(announcementFor(fresh));
    }, wait);
  }, [events]);
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <section class="pic-events" aria-labelledby={`pic-ev-title-${ids}`}>
      <div class="pic-events-head">
        <span class="pic-events-title" id={`pic-ev-title-${ids}`}>Events</span>
        <label>
          Object{' '}
          <input type="search" value={object} placeholder="pod/web, job/pi …" onInput={(e) => setObject((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          Type{' '}
          <select value={type} onChange={(e) => setType((e.currentTarget as HTMLSelectElement).value as TypeFilter)}>
            <option value="all">all</option>
            <option value="Normal">Normal</option>
            <option value="Warning">Warning</option>
          </select>
        </label>
        <span class="pic-toolbar-note">
          {filtered.length > shown.length ? `newest ${shown.length} of ${filtered.length}` : plural(filtered.length, 'event')}
        </span>
        {frozen && (
          <button type="button" class="pic-link-button" onClick={showNewest}>
            Show newest{newer > 0 ? ` (${plural(newer, 'new event')})` : ''}
          </button>
        )}
      </div>
      <div class="pic-ev-scroll" ref={scrollRef} onScroll={onScroll} tabIndex={0} role="region" aria-label="Events, oldest first">
        {shown.length === 0 ? (
          <p class="pic-empty">{events.length === 0 ? 'No events yet.' : 'No event matches the filters.'}</p>
        ) : (
          <div role="table" class={`pic-ev-table${withDate ? ' pic-ev-table--dates' : ''}`} aria-label="Events in simulated time (UTC), oldest first">
            <div role="rowgroup" class="pic-ev-head">
              <div role="row" class="pic-ev-row">
                <span role="columnheader">Time</span>
                <span role="columnheader">Type</span>
                <span role="columnheader">Reason</span>
                <span role="columnheader">Object</span>
                <span role="columnheader">Message</span>
              </div>
            </div>
            <div role="rowgroup" class="pic-ev-body">
              {shown.map((e) => <EventRow key={e.id} e={e} seq={e.seq} withDate={withDate} />)}
            </div>
          </div>
        )}
      </div>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">{announcement}</div>
    </section>
  );
}
