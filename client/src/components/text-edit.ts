/** The single edit that turns `before` into `after`: where, how many characters removed, what inserted. */
export function changeBetween(before: string, after: string): { index: number; removed: number; inserted: string } {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { index: prefix, removed: before.length - prefix - suffix, inserted: after.slice(prefix, after.length - suffix) };
}

/**
 * Someone typed, turning the text on screen (`shown`) into `typed`; meanwhile the shared text
 * became `current` (a remote change not yet on screen). Returns the typed edit placed on
 * `current`, so applying it keeps the remote change instead of undoing it.
 */
export function placeLocalEdit(shown: string, typed: string, current: string): { at: number; removed: number; inserted: string } {
  const local = changeBetween(shown, typed);
  let at = local.index;
  if (current !== shown) {
    const remote = changeBetween(shown, current);
    if (remote.index + remote.removed <= local.index) at += remote.inserted.length - remote.removed;
  }
  at = Math.min(at, current.length);
  return { at, removed: Math.min(local.removed, current.length - at), inserted: local.inserted };
}
