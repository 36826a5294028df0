// Compiled label selectors, remembered per selector object. A stored object's selector is shared by all its
// later versions (writes replace, never change, what they touch), so a controller that syncs an owner again
// and again compiles its selector once instead of re-validating every key and value on every sync.
import { labelSelectorAsSelector, type Selector } from '../validate/rules/meta.ts';

const compiled = new WeakMap<object, Selector | null>();

/** labelSelectorAsSelector, memoised by the selector object's identity (callers never change selectors). */
export function compiledSelector(selector: unknown): Selector | null {
  if (selector === null || typeof selector !== 'object') return labelSelectorAsSelector(selector);
  let s = compiled.get(selector);
  if (s === undefined) {
    s = labelSelectorAsSelector(selector);
    compiled.set(selector, s);
  }
  return s;
}
