// Charts for the report page and the director's dashboard, from json_script data.
(function () {
  "use strict";
  var source = document.getElementById("plans-chart-data");
  if (!source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var colours = ["#0d6efd", "#6c757d", "#fd7e14", "#198754", "#6f42c1", "#d63384"];
  function draw(canvas, chart, type) {
    if (!chart || !chart.labels || !chart.labels.length) return;
    new Chart(canvas, {
      type: type,
      data: {
        labels: chart.labels,
        datasets: chart.series.map(function (s, i) {
          return {label: s[0], data: s[1], backgroundColor: colours[i % colours.length],
                  borderColor: colours[i % colours.length]};
        })
      },
      options: {animation: false, scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}
    });
  }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var key = canvas.dataset.chart;
    if (key === "trend") draw(canvas, data, "line");
    else draw(canvas, data[key], key === "months" ? "line" : "bar");
  });
})();
