// Every Kubernetes manifest a lesson shows must be accepted by the engine's admission pipeline (the same
// validateManifests the CLI and the sandbox use), so learners never copy an example a real API server would
// reject. Covered, for every lesson found under content/lessons (new lessons are picked up automatically):
//   - each *.yaml file under content/lessons/**;
//   - each ```yaml / ```yml fenced block of content/lessons/*.mdx whose text has both `apiVersion:` and `kind:`
//     as top-level keys (at the start of a line), i.e. a whole manifest; fragments such as a metadata block
//     with an ownerReferences entry (indented `apiVersion:`/`kind:`) are not manifests and are skipped.
// Deliberate mistakes are declared, and must then fail with the stated text in one of the messages:
//   - a file named *.mistake.yaml whose first line is `# mistake: <part of the expected message>`;
//   - a fenced block whose meta says mistake="<part of the expected message>" (\" for a quote).
// Failures name the lesson file and the line, as `content/lessons/x.mdx:42:5: <message>`.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateManifests } from '../../../src/engine/validate/validate-manifests.ts';
import { brokenFenceLines, fencedBlocks, mistakeOf, mistakeOfFile } from './fenced-blocks.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const LESSONS = join(ROOT, 'content', 'lessons');

interface Example {
  /** `content/lessons/jobs.mdx:57` or `content/lessons/jobs/pi-job.yaml`. */
  where: string;
  file: string;
  text: string;
  /** Added to the engine's 1-based line to get the line in `file`. */
  lineOffset: number;
  /** Expected part of an error message, for deliberate mistakes; null for examples that must be valid. */
  mistake: string | null;
  /** Set when a *.mistake.yaml file lacks its `# mistake:` first line. */
  badDeclaration?: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const all = walk(LESSONS).map((f) => relative(ROOT, f).split('\\').join('/')).sort();
const mdxFiles = all.filter((f) => /^content\/lessons\/[^/]+\.mdx$/.test(f));
const yamlFiles = all.filter((f) => /\.ya?ml$/.test(f));

const examples: Example[] = [];
for (const file of yamlFiles) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const isMistake = /\.mistake\.ya?ml$/.test(file);
  const mistake = isMistake ? mistakeOfFile(text) : null;
  examples.push({
    where: file, file, text, lineOffset: 0, mistake,
    badDeclaration: isMistake && mistake === null ? `${file}:1: a *.mistake.yaml file must start with "# mistake: <expected message>"` : undefined,
  });
}
for (const file of mdxFiles) {
  for (const block of fencedBlocks(readFileSync(join(ROOT, file), 'utf8'))) {
    if (block.lang !== 'yaml' && block.lang !== 'yml') continue;
    if (!/^apiVersion:/m.test(block.text) || !/^kind:/m.test(block.text)) continue;
    examples.push({
      where: `${file}:${block.firstLine}`, file, text: block.text, lineOffset: block.firstLine - 1,
      mistake: mistakeOf(block.meta),
    });
  }
}

/** The engine's problems as `file:line:column: message`, with lines counted in the lesson file. */
function problems(ex: Example): string[] {
  return validateManifests(ex.text).problems.map((p) => `${ex.file}:${p.line + ex.lineOffset}:${p.column}: ${p.message}`);
}

describe('lesson manifests', () => {
  it('finds the lessons, including pods.mdx, and their manifests', () => {
    expect(mdxFiles).toContain('content/lessons/pods.mdx');
    // pods.mdx shows several complete manifests; if none were found, the extraction is broken.
    expect(examples.filter((e) => e.file === 'content/lessons/pods.mdx').length).toBeGreaterThan(0);
  });

  it.each(mdxFiles)('%s has no backtick fence with a backtick in its info string (use ~~~ there)', (file) => {
    expect(brokenFenceLines(readFileSync(join(ROOT, file), 'utf8')).map((line) => `${file}:${line}`)).toEqual([]);
  });

  const valid = examples.filter((e) => e.mistake === null && !e.badDeclaration);
  const mistakes = examples.filter((e) => e.mistake !== null || e.badDeclaration);

  it.each(valid.map((e) => [e.where, e] as const))('%s is accepted', (_where, ex) => {
    expect(problems(ex)).toEqual([]);
  });

  if (mistakes.length > 0) {
    it.each(mistakes.map((e) => [e.where, e] as const))('%s is rejected as its mistake says', (_where, ex) => {
      expect(ex.badDeclaration ?? null).toBeNull();
      const found = problems(ex);
      expect(found.length, `${ex.where}: declared as a mistake ("${ex.mistake}") but the engine accepts it`).toBeGreaterThan(0);
      expect(
        found.some((p) => p.includes(ex.mistake ?? '')),
        `${ex.where}: expected a message containing ${JSON.stringify(ex.mistake)}, got:\n${found.join('\n')}`,
      ).toBe(true);
    });
  }
});
