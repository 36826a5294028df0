// Where each pod sits in a node's pod grid (PodGrid.tsx): fixed slots flowing in rows like the chips they stand
// for (wider when the pod has restarts to show), and which slot the arrow keys move to.

export interface SlotMetrics {
  /** Slot width, the width of a slot showing a restart count, slot height and the gap between slots (CSS px). */
  slot: number;
  wide: number;
  height: number;
  gap: number;
}

export interface Slot {
  x: number;
  y: number;
  w: number;
  row: number;
}

export function layoutSlots(items: readonly { restarts: number }[], width: number, m: SlotMetrics): { slots: Slot[]; height: number } {
  const slots: Slot[] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const w = item.restarts > 0 ? m.wide : m.slot;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    slots.push({ x, y: row * (m.height + m.gap), w, row });
    x += w + m.gap;
  }
  return { slots, height: items.length ? (row + 1) * m.height + row * m.gap : 0 };
}

/** The slot under (x, y), or -1. */
export function slotAt(slots: readonly Slot[], x: number, y: number, height: number): number {
  return slots.findIndex((s) => x >= s.x && x < s.x + s.w && y >= s.y && y < s.y + height);
}

/** The slot an arrow key leads to from `from`: the next or previous one, or the nearest in the row above or below. */
export function slotToward(slots: readonly Slot[], from: number, key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown'): number {
  if (slots.length === 0) return -1;
  if (from < 0) return 0;
  if (key === 'ArrowLeft') return Math.max(0, from - 1);
  if (key === 'ArrowRight') return Math.min(slots.length - 1, from + 1);
  const here = slots[from]!;
  const row = here.row + (key === 'ArrowDown' ? 1 : -1);
  const centre = here.x + here.w / 2;
  let best = from;
  let bestDistance = Number.POSITIVE_INFINITY;
  slots.forEach((s, i) => {
    if (s.row !== row) return;
    const distance = Math.abs(s.x + s.w / 2 - centre);
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  });
  return best;
}
