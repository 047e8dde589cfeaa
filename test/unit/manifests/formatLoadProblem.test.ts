// The one-line form of a problem: place first (file:line, document counted from 1, list item),
// then object, field, message and the offending value.

import { formatLoadProblem, type LoadProblem } from '../../../client/manifests';

const cases: { name: string; problem: LoadProblem; line: string }[] = [
  {
    name: 'a path that could not be read: file and message only',
    problem: { file: 'missing.yaml', message: 'cannot read: no such file or directory' },
    line: 'missing.yaml: cannot read: no such file or directory',
  },
  {
    name: 'every field present',
    problem: {
      file: 'app/list.yaml', line: 12, document: 1, listItem: 3, object: 'Job prod/migrate-*',
      field: 'metadata.annotations["argocd.argoproj.io/sync-wave"]', value: '5', message: 'must be a string: quote the value',
    },
    line: 'app/list.yaml:12 (document 2, item 4): Job prod/migrate-*: metadata.annotations["argocd.argoproj.io/sync-wave"]: ' +
      'must be a string: quote the value (found 5)',
  },
  {
    name: 'the first document is document 1',
    problem: { file: '<stdin>', line: 1, document: 0, message: 'YAML BAD_INDENT: bad indentation' },
    line: '<stdin>:1 (document 1): YAML BAD_INDENT: bad indentation',
  },
];

describe('formatLoadProblem', () => {
  test.each(cases)('$name', ({ problem, line }) => {
    expect(formatLoadProblem(problem)).toBe(line);
  });
});
