// Step 2's "Enter your ZIP code": as soon as five digits are typed, ask this
// site (/letters/zip/<zip>.json, never another service) for the districts and
// legislators, and show them in the aria-live list. Without this file the
// same form works by reloading the page. When this site says "too many
// lookups" (429), the script says so and stops looking up until Retry-After
// has passed: the button then sends the form the no-JS way.
(function () {
  "use strict";

  var ZIP_RE = /^\s*(\d{5})(?:\s*-?\s*\d{4})?\s*$/;

  function init(section) {
    var form = section.querySelector(".zip-form");
    var input = section.querySelector("#zip-input");
    var results = section.querySelector("#zip-results");
    var status = section.querySelector("#zip-status");
    var urlTemplate = section.getAttribute("data-zip-url");
    var state = section.getAttribute("data-zip-state") || "";
    var choose = section.getAttribute("data-zip-choose") === "1";
    if (!form || !input || !results || !urlTemplate || !window.fetch) {
      return;
    }
    // The words come from the page (data-text-*), in the page's language;
    // "{zip}"-style placeholders are filled in here.
    function text(name, fallback, values) {
      var words = section.getAttribute("data-text-" + name) || fallback;
      Object.keys(values || {}).forEach(function (key) {
        words = words.split("{" + key + "}").join(values[key]);
      });
      return words;
    }
    var shown = results.querySelector(".zip-results");
    var current = shown ? shown.getAttribute("data-zip") : "";
    var controller = null;
    var timer = null;
    var pausedUntil = 0; // after a 429: no lookups from here until then

    function paused() {
      return Date.now() < pausedUntil;
    }

    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }

    function summary(data) {
      if (!data.valid) {
        return text("invalid", "That is not a ZIP code.");
      }
      if (!data.found) {
        return text("not-found", "ZIP code {zip} was not found. Choose your district below.", { zip: data.zip });
      }
      if (data.other_state) {
        return text("other-state", "ZIP code {zip} is in {state}.", { zip: data.zip, state: data.other_state.name });
      }
      if (data.districts_unknown) {
        return text("at-large", "Members elected at large for ZIP code {zip}. We cannot tell your district from it: choose your district below.", { zip: data.zip });
      }
      var parts = data.chambers.map(function (c) {
        var n = c.areas;
        return n === 1
          ? text("one-district", "{chamber}: {n} district", { chamber: c.chamber_name, n: n })
          : text("districts", "{chamber}: {n} possible districts", { chamber: c.chamber_name, n: n });
      });
      return text("found", "Legislators for ZIP code {zip}.", { zip: data.zip }) + " " + parts.join(". ") + ".";
    }

    function lookup(zip) {
      if (zip === current) {
        return;
      }
      current = zip;
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      var params = new URLSearchParams({ fragment: "1" });
      if (state) {
        params.set("state", state);
      }
      if (choose) {
        params.set("choose", "1");
      }
      // The campaign and source code the letter is for (hidden fields of the form).
      new URLSearchParams(section.getAttribute("data-zip-carry") || "").forEach(function (value, name) {
        params.set(name, value);
      });
      var url = urlTemplate.replace("00000", encodeURIComponent(zip)) + "?" + params.toString();
      results.setAttribute("aria-busy", "true");
      say(text("looking", "Looking up ZIP code {zip}…", { zip: zip }));
      return window
        .fetch(url, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
          signal: controller ? controller.signal : undefined,
        })
        .then(function (response) {
          if (response.status === 429) {
            return response.json().then(
              function (data) {
                limited(data.retry_after || response.headers.get("Retry-After"), data.error);
              },
              function () {
                limited(response.headers.get("Retry-After"), "");
              }
            );
          }
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          if (!data) {
            return; // the 429, handled above
          }
          if (data.zip !== current) {
            return; // an older answer arriving late
          }
          // Server-rendered by the same template as the no-JS page; no script in it.
          results.innerHTML = data.html || "";
          results.removeAttribute("aria-busy");
          input.removeAttribute("aria-invalid");
          say(summary(data));
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") {
            return;
          }
          results.removeAttribute("aria-busy");
          current = "";
          say(text("failed", "The lookup did not work. Press “Find my legislators” to try again."));
        });
    }

    function limited(seconds, message) {
      var wait = parseInt(seconds, 10);
      pausedUntil = Date.now() + (wait > 0 ? wait : 60) * 1000;
      results.removeAttribute("aria-busy");
      current = "";
      say(
        message ||
          text("limited", "Too many ZIP code lookups from your network just now. Press “Find my legislators” to look it up on the page.")
      );
    }

    input.addEventListener("input", function () {
      var match = ZIP_RE.exec(input.value);
      window.clearTimeout(timer);
      if (!match || paused()) {
        return;
      }
      timer = window.setTimeout(function () {
        lookup(match[1]);
      }, 200);
    });

    form.addEventListener("submit", function (event) {
      var match = ZIP_RE.exec(input.value);
      if (!match || paused()) {
        return; // the page itself looks it up (or says what is wrong with it)
      }
      event.preventDefault();
      window.clearTimeout(timer);
      current = "";
      var pending = lookup(match[1]);
      if (pending) {
        pending.then(function () {
          if (paused()) {
            form.submit(); // limited: the page does the lookup instead
            return;
          }
          var heading = results.querySelector("h4, .zip-message");
          if (heading) {
            heading.setAttribute("tabindex", "-1");
            heading.focus();
          }
        });
      }
    });
  }

  document.querySelectorAll(".zip-lookup[data-zip-url]").forEach(init);
})();
