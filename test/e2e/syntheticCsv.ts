/**
 * k synthetic study,events,n rows from a fixed linear congruential sequence (so every run sees the same file):
 * n from 20 to 199, proportions from 0.3 to 0.7, studies named `${prefix}1`, `${prefix}2`, …
 */
export function syntheticCsv(k: number, seed = 7, prefix = 'Study '): string {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const lines = ['study,events,n'];
  for (let i = 1; i <= k; i++) {
    const n = 20 + Math.floor(next() * 180);
    lines.push(`${prefix}${i},${Math.round(n * (0.3 + 0.4 * next()))},${n}`);
  }
  return `${lines.join('\n')}\n`;
}
