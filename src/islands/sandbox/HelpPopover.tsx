// The keyboard help: a disclosure button with the sandbox's keys (the editor's and the terminal's own focus
// handling included, since both keep Tab for themselves).
import { useEffect, useRef, useState } from 'preact/hooks';

const KEYS: [string, string][] = [
  ['Ctrl/⌘ + Enter', 'Apply the files (anywhere in the sandbox)'],
  ['Esc', 'Leave the editor or the terminal, then Tab moves on'],
  ['Ctrl + M', 'In the editor: Tab moves focus instead of indenting (toggle)'],
  ['Ctrl + Space', 'In the editor: suggestions from the Kubernetes schema'],
  ['F8', 'In the editor: go to the next problem'],
  ['Tab', 'In the terminal: complete a command, type or name (twice: list them)'],
  ['↑ / ↓', 'In the terminal: command history'],
  ['Ctrl + C', 'In the terminal: stop a watch (kubectl get -w)'],
  ['Ctrl + L', 'In the terminal: clear the screen'],
];

export function HelpPopover({ idPrefix }: { idPrefix: string }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDoc = (e: Event) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDoc);
    return () => document.removeEventListener('pointerdown', onDoc);
  }, [open]);
  return (
    <div class="sb-help" ref={root} onKeyDown={(e) => {
      if (e.key === 'Escape' && open) {
        e.stopPropagation();
        setOpen(false);
        button.current?.focus();
      }
    }}>
      <button type="button" ref={button} class="sb-btn sb-quiet" aria-expanded={open} aria-controls={`${idPrefix}-help`} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">⌨</span> Keys
      </button>
      <div id={`${idPrefix}-help`} class="sb-help-panel" hidden={!open}>
        <p class="sb-help-title">Keyboard</p>
        <dl>
          {KEYS.map(([k, v]) => (
            <div key={k}><dt><kbd>{k}</kbd></dt><dd>{v}</dd></div>
          ))}
        </dl>
      </div>
    </div>
  );
}
