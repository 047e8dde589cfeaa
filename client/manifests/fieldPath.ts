// Field paths in the notation STYLE.md asks for: dots for plain names, brackets for list indices
// and for keys that are not plain names (annotation keys contain dots and slashes).

export type PathSegment = string | number;

const PLAIN_NAME = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function fieldPath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (PLAIN_NAME.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}
