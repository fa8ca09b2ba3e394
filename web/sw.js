// trivsel's service worker: serves the app shell offline.
//
// This file is a template. At build time web/build-sw.mjs (a Trunk post_build
// hook) writes it into dist/ with PRECACHE naming the hashed files of that
// build and VERSION derived from their contents. A new build therefore gets a
// new cache; the old one is removed when the new worker activates. A new
// worker waits until the app asks it to take over (the counsellor taps
// "Opdatér"), so an update never reloads the page in the middle of a
// questionnaire. Only same-origin GET requests are ever handled.
//
// Every path is relative to the worker's own URL, so the app works from any
// path of its server: the root, or a sub-path such as /trivsel/.

const VERSION = '__VERSION__';
const CACHE = `trivsel-${VERSION}`;
// Relative to this file, as cache.addAll and caches.match resolve them.
const PRECACHE = __PRECACHE__;
// The app's root path, where this worker is ("/" or "/trivsel/").
const ROOT = new URL('./', self.location).pathname;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('trivsel-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The evaluator's page has its own bundle and is not part of the offline app.
  if (url.pathname.startsWith(`${ROOT}evaluator/`)) return;
  if (request.mode === 'navigate') {
    // The export page is its own shell; every other page of the app is the app's.
    const shell = url.pathname.startsWith(`${ROOT}eksport/`) ? 'eksport/index.html' : 'index.html';
    event.respondWith(caches.match(shell, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
});
