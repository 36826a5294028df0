// One opened sandbox: the editor (the lesson's files, the learner's edits kept per sandbox), the kubectl
// terminal, the time controls and the live picture of the simulated cluster with its event log. The simulator
// runs in a Web Worker (worker/); everything here is the page's side.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { EditorPane, type EditorApi } from './EditorPane.tsx';
import { TerminalPane, type TerminalApi } from './TerminalPane.tsx';
import { TimeControls } from './TimeControls.tsx';
import { Inspector } from './Inspector.tsx';
import { HelpPopover } from './HelpPopover.tsx';
import { Picture, EventLog } from './picture-bridge.ts';
import { SimClient } from './worker/client.ts';
import { takeSimWorker } from './worker/spawn.ts';
import { frameSimMs, type FileProblem, type LineResult, type PictureSnapshot, type SandboxFile, type SessionError, type SessionView } from './worker/protocol.ts';
import { debounce, loadFiles, saveFiles } from './storage.ts';
import { applySnapshotPatch } from './worker/snapshot-patch.ts';

export interface SandboxProps {
  id: string;
  title: string;
  files: SandboxFile[];
  cluster?: string;
  commands?: string[];
}

const DEFAULT_SPEED = 10;
const INSPECT_INTERVAL_MS = 600;
const EVENT_LOG_INTERVAL_MS = 250;
/** How often the clock's digits are redrawn while time runs (see clockNow). */
const CLOCK_INTERVAL_MS = 66;

/** `value`, passed on at most once per `ms` (the newest value wins; the last one always arrives). */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  const latest = useRef(value);
  latest.current = value;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (value === shown || timer.current) return;
    const wait = Math.max(0, last.current + ms - performance.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = performance.now();
      setShown(latest.current);
    }, wait);
  }, [value]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return shown;
}

function applySummary(r: LineResult): { ok: boolean; text: string } {
  const problems = r.problems?.length ?? 0;
  if (r.exitCode === 0) return { ok: true, text: r.stdout.trim().split('\n').join(', ') || 'Applied.' };
  const first = r.stderr.trim().split('\n')[0] ?? 'Apply failed.';
  return { ok: false, text: problems > 1 ? `${problems} problems (marked in the editor). ${first}` : first };
}

export function SandboxApp(props: SandboxProps & { focusOnReady?: boolean }) {
  const { id, title, cluster } = props;
  const commands = props.commands ?? [];
  const prefix = `sb-${id}`;
  const initial = useMemo(() => loadFiles(id, props.files), []);
  const filesRef = useRef<SandboxFile[]>(initial.files);
  const [edited, setEdited] = useState(initial.edited);
  const [simReady, setSimReady] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [now, setNow] = useState(0);
  const [startMs, setStartMs] = useState(0);
  const [snapshot, setSnapshot] = useState<PictureSnapshot | null>(null);
  /** The latest snapshot, for patches that arrive before a render. */
  const snapshotRef = useRef<PictureSnapshot | null>(null);
  // The picture re-renders at most once per frame, and less often when drawing it takes longer than a frame
  // (hundreds of pods changing at 60×): the page keeps its frame rate, the clock keeps ticking every frame, and
  // the picture shows the newest snapshot each time it draws.
  const pictureGate = useRef({ last: 0, cost: 0, scheduled: false });
  const showPicture = useCallback(() => {
    const gate = pictureGate.current;
    if (gate.scheduled) return; // the scheduled render takes the newest snapshot
    gate.scheduled = true;
    const wait = Math.max(0, gate.last + Math.min(250, gate.cost * 1.5) - performance.now());
    setTimeout(() => {
      gate.scheduled = false;
      const start = performance.now();
      gate.last = start;
      setSnapshot(snapshotRef.current);
      requestAnimationFrame(() => (gate.cost = performance.now() - start));
    }, wait);
  }, []);
  const [halted, setHalted] = useState<SessionError | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(DEFAULT_SPEED);
  const [selected, setSelected] = useState<string | null>(null);
  const [inspect, setInspect] = useState<{ key: string; yaml: string; found: boolean } | null>(null);
  const [applyStatus, setApplyStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [applying, setApplying] = useState(false);
  const [announce, setAnnounce] = useState('');
  const [expanded, setExpanded] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const [editorReady, setEditorReady] = useState(false);
  const [terminalReady, setTerminalReady] = useState(false);
  const editorApi = useRef<EditorApi | null>(null);
  const termApi = useRef<TerminalApi | null>(null);
  const editorBody = useRef<HTMLParagraphElement>(null);
  const terminalBody = useRef<HTMLParagraphElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  const client = useMemo(() => new SimClient(takeSimWorker, {
    onFailure: (message) => {
      setFailure(message);
      setPlaying(false);
      termApi.current?.abortStream();
    },
  }), []);

  const applyView = useCallback((view: SessionView) => {
    setNow(view.now);
    setStartMs(view.startMs);
    if (view.picture) {
      const patch = view.picture;
      snapshotRef.current = applySnapshotPatch(patch.full ? null : snapshotRef.current, patch);
      showPicture();
    }
    setHalted(view.halted);
    if (view.halted) setPlaying(false);
    if (view.streams.length) termApi.current?.streamOutput(view.streams);
  }, []);

  const start = useCallback(async () => {
    setSimReady(false);
    try {
      const r = await client.call('init', { files: filesRef.current, cluster });
      applyView(r.view);
      performance.mark(`sandbox:${id}:simulator-ready`);
      if (r.clusterProblems.length) console.warn(`Sandbox ${id}: the lesson's cluster has problems; using the default cluster.`, r.clusterProblems);
      setSimReady(true);
    } catch {
      // onFailure has said why
    }
  }, []);

  useEffect(() => {
    void start();
    return () => client.dispose();
  }, []);

  // ---- persistence ----------------------------------------------------------------------------------------
  const save = useMemo(() => debounce((files: SandboxFile[]) => saveFiles(id, props.files, files), 400), []);
  useEffect(() => {
    const flush = () => save.flush();
    addEventListener('pagehide', flush);
    return () => {
      removeEventListener('pagehide', flush);
      save.flush();
    };
  }, []);
  const onFilesChange = useCallback((files: SandboxFile[]) => {
    filesRef.current = files;
    setEdited(files.some((f) => props.files.find((l) => l.name === f.name)?.text !== f.text));
    save(files);
  }, []);

  // ---- commands -------------------------------------------------------------------------------------------
  const problemsFrom = (r: LineResult): FileProblem[] | null => (r.problems ? r.problems : null);

  const runDirect = useCallback(async (line: string): Promise<LineResult> => {
    const files = editorApi.current?.files() ?? filesRef.current;
    const r = await client.call('run', { line, files });
    applyView(r.view);
    const problems = problemsFrom(r.line);
    if (problems) editorApi.current?.setProblems(problems);
    if (/^\s*kubectl\s+apply\b/.test(line)) setApplyStatus(applySummary(r.line));
    return r.line;
  }, []);

  const terminalDeps = useMemo(() => ({
    run: runDirect,
    complete: (line: string, cursor: number) => client.call('complete', { line, cursor, files: editorApi.current?.files() ?? filesRef.current }),
    stopStream: async (streamId: number) => {
      const r = await client.call('stopStream', { streamId });
      applyView(r.view);
      return r.chunk;
    },
  }), []);

  /** A line from a button (fault, apply): in the terminal when it is free, else straight to the simulator. */
  const runFromUi = useCallback(async (line: string) => {
    if (termApi.current?.runLine(line)) return;
    try {
      const r = await runDirect(line);
      setAnnounce((r.stdout || r.stderr).trim());
    } catch (err) {
      setAnnounce((err as Error).message);
    }
  }, []);

  const apply = useCallback(async () => {
    if (!editorApi.current || applying) return;
    const files = editorApi.current.files();
    const line = `kubectl apply ${files.map((f) => `-f ${f.name}`).join(' ')}`;
    setApplying(true);
    try {
      if (!termApi.current?.runLine(line)) {
        const r = await runDirect(line);
        setAnnounce(applySummary(r).text);
      }
    } finally {
      setApplying(false);
    }
  }, [applying]);

  // ---- time -----------------------------------------------------------------------------------------------
  useEffect(() => {
    if (!playing || !simReady || failure) return;
    let stopped = false;
    let inFlight = false;
    let last = performance.now();
    let raf = requestAnimationFrame(function tick(t) {
      if (stopped) return;
      raf = requestAnimationFrame(tick);
      // One frame in flight at most: a slow simulation slows the picture, it never queues up frames.
      if (inFlight) return;
      const simMs = frameSimMs(t - last, speed);
      last = t;
      inFlight = true;
      client.call('frame', { simMs })
        .then((r) => applyView(r.view)) // always: the next snapshot patch builds on this one
        .catch(() => setPlaying(false))
        .finally(() => (inFlight = false));
    });
    return () => {
      stopped = true;
      cancelAnimationFrame(raf);
    };
  }, [playing, speed, simReady, failure]);

  const step = useCallback(async () => {
    try {
      const r = await client.call('step', {});
      applyView(r.view);
      setAnnounce(r.time.idle ? 'Nothing is left to happen.' : `Stepped ${Math.round(r.time.advancedMs) / 1000} s.`);
    } catch {
      // reported by onFailure
    }
  }, []);

  const resetCluster = useCallback(async () => {
    setPlaying(false);
    termApi.current?.abortStream('The cluster was reset.');
    if (failure) {
      client.restart();
      setFailure(null);
      await start();
      setSelected(null);
      setAnnounce('The simulator restarted with a fresh cluster.');
      return;
    }
    try {
      const r = await client.call('reset', {});
      applyView(r.view);
      setSelected(null);
      setApplyStatus(null);
      editorApi.current?.setProblems([]);
      setAnnounce('The cluster was reset. Your files are unchanged.');
    } catch {
      // reported by onFailure
    }
  }, [failure]);

  // ---- selection ------------------------------------------------------------------------------------------
  const inspectTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastInspect = useRef(0);
  const fetchInspect = useCallback(async () => {
    const key = selectedRef.current;
    if (!key) return;
    lastInspect.current = performance.now();
    try {
      const r = await client.call('describeKey', { key });
      if (selectedRef.current === key) setInspect({ key, yaml: r.yaml, found: r.found });
    } catch {
      // reported by onFailure
    }
  }, []);
  useEffect(() => {
    if (inspectTimer.current) clearTimeout(inspectTimer.current);
    inspectTimer.current = null;
    setInspect(null);
    if (selected) void fetchInspect();
  }, [selected]);
  useEffect(() => {
    if (!selectedRef.current || inspectTimer.current) return;
    const wait = Math.max(0, lastInspect.current + INSPECT_INTERVAL_MS - performance.now());
    inspectTimer.current = setTimeout(() => {
      inspectTimer.current = null;
      void fetchInspect();
    }, wait);
  }, [snapshot?.seq]);

  // ---- keys and layout ------------------------------------------------------------------------------------
  const onRootKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void apply();
    } else if (e.key === 'Escape' && expanded && !e.defaultPrevented) {
      setExpanded(false);
    }
  };
  useEffect(() => {
    document.documentElement.classList.toggle('sb-has-expanded', expanded);
    if (!expanded) {
      root.current?.scrollIntoView({ block: 'nearest' });
      return;
    }
    // Full screen is a modal workspace: the page behind it is inert (no focus, no screen reader) until it closes.
    const made: Element[] = [];
    for (let node: Element | null = root.current; node && node !== document.body; node = node.parentElement) {
      for (const sibling of node.parentElement?.children ?? []) {
        if (sibling !== node && !sibling.hasAttribute('inert') && sibling.tagName !== 'SCRIPT' && sibling.tagName !== 'STYLE') {
          sibling.setAttribute('inert', '');
          made.push(sibling);
        }
      }
    }
    return () => {
      for (const el of made) el.removeAttribute('inert');
    };
  }, [expanded]);

  // The editor and the terminal are rendered once: the same vnode each time makes Preact skip them while the
  // picture re-renders every frame. Their callbacks are stable (refs inside).
  const applyRef = useRef(apply);
  applyRef.current = apply;
  const editorPane = useMemo(() => (
    <EditorPane sandboxId={id} initial={initial.files}
      loadSchemas={async () => (await client.call('schemas', {})).schemas}
      onReady={(api) => {
        editorApi.current = api;
        performance.mark(`sandbox:${id}:editor-ready`);
        setEditorReady(true);
      }}
      onChange={onFilesChange} onApply={() => void applyRef.current()}
      onEscape={() => editorBody.current?.focus()} />
  ), []);
  const terminalPane = useMemo(() => (
    <TerminalPane deps={terminalDeps} commands={commands}
      greeting={'kubectl talks to a simulated Kubernetes 1.35 cluster. Type help for what works here.'}
      onReady={(api) => {
        termApi.current = api;
        performance.mark(`sandbox:${id}:terminal-ready`);
        setTerminalReady(true);
      }}
      onEscape={() => terminalBody.current?.focus()} />
  ), []);

  const ready = simReady && editorReady && terminalReady;
  // The event log only needs the day (it prints dates when events span days): a minute's precision spares it
  // a re-render every frame.
  const eventLogNow = Math.floor(now / 60_000) * 60_000;
  // The clock's digits change every frame at 60×, faster than anyone reads them; redrawing them 15 times a second
  // spares the page a repaint every frame (scripts/profile-sandbox.ts). Paused, it shows the exact time.
  const clockNow = useThrottled(now, playing ? CLOCK_INTERVAL_MS : 0);
  // The clock changes every frame; the picture and the event log only re-render when their own inputs change.
  const pictureView = useMemo(() => (snapshot
    ? <Picture snapshot={snapshot} selected={selected} onSelect={setSelected} />
    : <p class="sb-loading">Starting the cluster…</p>), [snapshot, selected]);
  // A log is read, not watched: at 60× it takes new events four times a second (its table re-lays out).
  const events = useThrottled(snapshot?.events, EVENT_LOG_INTERVAL_MS);
  const eventLogView = useMemo(() => (events
    ? <EventLog events={events} now={eventLogNow} live={playing} />
    : <p class="sb-loading">Starting the cluster…</p>), [events, eventLogNow, playing]);
  // Opened by a click or a key: once the editor is up, focus goes there, unless the learner moved on meanwhile.
  useEffect(() => {
    if (ready) performance.mark(`sandbox:${id}:ready`); // npm run bench reads these marks
  }, [ready]);
  const focused = useRef(false);
  useEffect(() => {
    if (!editorReady || focused.current || !props.focusOnReady) return;
    focused.current = true;
    const active = document.activeElement;
    const section = root.current?.closest('[data-sandbox]');
    if (!active || active === document.body || (section && section.contains(active))) editorApi.current?.focus();
  }, [editorReady]);
  const selectedNode = selected && snapshot ? snapshot.nodes.find((n) => n.key === selected) : undefined;
  const problemBanner = failure ?? (halted ? halted.message : null);

  return (
    <div class={`sb-app${expanded ? ' sb-expanded' : ''}`} ref={root} data-state={ready ? 'ready' : 'loading'} onKeyDown={onRootKey}
      role={expanded ? 'dialog' : undefined} aria-modal={expanded ? true : undefined} aria-label={expanded ? `Sandbox: ${title}` : undefined}>
      <div class="sb-toolbar">
        <TimeControls idPrefix={prefix} now={clockNow} startMs={startMs} playing={playing} speed={speed} disabled={!simReady || !!halted || !!failure}
          onPlay={(p) => {
            setPlaying(p);
            setAnnounce(p ? `Playing at ${speed}×.` : 'Paused.');
          }}
          onSpeed={setSpeed} onStep={step} onReset={resetCluster} />
        <div class="sb-toolbar-end">
          <HelpPopover idPrefix={prefix} />
          <button type="button" class="sb-btn sb-quiet" aria-pressed={expanded} onClick={() => setExpanded(!expanded)}>
            {expanded ? 'Exit full screen' : 'Full screen'}
          </button>
        </div>
      </div>
      {problemBanner && (
        <div class="sb-banner" role="alert">
          <p>{failure ? `The simulator stopped: ${failure}.` : `The simulation stopped: ${problemBanner}`} Your files are safe.</p>
          <button type="button" class="sb-btn" onClick={resetCluster}>{failure ? 'Restart the simulator' : 'Reset cluster'}</button>
        </div>
      )}
      <div class="sb-grid">
        <section class="sb-pane sb-pane-editor" aria-labelledby={`${prefix}-files`}>
          <div class="sb-pane-head">
            <h4 id={`${prefix}-files`}>Files</h4>
            <div class="sb-pane-actions">
              {edited && !confirmReset && (
                <button type="button" class="sb-btn sb-quiet" onClick={() => setConfirmReset(true)}>Reset to the lesson's version</button>
              )}
              <button type="button" class="sb-btn sb-primary" onClick={apply} disabled={!editorReady || !simReady || applying}
                aria-keyshortcuts="Control+Enter Meta+Enter" title="Apply (Ctrl/⌘+Enter)">
                Apply
              </button>
            </div>
          </div>
          {confirmReset && (
            <div class="sb-confirm" role="alertdialog" aria-labelledby={`${prefix}-confirm`}>
              <p id={`${prefix}-confirm`}>Replace your edits with the lesson's version? (Ctrl+Z in the editor undoes it.)</p>
              <button type="button" class="sb-btn sb-danger" ref={(b) => b?.focus()} onClick={() => {
                editorApi.current?.replaceAll(props.files);
                setConfirmReset(false);
                setAnnounce('The files are back to the lesson\'s version.');
                editorApi.current?.focus();
              }}>Replace my edits</button>
              <button type="button" class="sb-btn sb-quiet" onClick={() => setConfirmReset(false)}>Keep my edits</button>
            </div>
          )}
          {editorPane}
          {/* Esc in the editor lands here, after it, so that Tab moves on instead of back into the editor. */}
          <p class={`sb-apply-status sb-focus-stop${applyStatus && !applyStatus.ok ? ' sb-bad' : ''}`} aria-live="polite" tabIndex={-1} ref={editorBody}>
            {applyStatus ? applyStatus.text : 'Edit, then Apply (Ctrl/⌘+Enter) to create the objects in the cluster.'}
          </p>
        </section>
        <section class="sb-pane sb-pane-terminal" aria-labelledby={`${prefix}-term`}>
          <div class="sb-pane-head"><h4 id={`${prefix}-term`}>Terminal</h4></div>
          {terminalPane}
          <p class="sb-hint sb-focus-stop" tabIndex={-1} ref={terminalBody}>
            Tab completes · ↑↓ history · Ctrl+C stops a watch · Esc leaves the terminal
          </p>
        </section>
        <section class="sb-pane sb-pane-picture" aria-labelledby={`${prefix}-cluster`}>
          <div class="sb-pane-head"><h4 id={`${prefix}-cluster`}>Cluster</h4></div>
          {pictureView}
          {selected && (
            <Inspector selected={selected} yaml={inspect?.key === selected ? inspect.yaml : null} found={inspect?.key === selected ? inspect.found : null}
              nodeReady={selectedNode ? selectedNode.ready === 'True' : null} onRun={runFromUi} onClose={() => setSelected(null)} />
          )}
        </section>
        <div class="sb-pane sb-pane-events">
          {eventLogView}
        </div>
      </div>
      <p class="visually-hidden sb-announce" role="status">{announce}</p>
    </div>
  );
}
