/**
 * An esbuild plugin for the command's bundle (scripts/build-cli.mjs). hdr-histogram-js unpacks
 * its WebAssembly module once per process, base64 then zlib, with base64-js and pako: in
 * JavaScript, cold, that was about 8 % of a whole `kinesim run` of the quickstart (counted in
 * instructions), more than loading the model. Node does both natively with the same bytes out,
 * so in that one file (hdr-histogram-js/dist/wasm/index.js, which calls nothing else of
 * either) the two names resolve to these two functions. The library and the browser
 * playground keep the packages.
 */
const NATIVE = {
  pako: [
    'import { inflateSync } from "node:zlib";',
    "export const inflate = (data) => new Uint8Array(inflateSync(data));",
  ].join("\n"),
  "base64-js": 'export const toByteArray = (text) => new Uint8Array(Buffer.from(text, "base64"));',
};

const UNPACKER = /hdr-histogram-js[\\/]dist[\\/]wasm[\\/]index\.js$/;

export const nativeUnpacking = {
  name: "hdr-histogram-native-unpacking",
  setup(build) {
    build.onResolve({ filter: /^(pako|base64-js)$/ }, (args) =>
      UNPACKER.test(args.importer) ? { path: args.path, namespace: "native-unpacking" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "native-unpacking" }, (args) => ({
      contents: NATIVE[args.path],
      loader: "js",
    }));
  },
};
