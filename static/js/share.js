// Share boxes (templates/includes/share.html): small progressive enhancements.
// Without this file the plain links (email, text message, WhatsApp, ...) and
// the address to copy by hand still work.
(function () {
  "use strict";

  // "Copy link" buttons: shown only when the Clipboard API is available. The
  // status words come from the page (data-text-*), in its language.
  document.querySelectorAll(".petition-share [data-copy-target]").forEach(function (button) {
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
          if (status) { status.textContent = status.getAttribute("data-text-copied") || "Link copied."; }
        },
        function () {
          input.select();
          if (status) { status.textContent = status.getAttribute("data-text-copy-failed") || "Select the link above and copy it."; }
        }
      );
    });
  });

  // "Share…": the phone's own share sheet (Web Share API), only where it exists.
  document.querySelectorAll("[data-share-native]").forEach(function (button) {
    if (typeof navigator.share !== "function") {
      return;
    }
    var data = {
      title: button.getAttribute("data-share-title") || document.title,
      text: button.getAttribute("data-share-text") || "",
      url: button.getAttribute("data-share-url") || window.location.href
    };
    if (typeof navigator.canShare === "function" && !navigator.canShare(data)) {
      return;
    }
    button.hidden = false;
    var box = button.closest(".petition-share__native");
    if (box) { box.hidden = false; }
    button.addEventListener("click", function () {
      navigator.share(data).catch(function () {
        // Closed without sharing, or not allowed: the links below still work.
      });
    });
  });
})();
