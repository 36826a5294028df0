// The pod grid (src/islands/sandbox/picture/PodGrid.tsx) places pods like the chips they stand for: fixed slots in
// rows, wider with a restart count; the arrow keys move as they would between those chips.
import { describe, expect, it } from 'vitest';
import { layoutSlots, slotAt, slotToward } from '../../../src/islands/sandbox/picture/pod-grid-layout.ts';

const m = { slot: 30, wide: 50, height: 20, gap: 5 };
const pods = (...restarts: number[]) => restarts.map((r) => ({ restarts: r }));

describe('layoutSlots', () => {
  it('fills a row, then wraps; a pod with restarts takes a wide slot', () => {
    // 100 px: 30 + 5 + 30 = 65, a third narrow slot would end at 100 (fits), a fourth would not.
    const { slots, height } = layoutSlots(pods(0, 0, 0, 0, 2), 100, m);
    expect(slots.map((s) => [s.x, s.y, s.w, s.row])).toEqual([[0, 0, 30, 0], [35, 0, 30, 0], [70, 0, 30, 0], [0, 25, 30, 1], [35, 25, 50, 1]]);
    expect(height).toBe(45);
  });

  it('puts a slot wider than the row on a row of its own, and has no height without pods', () => {
    expect(layoutSlots(pods(1, 1), 40, m).slots.map((s) => s.row)).toEqual([0, 1]);
    expect(layoutSlots([], 100, m).height).toBe(0);
  });
});

describe('slotAt and slotToward', () => {
  const { slots } = layoutSlots(pods(0, 0, 0, 0, 0, 0, 0), 100, m); // rows of 3: [0 1 2] [3 4 5] [6]

  it('finds the slot under a point, not the gaps between slots', () => {
    expect(slotAt(slots, 36, 26, m.height)).toBe(4);
    expect(slotAt(slots, 32, 5, m.height)).toBe(-1);
    expect(slotAt(slots, 5, 22, m.height)).toBe(-1);
  });

  it('moves left and right in order, up and down to the nearest slot of the next row, and stays at the edges', () => {
    expect(slotToward(slots, 4, 'ArrowRight')).toBe(5);
    expect(slotToward(slots, 3, 'ArrowLeft')).toBe(2);
    expect(slotToward(slots, 1, 'ArrowDown')).toBe(4);
    expect(slotToward(slots, 5, 'ArrowDown')).toBe(6);
    expect(slotToward(slots, 6, 'ArrowDown')).toBe(6);
    expect(slotToward(slots, 0, 'ArrowUp')).toBe(0);
    expect(slotToward(slots, 6, 'ArrowRight')).toBe(6);
    expect(slotToward(slots, -1, 'ArrowDown')).toBe(0);
  });
});
