// Drives the generated docs site in headless Chromium:
//   node check.mjs <site dir> <code> <screenshot dir> [<10k-code site dir> [<class site dir>]]
// Checks that searching for <code> shows its row and no row that does not match, that
// the status and category filters work (and in the large index, whose codes
// have classes and tags, the class and tag filters), that the code's link lands on its
// entry (the :target, inside the viewport), and that no page logs an error.
// Saves screenshots, and with a fourth argument measures load and filter time
// of a large index. A fifth is a site classified by class (a catalog whose
// transport is not HTTP, with class `42`): it has no status menu, its class
// menu and first column show classes, and entries show `Class 42`. Prints one JSON line with the measurements; any failed
// check throws, which exits non-zero with the reason.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
// The repository's pinned tools, which the Rust test names.
const toolsDir = process.env.ERRCAT_TOOLS_DIR;
const { chromium } = require(path.join(toolsDir, "node_modules/playwright-core"));

const [siteDir, code, shotDir, bigDir, classDir] = process.argv.slice(2);
if (!siteDir || !code || !shotDir) {
  throw new Error("usage: node check.mjs <site dir> <code> <screenshot dir> [<big site dir>]");
}
const anchor = code.toLowerCase();

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const problems = [];
const result = {};
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()}`));

  await page.goto(pathToFileURL(path.join(siteDir, "index.html")).href);
  const rows = page.locator("#errcatCodes tbody tr");
  const total = await rows.count();
  check(total > 1, `the index has ${total} rows`);
  check((await page.locator("#errcatCount").textContent()) === `${total} codes`, "the count is wrong");

  // Search: the code's row stays, and every row left mentions the query.
  await page.locator("#errcatSearch").fill(code);
  await page.waitForFunction((n) => document.querySelectorAll("#errcatCodes tbody tr").length < n, total);
  const visible = await rows.evaluateAll((all) => all.map((r) => r.id));
  check(visible.includes(anchor), `searching ${code} hid its row: ${visible}`);
  const stray = await rows.evaluateAll(
    (all, q) => all.filter((r) => !r.textContent.toLowerCase().includes(q)).map((r) => r.id), code.toLowerCase());
  check(stray.length === 0, `rows shown that do not match: ${stray}`);
  result.search = { query: code, shown: visible.length, total };
  check((await page.locator("#errcatCount").textContent()) === `${visible.length} of ${total} codes`, "the count is wrong");
  await page.screenshot({ path: path.join(shotDir, "site-search.png"), fullPage: false });

  // Filters: 5xx shows only server errors; a category shows only its rows.
  await page.locator("#errcatSearch").fill("");
  await page.locator("#errcatStatus").selectOption("5xx");
  const statuses = await rows.evaluateAll((all) => all.map((r) => r.dataset.status));
  check(statuses.length > 0 && statuses.every((s) => s.startsWith("5")), `5xx filter shows ${statuses}`);
  await page.locator("#errcatStatus").selectOption("");
  await page.locator("#errcatCategory").selectOption("1");
  const categories = await rows.evaluateAll((all) => all.map((r) => r.dataset.category));
  check(categories.length > 0 && categories.every((c) => c === "1"), `category filter shows ${categories}`);
  await page.locator("#errcatCategory").selectOption("");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shotDir, "site-index.png"), fullPage: false });

  // The code's link lands on its entry.
  await page.locator(`#${anchor} a`).first().click();
  await page.waitForLoadState("load");
  const landed = await page.evaluate(() => {
    const target = document.querySelector(":target");
    if (!target) return null;
    const box = target.getBoundingClientRect();
    return { id: target.id, top: box.top, height: window.innerHeight, url: location.href };
  });
  check(landed && landed.id === anchor, `the link did not land on #${anchor}: ${JSON.stringify(landed)}`);
  check(landed.top >= 0 && landed.top < landed.height, `#${anchor} is outside the viewport: ${JSON.stringify(landed)}`);
  result.landed = path.basename(new URL(landed.url).pathname) + "#" + landed.id;
  await page.screenshot({ path: path.join(shotDir, "site-entry.png"), fullPage: false });

  if (bigDir) {
    const big = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    big.on("pageerror", (err) => problems.push(`page error (big): ${err.message}`));
    const started = Date.now();
    await big.goto(pathToFileURL(path.join(bigDir, "index.html")).href, { waitUntil: "load" });
    const loadMs = Date.now() - started;
    const rows = parseInt(await big.locator("#errcatCount").textContent(), 10);
    // Time from the input event to the updated count, measured in the page;
    // the search includes the 60 ms typing debounce, the status filter has
    // none.
    const timing = await big.evaluate(async () => {
      const count = document.getElementById("errcatCount");
      const changed = () => new Promise((resolve) => {
        const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
        observer.observe(count, { childList: true, characterData: true, subtree: true });
      });
      const q = document.getElementById("errcatSearch");
      let t0 = performance.now();
      let done = changed();
      q.value = "quota exceeded 77";
      q.dispatchEvent(new Event("input"));
      await done;
      const search = performance.now() - t0;
      await new Promise((r) => requestAnimationFrame(() => r()));
      const searchPainted = performance.now() - t0;
      const status = document.getElementById("errcatStatus");
      t0 = performance.now();
      done = changed();
      q.value = "";
      status.value = "5xx";
      status.dispatchEvent(new Event("change"));
      await done;
      await new Promise((r) => requestAnimationFrame(() => r()));
      const statusPainted = performance.now() - t0;
      return { search, searchPainted, statusPainted, count: count.textContent };
    });
    result.big = { rows, loadMs, ...timing };

    // Its codes have classes and tags: each menu shows only its rows.
    await big.locator("#errcatStatus").selectOption("");
    const bigRows = big.locator("#errcatCodes tbody tr");
    await big.locator("#errcatClass").selectOption("1");
    const classes = await bigRows.evaluateAll((all) => all.map((r) => [r.dataset.class, r.dataset.status]));
    check(classes.length > 0 && classes.every(([c, s]) => c === "1" && s.startsWith("5")),
      `class filter shows ${JSON.stringify(classes.slice(0, 5))}`);
    await big.locator("#errcatClass").selectOption("");
    await big.locator("#errcatTag").selectOption("quota");
    const tags = await bigRows.evaluateAll((all) => all.map((r) => r.dataset.tags));
    check(tags.length > 0 && tags.every((t) => t.split(" ").includes("quota")), `tag filter shows ${tags.slice(0, 5)}`);
    const tagged = await big.locator("#errcatCount").textContent();
    check(tagged === `${rows / 5} of ${rows} codes`, `the tag filter counts ${tagged}`);
    await big.locator("#errcatTag").selectOption("");
    check(loadMs < 1000, `the ${rows}-code index took ${loadMs} ms to load`);
    check(timing.searchPainted < 1000 && timing.statusPainted < 1000, `filtering ${rows} codes is slow: ${JSON.stringify(timing)}`);
    await big.screenshot({ path: path.join(shotDir, "site-10k.png"), fullPage: false });

    // A code's default docs URL is `index.html#anchor`; the last of ten
    // thousand codes must still be shown and scrolled to.
    const last = await big.evaluate(() => {
      const data = JSON.parse(document.getElementById("errcatIndex").textContent);
      return data.rows[data.rows.length - 1][1];
    });
    await big.goto(pathToFileURL(path.join(bigDir, "index.html")).href + "#" + last, { waitUntil: "load" });
    const revealed = await big.evaluate((id) => {
      const row = document.getElementById(id);
      if (!row) return null;
      const box = row.getBoundingClientRect();
      return { top: box.top, height: window.innerHeight, highlighted: row.classList.contains("target") };
    }, last);
    check(revealed && revealed.highlighted && revealed.top >= 0 && revealed.top < revealed.height,
      `index.html#${last} did not reveal its row: ${JSON.stringify(revealed)}`);
    result.big.revealed = last;
  }

  if (classDir) {
    const classed = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    classed.on("pageerror", (err) => problems.push(`page error (classes): ${err.message}`));
    classed.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error (classes): ${msg.text()}`);
    });
    await classed.goto(pathToFileURL(path.join(classDir, "index.html")).href, { waitUntil: "load" });
    check((await classed.locator("#errcatStatus").count()) === 0, "a site classified by class has a status menu");
    const option = await classed.locator("#errcatClass option", { hasText: "42" }).getAttribute("value");
    await classed.locator("#errcatClass").selectOption(option);
    const classRows = await classed.locator("#errcatCodes tbody tr").evaluateAll(
      (all) => all.map((r) => [r.dataset.class, r.dataset.status, r.cells[1].textContent]));
    check(classRows.length > 0 && classRows.every(([c, s, shown]) => c === option && s === "42" && shown === "42"),
      `the class filter shows ${JSON.stringify(classRows.slice(0, 5))}`);
    await classed.locator("#errcatSearch").fill("42P01");
    await classed.waitForFunction(() => document.querySelectorAll("#errcatCodes tbody tr").length === 1);
    await classed.locator(`[id="42p01"] a`).first().click();
    await classed.waitForLoadState("load");
    const badge = await classed.evaluate(() => document.querySelector(":target h2 .status")?.textContent);
    check(badge === "Class 42", `the entry of 42P01 shows ${badge}`);
    result.classes = { rows: classRows.length, badge };
  }
} finally {
  await browser.close();
}
check(problems.length === 0, problems.join("\n"));
console.log(JSON.stringify(result));
