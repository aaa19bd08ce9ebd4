/**
 * A chart as a PNG image (browser only): the standalone SVG text (serializeSvg, with concrete colours and a
 * background) is loaded into an <img>, drawn on a canvas `scale` times the chart's size, and encoded as PNG.
 */
import { serializeSvg, type SerializeSvgOptions } from '../../charts/export/serializeSvg.ts';

/** The PNG's pixel size: the chart's width × height (its attributes, else its viewBox) times `scale`, rounded. */
export function pngSize(svg: SVGSVGElement, scale = 2): { readonly width: number; readonly height: number } {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`invalid scale: ${scale}`);
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const w = Number(svg.getAttribute('width')) || box[2];
  const h = Number(svg.getAttribute('height')) || box[3];
  if (!(w > 0) || !(h > 0)) throw new RangeError('invalid chart size: the svg needs width and height or a viewBox');
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}

/** Renders the chart to a PNG Blob at `scale` × its size (default 2, for sharp print), on a white background. */
export async function svgToPng(svg: SVGSVGElement, scale = 2, options: SerializeSvgOptions = {}): Promise<Blob> {
  const { width, height } = pngSize(svg, scale);
  const text = serializeSvg(svg, { background: 'white', ...options });
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image(width, height);
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('svgToPng: the browser could not load the chart as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('svgToPng: no 2D canvas');
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('svgToPng: PNG encoding failed'))), 'image/png');
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}
