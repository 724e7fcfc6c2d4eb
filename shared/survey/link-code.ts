/**
 * A school's personal survey link carries its access code after `#`, which browsers never send
 * to a server, so the code is in no server's log; the page reads it. No imports: it is part of
 * the survey pages' small script.
 */
export const codeFragment = (code: string) => `#code=${encodeURIComponent(code)}`;
export const codeFromFragment = (hash: string) => new URLSearchParams(hash.replace(/^#/, '')).get('code') ?? '';
