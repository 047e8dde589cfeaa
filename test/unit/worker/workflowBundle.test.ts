// The prebuilt workflow bundle is used only when it was made from the code next to it: the digest
// of the bundled folders changes with any of their files, so a dist/ rebuilt by tsc alone bundles again.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceDigest } from '../../../worker/workflowBundle';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hooksync-bundle-'));
  for (const dir of ['workflows', 'sync', 'codec']) mkdirSync(join(root, dir));
  writeFileSync(join(root, 'workflows', 'index.js'), 'exports.a = 1;');
  mkdirSync(join(root, 'sync', 'health'));
  writeFileSync(join(root, 'sync', 'health', 'job.js'), 'exports.b = 2;');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('the digest is stable for the same files', () => {
  expect(sourceDigest(root)).toBe(sourceDigest(root));
});

test('the digest changes when a bundled file changes, nested ones included', () => {
  const before = sourceDigest(root);
  writeFileSync(join(root, 'sync', 'health', 'job.js'), 'exports.b = 3;');
  expect(sourceDigest(root)).not.toBe(before);
});

test('the digest changes when a bundled file is added, and ignores source maps', () => {
  const before = sourceDigest(root);
  writeFileSync(join(root, 'codec', 'failureConverter.js.map'), '{}');
  expect(sourceDigest(root)).toBe(before);
  writeFileSync(join(root, 'codec', 'failureConverter.js'), 'exports.c = 1;');
  expect(sourceDigest(root)).not.toBe(before);
});
