// The sandbox's terminal: xterm (loaded with the sandbox), driven by terminal/controller.ts. Suggested commands
// appear as chips that type into the prompt. A screen-reader mirror (role=log) carries the same text.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Terminal as XTerm, ITheme } from '@xterm/xterm';
import xtermCss from '@xterm/xterm/css/xterm.css?inline';
import { injectStyle } from './vite/inject-style.ts';
import { TerminalController, type TerminalDeps } from './terminal/controller.ts';
import { currentTheme, watchTheme, type Theme } from './theme.ts';

export interface TerminalApi {
  type(text: string): void;
  /** Runs a line in the terminal; false when a watch holds the terminal (the caller runs it another way). */
  runLine(text: string): boolean;
  streamOutput: TerminalController['streamOutput'];
  abortStream(message?: string): void;
  focus(): void;
}

interface Props {
  deps: Omit<TerminalDeps, 'mirror' | 'cleared'>;
  commands: readonly string[];
  greeting: string;
  /** Receives the terminal's API once xterm is up. */
  onReady(api: TerminalApi): void;
  /** Esc inside the terminal. */
  onEscape(): void;
}

const THEMES: Record<Theme, ITheme> = {
  light: {
    background: '#ffffff', foreground: '#1b1f29', cursor: '#1b1f29', cursorAccent: '#ffffff', selectionBackground: '#c9d6f7',
    black: '#1b1f29', red: '#b42323', green: '#17753d', yellow: '#8a5a00', blue: '#2d5bd7', magenta: '#8e3bb8', cyan: '#0b6e7a', white: '#525a6b',
    brightBlack: '#525a6b', brightRed: '#b42323', brightGreen: '#17753d', brightYellow: '#8a5a00', brightBlue: '#2d5bd7', brightMagenta: '#8e3bb8', brightCyan: '#0b6e7a', brightWhite: '#1b1f29',
  },
  dark: {
    background: '#171b24', foreground: '#e6e9f0', cursor: '#e6e9f0', cursorAccent: '#171b24', selectionBackground: '#34436b',
    black: '#10131a', red: '#ff8a80', green: '#5fd08a', yellow: '#f0b54a', blue: '#8fb0ff', magenta: '#d7a2f5', cyan: '#6fd6e3', white: '#e6e9f0',
    brightBlack: '#a3abbd', brightRed: '#ff8a80', brightGreen: '#5fd08a', brightYellow: '#f0b54a', brightBlue: '#8fb0ff', brightMagenta: '#d7a2f5', brightCyan: '#6fd6e3', brightWhite: '#ffffff',
  },
};

const MIRROR_LINES = 200;

export function TerminalPane({ deps, commands, greeting, onReady, onEscape }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const controller = useRef<TerminalController | null>(null);
  const term = useRef<XTerm | null>(null);
  const [mirror, setMirror] = useState<string[]>([]);
  const [failed, setFailed] = useState<string | null>(null);
  const latest = useRef({ deps, onEscape });
  latest.current = { deps, onEscape };

  useEffect(() => {
    let disposed = false;
    const cleanups: (() => void)[] = [];
    (async () => {
      try {
        injectStyle('@xterm/xterm/css/xterm.css', xtermCss);
        const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
        if (disposed || !host.current) return;
        const t = new Terminal({
          convertEol: false,
          cursorBlink: true,
          fontFamily: "ui-monospace, 'SFMono-Regular', 'JetBrains Mono', Menlo, Consolas, monospace",
          fontSize: 13,
          lineHeight: 1.15,
          scrollback: 2000,
          theme: THEMES[currentTheme()],
        });
        const fit = new FitAddon();
        t.loadAddon(fit);
        t.open(host.current);
        term.current = t;
        const textarea = t.textarea;
        textarea?.setAttribute('aria-label', 'Terminal: type a kubectl command and press Enter. Esc leaves the terminal.');
        const push = (text: string) => setMirror((m) => [...m, ...text.split('\n')].slice(-MIRROR_LINES));
        const c = new TerminalController(t, {
          run: (line) => latest.current.deps.run(line),
          complete: (line, cursor) => latest.current.deps.complete(line, cursor),
          stopStream: (id) => latest.current.deps.stopStream(id),
          mirror: (text) => push(text),
          cleared: () => setMirror([]),
        });
        controller.current = c;
        t.onData((d) => c.input(d));
        t.attachCustomKeyEventHandler((e) => {
          if (e.type === 'keydown' && e.key === 'Escape') {
            e.preventDefault(); // handled: the sandbox does not also leave full screen
            latest.current.onEscape();
            return false;
          }
          // Ctrl/Cmd+Enter is the sandbox's Apply: let it reach the sandbox instead of the prompt.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return false;
          return true;
        });
        const refit = () => {
          try {
            if (host.current && host.current.offsetWidth > 0) fit.fit();
          } catch {
            // not laid out yet
          }
        };
        refit();
        const ro = new ResizeObserver(refit);
        ro.observe(host.current);
        cleanups.push(() => ro.disconnect());
        cleanups.push(watchTheme((theme) => (t.options.theme = THEMES[theme])));
        c.start(greeting);
        onReady({
          type: (text) => {
            c.type(text);
            t.focus();
          },
          runLine: (text) => {
            if (c.streaming !== null) return false;
            c.runLine(text);
            return true;
          },
          streamOutput: (chunks) => c.streamOutput(chunks),
          abortStream: (m) => c.abortStream(m),
          focus: () => t.focus(),
        });
      } catch (err) {
        setFailed(`The terminal could not start: ${(err as Error).message}`);
      }
    })();
    return () => {
      disposed = true;
      for (const f of cleanups) f();
      term.current?.dispose();
    };
  }, []);

  return (
    <div class="sb-terminal">
      {commands.length > 0 && (
        <div class="sb-chips" role="group" aria-label="Suggested commands (each types into the terminal)">
          {commands.map((cmd) => (
            <button type="button" class="sb-chip" key={cmd} onClick={() => controller.current && term.current && (controller.current.type(cmd), term.current.focus())}>
              <code>{cmd}</code>
            </button>
          ))}
        </div>
      )}
      {failed ? <p class="sb-error" role="alert">{failed}</p> : <div class="sb-xterm" ref={host} data-testid="terminal" />}
      <div class="visually-hidden" role="log" aria-live="polite" aria-label="Terminal output">
        {mirror.map((l, i) => <div key={i}>{l}{'\n'}</div>)}
      </div>
    </div>
  );
}
