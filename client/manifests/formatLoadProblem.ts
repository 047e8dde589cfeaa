// One line per problem, place first so editors and terminals can jump to it, in the same shape as
// the plan's problems (sync/problems.ts), documents and list items counted from 1:
//   app/hooks.yaml:14 (document 2): Job migrate-*: metadata.annotations["argocd.argoproj.io/sync-wave"]: must be a string: quote the value (found 5)

import { formatSource } from '../../sync/problems';
import { type LoadProblem } from './loadProblem';

export function formatLoadProblem(problem: LoadProblem): string {
  const parts = [place(problem)];
  if (problem.object !== undefined) parts.push(problem.object);
  if (problem.field !== undefined) parts.push(problem.field);
  const found = problem.value === undefined ? '' : ` (found ${problem.value})`;
  return `${parts.join(': ')}: ${problem.message}${found}`;
}

function place({ file, line, document, listItem }: LoadProblem): string {
  if (document !== undefined) return formatSource({ file, line, document, listItem });
  return line === undefined ? file : `${file}:${line}`;
}

export function formatLoadProblems(problems: readonly LoadProblem[]): string {
  return problems.map(formatLoadProblem).join('\n');
}
