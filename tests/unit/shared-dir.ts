// ../shared beside the repository (the project's ground truth: corpus, data, reference), wherever the clone lives.
import { join } from 'node:path';

export const SHARED_DIR = join(import.meta.dirname, '..', '..', '..', 'shared');
export const CORPUS_DIR = join(SHARED_DIR, 'corpus');
