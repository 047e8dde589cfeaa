// S6: the supply-chain gate (dev/check-lock.sh) passes on the committed lock and fails on a copy
// whose package.json was edited without updating the lock, or whose dependency is not pinned.
// It asks the npm registry, as `npm install` does.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths';

function copyProject(edit: (pkg: { dependencies: Record<string, string> }) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooksync-lock-'));
  copyFileSync(join(repoRoot, 'package-lock.json'), join(dir, 'package-lock.json'));
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  edit(pkg);
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  return dir;
}

const check = (dir: string) => spawnSync('bash', [join(repoRoot, 'dev/check-lock.sh'), dir], { encoding: 'utf8', timeout: 120_000 });

test('the committed lock matches package.json', () => {
  const run = check(copyProject(() => undefined));
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
});

test('a dependency changed in package.json but not in the lock fails, and the lock is left as it was', () => {
  const dir = copyProject((pkg) => { pkg.dependencies.yaml = '2.8.1'; });
  const run = check(dir);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/does not match package\.json/);
  expect(readFileSync(join(dir, 'package-lock.json'), 'utf8')).toBe(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8'));
});

test('a version range instead of an exact pin fails', () => {
  const run = check(copyProject((pkg) => { pkg.dependencies.commander = `^${pkg.dependencies.commander}`; }));
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/not pinned to an exact version: commander@\^/);
});
