// Admin: refresh a delivery packet build's progress from its JSON status endpoint
// (templates/admin/petitions/petition/delivery_status.html). No inline script (CSP).
(function () {
  "use strict";
  var root = document.querySelector("[data-delivery-status-url]");
  if (!root) return;
  var url = root.getAttribute("data-delivery-status-url");
  var bar = root.querySelector("progress");
  function field(name) { return root.querySelector('[data-delivery-field="' + name + '"]'); }
  function number(n) { return Number(n || 0).toLocaleString("en-US"); }

  function show(data) {
    root.setAttribute("data-status", data.status);
    bar.max = Math.max(data.total, 1);
    bar.value = data.status === "done" ? bar.max : data.done;
    bar.textContent = data.percent + "%";
    var label = field("status_label");
    if (label.textContent !== data.status_label) label.textContent = data.status_label;
    field("counts").textContent = number(data.done) + " of " + number(data.total) +
      " signers · " + data.states_done + " of " + data.states_total + " states";
    var message = field("message");
    message.textContent = data.message;
    message.hidden = !data.message;
    message.classList.toggle("errornote", data.status === "failed");
    var download = field("download");
    if (data.download_url) {
      download.querySelector("a").href = data.download_url;
      download.hidden = false;
    }
    var hint = field("hint");
    if (hint && !data.active) hint.hidden = true;
  }

  var delay = 1000;
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        delay = 1000;
        show(data);
        if (data.active) window.setTimeout(poll, delay);
      })
      .catch(function () {
        // The server may be restarting: back off, keep trying.
        delay = Math.min(delay * 2, 15000);
        window.setTimeout(poll, delay);
      });
  }
  if (root.getAttribute("data-status") === "pending" || root.getAttribute("data-status") === "running") {
    window.setTimeout(poll, 500);
  }
})();
