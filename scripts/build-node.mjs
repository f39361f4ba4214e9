// Bundles the Node-side entry points for Node 22 / Electron into dist/ (esbuild).
//   dist/electron/main.cjs     Electron main process     (cjs; electron, better-sqlite3 external)
//   dist/electron/preload.cjs  sandboxed preload         (cjs; only `electron` may stay a require)
//   dist/node/web.js           browser mode              (esm; packages external)
//   dist/node/start.js         `npm start` launcher      (esm)
// An entry whose source file does not exist yet is skipped with a warning. Exits non-zero on
// any build error.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (p) => path.join(root, p);

// ESM output that bundles CommonJS code may call require(); give it one.
const esmRequireBanner = {
  js: [
    "import { createRequire as __rdCreateRequire } from 'node:module';",
    'const require = __rdCreateRequire(import.meta.url);',
  ].join('\n'),
};

const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
  legalComments: 'none',
};

const entries = [
  {
    name: 'main',
    source: 'electron/main/main.ts',
    options: {
      outfile: at('dist/electron/main.cjs'),
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      // Keep in step with electron-builder.yml, which ships only better-sqlite3's node_modules.
      external: ['electron', 'better-sqlite3'],
    },
  },
  {
    name: 'preload',
    source: 'electron/preload/preload.ts',
    // A sandboxed preload can require only `electron` (and a few polyfills): bundle the rest.
    allowedExternals: ['electron'],
    options: {
      outfile: at('dist/electron/preload.cjs'),
      platform: 'browser',
      target: 'chrome120',
      format: 'cjs',
      external: ['electron'],
    },
  },
  {
    name: 'web',
    source: 'electron/web/web.ts',
    options: {
      outfile: at('dist/node/web.js'),
      platform: 'node',
      target: 'node22',
      format: 'esm',
      packages: 'external',
      banner: esmRequireBanner,
    },
  },
  {
    name: 'start',
    source: 'electron/launcher/start.ts',
    options: {
      outfile: at('dist/node/start.js'),
      platform: 'node',
      target: 'node22',
      format: 'esm',
      packages: 'external',
      banner: esmRequireBanner,
    },
  },
];

/** Imports a bundle leaves to runtime require/import, from esbuild's metafile. */
function externalImports(metafile) {
  const found = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports ?? []) if (imp.external) found.add(imp.path);
  }
  return [...found];
}

let failed = false;
for (const entry of entries) {
  if (!existsSync(at(entry.source))) {
    console.warn(`build-node: skipping ${entry.name}: ${entry.source} does not exist yet`);
    continue;
  }
  try {
    const result = await build({ ...common, ...entry.options, entryPoints: [at(entry.source)] });
    if (entry.allowedExternals) {
      const extra = externalImports(result.metafile).filter(
        (p) => !entry.allowedExternals.includes(p),
      );
      if (extra.length > 0) {
        throw new Error(`${entry.name} must not require ${extra.join(', ')} at runtime`);
      }
    }
    console.log(`build-node: ${entry.name} -> ${path.relative(root, entry.options.outfile)}`);
  } catch (err) {
    failed = true;
    // esbuild has already printed its diagnostics; add which entry failed.
    console.error(
      `build-node: ${entry.name} failed: ${err instanceof Error ? err.message.split('\n')[0] : err}`,
    );
  }
}
if (failed) process.exit(1);
