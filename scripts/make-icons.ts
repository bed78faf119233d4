// Draws the app icons in public/ (`npx tsx scripts/make-icons.ts`): the padlock of
// components/ui/logo.tsx, white on an indigo rounded square, rasterised here with 4×4
// supersampling and written as PNG (and a PNG-in-ICO favicon) with node:zlib only — so the icons
// can be rebuilt on a machine without image tools. public/icon.svg is the same drawing as vector.
import fs from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

const INDIGO = [79, 70, 229] as const;
const WHITE = [255, 255, 255] as const;
const OUT = path.resolve(import.meta.dirname, "..", "public");

/** The colour at (x, y) in the 24×24 drawing, or null outside the rounded square. */
function colourAt(x: number, y: number): readonly [number, number, number] | null {
  if (!inRoundedRect(x, y, 0, 0, 24, 24, 5)) return null;
  const keyhole = Math.hypot(x - 12, y - 14.6) <= 1.7 || (x >= 11.35 && x <= 12.65 && y >= 14.6 && y <= 17.6);
  const body = inRoundedRect(x, y, 5, 10.5, 14, 9.5, 2);
  if (body) return keyhole ? INDIGO : WHITE;
  // The shackle: a 2.2-wide stroke along two uprights and a half circle of radius 3.5 at (12, 7.5).
  const half = 1.1;
  const upright = (Math.abs(x - 8.5) <= half || Math.abs(x - 15.5) <= half) && y >= 7.5 && y <= 10.5;
  const arc = y <= 7.5 && Math.abs(Math.hypot(x - 12, y - 7.5) - 3.5) <= half;
  return upright || arc ? WHITE : INDIGO;
}

function inRoundedRect(x: number, y: number, left: number, top: number, width: number, height: number, radius: number): boolean {
  if (x < left || y < top || x > left + width || y > top + height) return false;
  const cx = Math.min(Math.max(x, left + radius), left + width - radius);
  const cy = Math.min(Math.max(y, top + radius), top + height - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

function render(size: number): Buffer {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt(((px + (sx + 0.5) / samples) / size) * 24, ((py + (sy + 0.5) / samples) / size) * 24);
          if (!colour) continue;
          r += colour[0]; g += colour[1]; b += colour[2]; a++;
        }
      }
      const offset = (py * size + px) * 4;
      if (a > 0) [rgba[offset], rgba[offset + 1], rgba[offset + 2]] = [Math.round(r / a), Math.round(g / a), Math.round(b / a)];
      rgba[offset + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return png(size, rgba);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (data: Buffer) => (data.reduce((crc, byte) => CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.concat(Array.from({ length: size }, (_, row) => Buffer.concat([Buffer.from([0]), rgba.subarray(row * size * 4, (row + 1) * size * 4)])));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

/** An .ico holding PNG images (supported by every current browser). */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size % 256, 0);
    entry.writeUInt8(size % 256, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.data)]);
}

fs.mkdirSync(OUT, { recursive: true });
for (const [file, size] of [["icon-192.png", 192], ["icon-512.png", 512], ["apple-touch-icon.png", 180]] as const) fs.writeFileSync(path.join(OUT, file), render(size));
fs.writeFileSync(path.join(OUT, "favicon.ico"), ico([16, 32, 48].map((size) => ({ size, data: render(size) }))));
console.log(`icons written to ${OUT}`);
