// What describe reads: the ApiServer's `get` and `list` (a read-only view; tests may pass a plain store).
import type { ApiServer } from '../../api/api-server.ts';

export type DescribeSource = Pick<ApiServer, 'get' | 'list'>;

/** What every describer gets: the store to read related objects and events from, and the clock's now. */
export interface DescribeContext {
  api: DescribeSource;
  nowMs: number;
}
