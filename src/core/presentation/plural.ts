/** "1 correction", "3 corrections", "1,204 votes": a count with the noun that fits it. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
