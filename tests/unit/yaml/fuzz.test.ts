import { describe, expect, it } from 'vitest';
import { readManifests } from '../../../src/engine/yaml/index.ts';
import { corpusFiles } from './helpers.ts';

/** A small deterministic generator (LCG), so failures can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

const INSERTS = [' ', '\t', '\n', '\r', '-', ':', '{', '}', '[', ']', ',', '#', '&a', '*a', '!!', '!', '|', '>', "'", '"', '\\', '%', '@', '`', '?', '---\n', '...\n', '<<: ', '\u0001', '\u0000', '\u00e9', '\ud83d\ude00', '\ufeff', '\u2028'];

function mutate(text: string, rnd: () => number): string {
  let t = text;
  const edits = 1 + Math.floor(rnd() * 6);
  for (let k = 0; k < edits; k++) {
    const i = Math.floor(rnd() * (t.length + 1));
    switch (Math.floor(rnd() * 4)) {
      case 0: // delete a few characters
        t = t.slice(0, i) + t.slice(i + 1 + Math.floor(rnd() * 4));
        break;
      case 1: { // duplicate a slice somewhere else
        const j = Math.floor(rnd() * t.length);
        t = t.slice(0, i) + t.slice(j, j + 1 + Math.floor(rnd() * 16)) + t.slice(i);
        break;
      }
      case 2: { // swap two characters
        const j = Math.floor(rnd() * t.length);
        if (i < t.length && j < t.length) {
          const a = t[i]!;
          const b = t[j]!;
          t = `${t.slice(0, i)}${b}${t.slice(i + 1)}`;
          t = `${t.slice(0, j)}${a}${t.slice(j + 1)}`;
        }
        break;
      }
      default: // insert YAML-significant text
        t = t.slice(0, i) + INSERTS[Math.floor(rnd() * INSERTS.length)]! + t.slice(i);
    }
  }
  return t;
}

describe('readManifests on damaged manifests', () => {
  it('never throws and keeps every error inside the file (500 seeded mutations)', () => {
    const files = corpusFiles().map(([, text]) => text);
    const rnd = generator(20260514);
    let errors = 0;
    for (let n = 0; n < 500; n++) {
      const text = mutate(files[Math.floor(rnd() * files.length)]!, rnd);
      const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      const r = readManifests(text);
      for (const e of r.errors) {
        errors++;
        expect(e.line, JSON.stringify(text)).toBeGreaterThanOrEqual(1);
        expect(e.line, JSON.stringify(text)).toBeLessThanOrEqual(Math.max(1, lines));
        expect(e.column).toBeGreaterThanOrEqual(1);
        expect(e.message).not.toMatch(/^internal error/);
      }
      for (const d of r.documents) {
        expect(d.startLine).toBeGreaterThanOrEqual(1);
        expect(() => JSON.stringify(d.value)).not.toThrow();
      }
    }
    expect(errors).toBeGreaterThan(0);
  });

  it('never throws on arbitrary strings', () => {
    const rnd = generator(7);
    for (let n = 0; n < 300; n++) {
      let text = '';
      const len = Math.floor(rnd() * 60);
      for (let k = 0; k < len; k++) text += INSERTS[Math.floor(rnd() * INSERTS.length)]! + (rnd() < 0.3 ? 'key' : '');
      expect(() => readManifests(text)).not.toThrow();
    }
  });
});
