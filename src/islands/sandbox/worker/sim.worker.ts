// The simulator's Web Worker: answers the page's requests (./protocol.ts) with ./handler.ts. A heavy run here
// never blocks the page's typing or scrolling; an exception that escapes a request is reported as `fatal`.
import { WorkerHandler } from './handler.ts';
import type { WorkerMessage } from './protocol.ts';

interface WorkerScope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'error' | 'unhandledrejection', listener: (e: ErrorEvent | PromiseRejectionEvent) => void): void;
}

const scope = self as unknown as WorkerScope;
const handler = new WorkerHandler();

scope.onmessage = (e) => {
  scope.postMessage(handler.handle(e.data));
};
scope.addEventListener('error', (e) => {
  scope.postMessage({ kind: 'fatal', message: 'message' in e ? e.message : 'the simulator failed' });
});
scope.addEventListener('unhandledrejection', (e) => {
  scope.postMessage({ kind: 'fatal', message: String('reason' in e ? e.reason : 'the simulator failed') });
});
