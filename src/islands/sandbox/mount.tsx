// The sandbox island's entry, imported by src/components/Sandbox.astro's loader when a learner opens a sandbox
// (openSandbox) or scrolls near one (preload). Nothing here runs before that.
import { render } from 'preact';
import { SandboxApp, type SandboxProps } from './SandboxApp.tsx';
import css from './sandbox.css?inline';
import { injectStyle } from './vite/inject-style.ts';
import { prewarmSimWorker } from './worker/spawn.ts';

function readProps(section: HTMLElement): SandboxProps {
  const el = section.querySelector('script[data-sandbox-props]');
  const props = JSON.parse(el?.textContent ?? 'null') as SandboxProps | null;
  if (!props || typeof props.id !== 'string' || !Array.isArray(props.files)) throw new Error('sandbox props are missing');
  return props;
}

/** Replaces the sandbox's static preview with the live sandbox. */
export function openSandbox(section: HTMLElement): void {
  if (section.dataset.sandboxState === 'open') return;
  const props = readProps(section);
  const mountPoint = section.querySelector<HTMLElement>('[data-sandbox-mount]');
  if (!mountPoint) throw new Error('sandbox mount point is missing');
  performance.mark(`sandbox:${props.id}:open`);
  injectStyle('workload-lab-sandbox', css);
  section.dataset.sandboxState = 'open';
  // Focus waits on the mount point until the editor is ready (SandboxApp moves it there).
  mountPoint.tabIndex = -1;
  mountPoint.focus({ preventScroll: true });
  render(<SandboxApp {...props} focusOnReady />, mountPoint);
}

/**
 * A sandbox is near, or the learner is about to open one: fetch and evaluate the editor and the terminal, and
 * start a simulator worker. Repeated calls cost nothing.
 */
export function preload(): void {
  prewarmSimWorker();
  void import('./monaco/setup.ts').catch(() => {});
  void import('@xterm/xterm').catch(() => {});
}
