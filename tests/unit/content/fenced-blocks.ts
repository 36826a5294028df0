// Finds the fenced code blocks of a Markdown/MDX text, with where each one starts, so that a test can
// validate the YAML examples of a lesson and point at the exact line of the lesson file.

export interface FencedBlock {
  /** The info string's first word (`yaml`), lower-cased; '' when the fence has none. */
  lang: string;
  /** The rest of the info string (`mistake="..."`). */
  meta: string;
  /** The block's text, with the fence's own indentation removed from every line. */
  text: string;
  /** 1-based line in the file of the block's first content line. */
  firstLine: number;
}

const OPEN = /^([ \t]*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/;

/** Every fenced block (``` or ~~~, indented or not) in document order; an unclosed fence runs to the end. */
export function fencedBlocks(source: string): FencedBlock[] {
  const lines = source.split(/\r?\n/);
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang, meta] = open;
    // CommonMark: the info string of a backtick fence cannot contain a backtick; such a line opens nothing.
    if (fence[0] === '`' && meta.includes('`')) continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j];
      const trimmed = line.trimStart();
      // A closing fence: the same character, at least as long, nothing after it.
      if (trimmed.startsWith(fence[0].repeat(fence.length)) && trimmed.replace(/[`~]+/, '').trim() === '' && trimmed[0] === fence[0]) break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    blocks.push({ lang: lang.toLowerCase(), meta: meta.trim(), text: body.join('\n'), firstLine: i + 2 });
    i = j;
  }
  return blocks;
}

/** The expected error text of a block whose meta says `mistake="..."` (with \" and \\ escapes), else null. */
export function mistakeOf(meta: string): string | null {
  const m = /(?:^|\s)mistake="((?:[^"\\]|\\.)*)"/.exec(meta);
  return m ? m[1].replace(/\\(.)/g, '$1') : null;
}

/** The expected error text of a `*.mistake.yaml` file: its first line must be `# mistake: <text>`. */
export function mistakeOfFile(text: string): string | null {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const m = /^#\s*mistake:\s*(.+?)\s*$/.exec(first);
  return m ? m[1] : null;
}

/**
 * Lines that look like a backtick fence opener but carry a backtick in their info string, which CommonMark
 * (and so MDX) does not accept as a fence: the block after it renders as text and every later fence shifts.
 * Write such a fence with tildes instead (~~~yaml mistake="... `selector` ...").
 */
export function brokenFenceLines(source: string): number[] {
  const broken: number[] = [];
  source.split(/\r?\n/).forEach((line, i) => {
    const m = /^[ \t]*(`{3,})([^`]*`.*)$/.exec(line);
    if (m && /\S/.test(m[2].replace(/`+$/, '')) && !/^[ \t]*`{3,}[ \t]*$/.test(line)) broken.push(i + 1);
  });
  return broken;
}
