// Token kinds produced by the scanner, in the libyaml sense (the parser's input).
import type { Mark } from './syntax-error.ts';

export const T_STREAM_START = 1;
export const T_STREAM_END = 2;
export const T_VERSION_DIRECTIVE = 3;
export const T_TAG_DIRECTIVE = 4;
export const T_DOCUMENT_START = 5;
export const T_DOCUMENT_END = 6;
export const T_BLOCK_SEQUENCE_START = 7;
export const T_BLOCK_MAPPING_START = 8;
export const T_BLOCK_END = 9;
export const T_FLOW_SEQUENCE_START = 10;
export const T_FLOW_SEQUENCE_END = 11;
export const T_FLOW_MAPPING_START = 12;
export const T_FLOW_MAPPING_END = 13;
export const T_BLOCK_ENTRY = 14;
export const T_FLOW_ENTRY = 15;
export const T_KEY = 16;
export const T_VALUE = 17;
export const T_ALIAS = 18;
export const T_ANCHOR = 19;
export const T_TAG = 20;
export const T_SCALAR = 21;

export const STYLE_PLAIN = 1;
export const STYLE_SINGLE = 2;
export const STYLE_DOUBLE = 3;
export const STYLE_LITERAL = 4;
export const STYLE_FOLDED = 5;

export class Token {
  type: number;
  start: Mark;
  end: Mark;
  /** Scalar text, anchor/alias name, tag handle or %TAG handle. */
  value: string;
  /** Tag suffix or %TAG prefix. */
  suffix: string;
  style: number;
  major: number;
  minor: number;

  constructor(type: number, start: Mark, end: Mark, value = '', style = 0) {
    this.type = type;
    this.start = start;
    this.end = end;
    this.value = value;
    this.suffix = '';
    this.style = style;
    this.major = 0;
    this.minor = 0;
  }
}
