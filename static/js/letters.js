/* Letters flow, progressive enhancement only: everything works without it.
   - a live character counter for the story (step 3)
   - "Copy the text" buttons (step 4) */
(function () {
  "use strict";

  // The page's words (data-text-*) with "{name}" placeholders filled in.
  function fill(words, values) {
    Object.keys(values).forEach(function (key) {
      words = words.split("{" + key + "}").join(values[key]);
    });
    return words;
  }

  function storyCounter() {
    var counter = document.getElementById("story-counter");
    if (!counter) return;
    var field = document.getElementById(counter.getAttribute("data-story-counter-for"));
    if (!field) return;
    var max = parseInt(counter.getAttribute("data-max"), 10) || 2000;
    var describedBy = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (describedBy.indexOf(counter.id) === -1) {
      describedBy.push(counter.id);
      field.setAttribute("aria-describedby", describedBy.join(" "));
    }
    // Place the counter right under the textarea.
    field.insertAdjacentElement("afterend", counter);
    var timer = null;
    // Grouped as the server writes numbers in the page's language (1,000 / 1.000).
    var thousands = counter.getAttribute("data-thousands") || ",";
    function number(n) {
      return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
    }
    function render() {
      // Count a line break once, as the server does.
      var used = field.value.replace(/\r\n/g, "\n").length;
      var left = max - used;
      counter.textContent = left >= 0
        ? fill(counter.getAttribute("data-text-left") || "{left} of {max} characters left", { left: number(left), max: number(max) })
        : fill(counter.getAttribute("data-text-over") || "{over} characters over the limit", { over: number(-left) });
      counter.classList.toggle("is-near", left < 100);
    }
    render();
    counter.hidden = false;
    // Screen readers hear the count after a pause in typing, not on every key.
    counter.setAttribute("aria-live", "off");
    field.addEventListener("input", function () {
      render();
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        counter.setAttribute("aria-live", "polite");
        counter.textContent = counter.textContent;
        window.setTimeout(function () { counter.setAttribute("aria-live", "off"); }, 50);
      }, 1200);
    });
  }

  function copyButtons() {
    var buttons = document.querySelectorAll("[data-copy-target]");
    Array.prototype.forEach.call(buttons, function (button) {
      var id = button.getAttribute("data-copy-target");
      var area = document.getElementById(id);
      var status = document.querySelector('[data-copy-status-for="' + id + '"]');
      if (!area) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        function done(ok) {
          var flow = button.closest("[data-text-copied]");
          var copied = (flow && flow.getAttribute("data-text-copied")) || "Copied. Paste it into an email or a contact form.";
          var failed = (flow && flow.getAttribute("data-text-copy-failed")) || "Select the text and copy it yourself (press and hold, then Copy).";
          if (status) status.textContent = ok ? copied : failed;
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(area.value).then(function () { done(true); }, function () {
            area.select();
            done(document.execCommand && document.execCommand("copy"));
          });
        } else {
          area.focus();
          area.select();
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
          done(ok);
        }
      });
    });
  }

  function focusErrors() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    storyCounter();
    copyButtons();
    focusErrors();
  });
})();
