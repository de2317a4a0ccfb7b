// Sort the states table in place when a column heading is clicked.
// Without JavaScript the heading links reload the page sorted by the server
// (?sort=...), so this only saves the round trip; the URL is kept in step.
// Each cell carries its sort value in data-sort (blank = no value: kept last).
(function () {
  "use strict";
  var wrap = document.querySelector("[data-states-table]");
  if (!wrap) return;
  var table = wrap.querySelector("table");
  var tbody = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var announcer = document.createElement("p");
  announcer.className = "visually-hidden";
  announcer.setAttribute("role", "status");
  wrap.parentNode.insertBefore(announcer, wrap);

  function valueOf(row, index) {
    return row.cells[index].getAttribute("data-sort") || "";
  }

  function sortBy(index, descending) {
    var key = headers[index].getAttribute("data-sort-key");
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var va = valueOf(a, index), vb = valueOf(b, index);
      var na = valueOf(a, 0), nb = valueOf(b, 0);
      if (va === "" || vb === "") {
        if (va === vb) return na < nb ? -1 : na > nb ? 1 : 0;
        return va === "" ? 1 : -1;  // blanks last, either direction
      }
      var c = va < vb ? -1 : va > vb ? 1 : 0;
      if (descending) c = -c;
      if (c === 0 && index !== 0) c = na < nb ? -1 : na > nb ? 1 : 0;
      return c;
    });
    rows.forEach(function (row) { tbody.appendChild(row); });
    headers.forEach(function (th, i) {
      var link = th.querySelector("a");
      var arrow = link.querySelector(".sort-arrow");
      if (arrow) link.removeChild(arrow);
      var k = th.getAttribute("data-sort-key");
      if (i === index) {
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var span = document.createElement("span");
        span.className = "sort-arrow";
        span.setAttribute("aria-hidden", "true");
        span.textContent = descending ? " \u25BC" : " \u25B2";
        link.appendChild(span);
        link.setAttribute("href", "?sort=" + (descending ? "" : "-") + k + "#states-table");
      } else {
        th.removeAttribute("aria-sort");
        link.setAttribute("href", "?sort=" + k + "#states-table");
      }
    });
    announcer.textContent = "Table sorted by " +
      headers[index].textContent.replace(/[\u25B2\u25BC]/g, "").trim().toLowerCase() +
      ", " + (descending ? "descending" : "ascending") + ".";
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "?sort=" + (descending ? "-" : "") + key + "#states-table");
    }
  }

  headers.forEach(function (th, index) {
    var link = th.querySelector("a");
    if (!link) return;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      sortBy(index, th.getAttribute("aria-sort") === "ascending");
    });
  });
})();
