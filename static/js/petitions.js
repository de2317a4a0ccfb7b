// Petition pages: small progressive enhancements. Everything works without it.
// (The share box's "Copy link" and "Share…" buttons: static/js/share.js.)
(function () {
  "use strict";

  // Move focus to the error summary so screen reader users hear the problems.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
