// Builds the dashboard into one folder of static files that `tigris serve`
// serves at / (docs/dashboard.md):
//
//   node web/build.mjs OUT_DIR [NODE_MODULES_DIR]
//
// OUT_DIR gets index.html, app.js (src/main.js and its imports bundled by
// esbuild), style.css, countries-50m.json (world-atlas outlines, loaded by the
// map at run time, so the page works offline) and countries.json (ISO 3166-1
// alpha-3 -> name and numeric id, from Debian's iso-codes, to name countries in
// the picker and find their outlines). NODE_MODULES_DIR is where `npm ci`
// installed package-lock.json's packages (default: web/node_modules).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const [outArg, modulesArg] = process.argv.slice(2);
if (!outArg) {
  console.error('usage: node build.mjs OUT_DIR [NODE_MODULES_DIR]');
  process.exit(1);
}
const outDir = path.resolve(outArg);
const modulesDir = path.resolve(modulesArg || path.join(webDir, 'node_modules'));
if (!existsSync(path.join(modulesDir, 'esbuild'))) {
  console.error(`dashboard: esbuild is not installed in ${modulesDir} (run npm ci in web/)`);
  process.exit(1);
}
const require = createRequire(path.join(modulesDir, 'noop.js'));
const esbuild = require('esbuild');

mkdirSync(outDir, { recursive: true });
await esbuild.build({
  entryPoints: [path.join(webDir, 'src', 'main.js')],
  outfile: path.join(outDir, 'app.js'),
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: ['es2020'],
  nodePaths: [modulesDir],
  logLevel: 'warning',
});
for (const file of ['index.html', 'style.css']) {
  copyFileSync(path.join(webDir, 'src', file), path.join(outDir, file));
}
copyFileSync(path.join(modulesDir, 'world-atlas', 'countries-50m.json'),
             path.join(outDir, 'countries-50m.json'));

// Country names and numeric codes. Without iso-codes the picker shows bare
// codes and the map does not outline the selected countries; say so.
const isoFile = path.join(process.env.ISO_CODES_DIR || '/usr/share/iso-codes/json', 'iso_3166-1.json');
const countries = {};
if (existsSync(isoFile)) {
  for (const c of JSON.parse(readFileSync(isoFile, 'utf8'))['3166-1']) {
    countries[c.alpha_3] = { name: c.common_name || c.name, numeric: c.numeric };
  }
} else {
  console.warn(`dashboard: ${isoFile} is missing (apt-get install iso-codes); countries will show as codes`);
}
writeFileSync(path.join(outDir, 'countries.json'), JSON.stringify(countries));
console.log(`dashboard: built ${outDir}`);
