// Prints a load result as lines a test can compare whole: one per manifest, one per problem, with
// the fixture directory cut from paths so expectations stay short.

import { formatLoadProblem, type LoadResult } from '../../../client/manifests';

export const FIXTURES = 'test/fixtures/manifests';

export function summarize(result: LoadResult, root = FIXTURES): { manifests: string[]; problems: string[] } {
  const short = (file: string): string => (file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file);
  return {
    manifests: result.manifests.map(({ source, object }) => {
      const item = source.listItem === undefined ? '' : ` item ${source.listItem}`;
      const name = object.metadata.name ?? `${object.metadata.generateName ?? ''}*`;
      return `${short(source.file)}:${source.line} doc ${source.document}${item}: ${object.kind} ${name}`;
    }),
    problems: result.problems.map((problem) => formatLoadProblem({ ...problem, file: short(problem.file) })),
  };
}
