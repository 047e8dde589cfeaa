// The cluster token that keys workflow ids and the task queue (client/kubeTarget.ts).
import { clusterToken } from '../../../client/kubeTarget';

describe('clusterToken', () => {
  test.each<{ name: string; input: string; expected: string }>([
    { name: 'a safe name is kept', input: 'kwok-hooksync', expected: 'kwok-hooksync' },
    { name: 'upper case is lowered', input: 'Prod-EU', expected: 'prod-eu' },
    { name: 'dots are kept', input: 'api.example.com', expected: 'api.example.com' },
    { name: 'EKS ARN', input: 'arn:aws:eks:us-east-1:123456789012:cluster/prod', expected: 'arn-aws-eks-us-east-1-123456789012-cluster-prod' },
    { name: 'GKE name', input: 'gke_my-project_europe-west1_main', expected: 'gke-my-project-europe-west1-main' },
    { name: 'a run of unsafe characters becomes one dash', input: 'a :/_ b', expected: 'a-b' },
    { name: 'leading and trailing dashes are trimmed', input: '--edge--', expected: 'edge' },
    { name: 'unsafe characters at the ends leave no dash', input: '(local)', expected: 'local' },
    { name: 'non-ASCII letters are replaced', input: 'clüster', expected: 'cl-ster' },
    { name: 'dashes inside are kept as written', input: 'a--b', expected: 'a--b' },
    { name: 'empty name', input: '', expected: 'cluster' },
    { name: 'nothing safe left', input: '__//__', expected: 'cluster' },
  ])('$name: "$input" -> "$expected"', ({ input, expected }) => {
    expect(clusterToken(input)).toBe(expected);
  });

  test('the token only ever holds lower-case letters, digits, dots and dashes', () => {
    for (const input of ['Arn:Aws/Ü?x', ' spaced out ', 'tab\there']) expect(clusterToken(input)).toMatch(/^[a-z0-9.][a-z0-9.-]*$/);
  });
});
