// The one place the sandbox shell picks its picture components (src/islands/sandbox/picture).
export { Picture } from './picture/Picture.tsx';
export { EventLog } from './picture/EventLog.tsx';
