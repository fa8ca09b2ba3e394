// Opens the counsellor's screens, a bundle of their own, in this page once
// the PIN is right, so the tablet's first load carries only the young
// person's screens and the lock. The bundle's entry has a fixed name
// (radgiver/entry.js, written at build time) that re-exports its hashed
// files; it is resolved against the page, so a deployment under a sub-path
// works too. `keys` is the first page's object of WebCrypto keys: passed by
// reference to the other wasm module in this same page, never serialised.
export async function openCounsellor(handoff, keys) {
  const url = new URL('radgiver/entry.js', document.baseURI);
  const bundle = await import(url.href);
  await bundle.default({ module_or_path: bundle.wasm });
  bundle.mount_counsellor(handoff, keys);
}
