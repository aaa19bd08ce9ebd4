/**
 * The source lines every exported figure carries: what made it (the explorer's version, the date), where its data
 * come from (the two reviews), and the permalink that reproduces the view.
 */
import pkg from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = pkg.version;

/** "Source: NELM Evidence Explorer 0.1.0, 2026-12-03 …" and "View: <permalink>". */
export function sourceLines(now: Date = new Date(), href: string = location.href): string[] {
  const date = now.toISOString().slice(0, 10);
  return [
    `Source: NELM Evidence Explorer ${APP_VERSION}, ${date}. Data: Mayo SC, Herman JM, Cosgrove D, et al., J Am Coll Surg `
    + '(seed 001), and the review in seed 000, as extracted in the explorer\'s study table.',
    `View: ${href}`,
  ];
}
