// Opt-out guides: remember ticked steps in this browser (localStorage only,
// never sent anywhere), show progress, filter the guide list live, copy the
// email template. Every page works without this file.
(function () {
  "use strict";

  // Words the page gives in its own language (data-text-<name> attributes,
  // translated in the template); `fallback` is the English.
  function say(el, name, fallback, values) {
    var template = (el && el.getAttribute("data-text-" + name)) || fallback;
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  var KEY = "guides.progress.v1";

  function readAll() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return data && typeof data === "object" ? data : {};
    } catch (e) {
      return {};
    }
  }

  function writeAll(data) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(data));
      return true;
    } catch (e) {
      return false; // storage blocked (private mode): ticks just won't persist
    }
  }

  function ids(el) {
    var raw = el.getAttribute("data-step-ids") || "";
    return raw ? raw.split(",") : [];
  }

  function doneCount(stepIds, ticked) {
    var n = 0;
    stepIds.forEach(function (id) { if (ticked.indexOf(id) !== -1) { n += 1; } });
    return n;
  }

  // ---- One guide page -------------------------------------------------
  function initGuide(guide) {
    var slug = guide.getAttribute("data-slug");
    var stepIds = ids(guide);
    var boxes = Array.prototype.slice.call(guide.querySelectorAll("[data-step-checkbox]"));
    var progress = guide.querySelector("[data-steps-progress]");
    var finished = guide.querySelector("[data-guide-finished]");
    var stored = readAll();
    var ticked = (stored[slug] || []).map(String);

    boxes.forEach(function (box) {
      box.checked = ticked.indexOf(box.value) !== -1;
    });

    // A step for any device shows in both the app and the website group: one
    // step, two boxes with the same value. Each step is stored and counted once.
    function update() {
      var done = [];
      boxes.forEach(function (b) {
        if (b.checked && done.indexOf(b.value) === -1) { done.push(b.value); }
      });
      boxes.forEach(function (b) {
        var li = b.closest("[data-step]");
        if (li) { li.classList.toggle("step--done", b.checked); }
      });
      var all = readAll();
      if (done.length) { all[slug] = done; } else { delete all[slug]; }
      writeAll(all);
      var n = doneCount(stepIds, done);
      var complete = stepIds.length > 0 && n === stepIds.length;
      if (progress) {
        progress.hidden = false;
        progress.textContent = complete
          ? say(guide, "finished", "{n} of {total} steps done. You finished this guide!", { n: n, total: stepIds.length })
          : say(guide, "steps-done", "{n} of {total} steps done", { n: n, total: stepIds.length });
      }
      if (finished) { finished.hidden = !complete; }
    }

    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        boxes.forEach(function (other) {
          if (other.value === box.value) { other.checked = box.checked; }
        });
        update();
      });
    });
    update();
  }

  // ---- Guide list -------------------------------------------------------
  function initIndex() {
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-guide-card]"));
    if (!cards.length) { return; }
    var panel = document.querySelector("[data-guides-progress]");
    var text = document.querySelector("[data-progress-text]");
    var bar = document.querySelector("[data-progress-bar]");
    var clear = document.querySelector("[data-progress-clear]");

    function paintProgress() {
      var stored = readAll();
      var finished = 0;
      cards.forEach(function (card) {
        var stepIds = ids(card);
        var n = doneCount(stepIds, (stored[card.getAttribute("data-slug")] || []).map(String));
        var complete = stepIds.length > 0 && n === stepIds.length;
        if (complete) { finished += 1; }
        card.classList.toggle("guide-card--finished", complete);
        card.querySelector("[data-card-done]").hidden = !complete;
        var partial = card.querySelector("[data-card-partial]");
        partial.hidden = complete || n === 0;
        partial.textContent = say(panel, "steps-done", "{n} of {total} steps done", { n: n, total: stepIds.length });
      });
      if (panel) {
        panel.hidden = false;
        text.textContent = say(panel, "done", "{n} of {total} done", { n: finished, total: cards.length });
        bar.value = finished;
        bar.textContent = say(panel, "bar", "{n} of {total}", { n: finished, total: cards.length });
      }
    }

    if (clear) {
      clear.addEventListener("click", function () {
        try { window.localStorage.removeItem(KEY); } catch (e) { /* ignore */ }
        paintProgress();
      });
    }
    paintProgress();
    // Coming back with the Back button may restore a cached page: repaint.
    window.addEventListener("pageshow", paintProgress);

    var form = document.querySelector("[data-guides-search]");
    var count = document.querySelector("[data-guides-count]");
    var empty = document.querySelector("[data-guides-empty]");
    if (!form) { return; }
    var q = form.querySelector("[name=q]");
    var status = form.querySelector("[name=status]");

    function filter() {
      var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
      var wanted = status.value;
      var shown = 0;
      cards.forEach(function (card) {
        var hay = card.getAttribute("data-search");
        var ok = (!wanted || card.getAttribute("data-status") === wanted) &&
          words.every(function (w) { return hay.indexOf(w) !== -1; });
        card.hidden = !ok;
        if (ok) { shown += 1; }
      });
      var total = cards.length;
      count.textContent = shown === total
        ? say(count, "all", "Showing all {total} guides.", { total: total })
        : say(count, "some", "Showing {n} of {total} guides.", { n: shown, total: total });
      empty.hidden = shown > 0;
    }

    q.addEventListener("input", filter);
    status.addEventListener("change", filter);
  }

  // ---- Copy the email template -----------------------------------------
  function initCopy() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), function (button) {
      var target = document.getElementById(button.getAttribute("data-copy-target"));
      var status = document.querySelector("[data-copy-status]");
      if (!target || !navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(target.textContent).then(function () {
          if (status) { status.textContent = say(status, "copied", "Copied.", {}); }
        }, function () {
          if (status) { status.textContent = say(status, "failed", "Could not copy: please select the text instead.", {}); }
        });
      });
    });
  }

  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
  Array.prototype.forEach.call(document.querySelectorAll("[data-guide]"), initGuide);
  initIndex();
  initCopy();
})();
