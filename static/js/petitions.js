// Petition pages: small progressive enhancements. Everything works without it.
(function () {
  "use strict";

  // "Copy link" buttons: shown only when the Clipboard API is available.
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.closest(".petition-share__copy");
    status = status ? status.querySelector("[data-copy-status]") : null;
    if (!input || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(
        function () {
          if (status) { status.textContent = "Link copied."; }
        },
        function () {
          input.select();
          if (status) { status.textContent = "Select the link above and copy it."; }
        }
      );
    });
  });

  // Move focus to the error summary so screen reader users hear the problems.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
