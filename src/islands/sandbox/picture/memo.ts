// A memoised component without preact/compat: re-renders only when `equal` says the props changed. The render
// function must not use hooks (rows and chips are plain functions of their props).
import { Component, type ComponentChildren, type ComponentType } from 'preact';

export function memo<P extends object>(render: (props: P) => ComponentChildren, equal: (a: P, b: P) => boolean): ComponentType<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !equal(this.props as P, next);
    }
    override render(): ComponentChildren {
      return render(this.props as P);
    }
  }
  return Memo;
}

/** Shallow equality of two props objects (functions compared by identity). */
export function shallowEqual<P extends object>(a: P, b: P): boolean {
  const ka = Object.keys(a) as (keyof P)[];
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}
