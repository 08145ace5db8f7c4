#!/usr/bin/env node
// Generates the PWA PNG icons in public/ without any image tooling:
// a rounded teal square with a white "ledger" glyph (three bars), encoded
// with node:zlib. Deterministic output, so re-running yields identical bytes.
//   node scripts/gen-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public');
mkdirSync(outDir, { recursive: true });

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

const BG = [0x0f, 0x76, 0x6e]; // teal-700, matches manifest theme_color #0f766e
const FG = [0xff, 0xff, 0xff];

/** maskable-safe design: glyph stays inside the central 60% */
function pixel(x, y, size, full) {
  const u = (x + 0.5) / size;
  const v = (y + 0.5) / size;
  // rounded-square background (full-bleed when `full` for maskable use)
  const r = 0.18;
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  const inBg = full || (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
  if (!inBg) return null;
  const bars = [
    [0.3, 0.34, 0.7],
    [0.47, 0.51, 0.7],
    [0.64, 0.68, 0.55],
  ];
  for (const [y0, y1, x1] of bars) if (v >= y0 && v < y1 && u >= 0.3 && u < x1) return FG;
  return BG;
}

function png(size, full = false) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  let o = 0;
  for (let y = 0; y < size; y++) {
    raw[o++] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const p = pixel(x, y, size, full);
      raw[o++] = p ? p[0] : 0;
      raw[o++] = p ? p[1] : 0;
      raw[o++] = p ? p[2] : 0;
      raw[o++] = p ? 255 : 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const files = {
  'pwa-192x192.png': png(192),
  'pwa-512x512.png': png(512),
  'maskable-512x512.png': png(512, true),
  'apple-touch-icon.png': png(180, true),
};
for (const [name, buf] of Object.entries(files)) {
  writeFileSync(join(outDir, name), buf);
  console.log(`wrote public/${name} (${buf.length} bytes)`);
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="11.5" fill="#0f766e"/>
  <rect x="19.2" y="19.2" width="25.6" height="2.56" fill="#fff"/>
  <rect x="19.2" y="30.1" width="25.6" height="2.56" fill="#fff"/>
  <rect x="19.2" y="41" width="16" height="2.56" fill="#fff"/>
</svg>
`;
writeFileSync(join(outDir, 'favicon.svg'), svg);
console.log('wrote public/favicon.svg');
