import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The chart's one typeface, shipped as an npm package (dejavu-fonts-ttf) so the PNG renders the same
 * text on every machine: resvg loads these files and no system fonts.
 */
export const CHART_FONT_FAMILY = 'DejaVu Sans';
/** What the SVG asks for: DejaVu where it is (always in the PNG), a similar sans-serif in browsers. */
export const CHART_FONT_STACK = `${CHART_FONT_FAMILY}, Verdana, "Helvetica Neue", Arial, sans-serif`;

let files: string[] | undefined;

export function chartFontFiles(): string[] {
  if (!files) {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    files = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(dir, f));
  }
  return files;
}
