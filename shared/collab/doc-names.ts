/**
 * Yjs documents are named `site:<siteId>:<rest>`, so the server can tell from the name alone
 * whose members may open it.
 */
const docNamePattern = /^site:([A-Za-z0-9_-]{1,64}):([A-Za-z0-9:_-]{1,128})$/;

export interface DocName {
  siteId: string;
  rest: string;
}

export function parseDocName(name: string): DocName | null {
  const match = docNamePattern.exec(name);
  if (!match) return null;
  return { siteId: match[1]!, rest: match[2]! };
}

export function docName(siteId: string, rest: string): string {
  const name = `site:${siteId}:${rest}`;
  if (!parseDocName(name)) throw new Error(`Invalid document name: ${name}`);
  return name;
}

export const collabPath = '/collab';
