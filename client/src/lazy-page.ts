import { createElement, lazy, type ComponentType } from 'react';

/**
 * A page whose code is loaded when it is first shown, like React.lazy, that can also be loaded
 * ahead. Once loaded it renders at once: the app takes over a page the server drew only after
 * that page's code is in, because a page that suspends while being taken over holds the whole
 * take-over (and its controls) back for another round.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each page takes its own props
export function lazyPage<P extends Record<string, any>>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null; // tried again next time, not failed for good
        throw error;
      },
    ));
  const Suspending = lazy(() => preload().then((component) => ({ default: component })));
  const Page = (props: P) => createElement(loaded ?? Suspending, props);
  return Object.assign(Page, { preload });
}
