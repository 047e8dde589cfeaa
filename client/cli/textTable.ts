// Plain-text tables as kubectl and argocd print them: a header line, columns two spaces apart,
// the last column unpadded so that long messages do not drag trailing blanks behind them.
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [headers, ...rows];
  const widths = headers.map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  return cells.map((line) => line.map((c, i) => (i === line.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}
