// The one place the sandbox picks its picture recorder (src/engine/picture, built alongside the sandbox).
export { PictureRecorder } from '../picture/recorder.ts';
export type { PictureSnapshot } from '../picture/types.ts';
