// Wires "mark as complete" and the completed marks (sidebar, lesson list) to localStorage progress.
import { loadProgress, saveProgress, setCompleted } from '../lib/progress.ts';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function render(completed: Record<string, string>): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-lesson-slug]')) {
    const done = el.dataset.lessonSlug! in completed;
    el.toggleAttribute('data-complete', done);
    const status = el.querySelector<HTMLElement>('[data-lesson-status]');
    if (status) status.textContent = done ? 'completed' : '';
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-mark-complete]')) {
    const done = button.dataset.markComplete! in completed;
    button.setAttribute('aria-pressed', String(done));
    const label = button.querySelector('[data-label]');
    if (label) label.textContent = done ? 'Completed' : 'Mark as complete';
  }
  const count = document.querySelector<HTMLElement>('[data-progress-count]');
  if (count) {
    const total = Number(count.dataset.progressTotal);
    const slugs = new Set([...document.querySelectorAll<HTMLElement>('[data-lesson-slug]')].map((e) => e.dataset.lessonSlug));
    const done = Object.keys(completed).filter((s) => slugs.has(s)).length;
    count.textContent = `${done} of ${total} lessons completed`;
  }
}

let progress = loadProgress(storage());
render(progress.completed);

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-mark-complete]')) {
  button.addEventListener('click', () => {
    const slug = button.dataset.markComplete!;
    progress = setCompleted(progress, slug, !(slug in progress.completed));
    const saved = saveProgress(storage(), progress);
    render(progress.completed);
    const note = document.querySelector<HTMLElement>('[data-progress-note]');
    if (note) note.textContent = saved ? '' : 'Your browser is not keeping site data, so progress lasts only for this visit.';
  });
}

// Another tab marked a lesson: keep this one in step.
window.addEventListener('storage', () => {
  progress = loadProgress(storage());
  render(progress.completed);
});
