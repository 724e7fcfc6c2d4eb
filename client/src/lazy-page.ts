import { createElement, use, type ComponentType } from 'react';

/** Each lazily loaded page's way to forget the failed load it showed, for `retryFailedCode`. */
const forgetShownFailures = new Set<() => void>();

/** Lets every page whose code failed to load try again when next drawn (a `LoadProblem` asks). */
export function retryFailedCode(): void {
  for (const forget of forgetShownFailures) forget();
}

/**
 * A page whose code is loaded when it is first shown, like React.lazy, that can also be loaded
 * ahead. Once loaded it renders at once: the app takes over a page the server drew only after
 * that page's code is in, because a page that suspends while being taken over holds the whole
 * take-over (and its controls) back for another round.
 *
 * A load can fail (the connection dropped). React.lazy keeps that failure for good; here a load
 * that failed in the background is simply tried again when the page is drawn, and one that
 * failed while drawn is shown (by a `LoadProblem` around it) until `retryFailedCode`: the same
 * failed load must reach `use` again for it to throw, or every draw would start another.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each page takes its own props
export function lazyPage<P extends Record<string, any>>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  let attempt: Promise<ComponentType<P>> | null = null;
  let failed = false;
  /** The attempt the page is drawn with, kept (failed or not) until forgotten. */
  let drawnWith: Promise<ComponentType<P>> | null = null;
  const start = () => {
    failed = false;
    const current = load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        if (attempt === current) failed = true;
        throw error;
      },
    );
    current.catch(() => {}); // heard where it is used
    attempt = current;
    return current;
  };
  const preload = () => (attempt && !failed ? attempt : start());
  forgetShownFailures.add(() => {
    if (failed && drawnWith === attempt) drawnWith = null;
  });
  const Page = (props: P) => {
    if (loaded) return createElement(loaded, props);
    if (!drawnWith || (failed && drawnWith !== attempt)) drawnWith = preload();
    return createElement(use(drawnWith), props);
  };
  return Object.assign(Page, { preload });
}
