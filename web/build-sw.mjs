// Trunk post_build hook: finishes the build in Trunk's staging directory.
//
// 0. In release builds, minifies wasm-bindgen's JS with terser (Trunk's own
//    minifier cannot parse it and leaves it as it is) and updates its
//    integrity hash in index.html.
// 1. Writes sw.js from the web/sw.js template, with the precache list naming
//    every file of this build (hashed names included, as paths relative to
//    sw.js, so the app serves from any path) and a version derived from their
//    contents.
// 2. Puts the hash of Trunk's inline loader script into the Content-Security-
//    Policy in index.html, so that script is the only inline script allowed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('TRUNK_STAGING_DIR is not set: run this from a Trunk post_build hook');
const here = path.dirname(new URL(import.meta.url).pathname);

const indexPath = path.join(staging, 'index.html');
let index = fs.readFileSync(indexPath, 'utf8');

// 0. Minified JS (first: the hashes below are of the final bytes).
if (process.env.TRUNK_PROFILE === 'release') {
  const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  for (const name of fs.readdirSync(staging).filter((f) => f.endsWith('.js') && f !== 'sw.js')) {
    const file = path.join(staging, name);
    const code = fs.readFileSync(file, 'utf8');
    const { code: small } = await minify(code, { module: true, ecma: 2020, compress: { passes: 2 } });
    const [before, after] = [sri(code), sri(small)];
    if (!index.includes(before)) throw new Error(`index.html has no integrity ${before} for ${name}`);
    index = index.replaceAll(before, after);
    fs.writeFileSync(file, small);
    console.log(`build-sw: ${name}: ${code.length} → ${small.length} bytes (terser)`);
  }
}

// 2. The CSP hash of the loader (it changes index.html's bytes).
const scripts = [...index.matchAll(/<script type="?module"?>([\s\S]*?)<\/script>/g)];
if (scripts.length !== 1) throw new Error(`expected one inline loader script, found ${scripts.length}`);
const loaderHash = createHash('sha256').update(scripts[0][1], 'utf8').digest('base64');
if (!index.includes("'sha256-TRUNK-LOADER'")) throw new Error('index.html lacks the CSP placeholder');
index = index.replace("'sha256-TRUNK-LOADER'", `'sha256-${loaderHash}'`);
fs.writeFileSync(indexPath, index);

// The files of this build, as sorted paths relative to the staging directory
// (sw.js itself left out), and a hash of their names and contents.
const builtFiles = () => {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== 'sw.js') files.push(path.relative(staging, full).split(path.sep).join('/'));
    }
  };
  walk(staging);
  return files.sort();
};
const hashOf = (hash, files) => {
  for (const f of files) hash.update(f).update(fs.readFileSync(path.join(staging, f)));
  return hash.digest('hex').slice(0, 16);
};

const htmlFile = process.env.TRUNK_HTML_FILE ?? 'index.html';

// 3. The counsellor's screens and the export page are part of the offline
//    app too: their builds (after the app's) add their files to the service
//    worker the app's build wrote. The counsellor's screens are opened in the
//    app's page through an entry of a fixed name, radgiver/entry.js, that
//    re-exports their hashed bundle.
const subPages = ['radgiver.html', 'eksport.html'];
if (subPages.includes(path.basename(htmlFile))) {
  const dist = process.env.TRUNK_DIST_DIR;
  if (!dist) throw new Error('TRUNK_DIST_DIR is not set');
  const swPath = path.join(dist, '..', 'sw.js');
  if (!fs.existsSync(swPath)) throw new Error(`${swPath} is missing: build index.html before ${path.basename(htmlFile)}`);
  if (path.basename(htmlFile) === 'radgiver.html') {
    const named = (ext) => fs.readdirSync(staging).find((f) => f.startsWith('trivsel-counsellor') && f.endsWith(ext));
    const [bundle, wasm] = [named('.js'), named('_bg.wasm')];
    if (!bundle || !wasm) throw new Error('radgiver.html built no trivsel-counsellor JS and wasm');
    fs.writeFileSync(
      path.join(staging, 'entry.js'),
      `export { default, mount_counsellor } from './${bundle}';\n` +
        `export const wasm = new URL('./${wasm}', import.meta.url);\n`,
    );
  }
  const own = builtFiles();
  let sw = fs.readFileSync(swPath, 'utf8');
  const listMatch = sw.match(/const PRECACHE = (\[.*\]);/);
  const versionMatch = sw.match(/const VERSION = '([0-9a-f]+)';/);
  if (!listMatch || !versionMatch) throw new Error(`${swPath} has no PRECACHE list or VERSION`);
  // The page's directory beside sw.js ("eksport/"), which its files are relative to.
  const base = `${path.basename(dist)}/`;
  const added = own.map((f) => base + f);
  const list = JSON.parse(listMatch[1]).filter((u) => !u.startsWith(base)).concat(added);
  const version = hashOf(createHash('sha256').update(versionMatch[1]), own);
  sw = sw
    .replace(listMatch[0], `const PRECACHE = ${JSON.stringify(list)};`)
    .replace(versionMatch[0], `const VERSION = '${version}';`);
  fs.writeFileSync(swPath, sw);
  console.log(`build-sw: ${path.basename(htmlFile)}: ${added.length} files added to ${swPath}`);
  process.exit(0);
}

// 1. The service worker: for the tablet app only (the evaluator's page is
//    built separately and is not an offline app).
if (path.basename(htmlFile) !== 'index.html') {
  console.log(`build-sw: ${path.basename(htmlFile)}: CSP hash only`);
  process.exit(0);
}
const files = builtFiles();
const sw = fs
  .readFileSync(path.join(here, 'sw.js'), 'utf8')
  .replace('__VERSION__', hashOf(createHash('sha256'), files))
  .replace('__PRECACHE__', JSON.stringify(files));
fs.writeFileSync(path.join(staging, 'sw.js'), sw);
console.log(`build-sw: ${files.length} files precached; loader hash sha256-${loaderHash}`);
