// Times the docs site's index against a baseline page in headless Chromium:
//   node site.mjs <errcat index.html> <baseline index.html> <runs>
// Both pages have #errcatSearch (search), #errcatStatus (a select with "5xx") and #errcatCount
// (rewritten by every filter). Prints one line per measurement,
// `<name> <errcat ms> <baseline ms>`, each the median of <runs> fresh pages.
// The driver (site.rs) owns what the figures mean; this only measures.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const here = path.dirname(new URL(import.meta.url).pathname);
const tools = path.resolve(here, "../../../tools/node_modules");
const { chromium } = createRequire(import.meta.url)(path.join(tools, "playwright-core"));

const [errcatPage, baselinePage, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
// A code and its neighbours (…_7, …_70, …_700): one term, so errcat's
// every-term search and the baseline's substring search match alike.
const QUERY = "bucket_not_found_7";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// Load: navigation start to the first frame painted after the load event
// (a task queued from the frame's rAF runs once that frame is drawn).
const PAINTED_AFTER_LOAD = () => addEventListener("load", () =>
  requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now(); })));

// Filter: from the event to the first frame painted after #errcatCount changes.
function filter([kind, query]) {
  return new Promise((resolve) => {
    const count = document.getElementById("errcatCount");
    const q = document.getElementById("errcatSearch");
    const status = document.getElementById("errcatStatus");
    // A page whose filter never updates the count fails rather than hangs.
    setTimeout(() => resolve(NaN), 10000);
    const t0 = performance.now();
    new MutationObserver((_, observer) => {
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
    }).observe(count, { childList: true, characterData: true, subtree: true });
    if (kind === "status") {
      status.value = "5xx";
      status.dispatchEvent(new Event("change"));
    } else {
      q.value = query;
      q.dispatchEvent(new Event("input"));
    }
  });
}

async function measure(file) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (err) => errors.push(err.message));
  await page.addInitScript(PAINTED_AFTER_LOAD);
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await page.waitForFunction(() => window.__painted !== undefined);
  const load = await page.evaluate(() => window.__painted);
  const count = await page.locator("#errcatCount").textContent();
  const status = await page.evaluate(filter, ["status"]);
  // Back to every row before searching, so both searches start alike.
  await page.evaluate(() => {
    const status = document.getElementById("errcatStatus");
    status.value = "";
    status.dispatchEvent(new Event("change"));
  });
  const search = await page.evaluate(filter, ["search", QUERY]);
  await page.close();
  if (errors.length) throw new Error(`${file}: ${errors.join("; ")}`);
  if (Number.isNaN(status) || Number.isNaN(search)) throw new Error(`${file}: a filter did not update #errcatCount`);
  return { load, status, search, count };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const samples = { errcat: [], baseline: [] };
  for (let i = 0; i < runs; i++) {
    // Alternate, so a burst of load elsewhere hits both pages alike.
    samples.errcat.push(await measure(errcatPage));
    samples.baseline.push(await measure(baselinePage));
  }
  const [a, b] = [samples.errcat[0].count, samples.baseline[0].count];
  if (a !== b) throw new Error(`the pages disagree on the row count: ${a} vs ${b}`);
  console.log(`rows ${parseInt(a, 10)}`);
  for (const name of ["load", "status", "search"]) {
    const [e, s] = [samples.errcat, samples.baseline].map((xs) => median(xs.map((x) => x[name])));
    console.log(`${name} ${e.toFixed(1)} ${s.toFixed(1)}`);
  }
} finally {
  await browser.close();
}
