// Take-action checklist (/act/checklist/): show how many steps of each guide
// this browser has ticked on the guide pages. Reads the same localStorage
// entry as guides.js; nothing is sent anywhere. The page works without this.
(function () {
  "use strict";

  var KEY = "guides.progress.v1";

  function readAll() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return data && typeof data === "object" ? data : {};
    } catch (e) {
      return {};
    }
  }

  function paint() {
    var stored = readAll();
    Array.prototype.forEach.call(document.querySelectorAll("[data-act-checklist] [data-guide-card]"), function (card) {
      var raw = card.getAttribute("data-step-ids") || "";
      var stepIds = raw ? raw.split(",") : [];
      var ticked = (stored[card.getAttribute("data-slug")] || []).map(String);
      var n = stepIds.filter(function (id) { return ticked.indexOf(id) !== -1; }).length;
      var complete = stepIds.length > 0 && n === stepIds.length;
      var done = card.querySelector("[data-card-done]");
      var partial = card.querySelector("[data-card-partial]");
      if (done) { done.hidden = !complete; }
      if (partial) {
        partial.hidden = complete || n === 0;
        partial.textContent = n + " of " + stepIds.length + " steps done";
      }
    });
  }

  paint();
  // Coming back from a guide with the Back button may show a cached page.
  window.addEventListener("pageshow", paint);
})();
