// loadManifests over the fixture files: what -f accepts, the order objects come out in, where each
// one was found, and that every problem in every input is reported.

import { Readable } from 'node:stream';
import { loadManifests } from '../../../client/manifests';
import { FIXTURES, summarize } from './manifestSummary';

const at = (path: string): string => `${FIXTURES}/${path}`;

interface Case {
  name: string;
  paths: string[];
  stdin?: string;
  manifests: string[];
  problems?: string[];
}

const cases: Case[] = [
  {
    name: 'multi-document YAML: empty and comment-only documents skipped, their indices kept',
    paths: [at('multi-doc.yaml')],
    manifests: ['multi-doc.yaml:3 doc 0: ConfigMap settings', 'multi-doc.yaml:13 doc 3: Deployment web'],
  },
  {
    name: 'JSON file',
    paths: [at('app.json')],
    manifests: ['app.json:1 doc 0: Job migrate-*'],
  },
  {
    name: 'directory: recursive, only .yaml/.yml/.json, sorted by name (upper case first) at every level',
    paths: [at('tree')],
    manifests: [
      'tree/B.yaml:1 doc 0: ConfigMap b-upper',
      'tree/a.yml:1 doc 0: ConfigMap a',
      'tree/b.yaml:1 doc 0: ConfigMap b',
      'tree/sub/c.json:1 doc 0: ConfigMap c',
      'tree/sub/nested/d.yaml:1 doc 0: ConfigMap d',
      'tree/z.yaml:1 doc 0: ConfigMap z',
    ],
  },
  {
    name: 'arguments keep their order; a file named explicitly is read whatever its extension',
    paths: [at('tree/z.yaml'), at('app.json'), at('tree/a.yml')],
    manifests: ['tree/z.yaml:1 doc 0: ConfigMap z', 'app.json:1 doc 0: Job migrate-*', 'tree/a.yml:1 doc 0: ConfigMap a'],
  },
  {
    name: 'stdin, between files',
    paths: [at('tree/a.yml'), '-', at('tree/b.yaml')],
    stdin: '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: from-pipe\n',
    manifests: ['tree/a.yml:1 doc 0: ConfigMap a', '<stdin>:2 doc 0: Secret from-pipe', 'tree/b.yaml:1 doc 0: ConfigMap b'],
  },
  {
    name: 'stdin given twice is read once',
    paths: ['-', '-'],
    stdin: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: once}\n',
    manifests: ['<stdin>:1 doc 0: Namespace once'],
    problems: ['<stdin>: "-" is given more than once; stdin can be read only once'],
  },
  {
    name: 'kind List and a typed list (ConfigMapList) expanded, each item with its own line',
    paths: [at('list.yaml')],
    manifests: [
      'list.yaml:4 doc 0 item 0: ServiceAccount deployer',
      'list.yaml:8 doc 0 item 1: ConfigMap listed',
      'list.yaml:16 doc 1 item 0: ConfigMap typed-list-item',
    ],
  },
  {
    name: 'missing apiVersion, kind, name and an unquoted annotation, each with file and line',
    paths: [at('bad/missing-fields.yaml')],
    manifests: [],
    problems: [
      'bad/missing-fields.yaml:1 (document 1): ConfigMap no-api-version: apiVersion: missing: set apiVersion (e.g. v1 or apps/v1)',
      'bad/missing-fields.yaml:5 (document 2): <no kind> no-kind: kind: missing: set kind (e.g. ConfigMap or Deployment)',
      'bad/missing-fields.yaml:12 (document 3): ConfigMap <no name>: metadata.name: missing: set metadata.name (or metadata.generateName for a hook)',
      'bad/missing-fields.yaml:19 (document 4): ConfigMap wave-unquoted: metadata.annotations["argocd.argoproj.io/sync-wave"]: must be a string: quote the value (found 5)',
    ],
  },
  {
    name: 'every problem of every input is collected, good inputs still load',
    paths: [at('bad/duplicate-key.yaml'), at('does-not-exist.yaml'), at('tree/a.yml'), at('bad/unknown-tags.yaml')],
    manifests: ['tree/a.yml:1 doc 0: ConfigMap a'],
    problems: [
      'bad/duplicate-key.yaml:8 (document 1): ConfigMap twice: data.mode: duplicate key (first at line 6): keep only one',
      'does-not-exist.yaml: cannot read: no such file or directory',
      'bad/unknown-tags.yaml:6 (document 1): ConfigMap tagged: data.python: tag !!python/object:os.system is not supported: remove it, or quote the value to keep it as text',
      'bad/unknown-tags.yaml:7 (document 1): ConfigMap tagged: data.custom: tag !foo is not supported: remove it, or quote the value to keep it as text',
      'bad/unknown-tags.yaml:8 (document 1): ConfigMap tagged: data.binary: tag !!binary is not supported: remove it, or quote the value to keep it as text',
    ],
  },
  {
    name: 'alias bomb rejected with a message naming file, line and field',
    paths: [at('bad/alias-bomb.yaml')],
    manifests: [],
    problems: [
      'bad/alias-bomb.yaml:11 (document 1): ConfigMap lol: data.f[1]: document expands to more than 250000 values ' +
        '(each use of an alias counts its whole value): too many aliases, or an alias bomb',
    ],
  },
];

describe('loadManifests', () => {
  test.each(cases)('$name', async ({ paths, stdin, manifests, problems = [] }) => {
    const result = summarize(await loadManifests(paths, { stdin: stdin ?? '' }));
    expect(result).toEqual({ manifests, problems });
  });

  test('a hook may have neither name nor generateName (the planner names it); a resource may not', async () => {
    const hook = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  annotations: { argocd.argoproj.io/hook: PreSync }\n';
    const helmHook = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  annotations: { helm.sh/hook: pre-install }\n';
    const plain = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  annotations: { argocd.argoproj.io/sync-wave: "1" }\n';
    const result = summarize(await loadManifests(['-'], { stdin: [hook, helmHook, plain].join('---\n') }));
    expect(result.manifests).toEqual(['<stdin>:1 doc 0: Job *', '<stdin>:6 doc 1: Job *']);
    expect(result.problems).toEqual([expect.stringContaining('(document 3): Job <no name>: metadata.name: missing')]);
  });

  test('stdin as a stream is read to its end', async () => {
    const stream = Readable.from(['apiVersion: v1\nkind: Config', 'Map\nmetadata: {name: streamed}\n']);
    expect(summarize(await loadManifests(['-'], { stdin: stream })).manifests).toEqual(['<stdin>:1 doc 0: ConfigMap streamed']);
  });

  test('YAML 1.1 scalars are read as kubectl reads them', async () => {
    const { manifests } = await loadManifests([at('multi-doc.yaml')], { stdin: '' });
    const pod = manifests[1]?.object.spec as { template: { spec: Record<string, [Record<string, unknown>]> } };
    expect(pod.template.spec.volumes[0].configMap).toEqual({ name: 'settings', defaultMode: 0o400 });
    expect(pod.template.spec.containers[0]).toMatchObject({ env: [{ name: 'ENABLED', value: true }], tty: true });
  });

  test('merge keys: keys after "<<" win, earlier sources win over later ones', async () => {
    const { manifests, problems } = await loadManifests([at('merge.yaml')], { stdin: '' });
    expect(problems).toEqual([]);
    expect(manifests[0]?.object.metadata.annotations).toEqual({ app: 'web', tier: 'backend' });
    expect(manifests[0]?.object.metadata.labels).toEqual({ app: 'web', tier: 'frontend' });
    expect(manifests[0]?.object.data).toEqual({ a: 'from-first', b: 'from-first', c: 'explicit' });
  });
});
