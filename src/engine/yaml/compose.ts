// Builds go-yaml's node tree for the first document of a chunk (decode.go `parser.parse`):
// anchors are registered when their node starts, so an alias sees the newest definition made
// before it, and an alias to an undefined anchor fails at once.
import {
  EventParser, E_ALIAS, E_MAPPING_END, E_MAPPING_START, E_SCALAR, E_SEQUENCE_END, E_SEQUENCE_START, E_STREAM_END,
  type ParseEvent,
} from './parser.ts';
import { Scanner } from './scanner.ts';
import { ChunkError } from './syntax-error.ts';

export const N_SCALAR = 1;
export const N_MAPPING = 2;
export const N_SEQUENCE = 3;
export const N_ALIAS = 4;

const NO_CHILDREN: YamlNode[] = [];

export class YamlNode {
  kind: number;
  /** Chunk offset where the content starts (properties excluded). */
  start: number;
  /** Chunk offset where the content ends (scalars: end of the scalar's source). */
  end: number;
  tag: string;
  anchor: string;
  /** Scalar text (escapes applied, lines folded), or the alias name. */
  value: string;
  implicit: boolean;
  style: number;
  /** Mapping: key, value, key, value...; sequence: items. */
  children: YamlNode[];
  target: YamlNode | null;

  constructor(kind: number, ev: ParseEvent) {
    this.kind = kind;
    this.start = ev.content.pos;
    this.end = ev.end.pos;
    this.tag = ev.tag;
    this.anchor = ev.anchor;
    this.value = ev.value;
    this.implicit = ev.implicit;
    this.style = ev.style;
    this.children = kind === N_MAPPING || kind === N_SEQUENCE ? [] : NO_CHILDREN;
    this.target = null;
  }
}

export interface Composed {
  /** The document's root node; null for a chunk without a document (comments, blank). */
  root: YamlNode | null;
  error: ChunkError | null;
  /** How far the scanner read, for the reader's control-character rule. */
  scanned: number;
}

export function composeChunk(src: string): Composed {
  const scanner = new Scanner(src);
  const parser = new EventParser(scanner);
  const failed = (error: ChunkError | null): Composed => ({ root: null, error, scanned: scanner.offset });

  if (!parser.next()) return failed(parser.error);
  let ev = parser.next();
  if (!ev) return failed(parser.error);
  if (ev.type === E_STREAM_END) return { root: null, error: null, scanned: scanner.offset };

  const anchors = new Map<string, YamlNode>();
  const open: YamlNode[] = [];
  let root: YamlNode | null = null;
  do {
    ev = parser.next();
    if (!ev) return failed(parser.error);
    if (ev.type === E_SEQUENCE_END || ev.type === E_MAPPING_END) {
      open.pop();
      continue;
    }
    let node: YamlNode;
    if (ev.type === E_ALIAS) {
      node = new YamlNode(N_ALIAS, ev);
      node.value = ev.anchor;
      node.anchor = '';
      node.target = anchors.get(ev.anchor) ?? null;
      if (!node.target) {
        return failed(new ChunkError('decode', `unknown anchor '${ev.anchor}' referenced`, null, null, ev.start.pos));
      }
    } else if (ev.type === E_SCALAR) {
      node = new YamlNode(N_SCALAR, ev);
    } else if (ev.type === E_SEQUENCE_START || ev.type === E_MAPPING_START) {
      node = new YamlNode(ev.type === E_MAPPING_START ? N_MAPPING : N_SEQUENCE, ev);
    } else {
      continue;
    }
    if (node.anchor !== '') anchors.set(node.anchor, node);
    if (open.length > 0) open[open.length - 1]!.children.push(node);
    else root = node;
    if (node.kind === N_MAPPING || node.kind === N_SEQUENCE) open.push(node);
  } while (open.length > 0);

  // The document end: go-yaml still fetches the token after the root node.
  if (!parser.next()) return failed(parser.error);
  return { root, error: null, scanned: scanner.offset };
}

