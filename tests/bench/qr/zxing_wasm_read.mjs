// Reads every PGM picture of a directory with ZXing-C++ 3.x (npm zxing-wasm,
// run under node) the way a new user would: QR only, its default thorough
// options (try harder, rotate, invert, downscale). Prints one JSON object:
// per picture the texts read and the milliseconds of readBarcodes (median of
// the repeats; the PGM parsing and grey-to-RGBA copy are not counted).
// usage: node zxing_wasm_read.mjs NODE_MODULES_DIR PICTURE_DIR [REPEATS]
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const [modules, dir, repeatsArg] = process.argv.slice(2);
const repeats = Number(repeatsArg ?? 1);
const require = createRequire(join(modules, "noop.js"));
const zxing = require("zxing-wasm/reader");
const wasm = readFileSync(join(modules, "zxing-wasm/dist/reader/zxing_reader.wasm"));
await zxing.prepareZXingModule({ overrides: { wasmBinary: wasm }, fireImmediately: true });

function readPgm(file) {
  const bytes = readFileSync(file);
  // "P5\n<w> <h>\n255\n" as qr-test-set writes it.
  const header = bytes.subarray(0, 40).toString("latin1").split(/\s+/);
  const width = Number(header[1]), height = Number(header[2]);
  const offset = bytes.length - width * height;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = bytes[offset + i];
    rgba[4 * i] = v; rgba[4 * i + 1] = v; rgba[4 * i + 2] = v; rgba[4 * i + 3] = 255;
  }
  return { data: rgba, width, height, colorSpace: "srgb" };
}

const options = { formats: ["QRCode"] };
const out = { version: zxing.ZXING_WASM_VERSION, zxing_cpp_commit: zxing.ZXING_CPP_COMMIT, pictures: {} };
// The first call compiles and instantiates the module: keep it out of the figures.
await zxing.readBarcodes({ data: new Uint8ClampedArray(64 * 64 * 4), width: 64, height: 64 }, options);
for (const name of readdirSync(dir).filter((f) => f.endsWith(".pgm")).sort()) {
  const image = readPgm(join(dir, name));
  const times = [];
  let texts = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    const results = await zxing.readBarcodes(image, options);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    texts = results.filter((x) => x.isValid).map((x) => x.text);
  }
  times.sort((a, b) => a - b);
  out.pictures[name.replace(/\.pgm$/, "")] = { texts, ms: times[Math.floor(times.length / 2)] };
}
process.stdout.write(JSON.stringify(out) + "\n");
