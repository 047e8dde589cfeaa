// Inputs built in a temporary directory: sizes past the limits, directories without manifests,
// link cycles, bytes that are not text. Each must end in a problem naming the path.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_FILE_BYTES, MAX_TOTAL_BYTES, loadManifests } from '../../../client/manifests';
import { summarize } from './manifestSummary';

const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooksync-manifests-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A manifest padded with a comment to `size` bytes. */
function sizedFile(name: string, size: number): string {
  const file = path.join(dir, `${name}.yaml`);
  const manifest = configMap(name);
  fs.writeFileSync(file, `${manifest}#${'x'.repeat(size - manifest.length - 2)}\n`);
  expect(fs.statSync(file).size).toBe(size);
  return file;
}

const cases: { name: string; build: () => string[]; stdin?: string; manifests: string[]; problems: string[] }[] = [
  {
    name: 'a file over the per-input limit is rejected before it is read',
    build: () => [sizedFile('huge', MAX_FILE_BYTES + 1), sizedFile('ok', 100)],
    manifests: ['ok.yaml:1 doc 0: ConfigMap ok'],
    problems: ['huge.yaml: is larger than the 8 MiB allowed for one input; split it'],
  },
  {
    name: 'stdin over the per-input limit is rejected',
    build: () => ['-'],
    stdin: `# ${'x'.repeat(MAX_FILE_BYTES)}\n${configMap('late')}`,
    manifests: [],
    problems: ['<stdin>: is larger than the 8 MiB allowed for one input; split it'],
  },
  {
    name: 'inputs past the total limit are rejected, those before it still load',
    build: () => {
      const half = Math.floor(MAX_TOTAL_BYTES / 2) - 10;
      return [sizedFile('one', half), sizedFile('two', half), sizedFile('three', 100)];
    },
    manifests: ['one.yaml:1 doc 0: ConfigMap one', 'two.yaml:1 doc 0: ConfigMap two'],
    problems: ['three.yaml: would take all inputs past the 16 MiB allowed in total'],
  },
  {
    name: 'a directory without manifests is a problem, not silence',
    build: () => {
      fs.mkdirSync(path.join(dir, 'empty'));
      fs.writeFileSync(path.join(dir, 'empty', 'README.md'), '# nothing\n');
      return [path.join(dir, 'empty')];
    },
    manifests: [],
    problems: ['empty: directory holds no .yaml, .yml or .json file: check the path'],
  },
  {
    name: 'a link back to a parent directory is walked once',
    build: () => {
      fs.mkdirSync(path.join(dir, 'app'));
      fs.writeFileSync(path.join(dir, 'app', 'cm.yaml'), configMap('looped'));
      fs.symlinkSync(dir, path.join(dir, 'app', 'loop'));
      return [dir];
    },
    manifests: ['app/cm.yaml:1 doc 0: ConfigMap looped'],
    problems: [],
  },
  {
    name: 'a file that is not UTF-8 text',
    build: () => {
      fs.writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from([0x6b, 0x3a, 0x20, 0xe9, 0x0a]));
      return [path.join(dir, 'latin1.yaml')];
    },
    manifests: [],
    problems: ['latin1.yaml: is not UTF-8 text: save it as UTF-8'],
  },
];

describe('input limits', () => {
  test.each(cases)('$name', async ({ build, stdin, manifests, problems }) => {
    const paths = build();
    const result = summarize(await loadManifests(paths, { stdin: stdin ?? '' }), dir);
    expect(result).toEqual({ manifests, problems });
  });

  test('the limits are the documented values', () => {
    // The messages above name these sizes; a change must be a decision, seen in review.
    expect([MAX_FILE_BYTES, MAX_TOTAL_BYTES]).toEqual([8 * 1024 * 1024, 16 * 1024 * 1024]);
  });
});
