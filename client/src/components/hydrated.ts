import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * False while a page drawn by the server is being taken over by the app (and on the server),
 * true once the app runs it: controls drawn by the server do nothing until then, so they are
 * shown disabled rather than swallowing a click.
 */
export const useHydrated = () =>
  useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
