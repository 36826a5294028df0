// Monaco for the sandbox: a trimmed editor (only the features a YAML editor needs), its workers, monaco-yaml
// fed with the engine's schemas, and site-matching themes. Loaded once per page, when the first sandbox opens.
// Monaco 0.57 + monaco-yaml 5.5 need two adaptations (../shared/notes/stack.md): the deep-import alias in
// astro.config.mjs, and createWebWorker's old option shape, adapted below.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/caretOperations/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/languages/definitions/yaml/register';
import { configureMonacoYaml, type SchemasSettings } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import YamlWorker from './yaml.worker.ts?worker';
import type { EditorSchema } from '../../../engine/sandbox/editor-schemas.ts';

export type Monaco = typeof monaco;

function getWorker(_id: string, label: string): Worker {
  return label === 'yaml' ? new YamlWorker() : new EditorWorker();
}

/** The old createWebWorker options monaco-yaml (through monaco-worker-manager) still passes. */
interface LegacyWorkerOptions {
  moduleId: string;
  label?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

/**
 * A copy of the monaco API whose editor.createWebWorker also takes `{ moduleId, label, createData }`: it makes
 * the worker, sends the two messages monaco-worker-manager's worker waits for ('ignore' to start, then the
 * create data), and hands the worker to Monaco's own createWebWorker.
 */
function withLegacyWorkers(m: Monaco): Monaco {
  const createWebWorker = ((opts: LegacyWorkerOptions | monaco.editor.IInternalWebWorkerOptions) => {
    if ('worker' in opts) return m.editor.createWebWorker(opts);
    const worker = getWorker(opts.moduleId, opts.label ?? opts.moduleId);
    worker.postMessage('ignore');
    worker.postMessage(opts.createData);
    return m.editor.createWebWorker({ worker, host: opts.host as Record<string, () => unknown> | undefined, keepIdleModels: opts.keepIdleModels });
  }) as typeof m.editor.createWebWorker;
  return { ...m, editor: { ...m.editor, createWebWorker } };
}

let configured = false;

/**
 * Sets up workers, themes and monaco-yaml once per page. The editor does not wait for the schemas: monaco-yaml
 * starts without them and gets them when the simulator worker has sent them (completion and diagnostics then
 * follow as you type).
 */
export function setUpMonaco(loadSchemas: () => Promise<EditorSchema[]>): Monaco {
  if (configured) return monaco;
  configured = true;
  globalThis.MonacoEnvironment = { getWorker };
  defineThemes();
  const yaml = configureMonacoYaml(withLegacyWorkers(monaco), {
    enableSchemaRequest: false,
    hover: true,
    // The schemas' URIs are names, not pages: no "Source:" link under the hover docs.
    hoverAnchor: false,
    completion: true,
    validate: true,
    format: { enable: false },
    yamlVersion: '1.1',
    schemas: [],
  });
  loadSchemas().then(
    (schemas) => yaml.update({ schemas: schemas as SchemasSettings[] }),
    (err: unknown) => {
      configured = false; // the next sandbox to open tries again
      console.error('The editor schemas could not be loaded.', err);
    },
  );
  return monaco;
}

export const THEME = { light: 'workload-lab-light', dark: 'workload-lab-dark' } as const;

/** Monaco themes on the site's surfaces (src/styles/global.css --surface, --fg, --border, --accent). */
function defineThemes(): void {
  monaco.editor.defineTheme(THEME.light, {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#ffffff',
      'editor.foreground': '#1b1f29',
      'editorLineNumber.foreground': '#6b7385',
      'editorLineNumber.activeForeground': '#1b1f29',
      'editor.lineHighlightBackground': '#f1f3f8',
      'editorWidget.border': '#d8dce6',
      focusBorder: '#c2410c',
    },
  });
  monaco.editor.defineTheme(THEME.dark, {
    base: 'vs-dark',
    inherit: true,
    // vs-dark's comment green (#608b4e) is 3.96:1 on the current line's background; this one is 5.6:1 (axe).
    rules: [{ token: 'comment', foreground: '7ba66a' }],
    colors: {
      'editor.background': '#171b24',
      'editor.foreground': '#e6e9f0',
      'editorLineNumber.foreground': '#8a93a6',
      'editorLineNumber.activeForeground': '#e6e9f0',
      'editor.lineHighlightBackground': '#1e2330',
      'editorWidget.border': '#2f3645',
      focusBorder: '#ffb37a',
    },
  });
}

export { monaco };
