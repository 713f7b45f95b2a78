// A repeat visit downloads no hashed asset again (./x bench, tools/bench.py).
//
// Opens each page twice in one browser profile, the second time as a new visit (a new tab,
// typed address), and counts the hashed files (`name-<hash>.ext`) the second visit took from
// the network instead of the browser's cache. Prints JSON: {page: {first, again}}.
import { chromium } from "@playwright/test";

const base = process.argv[2];
const pages = process.argv.slice(3);
// Trunk writes the hash in hex without leading zeros: 8 to 16 digits (server/src/http_policy.rs).
const hashed = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
const out = {};
for (const path of pages) {
  // A new profile for each page: its first visit starts with an empty cache.
  const context = await browser.newContext();
  const counts = [];
  for (let visit = 0; visit < 2; visit++) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    let fromNetwork = 0;
    cdp.on("Network.responseReceived", (e) => {
      const url = new URL(e.response.url);
      if (hashed.test(url.pathname) && !e.response.fromDiskCache && !e.response.fromPrefetchCache
        && !e.response.fromServiceWorker && e.response.status === 200) {
        fromNetwork++;
      }
    });
    // Served from memory cache, a file sends no responseReceived; it is not downloaded.
    await page.goto(base + path, { waitUntil: "networkidle" });
    counts.push(fromNetwork);
    await page.close();
  }
  out[path] = { first: counts[0], again: counts[1] };
  await context.close();
}
await browser.close();
console.log(JSON.stringify(out));
