// Draws media/icon.png, the 128×128 icon of the extension's gallery page: the activity-bar mark
// (media/claude.svg: eight rays round a ring) in white on a rounded terracotta square. Shapes are
// distances to lines and circles, sampled 4×4 times per pixel; the PNG is written with node:zlib.
// Usage: node scripts/drawIcon.mjs [size] (128 unless given).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = Number(process.argv[2] ?? 128);
const SAMPLES = 4;
const BACKGROUND = [0xc1, 0x5f, 0x3c]; // terracotta
const INK = [0xff, 0xff, 0xff];

/** The mark in the SVG's 24-unit box: rays from 3 to 7 units out on the axes, and on the diagonals. */
const RAYS = [
  [12, 3, 12, 7], [12, 17, 12, 21], [3, 12, 7, 12], [17, 12, 21, 12],
  [5.6, 5.6, 8.4, 8.4], [15.6, 15.6, 18.4, 18.4], [5.6, 18.4, 8.4, 15.6], [15.6, 8.4, 18.4, 5.6],
];
const STROKE = 1.9; // a little bolder than the 1.6 of the 24 px glyph: the icon is seen small
const RING = 2.4;

function segmentDistance(px, py, [x1, y1, x2, y2]) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** True where the point (in the 24-unit box, with margin) is ink. */
function inMark(x, y) {
  const half = STROKE / 2;
  if (RAYS.some((ray) => segmentDistance(x, y, ray) <= half)) return true;
  return Math.abs(Math.hypot(x - 12, y - 12) - RING) <= half;
}

/** True inside the rounded square (corner radius 22 % of the side). */
function inTile(u, v) {
  const r = 0.22;
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  return Math.hypot(u - cx, v - cy) <= r;
}

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let tile = 0;
    let ink = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const u = (px + (sx + 0.5) / SAMPLES) / SIZE;
        const v = (py + (sy + 0.5) / SAMPLES) / SIZE;
        if (!inTile(u, v)) continue;
        tile++;
        // The mark fills the middle 76 % of the tile.
        if (inMark(12 + (u - 0.5) * 24 / 0.76, 12 + (v - 0.5) * 24 / 0.76)) ink++;
      }
    }
    const n = SAMPLES * SAMPLES;
    const o = (py * SIZE + px) * 4;
    const share = tile ? ink / tile : 0;
    for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(BACKGROUND[c] * (1 - share) + INK[c] * share);
    rgba[o + 3] = Math.round((255 * tile) / n);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) rgba.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4); // filter 0 per row
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('../media/icon.png', import.meta.url);
writeFileSync(out, png);
console.log(`media/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
