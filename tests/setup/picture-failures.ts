import fs from 'node:fs';
import path from 'node:path';
import { beforeEach } from 'vitest';
import { pictureOpenPages } from '../helpers/browser';

const artifactsDir = path.resolve(import.meta.dirname, '../../test-artifacts');

/**
 * When a browser test fails, every page still open is pictured into test-artifacts/, with a list
 * of which picture is which address: a failure seen once in many runs can then be looked at.
 */
beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    const name = `failed-${path.basename(task.file.name, '.e2e.test.ts')}-${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
    const pictures = await pictureOpenPages(name);
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.writeFileSync(path.join(artifactsDir, `${name}.txt`), `${pictures.join('\n')}\n`);
  });
});
