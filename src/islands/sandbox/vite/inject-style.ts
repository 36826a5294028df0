// Adds a stylesheet given as text to the document once (by name). Used for Monaco's, xterm's and the sandbox's
// own CSS, which load with the sandbox rather than in the lesson page's <head>.
const injected = new Set<string>();

export function injectStyle(name: string, css: string): void {
  if (injected.has(name) || typeof document === 'undefined') return;
  injected.add(name);
  const style = document.createElement('style');
  style.dataset.injected = name;
  style.textContent = css;
  document.head.append(style);
}
