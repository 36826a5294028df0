// The Job lesson's starting manifests (content/lessons/jobs/), read the way the sandbox gets them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface LessonFile {
  name: string;
  text: string;
  /** metadata.name of the Job in the file. */
  job: string;
}

function lessonFile(name: string): LessonFile {
  const text = readFileSync(fileURLToPath(new URL(`../../../content/lessons/jobs/${name}`, import.meta.url)), 'utf8');
  return { name, text, job: /^metadata:\n  name: (\S+)/m.exec(text)![1]! };
}

export const piJob = lessonFile('pi-job.yaml');
export const failingJob = lessonFile('failing-job.yaml');
export const parallelJob = lessonFile('parallel-job.yaml');
