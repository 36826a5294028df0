// The sandbox's editor: Monaco with monaco-yaml (schema completion, hover docs and diagnostics as you type),
// one model per file with tabs when there are several, Ctrl/Cmd+Enter to apply, the engine's errors as
// markers after Apply, Esc to leave the editor. If Monaco cannot load, a plain textarea keeps the sandbox usable.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { editor as MonacoEditor } from 'monaco-editor/editor';
import type { EditorSchema, FileProblem, SandboxFile } from './worker/protocol.ts';
import { currentTheme, watchTheme } from './theme.ts';
import type { Monaco } from './monaco/setup.ts';

export interface EditorApi {
  files(): SandboxFile[];
  /** The engine's problems from the last Apply, as markers (replacing the previous ones). */
  setProblems(problems: readonly FileProblem[]): void;
  /** Replaces every file's text (reset to the lesson's version). */
  replaceAll(files: readonly SandboxFile[]): void;
  /** Shows `file` and puts the cursor at line/column. */
  reveal(file: string, line: number, column: number): void;
  focus(): void;
}

interface Props {
  sandboxId: string;
  initial: readonly SandboxFile[];
  loadSchemas(): Promise<EditorSchema[]>;
  onReady(api: EditorApi): void;
  onChange(files: SandboxFile[]): void;
  onApply(): void;
  onEscape(): void;
}

const APPLY_MARKER_OWNER = 'kubectl-apply';

export function EditorPane({ sandboxId, initial, loadSchemas, onReady, onChange, onApply, onEscape }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [mode, setMode] = useState<'loading' | 'monaco' | 'plain'>('loading');
  const [plainFiles, setPlainFiles] = useState<SandboxFile[]>(() => initial.map((f) => ({ ...f })));
  const editorRef = useRef<MonacoEditor.IStandaloneCodeEditor | null>(null);
  const models = useRef<MonacoEditor.ITextModel[]>([]);
  const viewStates = useRef<(MonacoEditor.ICodeEditorViewState | null)[]>([]);
  const monacoRef = useRef<Monaco | null>(null);
  const plainRef = useRef<HTMLTextAreaElement>(null);
  const plainFilesRef = useRef(plainFiles);
  plainFilesRef.current = plainFiles;
  const activeRef = useRef(active);
  activeRef.current = active;
  const latest = useRef({ onChange, onApply, onEscape });
  latest.current = { onChange, onApply, onEscape };
  const names = initial.map((f) => f.name);

  const switchTo = (i: number) => {
    const ed = editorRef.current;
    if (ed && models.current[i] && i !== activeRef.current) {
      viewStates.current[activeRef.current] = ed.saveViewState();
      ed.setModel(models.current[i]!);
      const vs = viewStates.current[i];
      if (vs) ed.restoreViewState(vs);
      ed.updateOptions({ ariaLabel: editorLabel(names[i]!) });
    }
    setActive(i);
  };

  useEffect(() => {
    let disposed = false;
    const cleanups: (() => void)[] = [];
    const filesNow = (): SandboxFile[] =>
      monacoRef.current ? names.map((name, i) => ({ name, text: models.current[i]!.getValue() })) : plainFilesRef.current.map((f) => ({ ...f }));
    const api: EditorApi = {
      files: filesNow,
      setProblems(problems) {
        const m = monacoRef.current;
        if (!m) return;
        names.forEach((name, i) => {
          const model = models.current[i]!;
          m.editor.setModelMarkers(model, APPLY_MARKER_OWNER, problems.filter((p) => p.file === name).map((p) => {
            const line = Math.min(Math.max(1, p.line), model.getLineCount());
            return {
              severity: p.severity === 'warning' ? m.MarkerSeverity.Warning : m.MarkerSeverity.Error,
              message: p.message,
              source: 'kubectl apply',
              startLineNumber: line,
              startColumn: Math.max(1, p.column),
              endLineNumber: line,
              endColumn: model.getLineMaxColumn(line),
            };
          }));
        });
      },
      replaceAll(files) {
        if (monacoRef.current) {
          files.forEach((f) => {
            const i = names.indexOf(f.name);
            const model = models.current[i];
            // pushEditOperations keeps the reset undoable (Ctrl+Z brings the edits back).
            if (model && model.getValue() !== f.text) model.pushEditOperations([], [{ range: model.getFullModelRange(), text: f.text }], () => null);
          });
        } else setPlainFiles(files.map((f) => ({ ...f })));
      },
      reveal(file, line, column) {
        const i = names.indexOf(file);
        if (i < 0) return;
        switchTo(i);
        const ed = editorRef.current;
        if (ed) {
          ed.revealLineInCenter(line);
          ed.setPosition({ lineNumber: line, column });
          ed.focus();
        }
      },
      focus() {
        if (editorRef.current) editorRef.current.focus();
        else plainRef.current?.focus();
      },
    };

    (async () => {
      try {
        const { setUpMonaco, THEME } = await import('./monaco/setup.ts');
        const monaco = setUpMonaco(loadSchemas);
        if (disposed || !host.current) return;
        monacoRef.current = monaco;
        models.current = initial.map((f) => {
          const uri = monaco.Uri.parse(`file:///sandbox/${encodeURIComponent(sandboxId)}/${f.name}`);
          monaco.editor.getModel(uri)?.dispose();
          return monaco.editor.createModel(f.text, 'yaml', uri);
        });
        const ed = monaco.editor.create(host.current, {
          model: models.current[0]!,
          ariaLabel: editorLabel(names[0]!),
          automaticLayout: true,
          fixedOverflowWidgets: true,
          fontSize: 13,
          lineHeight: 20,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          tabSize: 2,
          insertSpaces: true,
          detectIndentation: false,
          renderWhitespace: 'boundary',
          quickSuggestions: { other: true, comments: false, strings: true },
          theme: currentTheme() === 'dark' ? THEME.dark : THEME.light,
          padding: { top: 8, bottom: 8 },
          scrollbar: { alwaysConsumeMouseWheel: false },
          stickyScroll: { enabled: false },
          // 'dimmed' draws the last line number below the contrast minimum.
          renderFinalNewline: 'on',
          // Hover docs and suggestions stay readable in the narrow phone layout.
          hover: { above: false },
        });
        editorRef.current = ed;
        ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onApply());
        ed.addCommand(
          monaco.KeyCode.Escape,
          () => latest.current.onEscape(),
          '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !editorHoverVisible && !markersNavigationVisible && !editorHasMultipleSelections && !inSnippetMode',
        );
        for (const model of models.current) {
          const sub = model.onDidChangeContent(() => {
            // The Apply markers describe the text that was applied; an edit makes them stale.
            monaco.editor.setModelMarkers(model, APPLY_MARKER_OWNER, []);
            latest.current.onChange(filesNow());
          });
          cleanups.push(() => sub.dispose());
        }
        cleanups.push(watchTheme((t) => monaco.editor.setTheme(t === 'dark' ? THEME.dark : THEME.light)));
        setMode('monaco');
        onReady(api);
      } catch (err) {
        console.error('The editor could not load; using a plain text area.', err);
        if (disposed) return;
        setMode('plain');
        onReady(api);
      }
    })();
    return () => {
      disposed = true;
      for (const f of cleanups) f();
      editorRef.current?.dispose();
      for (const m of models.current) m.dispose();
    };
  }, []);

  const onTabKey = (e: KeyboardEvent) => {
    const n = names.length;
    let next = -1;
    if (e.key === 'ArrowRight') next = (active + 1) % n;
    else if (e.key === 'ArrowLeft') next = (active - 1 + n) % n;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    if (next < 0) return;
    e.preventDefault();
    switchTo(next);
    (e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role=tab]')[next]?.focus();
  };

  const panelId = `sb-${sandboxId}-editor`;
  return (
    <div class="sb-editor">
      {names.length > 1 ? (
        <div class="sb-tabs" role="tablist" aria-label="Files" onKeyDown={onTabKey}>
          {names.map((name, i) => (
            <button type="button" role="tab" key={name} id={`${panelId}-tab-${i}`} aria-selected={i === active} aria-controls={panelId}
              tabIndex={i === active ? 0 : -1} class="sb-tab" onClick={() => switchTo(i)}>
              {name}
            </button>
          ))}
        </div>
      ) : (
        <div class="sb-filename" id={`${panelId}-tab-0`}>{names[0]}</div>
      )}
      <div id={panelId} class="sb-editor-body" role={names.length > 1 ? 'tabpanel' : undefined} aria-labelledby={`${panelId}-tab-${active}`}>
        {mode === 'plain' ? (
          <textarea ref={plainRef} class="sb-plain" spellcheck={false} aria-label={editorLabel(names[active]!)} value={plainFiles[active]!.text}
            onInput={(e) => {
              const text = (e.currentTarget as HTMLTextAreaElement).value;
              const next = plainFiles.map((f, i) => (i === active ? { ...f, text } : f));
              setPlainFiles(next);
              latest.current.onChange(next);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                latest.current.onApply();
              }
            }} />
        ) : (
          <div class="sb-monaco-wrap">
            <div class="sb-monaco" ref={host} data-testid="editor" />
            {mode === 'loading' && <p class="sb-loading">Loading the editor…</p>}
          </div>
        )}
      </div>
    </div>
  );
}

function editorLabel(name: string): string {
  return `Editor: ${name}. Ctrl+Enter applies; Esc leaves the editor; Ctrl+M switches Tab between indenting and moving focus.`;
}
