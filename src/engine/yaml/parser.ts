// The event parser: a state machine over scanner tokens that behaves like go-yaml v2's
// parserc.go (same grammar, same error texts and marks). It keeps explicit state and mark
// stacks, so nesting depth never touches the JS call stack.
import { ChunkError, type Mark } from './syntax-error.ts';
import type { Scanner } from './scanner.ts';
import {
  STYLE_PLAIN, T_ALIAS, T_ANCHOR, T_BLOCK_END, T_BLOCK_ENTRY, T_BLOCK_MAPPING_START,
  T_BLOCK_SEQUENCE_START, T_DOCUMENT_END, T_DOCUMENT_START, T_FLOW_ENTRY, T_FLOW_MAPPING_END,
  T_FLOW_MAPPING_START, T_FLOW_SEQUENCE_END, T_FLOW_SEQUENCE_START, T_KEY, T_SCALAR, T_STREAM_END,
  T_STREAM_START, T_TAG, T_TAG_DIRECTIVE, T_VALUE, T_VERSION_DIRECTIVE, type Token,
} from './tokens.ts';

export const E_STREAM_START = 1;
export const E_STREAM_END = 2;
export const E_DOCUMENT_START = 3;
export const E_DOCUMENT_END = 4;
export const E_ALIAS = 5;
export const E_SCALAR = 6;
export const E_SEQUENCE_START = 7;
export const E_SEQUENCE_END = 8;
export const E_MAPPING_START = 9;
export const E_MAPPING_END = 10;

export interface ParseEvent {
  type: number;
  /** Where the node starts, properties (anchor, tag) included. */
  start: Mark;
  /** Where the node's content starts (the scalar, the indicator), properties excluded. */
  content: Mark;
  end: Mark;
  anchor: string;
  tag: string;
  value: string;
  /** A plain scalar without tag (or with the `!` tag): subject to implicit resolution. */
  implicit: boolean;
  style: number;
}

const S_STREAM_START = 0;
const S_IMPLICIT_DOCUMENT_START = 1;
const S_DOCUMENT_START = 2;
const S_DOCUMENT_CONTENT = 3;
const S_DOCUMENT_END = 4;
const S_BLOCK_NODE = 5;
const S_BLOCK_NODE_OR_INDENTLESS_SEQUENCE = 6;
const S_FLOW_NODE = 7;
const S_BLOCK_SEQUENCE_FIRST_ENTRY = 8;
const S_BLOCK_SEQUENCE_ENTRY = 9;
const S_INDENTLESS_SEQUENCE_ENTRY = 10;
const S_BLOCK_MAPPING_FIRST_KEY = 11;
const S_BLOCK_MAPPING_KEY = 12;
const S_BLOCK_MAPPING_VALUE = 13;
const S_FLOW_SEQUENCE_FIRST_ENTRY = 14;
const S_FLOW_SEQUENCE_ENTRY = 15;
const S_FLOW_SEQUENCE_ENTRY_MAPPING_KEY = 16;
const S_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE = 17;
const S_FLOW_SEQUENCE_ENTRY_MAPPING_END = 18;
const S_FLOW_MAPPING_FIRST_KEY = 19;
const S_FLOW_MAPPING_KEY = 20;
const S_FLOW_MAPPING_VALUE = 21;
const S_FLOW_MAPPING_EMPTY_VALUE = 22;
const S_END = 23;

const DEFAULT_TAG_HANDLES: ReadonlyArray<readonly [string, string]> = [
  ['!', '!'],
  ['!!', 'tag:yaml.org,2002:'],
];


export class EventParser {
  private readonly scanner: Scanner;
  private state = S_STREAM_START;
  private readonly states: number[] = [];
  private readonly marks: Mark[] = [];
  private tagHandles: Array<readonly [string, string]> = [];
  error: ChunkError | null = null;
  /** The one event object, refilled by every call to next(): consumers copy what they need. */
  private readonly ev: ParseEvent;

  constructor(scanner: Scanner) {
    this.scanner = scanner;
    const m = scanner.mark();
    this.ev = { type: 0, start: m, content: m, end: m, anchor: '', tag: '', value: '', implicit: false, style: 0 };
  }

  private event(type: number, start: Mark, end: Mark): ParseEvent {
    const ev = this.ev;
    ev.type = type;
    ev.start = start;
    ev.content = start;
    ev.end = end;
    ev.anchor = '';
    ev.tag = '';
    ev.value = '';
    ev.implicit = false;
    ev.style = 0;
    return ev;
  }

  /** The event for a node whose content token is `t`. */
  private nodeEvent(type: number, start: Mark, t: Token, anchor: string, tag: string): ParseEvent {
    const ev = this.event(type, start, t.end);
    ev.content = t.start;
    ev.anchor = anchor;
    ev.tag = tag;
    return ev;
  }

  /** The next event, or null after an error (scanner or parser) has been recorded. */
  next(): ParseEvent | null {
    if (this.error) return null;
    const ev = this.step();
    if (!ev && !this.error) this.error = this.scanner.error;
    return ev;
  }

  private peek(): Token | null {
    const t = this.scanner.peek();
    if (!t) this.error = this.scanner.error;
    return t;
  }

  private fail(problem: string, problemMark: Mark, contextMark: Mark | null = null): null {
    this.error = new ChunkError('parser', problem, problemMark, contextMark, problemMark.pos);
    return null;
  }

  private pop(): number {
    return this.states.pop()!;
  }

  private step(): ParseEvent | null {
    switch (this.state) {
      case S_STREAM_START: return this.streamStart();
      case S_IMPLICIT_DOCUMENT_START: return this.documentStart(true);
      case S_DOCUMENT_START: return this.documentStart(false);
      case S_DOCUMENT_CONTENT: return this.documentContent();
      case S_DOCUMENT_END: return this.documentEnd();
      case S_BLOCK_NODE: return this.node(true, false);
      case S_BLOCK_NODE_OR_INDENTLESS_SEQUENCE: return this.node(true, true);
      case S_FLOW_NODE: return this.node(false, false);
      case S_BLOCK_SEQUENCE_FIRST_ENTRY: return this.blockSequenceEntry(true);
      case S_BLOCK_SEQUENCE_ENTRY: return this.blockSequenceEntry(false);
      case S_INDENTLESS_SEQUENCE_ENTRY: return this.indentlessSequenceEntry();
      case S_BLOCK_MAPPING_FIRST_KEY: return this.blockMappingKey(true);
      case S_BLOCK_MAPPING_KEY: return this.blockMappingKey(false);
      case S_BLOCK_MAPPING_VALUE: return this.blockMappingValue();
      case S_FLOW_SEQUENCE_FIRST_ENTRY: return this.flowSequenceEntry(true);
      case S_FLOW_SEQUENCE_ENTRY: return this.flowSequenceEntry(false);
      case S_FLOW_SEQUENCE_ENTRY_MAPPING_KEY: return this.flowSequenceEntryMappingKey();
      case S_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE: return this.flowSequenceEntryMappingValue();
      case S_FLOW_SEQUENCE_ENTRY_MAPPING_END: return this.flowSequenceEntryMappingEnd();
      case S_FLOW_MAPPING_FIRST_KEY: return this.flowMappingKey(true);
      case S_FLOW_MAPPING_KEY: return this.flowMappingKey(false);
      case S_FLOW_MAPPING_VALUE: return this.flowMappingValue(false);
      case S_FLOW_MAPPING_EMPTY_VALUE: return this.flowMappingValue(true);
      default: return null;
    }
  }

  private streamStart(): ParseEvent | null {
    const t = this.peek();
    if (!t) return null;
    if (t.type !== T_STREAM_START) return this.fail('did not find expected <stream-start>', t.start);
    this.state = S_IMPLICIT_DOCUMENT_START;
    this.scanner.skip();
    return this.event(E_STREAM_START, t.start, t.end);
  }

  private documentStart(implicit: boolean): ParseEvent | null {
    let t = this.peek();
    if (!t) return null;
    if (!implicit) {
      while (t.type === T_DOCUMENT_END) {
        this.scanner.skip();
        t = this.peek();
        if (!t) return null;
      }
    }
    if (implicit && t.type !== T_VERSION_DIRECTIVE && t.type !== T_TAG_DIRECTIVE && t.type !== T_DOCUMENT_START && t.type !== T_STREAM_END) {
      if (!this.processDirectives()) return null;
      this.states.push(S_DOCUMENT_END);
      this.state = S_BLOCK_NODE;
      return this.event(E_DOCUMENT_START, t.start, t.end);
    }
    if (t.type !== T_STREAM_END) {
      const start = t.start;
      if (!this.processDirectives()) return null;
      t = this.peek();
      if (!t) return null;
      if (t.type !== T_DOCUMENT_START) return this.fail('did not find expected <document start>', t.start);
      this.states.push(S_DOCUMENT_END);
      this.state = S_DOCUMENT_CONTENT;
      this.scanner.skip();
      return this.event(E_DOCUMENT_START, start, t.end);
    }
    this.state = S_END;
    this.scanner.skip();
    return this.event(E_STREAM_END, t.start, t.end);
  }

  private processDirectives(): boolean {
    let sawVersion = false;
    const handles: Array<readonly [string, string]> = [];
    let t = this.peek();
    if (!t) return false;
    while (t.type === T_VERSION_DIRECTIVE || t.type === T_TAG_DIRECTIVE) {
      if (t.type === T_VERSION_DIRECTIVE) {
        if (sawVersion) return this.fail('found duplicate %YAML directive', t.start) !== null;
        if (t.major !== 1 || t.minor !== 1) return this.fail('found incompatible YAML document', t.start) !== null;
        sawVersion = true;
      } else {
        if (handles.some(([h]) => h === t!.value)) return this.fail('found duplicate %TAG directive', t.start) !== null;
        handles.push([t.value, t.suffix]);
      }
      this.scanner.skip();
      t = this.peek();
      if (!t) return false;
    }
    for (const d of DEFAULT_TAG_HANDLES) if (!handles.some(([h]) => h === d[0])) handles.push(d);
    this.tagHandles = handles;
    return true;
  }

  private documentContent(): ParseEvent | null {
    const t = this.peek();
    if (!t) return null;
    if (t.type === T_VERSION_DIRECTIVE || t.type === T_TAG_DIRECTIVE || t.type === T_DOCUMENT_START || t.type === T_DOCUMENT_END || t.type === T_STREAM_END) {
      this.state = this.pop();
      return this.emptyScalar(t.start);
    }
    return this.node(true, false);
  }

  private documentEnd(): ParseEvent | null {
    const t = this.peek();
    if (!t) return null;
    let end = t.start;
    if (t.type === T_DOCUMENT_END) {
      end = t.end;
      this.scanner.skip();
    }
    this.tagHandles = [];
    this.state = S_DOCUMENT_START;
    return this.event(E_DOCUMENT_END, t.start, end);
  }

  private emptyScalar(at: Mark): ParseEvent {
    const ev = this.event(E_SCALAR, at, at);
    ev.implicit = true;
    ev.style = STYLE_PLAIN;
    return ev;
  }

  private node(block: boolean, indentlessSequence: boolean): ParseEvent | null {
    let t = this.peek();
    if (!t) return null;
    if (t.type === T_ALIAS) {
      this.state = this.pop();
      this.scanner.skip();
      const ev = this.event(E_ALIAS, t.start, t.end);
      ev.anchor = t.value;
      return ev;
    }
    const start = t.start;
    let end = t.start;
    let anchor = '';
    let hasTag = false;
    let handle = '';
    let suffix = '';
    let tagMark = t.start;
    if (t.type === T_ANCHOR) {
      anchor = t.value;
      end = t.end;
      this.scanner.skip();
      t = this.peek();
      if (!t) return null;
      if (t.type === T_TAG) {
        hasTag = true;
        handle = t.value;
        suffix = t.suffix;
        tagMark = t.start;
        end = t.end;
        this.scanner.skip();
        t = this.peek();
        if (!t) return null;
      }
    } else if (t.type === T_TAG) {
      hasTag = true;
      handle = t.value;
      suffix = t.suffix;
      tagMark = t.start;
      end = t.end;
      this.scanner.skip();
      t = this.peek();
      if (!t) return null;
      if (t.type === T_ANCHOR) {
        anchor = t.value;
        end = t.end;
        this.scanner.skip();
        t = this.peek();
        if (!t) return null;
      }
    }
    let tag = '';
    if (hasTag) {
      if (handle === '') {
        tag = suffix;
      } else {
        const found = this.tagHandles.find(([h]) => h === handle);
        if (found) tag = found[1] + suffix;
        if (tag === '') return this.fail('found undefined tag handle', tagMark, start);
      }
    }
    if (indentlessSequence && t.type === T_BLOCK_ENTRY) {
      this.state = S_INDENTLESS_SEQUENCE_ENTRY;
      return this.nodeEvent(E_SEQUENCE_START, start, t, anchor, tag);
    }
    if (t.type === T_SCALAR) {
      const ev = this.nodeEvent(E_SCALAR, start, t, anchor, tag);
      ev.value = t.value;
      ev.style = t.style;
      ev.implicit = (tag === '' && t.style === STYLE_PLAIN) || tag === '!';
      this.state = this.pop();
      this.scanner.skip();
      return ev;
    }
    if (t.type === T_FLOW_SEQUENCE_START) {
      this.state = S_FLOW_SEQUENCE_FIRST_ENTRY;
      return this.nodeEvent(E_SEQUENCE_START, start, t, anchor, tag);
    }
    if (t.type === T_FLOW_MAPPING_START) {
      this.state = S_FLOW_MAPPING_FIRST_KEY;
      return this.nodeEvent(E_MAPPING_START, start, t, anchor, tag);
    }
    if (block && t.type === T_BLOCK_SEQUENCE_START) {
      this.state = S_BLOCK_SEQUENCE_FIRST_ENTRY;
      return this.nodeEvent(E_SEQUENCE_START, start, t, anchor, tag);
    }
    if (block && t.type === T_BLOCK_MAPPING_START) {
      this.state = S_BLOCK_MAPPING_FIRST_KEY;
      return this.nodeEvent(E_MAPPING_START, start, t, anchor, tag);
    }
    if (anchor !== '' || tag !== '') {
      // Properties with no content: an empty plain scalar.
      this.state = this.pop();
      const ev = this.event(E_SCALAR, start, end);
      ev.content = end;
      ev.anchor = anchor;
      ev.tag = tag;
      ev.implicit = tag === '';
      ev.style = STYLE_PLAIN;
      return ev;
    }
    return this.fail('did not find expected node content', t.start, start);
  }

  private blockSequenceEntry(first: boolean): ParseEvent | null {
    if (first) {
      const open = this.peek();
      if (!open) return null;
      this.marks.push(open.start);
      this.scanner.skip();
    }
    let t = this.peek();
    if (!t) return null;
    if (t.type === T_BLOCK_ENTRY) {
      return this.nodeAfterIndicator(t, [T_BLOCK_ENTRY, T_BLOCK_END], S_BLOCK_SEQUENCE_ENTRY, false);
    }
    if (t.type === T_BLOCK_END) {
      this.state = this.pop();
      this.marks.pop();
      this.scanner.skip();
      return this.event(E_SEQUENCE_END, t.start, t.end);
    }
    return this.fail("did not find expected '-' indicator", t.start, this.marks.pop()!);
  }

  /**
   * After a block indicator (`-`, `?`, `:`): the node that follows it, or an empty scalar when the next token
   * is one of `ends`; either way the parser then continues in `next` (libyaml's shared pattern).
   */
  private nodeAfterIndicator(indicator: Token, ends: readonly number[], next: number, indentless: boolean): ParseEvent | null {
    this.scanner.skip();
    const t = this.peek();
    if (!t) return null;
    if (!ends.includes(t.type)) {
      this.states.push(next);
      return this.node(true, indentless);
    }
    this.state = next;
    return this.emptyScalar(indicator.end);
  }

  private indentlessSequenceEntry(): ParseEvent | null {
    let t = this.peek();
    if (!t) return null;
    if (t.type === T_BLOCK_ENTRY) {
      return this.nodeAfterIndicator(t, [T_BLOCK_ENTRY, T_KEY, T_VALUE, T_BLOCK_END], S_INDENTLESS_SEQUENCE_ENTRY, false);
    }
    this.state = this.pop();
    return this.event(E_SEQUENCE_END, t.start, t.start);
  }

  private blockMappingKey(first: boolean): ParseEvent | null {
    if (first) {
      const open = this.peek();
      if (!open) return null;
      this.marks.push(open.start);
      this.scanner.skip();
    }
    let t = this.peek();
    if (!t) return null;
    if (t.type === T_KEY) {
      return this.nodeAfterIndicator(t, [T_KEY, T_VALUE, T_BLOCK_END], S_BLOCK_MAPPING_VALUE, true);
    }
    if (t.type === T_BLOCK_END) {
      this.state = this.pop();
      this.marks.pop();
      this.scanner.skip();
      return this.event(E_MAPPING_END, t.start, t.end);
    }
    return this.fail('did not find expected key', t.start, this.marks.pop()!);
  }

  private blockMappingValue(): ParseEvent | null {
    let t = this.peek();
    if (!t) return null;
    if (t.type === T_VALUE) {
      return this.nodeAfterIndicator(t, [T_KEY, T_VALUE, T_BLOCK_END], S_BLOCK_MAPPING_KEY, true);
    }
    this.state = S_BLOCK_MAPPING_KEY;
    return this.emptyScalar(t.start);
  }

  private flowSequenceEntry(first: boolean): ParseEvent | null {
    if (first) {
      const open = this.peek();
      if (!open) return null;
      this.marks.push(open.start);
      this.scanner.skip();
    }
    let t = this.peek();
    if (!t) return null;
    if (t.type !== T_FLOW_SEQUENCE_END) {
      if (!first) {
        if (t.type !== T_FLOW_ENTRY) return this.fail("did not find expected ',' or ']'", t.start, this.marks.pop()!);
        this.scanner.skip();
        t = this.peek();
        if (!t) return null;
      }
      if (t.type === T_KEY) {
        // `[a: b]`: a single-pair mapping inside the sequence.
        this.state = S_FLOW_SEQUENCE_ENTRY_MAPPING_KEY;
        const ev = this.event(E_MAPPING_START, t.start, t.end);
        ev.implicit = true;
        this.scanner.skip();
        return ev;
      }
      if (t.type !== T_FLOW_SEQUENCE_END) {
        this.states.push(S_FLOW_SEQUENCE_ENTRY);
        return this.node(false, false);
      }
    }
    this.state = this.pop();
    this.marks.pop();
    this.scanner.skip();
    return this.event(E_SEQUENCE_END, t.start, t.end);
  }

  private flowSequenceEntryMappingKey(): ParseEvent | null {
    const t = this.peek();
    if (!t) return null;
    if (t.type !== T_VALUE && t.type !== T_FLOW_ENTRY && t.type !== T_FLOW_SEQUENCE_END) {
      this.states.push(S_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE);
      return this.node(false, false);
    }
    const after = t.end;
    this.scanner.skip();
    this.state = S_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE;
    return this.emptyScalar(after);
  }

  private flowSequenceEntryMappingValue(): ParseEvent | null {
    let t = this.peek();
    if (!t) return null;
    if (t.type === T_VALUE) {
      this.scanner.skip();
      t = this.peek();
      if (!t) return null;
      if (t.type !== T_FLOW_ENTRY && t.type !== T_FLOW_SEQUENCE_END) {
        this.states.push(S_FLOW_SEQUENCE_ENTRY_MAPPING_END);
        return this.node(false, false);
      }
    }
    this.state = S_FLOW_SEQUENCE_ENTRY_MAPPING_END;
    return this.emptyScalar(t.start);
  }

  private flowSequenceEntryMappingEnd(): ParseEvent | null {
    const t = this.peek();
    if (!t) return null;
    this.state = S_FLOW_SEQUENCE_ENTRY;
    return this.event(E_MAPPING_END, t.start, t.start);
  }

  private flowMappingKey(first: boolean): ParseEvent | null {
    if (first) {
      const open = this.peek();
      if (!open) return null;
      this.marks.push(open.start);
      this.scanner.skip();
    }
    let t = this.peek();
    if (!t) return null;
    if (t.type !== T_FLOW_MAPPING_END) {
      if (!first) {
        if (t.type !== T_FLOW_ENTRY) return this.fail("did not find expected ',' or '}'", t.start, this.marks.pop()!);
        this.scanner.skip();
        t = this.peek();
        if (!t) return null;
      }
      if (t.type === T_KEY) {
        this.scanner.skip();
        t = this.peek();
        if (!t) return null;
        if (t.type !== T_VALUE && t.type !== T_FLOW_ENTRY && t.type !== T_FLOW_MAPPING_END) {
          this.states.push(S_FLOW_MAPPING_VALUE);
          return this.node(false, false);
        }
        this.state = S_FLOW_MAPPING_VALUE;
        return this.emptyScalar(t.start);
      }
      if (t.type !== T_FLOW_MAPPING_END) {
        this.states.push(S_FLOW_MAPPING_EMPTY_VALUE);
        return this.node(false, false);
      }
    }
    this.state = this.pop();
    this.marks.pop();
    this.scanner.skip();
    return this.event(E_MAPPING_END, t.start, t.end);
  }

  private flowMappingValue(empty: boolean): ParseEvent | null {
    let t = this.peek();
    if (!t) return null;
    if (empty) {
      this.state = S_FLOW_MAPPING_KEY;
      return this.emptyScalar(t.start);
    }
    if (t.type === T_VALUE) {
      this.scanner.skip();
      t = this.peek();
      if (!t) return null;
      if (t.type !== T_FLOW_ENTRY && t.type !== T_FLOW_MAPPING_END) {
        this.states.push(S_FLOW_MAPPING_KEY);
        return this.node(false, false);
      }
    }
    this.state = S_FLOW_MAPPING_KEY;
    return this.emptyScalar(t.start);
  }
}
