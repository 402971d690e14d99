// Bar charts for the statistics page, from the numbers the page already shows.
(function () {
  "use strict";
  var source = document.getElementById("stats-data");
  if (!source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var rows = data[canvas.dataset.chart] || [];
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r[0].length > 40 ? r[0].slice(0, 38) + "…" : r[0]; }),
        datasets: [{data: rows.map(function (r) { return r[1]; }), backgroundColor: "#0d6efd"}]
      },
      options: {indexAxis: rows.length > 8 ? "y" : "x", animation: false,
                plugins: {legend: {display: false}}, scales: {x: {ticks: {precision: 0}}, y: {ticks: {precision: 0}}}}
    });
  });
})();
