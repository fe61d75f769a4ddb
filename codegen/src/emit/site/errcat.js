// The index's search and filters. The codes arrive as JSON data in the page
// (parsing data is far cheaper than laying out ten thousand table rows);
// each filter scans a precomputed lowercase text per code and renders only
// the first rows that match, appending more as the reader scrolls.
(function () {
  "use strict";
  var table = document.getElementById("errcatCodes");
  var dataElement = document.getElementById("errcatIndex");
  if (!table || !dataElement) return;
  var data = JSON.parse(dataElement.textContent);
  var rows = data.rows;
  var categories = data.categories;
  var classes = data.classes || [];
  var n = rows.length;
  var tbody = table.tBodies[0];
  var q = document.getElementById("errcatSearch");
  var status = document.getElementById("errcatStatus");
  var category = document.getElementById("errcatCategory");
  // Only in a catalog with classes, or with tags.
  var classFilter = document.getElementById("errcatClass");
  var tagFilter = document.getElementById("errcatTag");
  var count = document.getElementById("errcatCount");
  var none = document.getElementById("errcatNone");
  var more = document.getElementById("errcatMore");
  // Rows rendered per step: a few screens, cheap to build at any size.
  var STEP = 200;

  var CODE = 0, ANCHOR = 1, STATUS = 2, CATEGORY = 3, SUMMARY = 4, TODO = 5, ALIASES = 6, STATE = 7,
    CLASS = 8, TAGS = 9;

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The what-to-do cell is HTML made by errcat; its text is what people
  // search, so tags go and the entities errcat writes are decoded.
  function text(html) {
    return html.replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot|#39);/g, function (_, e) {
      return { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" }[e];
    });
  }

  // The text each row is searched by, built after the first paint (or by
  // the first search, if that comes sooner): at 10,000 rows it takes
  // longer than painting the first rows.
  var haystack = null;
  function searchable() {
    if (haystack) return haystack;
    haystack = new Array(n);
    for (var i = 0; i < n; i++) {
      var r = rows[i];
      var cls = classes[r[CLASS]];
      haystack[i] = [r[CODE], r[ALIASES], r[STATUS], categories[r[CATEGORY]][0], r[SUMMARY], text(r[TODO]),
        cls ? cls[0] + " " + cls[1] : "", (r[TAGS] || []).join(" ")]
        .join(" ").toLowerCase();
    }
    return haystack;
  }

  function rowHtml(r) {
    var href = categories[r[CATEGORY]][1] + ".html#" + r[ANCHOR];
    return "<tr id=\"" + esc(r[ANCHOR]) + "\" data-status=\"" + esc(r[STATUS]) + "\" data-category=\"" + r[CATEGORY] + "\"" +
      (r.length > CLASS ? " data-class=\"" + r[CLASS] + "\" data-tags=\"" + esc(r[TAGS].join(" ")) + "\"" : "") +
      (r[STATE] ? " class=\"" + r[STATE] + "\"" : "") + ">" +
      "<td><a href=\"" + esc(href) + "\"><code>" + esc(r[CODE]) + "</code></a>" +
      (r[ALIASES] ? "<small>also " + esc(r[ALIASES]) + "</small>" : "") + "</td>" +
      "<td>" + esc(r[STATUS]) + "</td><td>" + esc(categories[r[CATEGORY]][0]) + "</td>" +
      "<td>" + esc(r[SUMMARY]) + "</td><td>" + r[TODO] + "</td></tr>";
  }

  var matches = [];
  var shown = 0;

  function showUpTo(limit) {
    limit = Math.min(limit, matches.length);
    if (limit <= shown) return;
    var html = "";
    for (var i = shown; i < limit; i++) html += rowHtml(rows[matches[i]]);
    tbody.insertAdjacentHTML("beforeend", html);
    shown = limit;
    var rest = matches.length - shown;
    more.hidden = rest === 0;
    more.textContent = rest + " more below; scroll or click to show them.";
  }

  function matchesStatus(value, wanted) {
    if (!wanted) return true;
    if (wanted === "4xx" || wanted === "5xx") return String(value).charAt(0) === wanted.charAt(0);
    return String(value) === wanted;
  }

  function apply() {
    var terms = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wantedStatus = status ? status.value : "";
    var wantedCategory = category.value;
    var wantedClass = classFilter ? classFilter.value : "";
    var wantedTag = tagFilter ? tagFilter.value : "";
    matches = [];
    for (var i = 0; i < n; i++) {
      var r = rows[i];
      var ok = matchesStatus(r[STATUS], wantedStatus) &&
        (!wantedCategory || String(r[CATEGORY]) === wantedCategory) &&
        (!wantedClass || String(r[CLASS]) === wantedClass) &&
        (!wantedTag || (r[TAGS] || []).indexOf(wantedTag) !== -1);
      for (var t = 0; ok && t < terms.length; t++) ok = searchable()[i].indexOf(terms[t]) !== -1;
      if (ok) matches.push(i);
    }
    tbody.textContent = "";
    shown = 0;
    more.hidden = true;
    showUpTo(STEP);
    count.textContent = matches.length === n ? n + " codes" : matches.length + " of " + n + " codes";
    none.hidden = matches.length !== 0;
  }

  // `index.html#rate_limited` (a code's default docs URL) shows that code's
  // row. A row far down the list is not rendered yet; rather than render
  // thousands of rows to reach it, the search is set to the code.
  function revealHash() {
    var anchor = decodeURIComponent(location.hash.slice(1));
    if (!anchor) return;
    var position = -1;
    for (var i = 0; i < matches.length; i++) {
      if (rows[matches[i]][ANCHOR] === anchor) { position = i; break; }
    }
    if (position === -1 || position >= shown) {
      var index = -1;
      for (var j = 0; j < n; j++) {
        if (rows[j][ANCHOR] === anchor) { index = j; break; }
      }
      if (index === -1) return;
      q.value = rows[index][CODE];
      if (status) status.value = "";
      category.value = "";
      if (classFilter) classFilter.value = "";
      if (tagFilter) tagFilter.value = "";
      apply();
    }
    var row = document.getElementById(anchor);
    if (row) {
      row.classList.add("target");
      row.scrollIntoView({ block: "center" });
    }
  }

  var timer = 0;
  q.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 60);
  });
  if (status) status.addEventListener("change", apply);
  category.addEventListener("change", apply);
  if (classFilter) classFilter.addEventListener("change", apply);
  if (tagFilter) tagFilter.addEventListener("change", apply);
  more.addEventListener("click", function () { showUpTo(shown + STEP); });
  if ("IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      if (entries[0].isIntersecting) showUpTo(shown + STEP);
    }, { rootMargin: "600px" }).observe(more);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== q) {
      event.preventDefault();
      q.focus();
    }
  });
  window.addEventListener("hashchange", revealHash);

  // `index.html?q=rate` opens with a search applied, for links in chats and
  // tickets.
  q.value = new URLSearchParams(location.search).get("q") || "";
  apply();
  revealHash();
  (window.requestIdleCallback || setTimeout)(searchable);
})();
