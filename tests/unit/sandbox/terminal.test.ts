// The sandbox terminal's line editing and controller (src/islands/sandbox/terminal): readline-style keys,
// history, completion on Tab (the second Tab lists, as bash does), streams and Ctrl+C. xterm is replaced by a
// recorder of what would be written.
import { describe, expect, it } from 'vitest';
import { LineEditor, redrawSequence } from '../../../src/islands/sandbox/terminal/line-editor.ts';
import { TerminalController, type TerminalDeps } from '../../../src/islands/sandbox/terminal/controller.ts';
import type { Completion, LineResult, StreamChunk } from '../../../src/islands/sandbox/worker/protocol.ts';

describe('LineEditor', () => {
  it('edits like readline and keeps a history that does not lose the line being typed', () => {
    const l = new LineEditor();
    l.insert('kubectl get pods');
    l.killWordBack();
    expect(l.text).toBe('kubectl get ');
    l.home();
    l.insert('x');
    l.killToStart();
    expect(l.text).toBe('kubectl get ');
    expect(l.take()).toBe('kubectl get ');
    l.insert('kubectl get jobs');
    l.take();
    l.take(); // a blank line is not recorded
    l.insert('draft');
    l.historyUp();
    expect(l.text).toBe('kubectl get jobs');
    l.historyUp();
    expect(l.text).toBe('kubectl get ');
    l.historyDown();
    l.historyDown();
    expect(l.text).toBe('draft');
    expect(l.history).toEqual(['kubectl get ', 'kubectl get jobs']);
  });

  it('redraws a wrapped line from its first row and puts the cursor back', () => {
    // 10 columns, prompt "$ " (2): "$ abcdefghijkl" spans two rows; the cursor was at the end (row 1).
    expect(redrawSequence('$ ', 2, 'abcdefghijkl', 3, 12, 10)).toBe('\x1b[1A\r\x1b[J$ abcdefghijkl\x1b[1A\r\x1b[5C');
    expect(redrawSequence('$ ', 2, 'abcdefgh', 8, 0, 10)).toBe('\r\x1b[J$ abcdefgh\r\n\r');
  });
});

function harness(results: Record<string, LineResult>, completions: Record<string, string[]> = {}) {
  let screen = '';
  const mirror: string[] = [];
  const stopped: number[] = [];
  const deps: TerminalDeps = {
    run: async (line) => results[line] ?? { exitCode: 1, stdout: '', stderr: `error: unknown ${line}\n` },
    complete: async (line, cursor): Promise<Completion> => {
      const from = line.slice(0, cursor).search(/\S*$/);
      return { from, to: cursor, candidates: completions[line.slice(from, cursor)] ?? [] };
    },
    stopStream: async (id): Promise<StreamChunk> => {
      stopped.push(id);
      return { id, text: '', done: true, exitCode: 0 };
    },
    mirror: (t) => mirror.push(t),
    cleared: () => mirror.splice(0),
  };
  const c = new TerminalController({ cols: 80, write: (d) => (screen += d), clear: () => (screen = '') }, deps);
  c.start();
  const type = async (s: string) => {
    for (const ch of s) c.input(ch);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { c, deps, type, mirror, stopped, screen: () => screen };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('TerminalController', () => {
  it('runs a line, prints stdout, and errors in red', async () => {
    const h = harness({ 'kubectl get pods': { exitCode: 0, stdout: 'NAME\n', stderr: '' }, 'kubectl get x': { exitCode: 1, stdout: '', stderr: 'error: nope\n' } });
    await h.type('kubectl get pods\r');
    await settle();
    await h.type('kubectl get x\r');
    await settle();
    expect(h.mirror).toEqual(['$ kubectl get pods', 'NAME', '$ kubectl get x', 'error: nope']);
    expect(h.screen()).toContain('\x1b[31merror: nope\r\n\x1b[0m');
  });

  it('completes on Tab, keeps keys typed meanwhile in order, and lists on a second Tab', async () => {
    const h = harness({}, { desc: ['describe'], po: ['po', 'pod', 'pods'] });
    h.c.input('d');
    h.c.input('e');
    h.c.input('s');
    h.c.input('c');
    h.c.input('\t');
    h.c.input('j'); // typed before the completion came back
    await settle();
    await settle();
    expect(h.c.line.text).toBe('describe j');
    h.c.line.discard();
    await h.type('po');
    h.c.input('\t');
    await settle();
    h.c.input('\t');
    await settle();
    expect(h.mirror).toContain('po pod pods');
  });

  it('holds the prompt while a stream runs, prints its output, and Ctrl+C stops it', async () => {
    const h = harness({ 'kubectl get pods -w': { exitCode: 0, stdout: '', stderr: '', streamId: 7 } });
    await h.type('kubectl get pods -w\r');
    await settle();
    expect(h.c.streaming).toBe(7);
    h.c.input('x'); // held while the watch runs, not put on a line
    expect(h.c.line.text).toBe('');
    h.c.streamOutput([{ id: 7, text: 'pi-abcde   0/1   Pending\n', done: false }, { id: 3, text: 'other\n', done: false }]);
    expect(h.mirror).toContain('pi-abcde   0/1   Pending');
    expect(h.mirror).not.toContain('other');
    h.c.input('\x03');
    await settle();
    expect(h.stopped).toEqual([7]);
    expect(h.c.streaming).toBeNull();
    expect(h.screen()).toContain('^C\r\n');
    expect(h.c.line.text).toBe(''); // Ctrl+C flushed the held key, as a tty flushes its input queue on SIGINT
  });

  it('holds keys typed while a command runs and replays them at the next prompt, in order', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const ran: string[] = [];
    const h = harness({});
    h.deps.run = async (line: string) => {
      ran.push(line);
      if (ran.length === 1) await slow;
      return { exitCode: 0, stdout: `${line} done\n`, stderr: '' };
    };
    await h.type('kubectl get jobs\r');
    // typed before the first command has answered: held, not lost
    await h.type('kubectl get pods\rkubectl get no');
    expect(ran).toEqual(['kubectl get jobs']);
    release();
    await settle();
    await settle();
    expect(ran).toEqual(['kubectl get jobs', 'kubectl get pods']);
    expect(h.c.line.text).toBe('kubectl get no');
  });
});
