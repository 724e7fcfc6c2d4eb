import { createElement, Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyPage } from '../../client/src/lazy-page';

describe('a page loaded on first use', () => {
  it('shows the fallback until its code is in, then draws at once, and loads its code once', async () => {
    let loads = 0;
    const Greeting = ({ name }: { name: string }) => createElement('p', null, `Hello ${name}`);
    const Page = lazyPage(async () => {
      loads += 1;
      return Greeting;
    });
    const tree = createElement(Suspense, { fallback: createElement('p', null, 'Loading') }, createElement(Page, { name: 'Sam' }));
    expect(renderToString(tree)).toContain('Loading');
    await Page.preload();
    // Drawn in the same pass, without suspending: what lets the app take over a drawn page at once.
    const drawn = renderToString(tree);
    expect(drawn).toContain('<p>Hello Sam</p>');
    expect(drawn).not.toContain('Loading');
    await Page.preload();
    expect(loads).toBe(1);
  });
});
