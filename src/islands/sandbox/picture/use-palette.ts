// The site colours as a canvas needs them (timeline, pod grid), read again when the theme changes.
import { useEffect, useState } from 'preact/hooks';
import { readPalette, type Palette } from './timeline-draw.ts';

export function usePalette(ref: { current: Element | null }): Palette | null {
  const [palette, setPalette] = useState<Palette | null>(null);
  useEffect(() => {
    const read = () => ref.current && setPalette(readPalette(ref.current));
    read();
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', read);
    const mo = new MutationObserver(read);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    return () => {
      mq.removeEventListener('change', read);
      mo.disconnect();
    };
  }, []);
  return palette;
}
